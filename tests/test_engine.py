from __future__ import annotations

import pytest

from migrator import rulebook
from migrator.convert import convert
from migrator.diagnostics import MigrationError
from migrator.engine import Context, run_rules
from migrator.tree import JsonText, Opaque


def _v1(**options):
    return {
        "inputs": [{"href": "https://in.example/a.psd", "storage": "external"}],
        "options": options or {"actions": [{"href": "https://in.example/a.atn", "storage": "external"}]},
        "outputs": [{"href": "https://out.example/a.psd", "storage": "external", "type": "vnd.adobe.photoshop"}],
    }


def test_opaque_leaves_travel_untouched_to_their_new_place():
    url, out = Opaque("INPUT_URL"), Opaque("OUT_URL")
    body = _v1()
    body["inputs"][0]["href"] = url
    body["outputs"][0]["href"] = out
    result = convert(body, validate=False).body
    assert result["image"]["source"]["url"] is url
    assert result["outputs"][0]["destination"]["url"] is out


def test_action_json_with_opaque_leaves_becomes_json_text():
    radius = Opaque("radius")
    body = _v1(actionJSON=[{"_obj": "gaussianBlur", "radius": radius}])
    content = convert(body, validate=False).body["options"]["actions"][0]["source"]["content"]
    assert isinstance(content, JsonText)
    assert content.value[0]["radius"] is radius


def test_diagnostics_point_at_the_v1_location_after_moves():
    body = _v1()
    body["outputs"][0]["includeMetadata"] = False
    result = convert(body)
    assert [(d.code, d.pointer) for d in result.diagnostics] == [("PS108", "/outputs/0/includeMetadata")]


def test_errors_point_at_the_v1_location():
    body = _v1()
    body["outputs"][0]["type"] = "image/gif"
    with pytest.raises(MigrationError) as raised:
        convert(body)
    assert (raised.value.code, raised.value.pointer) == ("PS104", "/outputs/0/type")


def test_unknown_v1_field_is_an_error_not_a_silent_drop():
    body = _v1()
    body["outputs"][0]["colourSpace"] = "rgb"
    with pytest.raises(MigrationError) as raised:
        convert(body)
    assert raised.value.code == "PS009"
    assert "colourSpace" in raised.value.message
    assert raised.value.pointer == "/outputs/0/colourSpace"


def test_more_than_one_input_is_an_error():
    body = _v1()
    body["inputs"].append({"href": "https://in.example/b.psd", "storage": "external"})
    with pytest.raises(MigrationError, match="exactly one input") as raised:
        convert(body)
    assert raised.value.pointer == "/inputs"


def test_converting_v2_output_again_changes_nothing():
    first = convert(_v1()).body
    snapshot = repr(first)
    again = convert(first)
    assert again.already_v2 and repr(again.body) == snapshot


def test_a_body_that_fits_no_endpoint_is_rejected():
    with pytest.raises(MigrationError) as raised:
        convert({"hello": "world"})
    assert raised.value.code == "PS005"


def test_explicit_endpoint_accepts_short_and_long_names():
    assert convert(_v1(), endpoint="photoshopActions").endpoint.name == "photoshopActions"
    assert convert(_v1(), endpoint="/pie/psdService/photoshopActions").endpoint.name == "photoshopActions"


def test_keys_follow_adobe_example_order():
    result = convert(_v1()).body
    assert list(result) == ["image", "options", "outputs"]
    assert list(result["outputs"][0]) == ["destination", "mediaType"]


def test_run_rules_keeps_object_identity_of_moved_containers():
    family, endpoint = rulebook.find_endpoint("photoshopActions")
    body = _v1()
    action = body["options"]["actions"][0]
    run_rules(body, Context(family, endpoint))
    assert body["options"]["actions"][0] is action

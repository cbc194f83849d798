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


def test_an_endpoint_with_several_recognisers_is_one_endpoint_per_body_shape():
    from migrator.rulebook import Endpoint

    endpoint = Endpoint.model_validate({"name": "x", "v1": "/x", "guide": "g.md", "recognise": [
        {"has": ["/a"]}, {"has": ["/b"], "lacks": ["/c"]}]})
    shapes = endpoint.shapes()
    assert [s.recognise.has for s in shapes] == [("/a",), ("/b",)]
    assert {s.name for s in shapes} == {"x"}
    names = [e.name for _, e in rulebook.all_endpoints()]
    assert names.count("autoStraighten") == 2  # rules/edit.yaml lists two shapes
    body = {"inputs": {"href": "https://in.example/a.jpg", "storage": "external"}, "options": {"uprightMode": "level"},
            "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}]}
    assert convert(body).endpoint.name == "autoStraighten"


def test_a_family_without_a_request_body_is_in_the_map_but_not_converted():
    status = next(f for f in rulebook.endpoint_map() if f.family == "status")
    assert (status.method, status.schema_, status.rules, status.has_body) == ("GET", None, (), False)
    assert status not in rulebook.families()
    assert all(e.name not in {"psdStatus", "lrStatus"} for _, e in rulebook.all_endpoints())


def test_a_bodyless_family_may_hold_no_rules_or_recognisers():
    from pydantic import ValidationError

    from migrator.rulebook import Family

    base = {"family": "f", "v2": "/v2/f", "host": "photoshop-api.adobe.io", "method": "GET", "schema": None, "summary": "s",
            "endpoints": [{"name": "e", "v1": "/e/{id}", "guide": "g.md"}]}
    Family.model_validate(base)
    with pytest.raises(ValidationError):
        Family.model_validate({**base, "endpoints": [{"name": "e", "v1": "/e", "guide": "g.md",
                                                       "recognise": {"has": ["/a"]}}]})
    with pytest.raises(ValidationError):
        Family.model_validate({**base, "method": "POST"})


def test_key_order_paths_that_can_name_the_same_object_are_refused():
    from pydantic import ValidationError

    from migrator.rulebook import Family

    base = {"family": "f", "v2": "/v2/f", "host": "photoshop-api.adobe.io", "schema": "ActionsRequest",
            "summary": "s", "endpoints": [{"name": "e", "v1": "/e", "guide": "g.md"}]}
    Family.model_validate({**base, "key_order": {"/outputs/*": ["a"], "/outputs/*/destination": ["url"]}})
    with pytest.raises(ValidationError, match="can name the same object"):
        Family.model_validate({**base, "key_order": {"/outputs/*": ["a"], "/outputs/0": ["b"]}})


def test_match_url_finds_body_less_endpoints_with_path_parameters():
    family, endpoint = rulebook.match_url("https://image.adobe.io/lrService/status/ab-12?x=1")
    assert (family.v2, endpoint.name) == ("/v2/status/{jobId}", "lrStatus")
    assert rulebook.match_url("https://image.adobe.io/pie/psdService/photoshopActions")[1].name == "photoshopActions"
    assert rulebook.match_url("https://image.adobe.io/pie/psdService/status") is None


def test_a_move_into_a_value_that_is_not_an_object_is_a_coded_error():
    from migrator.rulebook import Move

    rule = Move.model_validate({"code": "PS999", "name": "m", "summary": "s", "rationale": "r", "source": "g.md",
                                "op": "move", "from": "a", "to": "b/c", "examples": [{"v1": {}}]})
    family, endpoint = rulebook.find_endpoint("photoshopActions")
    with pytest.raises(MigrationError) as raised:
        run_rules({"a": 1, "b": "text"}, Context(family, endpoint), rules=(rule,))
    assert (raised.value.code, raised.value.pointer) == ("PS999", "/a")

"""The v1 convenience endpoints (productCrop, splitView, sideBySide, text, depthBlur) against
Adobe's documented v1 → v2 pairs (tests/guide_pairs/execute-actions/, extracted from
convenience-apis/*.md), plus what the pairs do not show: substitution, opaque values,
diagnostics instead of silent drops, recognition, and depthBlur's exit through the CLI."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator import recognise, schemas
from migrator.cli import main
from migrator.convert import convert
from migrator.diagnostics import MigrationError
from migrator.engine import Options
from migrator.resources import data_dir
from migrator.transforms.convenience import KNOWN, NOT_CARRIED
from migrator.tree import JsonText, Opaque

PAIRS = Path(__file__).parent / "guide_pairs" / "execute-actions"
CONVENIENCE = {"productCrop", "splitView", "sideBySide", "depthBlur", "text"}
EVERYTHING = Options(allow_unsupported=True)


def load_pairs(endpoints=CONVENIENCE) -> list:
    """The documented pairs for ``endpoints`` (None: every pair that names a v1 endpoint)."""
    pairs = [json.loads(p.read_text(encoding="utf-8")) | {"file": p.name} for p in sorted(PAIRS.glob("*.json"))]
    return [p for p in pairs if p["v1_endpoint"] and (endpoints is None or endpoint_of(p) in endpoints)]


def endpoint_of(pair: dict) -> str:
    return pair["v1_endpoint"].rsplit("/", 1)[-1]


def published(name: str) -> list:
    return json.loads((data_dir("rules") / "published-actions" / f"{name}.json").read_text(encoding="utf-8"))


def parsed(body: dict) -> dict:
    """The body with each action's stringified `content` parsed, so JSON text compares as data."""
    body = copy.deepcopy(body)
    for action in body.get("options", {}).get("actions", []):
        action["source"]["content"] = json.loads(action["source"]["content"])
    return body


def steps(body: dict) -> list:
    return parsed(body)["options"]["actions"][0]["source"]["content"]


def with_steps(body: dict, new_steps: list) -> dict:
    body = parsed(body)
    body["options"]["actions"][0]["source"]["content"] = new_steps
    return body


# --- Where our output and Adobe's documented v2 body differ, and why. Each entry turns our
# output into the guide's body; the test checks that this, and nothing else, is the difference.

def _guide_elides_the_action(ours: dict, guide: dict) -> dict:
    body = parsed(ours)
    body["options"]["actions"][0]["source"]["content"] = guide["options"]["actions"][0]["source"]["content"]
    return body


def _guide_invents_additional_content_urls(ours: dict, guide: dict) -> dict:
    body = _guide_elides_the_action(ours, guide)
    assert [c["source"]["url"] for c in body["options"]["additionalContents"]] == ["<EDITED_IMAGE_URL>",
                                                                                 "<PRODUCT_LOGO_URL>"]
    body["options"]["additionalContents"] = guide["options"]["additionalContents"]
    return body


def _guide_leaves_out_the_orientation_step(ours: dict, guide: dict) -> dict:
    orientation = [s for s in steps(ours) if s.get("to", {}).get("orientation")]
    assert orientation == [{"_obj": "set", "_target": [{"_property": "textLayer", "_ref": "property"},
                                                       {"_enum": "ordinal", "_ref": "textLayer", "_value": "targetEnum"}],
                            "to": {"_obj": "textLayer", "orientation": {"_enum": "orientation", "_value": "horizontal"}}}]
    return with_steps(ours, [s for s in steps(ours) if s not in orientation])


def _guide_merges_size_and_colour_without_override_fields(ours: dict, guide: dict) -> dict:
    *first_layer, select, size, colour = steps(ours)
    assert size["to"].pop("textOverrideFeatureName") == 808465458
    assert size["to"].pop("typeStyleOperationType") == 3
    size["to"]["color"] = colour["to"]["color"]
    return with_steps(ours, [*first_layer, select, size])


DIFFERENCES = {
    "product-crop--basic-migration.json": (
        "the guide abbreviates the action as `[{...ActionJSON...}]`", _guide_elides_the_action),
    "depth-blur--basic-migration.json": (
        "the guide abbreviates the action as `[{...ActionJSON with default values...}]`", _guide_elides_the_action),
    "side-by-side--basic-migration.json": (
        "the guide abbreviates the action and shows additional-content URLs (s3://after.jpg, s3://logo.png) that "
        "the v1 body does not carry; psmigrate writes the guide's placeholders with a warning",
        _guide_invents_additional_content_urls),
    "text-layer-operations--editing-font-and-color.json": (
        "the v1 body sets text.orientation, which the guide's own field table maps to a `set textLayer` "
        "step; its example leaves that step out", _guide_leaves_out_the_orientation_step),
    "text-layer-operations--multiple-layers.json": (
        "the guide's second layer sets size and colour in one step without textOverrideFeatureName/"
        "typeStyleOperationType, against its field table and its font-and-colour example (one step per "
        "row, size with both fields), which psmigrate follows", _guide_merges_size_and_colour_without_override_fields),
}


def convert_pair(pair: dict):
    return convert(copy.deepcopy(pair["v1"]), endpoint_of(pair), EVERYTHING, validate=not pair["fragment"])


@pytest.mark.parametrize("pair", load_pairs(), ids=lambda p: p["file"])
def test_guide_pair_converts_to_adobes_v2_body(pair):
    result = convert_pair(pair)
    if not pair["fragment"]:
        assert schemas.errors("ActionsRequest", result.body) == []
    if pair["file"] in DIFFERENCES:
        reason, to_guide = DIFFERENCES[pair["file"]]
        assert parsed(result.body) != guide_body(pair), f"the recorded difference is gone: {reason}"
        assert to_guide(result.body, guide_body(pair)) == guide_body(pair), reason
    else:
        assert parsed(result.body) == guide_body(pair)


def guide_body(pair: dict) -> dict:
    body = copy.deepcopy(pair["v2"])
    for action in body.get("options", {}).get("actions", []):
        content = action["source"]["content"]
        action["source"]["content"] = content if re.search(r"\.\.\.", content) else json.loads(content)
    return body


def test_every_convenience_endpoint_has_a_guide_pair():
    assert {endpoint_of(p) for p in load_pairs()} == CONVENIENCE


def test_abbreviated_guide_actions_are_the_published_ones_in_full():
    by_file = {p["file"]: p for p in load_pairs()}
    for elided, full in [("product-crop--basic-migration.json", "product-crop"),
                         ("depth-blur--basic-migration.json", "depth-blur"),
                         ("side-by-side--basic-migration.json", "side-by-side")]:
        assert steps(convert_pair(by_file[elided]).body) == published(full)


@pytest.mark.parametrize("pair", [p for p in load_pairs() if not p["fragment"]], ids=lambda p: p["file"])
def test_converting_the_output_again_changes_nothing(pair):
    first = convert_pair(pair).body
    snapshot = json.dumps(first)
    for endpoint in (None, endpoint_of(pair)):
        again = convert(first, endpoint, EVERYTHING)
        assert again.already_v2 and json.dumps(again.body) == snapshot


@pytest.mark.parametrize("name, guide, line", [
    ("product-crop", "product-crop.md", 73), ("split-view", "split-view.md", 92),
    ("side-by-side", "side-by-side.md", 95), ("depth-blur", "depth-blur.md", 80)])
def test_published_actions_are_adobes_byte_for_byte(reference, name, guide, line):
    text = (reference / "adobe" / "v1-to-v2" / "convenience-apis" / guide).read_text(encoding="utf-8")
    content_line = text.splitlines()[line - 1].strip().rstrip(",")
    adobe = json.loads("{" + content_line + "}")["content"]
    assert json.dumps(published(name), separators=(",", ":"), ensure_ascii=False) == adobe


# --- Recognition. Within execute-actions a body fits at most one endpoint; across families a
# body of ours is never converted silently as another endpoint's (at worst PS006 asks).

def fitting(body: dict, family: str | None = "execute-actions") -> set[str]:
    return {name for name, (f, _) in recognise.candidates(body).items() if family is None or f.family == family}


@pytest.mark.parametrize("pair", [p for p in load_pairs(None) if not p["fragment"]], ids=lambda p: p["file"])
def test_each_guide_body_fits_exactly_its_own_endpoint(pair):
    if endpoint_of(pair) in {"productCrop", "splitView", "sideBySide", "depthBlur"}:
        # Adobe's bodies for these carry only inputs and outputs: nothing to tell them by.
        assert fitting(pair["v1"]) == set()
    else:
        assert fitting(pair["v1"]) == {endpoint_of(pair)}


ENVELOPE = {"inputs": [{"href": "https://in.example/a.jpg", "storage": "external"}],
            "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}]}
OPTIONS_OF = {  # what only each endpoint's v1 body sends (v1 OpenAPI)
    "productCrop": {"unit": "Pixels", "width": 20, "height": 20},  # CropOptions
    "depthBlur": {"blurStrength": 80, "haze": 10},  # DepthBlurDetails
    "text": {"layers": [{"name": "title", "text": {"content": "Hi"}}]},  # TextOptions
}


@pytest.mark.parametrize("endpoint", OPTIONS_OF)
def test_v1_options_name_their_endpoint(endpoint):
    body = ENVELOPE | {"options": OPTIONS_OF[endpoint]}
    assert fitting(body) == {endpoint}
    try:
        assert convert(copy.deepcopy(body), validate=False).endpoint.name == endpoint
    except MigrationError as error:
        # PS129: depthBlur recognised and refused; PS006: a broader recogniser elsewhere also fits.
        assert error.code == "PS129" and endpoint == "depthBlur" or error.code == "PS006" and endpoint in error.candidates


@pytest.mark.parametrize("layers", [
    [{"name": "title", "edit": {}, "type": "textLayer"}],  # documentOperations
    [{"name": "so", "input": {"href": "https://in.example/b.psd"}}],  # smartObject
])
def test_other_layer_edits_are_not_text(layers):
    assert "text" not in fitting(ENVELOPE | {"options": {"layers": layers}}, None)


def test_an_action_list_outranks_convenience_options():
    body = ENVELOPE | {"options": {**OPTIONS_OF["productCrop"], **OPTIONS_OF["text"], "actions": []}}
    assert fitting(body) == {"photoshopActions"}


# --- Substitution and opaque values.

def crop(**options) -> dict:
    return ENVELOPE | {"options": options} if options else dict(ENVELOPE)


def test_product_crop_padding_is_substituted_exactly():
    result = convert(crop(unit="Percent", width=7, height=12.5), "productCrop")
    expected = published("product-crop")
    canvas = next(s for s in expected if s["_obj"] == "canvasSize")
    canvas["width"] = {"_unit": "percentUnit", "_value": 7}
    canvas["height"] = {"_unit": "percentUnit", "_value": 12.5}
    assert steps(result.body) == expected
    assert result.diagnostics == []


def test_product_crop_without_padding_keeps_the_published_default_and_says_so():
    result = convert(crop(), "productCrop")
    assert steps(result.body) == published("product-crop")
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [("PS120", "info")]


def test_opaque_padding_travels_into_the_action_as_json_text():
    width, height = Opaque("padding"), Opaque("padding * 2")
    result = convert(crop(unit="Pixels", width=width, height=height), "productCrop")
    content = result.body["options"]["actions"][0]["source"]["content"]
    assert isinstance(content, JsonText)
    canvas = next(s for s in content.value if s["_obj"] == "canvasSize")
    assert canvas["width"]["_value"] is width and canvas["height"]["_value"] is height


def test_opaque_text_values_travel_into_the_action_as_json_text():
    name, words, red = Opaque("layer_name"), Opaque("headline"), Opaque("r")
    layer = {"name": name, "text": {"content": words, "characterStyles": [{"color": {"red": red, "green": 0, "blue": 0}}]}}
    result = convert(ENVELOPE | {"options": {"layers": [layer]}}, "text")
    content = result.body["options"]["actions"][0]["source"]["content"]
    assert isinstance(content, JsonText)
    select, text, colour = content.value
    assert select["_target"][0]["_name"] is name
    assert text["to"]["textKey"] is words
    assert colour["to"]["color"]["red"] is red


def test_an_opaque_value_that_needs_mapping_stops_with_its_location():
    with pytest.raises(MigrationError) as raised:
        convert(crop(unit=Opaque("unit"), width=1, height=1), "productCrop")
    assert (raised.value.code, raised.value.pointer) == ("PS120", "/options/unit")


# --- Nothing dropped silently.

def text_body(*layers, **options) -> dict:
    return ENVELOPE | {"options": {"layers": list(layers), **options}}


def test_text_fields_without_an_action_equivalent_are_reported_at_their_v1_location():
    layer = {"name": "title", "bounds": {"top": 0, "left": 0, "width": 10, "height": 10}, "locked": True,
             "text": {"rotate": 10, "characterStyles": [{"size": 12, "stylisticAlternates": True}],
                      "paragraphStyles": [{"alignment": "left", "hyphenate": False}]}}
    result = convert(text_body(layer), "text")
    assert sorted((d.code, d.pointer) for d in result.diagnostics) == [
        ("PS124", "/options/layers/0/bounds"), ("PS124", "/options/layers/0/locked"),
        ("PS124", "/options/layers/0/text/characterStyles/0/stylisticAlternates"),
        ("PS124", "/options/layers/0/text/paragraphStyles/0/hyphenate"),
        ("PS124", "/options/layers/0/text/rotate")]
    assert [s["_obj"] for s in steps(result.body)] == ["select", "set", "set"]


@pytest.mark.parametrize("layer, pointer", [
    ({"name": "t", "text": {"characterStyles": [{"colour": {"red": 1}}]}}, "/options/layers/0/text/characterStyles/0/colour"),
    ({"name": "t", "text": {"characterStyles": [{"color": {"red": 300, "green": 0, "blue": 0}}]}},
     "/options/layers/0/text/characterStyles/0/color"),
    ({"name": "t", "text": {"antiAlias": "antiAliasSharp"}}, "/options/layers/0/text/antiAlias"),
    ({"text": {"content": "no name"}}, "/options/layers/0"),
])
def test_text_values_the_guide_cannot_express_stop_the_conversion(layer, pointer):
    with pytest.raises(MigrationError) as raised:
        convert(text_body(layer), "text")
    assert (raised.value.code, raised.value.pointer) == ("PS124", pointer)


def test_text_font_options_move_under_font_options():
    body = text_body({"name": "t", "text": {"content": "x"}}, manageMissingFonts="fail", globalFont="ArialMT",
                     fonts=[{"href": "https://in.example/f.otf", "storage": "external"}])
    options = convert(body, "text").body["options"]
    assert list(options) == ["actions", "fontOptions"]
    assert options["fontOptions"] == {"additionalFonts": [{"source": {"url": "https://in.example/f.otf"}}],
                                      "missingFontStrategy": "fail", "defaultFontPostScriptName": "ArialMT"}


def test_comparison_actions_use_additional_images_the_v1_body_sent():
    images = [{"href": "https://in.example/after.jpg", "storage": "external"},
              {"href": "https://in.example/logo.png", "storage": "external"}]
    result = convert(ENVELOPE | {"options": {"additionalImages": images}}, "splitView")
    assert result.body["options"]["additionalContents"] == [{"source": {"url": "https://in.example/after.jpg"}},
                                                            {"source": {"url": "https://in.example/logo.png"}}]
    assert steps(result.body) == published("split-view")
    assert result.diagnostics == []


def test_comparison_actions_without_the_images_get_placeholders_and_a_warning_each():
    result = convert(copy.deepcopy(ENVELOPE), "sideBySide")
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [("PS122", "warning")] * 2
    assert all(d.fix and "<" in d.fix for d in result.diagnostics)


def test_depth_blur_options_are_reported_not_substituted():
    result = convert(ENVELOPE | {"options": {"blurStrength": 80, "temp": 20}}, "depthBlur", EVERYTHING)
    assert steps(result.body) == published("depth-blur")
    assert [(d.code, d.pointer) for d in result.diagnostics] == [
        ("PS123", ""), ("PS123", "/options/blurStrength"), ("PS123", "/options/temp")]
    assert "spl::slideAperture" in result.diagnostics[1].fix


# --- depthBlur through the CLI.

def run(*args):
    result = CliRunner().invoke(main, ["convert", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("out_flag", ["-o", "--in-place"])
def test_depth_blur_exits_2_and_writes_nothing(tmp_path, out_flag):
    source = tmp_path / "blur.json"
    source.write_text(json.dumps(ENVELOPE | {"options": {"blurStrength": 60}}, indent=2), encoding="utf-8")
    before = source.read_bytes()
    out = tmp_path / "out"
    code, stdout, stderr = run(source, *([out_flag, out] if out_flag == "-o" else [out_flag]), "--endpoint", "depthBlur")
    assert code == 2 and stdout == ""
    assert "PS129 no supported v2 equivalent: Neural Filters are unavailable in v2" in stderr
    assert "--allow-unsupported" in stderr
    assert not out.exists() and source.read_bytes() == before


def test_depth_blur_converts_with_allow_unsupported(tmp_path):
    source = tmp_path / "blur.json"
    source.write_text(json.dumps(ENVELOPE, indent=2), encoding="utf-8")
    out = tmp_path / "v2.json"
    code, _, stderr = run(source, "-o", out, "--endpoint", "depthBlur", "--allow-unsupported")
    assert code == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert schemas.errors("ActionsRequest", written) == []
    assert steps(written) == published("depth-blur")
    assert "PS123" in stderr and "Neural Filters are unavailable" in stderr


ODD_VALUES = [None, True, 5, "x", {}, [], {"red": 1}]


@pytest.mark.parametrize("where", ["characterStyles", "paragraphStyles", "text", "layer"])
def test_odd_text_values_fail_with_a_code_not_a_crash(where):
    fields = {"characterStyles": sorted(KNOWN["characterStyles"] | set(NOT_CARRIED["characterStyles"])),
              "paragraphStyles": ["alignment", "align", "hyphenate"],
              "text": sorted(KNOWN["text"] - {"characterStyles", "paragraphStyles"}),
              "layer": ["name", "id", "visible", "text"]}[where]
    for field in fields:
        for value in ODD_VALUES:
            layer = {"name": "t", "text": {"characterStyles": [{field: value}]}} if where == "characterStyles" else \
                {"name": "t", "text": {"paragraphStyles": [{field: value}]}} if where == "paragraphStyles" else \
                {"name": "t", "text": {field: value}} if where == "text" else {"id": 1, field: value}
            try:
                convert(text_body(layer), "text")
            except MigrationError as error:
                assert error.code in ("PS124", "PS009"), (field, value, error)


@pytest.mark.parametrize("endpoint", ["productCrop", "splitView", "sideBySide", "depthBlur"])
def test_odd_convenience_options_fail_with_a_code_not_a_crash(endpoint):
    for key in ("unit", "width", "height", "blurStrength", "additionalContents", "additionalImages"):
        for value in ODD_VALUES:
            for options in ({key: value}, value):
                try:
                    convert(ENVELOPE | {"options": copy.deepcopy(options)}, endpoint, EVERYTHING)
                except MigrationError as error:
                    assert error.code.startswith("PS"), (key, value, error)

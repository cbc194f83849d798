"""The v2 request schemas shipped under schemas/ and their generator, tools/gen_schemas.py.

* the committed files are exactly what the generator makes from Adobe's spec;
* every file is a valid draft 2020-12 schema with the translation rules applied;
* v2 bodies taken from Adobe's migration guides validate;
* the places where the spec's oneOf branches overlap are strict: each rejection test first
  checks that the unmutated body is valid and then that the error sits where the mutation is.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from migrator.convert import SCHEMA_LIMITS
from migrator.lint.catalog import get as get_rule
from migrator.schemas import _pointer as _pointer_of
from migrator.schemas import iter_errors

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schemas"
GENERATOR = ROOT / "tools" / "gen_schemas.py"

EXPECTED_INDEX = {
    "/v2/create-artboard": "CreateArtboardRequest.json",
    "/v2/create-composite": "CreateCompositeRequest.json",
    "/v2/edit": "EditRequest.json",
    "/v2/execute-actions": "ActionsRequest.json",
    "/v2/generate-manifest": "GenerateManifestRequest.json",
    "/v2/remove-background": "RemoveBackgroundV2Request.json",
}
SCHEMA_FILES = sorted(EXPECTED_INDEX.values())
PHOTOSHOP_OUTPUT_ENDPOINTS = ("/v2/execute-actions", "/v2/create-composite", "/v2/create-artboard")

IN = "https://storage.example.com/in/input.psd"
OUT = "https://storage.example.com/out/output"
ACTION = "https://storage.example.com/actions/set.atn"


@cache
def schema(file_name: str) -> dict:
    return json.loads((SCHEMA_DIR / file_name).read_text(encoding="utf-8"))


@cache
def validator(path: str) -> Draft202012Validator:
    return Draft202012Validator(schema(EXPECTED_INDEX[path]))


def problems(path: str, body) -> list[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in validator(path).iter_errors(body)]


def error_paths(path: str, body) -> set[tuple]:
    """Locations of all errors, including those inside oneOf/anyOf/if-then branches."""
    found = set()
    stack = list(validator(path).iter_errors(body))
    while stack:
        error = stack.pop()
        found.add(tuple(error.absolute_path))
        stack.extend(error.context or ())
    return found


def assert_rejected_at(path: str, valid_body, mutate, where: tuple):
    """valid_body passes; after mutate() it fails, with an error at or below `where`."""
    assert not problems(path, valid_body), "the unmutated body must be valid"
    body = copy.deepcopy(valid_body)
    mutate(body)
    found = error_paths(path, body)
    assert found, "the mutated body must be rejected"
    assert any(p[: len(where)] == where for p in found), f"no error at {where}: {sorted(found)}"


def run_generator(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(GENERATOR), *args], capture_output=True, text=True)


# --------------------------------------------------------------------- (a) regeneration

def test_regenerating_from_the_reference_spec_gives_byte_identical_files(reference, tmp_path):
    result = run_generator("--spec-dir", str(reference / "adobe"), "--out-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    generated = {p.name: p.read_bytes() for p in tmp_path.glob("*.json")}
    committed = {p.name: p.read_bytes() for p in SCHEMA_DIR.glob("*.json")}
    assert sorted(generated) == sorted(committed)
    for name in sorted(generated):
        assert generated[name] == committed[name], f"{name} differs from a fresh generation"


def test_check_mode_accepts_the_committed_files_and_flags_an_edited_copy(reference, tmp_path):
    copy_dir = tmp_path / "schemas"
    shutil.copytree(SCHEMA_DIR, copy_dir)
    spec_dir = str(reference / "adobe")
    assert run_generator("--spec-dir", spec_dir, "--out-dir", str(copy_dir), "--check").returncode == 0
    edited = copy_dir / "ActionsRequest.json"
    edited.write_text(edited.read_text(encoding="utf-8").replace('"maxItems": 10', '"maxItems": 11', 1),
                      encoding="utf-8")
    result = run_generator("--spec-dir", spec_dir, "--out-dir", str(copy_dir), "--check")
    assert result.returncode == 1
    assert "ActionsRequest.json" in result.stderr


# ------------------------------------------------------------- (b) well-formed schemas

def test_index_maps_every_v2_path_to_its_schema_file():
    index = json.loads((SCHEMA_DIR / "index.json").read_text(encoding="utf-8"))
    assert index == EXPECTED_INDEX
    for file_name in index.values():
        assert (SCHEMA_DIR / file_name).is_file()


@pytest.mark.parametrize("file_name", SCHEMA_FILES)
def test_schema_is_a_valid_draft_2020_12_schema(file_name):
    Draft202012Validator.check_schema(schema(file_name))


@pytest.mark.parametrize("file_name", SCHEMA_FILES)
def test_schema_header_names_dialect_id_source_and_deviations(file_name):
    doc = schema(file_name)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["$id"] == f"https://psmigrate.invalid/schemas/{file_name}"
    assert doc["title"] == file_name.removesuffix(".json")
    assert "Generated by tools/gen_schemas.py" in doc["$comment"]
    assert "photoshop-v2-openapi" in doc["$comment"]
    assert doc["x-deviations"], "every schema closes its objects, so it has deviations"
    for item in doc["x-deviations"]:
        assert set(item) == {"id", "where", "spec", "ours", "why"}
        assert all(isinstance(v, str) and v for v in item.values())


def _walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, path + (i,))


@pytest.mark.parametrize("file_name", SCHEMA_FILES)
def test_schema_has_no_openapi_only_keywords_and_only_local_refs(file_name):
    doc = schema(file_name)
    for path, node in _walk(doc):
        if path[-1:] in (("properties",), ("$defs",)):
            continue  # keys here are names, not keywords
        for keyword in ("discriminator", "nullable", "example", "xml", "externalDocs"):
            assert keyword not in node, f"{keyword} at {path}"
        for keyword in ("exclusiveMinimum", "exclusiveMaximum"):
            assert not isinstance(node.get(keyword, 0), bool), f"boolean {keyword} at {path}"
        if "$ref" in node:
            target = node["$ref"]
            assert target.startswith("#/$defs/"), f"non-local $ref at {path}"
            assert target.removeprefix("#/$defs/") in doc["$defs"], target


def _is_dispatcher(node: dict) -> bool:
    """A synthesized selector: its properties only name the selector, its if/then branches
    point at closed kinds."""
    return any(isinstance(part, dict) and "if" in part for part in node.get("allOf", ()))


def _open_objects(node, path=()):
    if isinstance(node, list):
        for i, value in enumerate(node):
            yield from _open_objects(value, path + (i,))
    elif isinstance(node, dict) and not _is_dispatcher(node):
        if "properties" in node and node.get("additionalProperties") is not False:
            yield path
        for key, value in node.items():
            if key != "if":
                yield from _open_objects(value, path + (key,))


@pytest.mark.parametrize("file_name", SCHEMA_FILES)
def test_every_object_with_properties_is_closed(file_name):
    assert list(_open_objects(schema(file_name))) == []


# ----------------------------------------------- (c) v2 bodies from Adobe's guides validate

GUIDE_BODIES = [
    # --- /v2/execute-actions -----------------------------------------------------------
    pytest.param("/v2/execute-actions", {
        "image": {"source": {"url": IN}},
        "options": {"actions": [{"source": {"url": ACTION}}]},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}],
    }, id="actions-migration.md atn file"),
    pytest.param("/v2/execute-actions", {
        "image": {"source": {"url": IN}},
        "options": {"actions": [{"source": {"url": ACTION}, "actionName": "Resize to Web"},
                                {"source": {"url": ACTION + "?second"}}]},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}],
    }, id="actions-migration.md actionName"),
    pytest.param("/v2/execute-actions", {
        "image": {"source": {"url": IN}},
        "options": {"actions": [{"source": {
            "content": "[{\"_obj\":\"convertMode\",\"to\":{\"_enum\":\"colorSpaceMode\",\"_value\":\"grayscale\"}}]",
            "contentType": "application/json"}}]},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/jpeg"}],
    }, id="actions-migration.md inline ActionJSON"),
    pytest.param("/v2/execute-actions", {
        "image": {"source": {"url": IN}},
        "options": {
            "additionalContents": [{"source": {"url": IN + "?overlay"}},
                                   {"source": {"url": IN + "?background"}}],
            "actions": [{"source": {
                "content": "[{\"_obj\":\"placeEvent\",\"null\":{\"_path\":\"__ADDITIONAL_CONTENTS_PATH_0__\",\"_kind\":\"local\"}}]",
                "contentType": "application/json"}}],
        },
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/jpeg"}],
    }, id="actions-migration.md additionalContents"),
    pytest.param("/v2/execute-actions", {
        "image": {"source": {"url": IN}},
        "options": {"uxp": {"source": {"url": "https://storage.example.com/scripts/run.psjs"}}},
        "outputs": [
            {"destination": {"validityPeriod": 3600}, "mediaType": "application/json",
             "scriptOutputPattern": "result.json"},
            {"destination": {"validityPeriod": 3600}, "mediaType": "image/jpeg",
             "scriptOutputPattern": "processed_image.jpg"},
        ],
    }, id="actions-migration.md UXP with scriptOutputPattern"),
    pytest.param("/v2/execute-actions", {
        "image": {"source": {"url": IN}},
        "options": {"uxp": {"source": {
            "content": "const app = require('photoshop').app; app.activeDocument.flatten();",
            "contentType": "application/javascript"}}},
        "outputs": [{"destination": {"embedded": "json"}, "mediaType": "application/json",
                     "scriptOutputPattern": "*.json"}],
    }, id="actions-migration.md inline UXP"),
    pytest.param("/v2/execute-actions", {
        "image": {"source": {"url": IN}},
        "options": {
            "actions": [{"source": {"url": ACTION}}],
            "brushes": [{"source": {"url": "https://storage.example.com/brush.abr"}}],
            "patterns": [{"source": {"url": "https://storage.example.com/pattern.pat"}}],
            "fontOptions": {"additionalFonts": [{"source": {"url": "https://storage.example.com/f.otf"}}],
                            "missingFontStrategy": "use_default"},
        },
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/jpeg"}],
    }, id="actions-migration.md brushes patterns fonts"),
    pytest.param("/v2/execute-actions", {
        "image": {"source": {"url": IN}},
        "options": {"actions": [{"source": {"url": ACTION}}]},
        "outputs": [
            {"destination": {"url": OUT + ".jpg"}, "mediaType": "image/jpeg", "quality": "maximum"},
            {"destination": {"url": OUT + ".png"}, "mediaType": "image/png", "compression": "medium"},
            {"destination": {"url": OUT + ".psd"}, "mediaType": "image/vnd.adobe.photoshop"},
            {"destination": {"embedded": "json"}, "mediaType": "application/json"},
        ],
    }, id="actions-migration.md multiple outputs"),
    pytest.param("/v2/execute-actions", {
        "image": {"source": {"creativeCloudPath": "folder/input.psd"}},
        "options": {"actions": [{"source": {"creativeCloudFileId": "urn:aaid:sc:US:0000-1111"}}]},
        "outputs": [{"destination": {"url": OUT, "storageType": "azure"},
                     "mediaType": "image/tiff", "shouldOverwrite": True}],
    }, id="execute-actions-v1-reference.md creative cloud sources"),
    # --- /v2/create-composite ----------------------------------------------------------
    pytest.param("/v2/create-composite", {
        "image": {"source": {"url": IN}},
        "edits": {"document": {"resize": {
            "width": {"unit": "pixels_unit", "value": 1920},
            "height": {"unit": "pixels_unit", "value": 1080},
            "constrainProportions": True, "resample": "bicubic", "scaleStyles": True}}},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}],
    }, id="document-operations-migration.md resize"),
    pytest.param("/v2/create-composite", {
        "image": {"source": {"url": IN}},
        "edits": {"document": {
            "resize": {"width": {"unit": "pixels_unit", "value": 2000},
                       "constrainProportions": True, "resample": "bicubic"},
            "crop": {"bounds": {"left": 100, "top": 100, "right": 1900, "bottom": 1000}, "hide": False},
            "trim": {"trimUpon": "transparent_pixels"}}},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"},
                    {"destination": {"url": OUT + ".jpg"}, "mediaType": "image/jpeg", "quality": "high"}],
    }, id="document-operations-migration.md resize crop trim"),
    pytest.param("/v2/create-composite", {
        "image": {"source": {"url": IN}},
        "edits": {"layers": [{
            "type": "adjustment_layer", "name": "Brightness",
            "adjustments": {"type": "brightness_contrast",
                            "brightnessContrast": {"brightness": 25, "contrast": 10}},
            "operation": {"type": "add", "placement": {"type": "top"}}}]},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}],
    }, id="layer-operations-adjustments.md adjustment layer"),
    pytest.param("/v2/create-composite", {
        "image": {"source": {"url": IN}},
        "edits": {"layers": [
            {"type": "layer", "name": "New Image", "image": {"source": {"url": IN + "?layer"}},
             "operation": {"type": "add", "placement": {"type": "top"}}},
            {"type": "smart_object_layer", "name": "Logo Smart Object",
             "operation": {"type": "add", "placement": {"type": "top"}},
             "smartObject": {"smartObjectFile": {"source": {"url": IN + "?logo"}}}},
        ]},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}],
    }, id="layer-operations-image.md and -smart-objects.md add layers"),
    pytest.param("/v2/create-composite", {
        "image": {"source": {"url": IN}},
        "edits": {"layers": [{"id": 123, "type": "text_layer", "text": {"content": "Updated text"},
                              "operation": {"type": "edit"}}]},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}],
    }, id="llm-migration-reference.md edit text layer"),
    pytest.param("/v2/create-composite", {
        "image": {"source": {"url": IN}},
        "edits": {"layers": [
            {"name": "Layer to Move", "operation": {"type": "move", "placement": {"type": "top"}}},
            {"name": "Layer to Delete", "operation": {"type": "delete"}},
            {"type": "background_layer", "id": 1, "operation": {"type": "delete"}},
        ]},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}],
    }, id="layer-operations-advanced.md and -background.md move and delete"),
    pytest.param("/v2/create-composite", {
        "image": {"source": {"url": IN}},
        "edits": {"layers": [{
            "name": "Masked Layer", "operation": {"type": "edit"},
            "pixelMask": {"source": {"url": IN + "?mask"}, "isLinked": True, "isEnabled": True,
                          "offset": {"horizontal": 0, "vertical": 0}}}]},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}],
    }, id="layer-operations-advanced.md edit pixel mask without delete"),
    pytest.param("/v2/create-composite", {
        "image": {"source": {"creativeCloudPath": "project-files/input.psd",
                             "creativeCloudProjectId": "urn:aaid:sc:US:a21c8629-413f-55d9-b5b0"}},
        "outputs": [{"destination": {"creativeCloudPath": "project-files/output.psdc",
                                     "creativeCloudProjectId": "urn:aaid:sc:US:a21c8629-413f-55d9-b5b0"},
                     "mediaType": "document/vnd.adobe.cpsd+dcx"}],
    }, id="format-conversion-migration.md PSDC to a Creative Cloud project"),
    pytest.param("/v2/create-composite", {
        "image": {"width": 1920, "height": 1080, "resolution": {"unit": "density_unit", "value": 72},
                  "fill": "white", "mode": "rgb",
                  "iccProfile": {"type": "standard", "name": "sRGB IEC61966-2.1", "imageMode": "rgb"}},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/png", "compression": "maximum",
                     "iccProfile": {"type": "custom", "name": "U.S. Web Coated (SWOP) v2",
                                    "imageMode": "cmyk",
                                    "source": {"url": "https://example.com/profiles/custom.icc"}}}],
    }, id="document-creation-migration.md and icc-profile-migration.md (no depth)"),
    # --- /v2/edit -----------------------------------------------------------------------
    pytest.param("/v2/edit", {
        "image": {"source": {"url": IN}},
        "edits": {"autoTone": True},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/jpeg"}],
    }, id="edit-operations.md auto tone"),
    pytest.param("/v2/edit", {
        "image": {"source": {"url": IN}},
        "edits": {"autoStraighten": {"enabled": True, "constrainCrop": True, "uprightMode": "auto"}},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/jpeg"}],
    }, id="edit-operations.md auto straighten"),
    pytest.param("/v2/edit", {
        "image": {"source": {"url": IN}},
        "edits": {"xmp": {"source": {"url": "https://storage.example.com/edit.xmp"},
                          "masks": [{"source": {"url": "https://storage.example.com/mask.bin"},
                                     "digest": "37B3568A954F0C80CA946DA0187FB9E2"}]}},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/jpeg"}],
    }, id="edit-operations.md xmp with masks"),
    pytest.param("/v2/edit", {
        "image": {"source": {"url": IN}},
        "edits": {"autoTone": True, "autoStraighten": {"enabled": True},
                  "light": {"exposure": 0.5, "contrast": 15}, "color": {"saturation": 10},
                  "sharpen": {"detail": 50}},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/jpeg", "quality": "maximum"},
                    {"destination": {"embedded": "string"}, "mediaType": "application/rdf+xml"}],
    }, id="edit-operations.md combined edits and xmp output"),
    # --- /v2/create-artboard -----------------------------------------------------------
    pytest.param("/v2/create-artboard", {
        "images": [{"source": {"url": IN + "?1"}}, {"source": {"url": IN + "?2"}}],
        "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}],
    }, id="artboard-migration.md basic"),
    pytest.param("/v2/create-artboard", {
        "artboardSpacing": 100,
        "images": [{"source": {"url": IN + f"?{i}"}} for i in range(4)],
        "outputs": [
            {"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"},
            {"destination": {"url": OUT + ".jpg"}, "mediaType": "image/jpeg", "quality": "maximum",
             "width": 2400},
            {"destination": {"validityPeriod": 7200}, "mediaType": "image/png", "compression": "high"},
        ],
    }, id="artboard-migration.md spacing and several outputs"),
    # --- /v2/generate-manifest ---------------------------------------------------------
    pytest.param("/v2/generate-manifest", {
        "image": {"source": {"url": IN}},
        "includeLayerThumbnails": True,
        "outputs": [{"destination": {"url": OUT}, "mediaType": "application/json"}],
    }, id="manifest-migration.md basic"),
    pytest.param("/v2/generate-manifest", {
        "image": {"source": {"url": IN}},
        "includeLayerThumbnails": True, "maximumThumbnailDepth": 5, "includeXmp": True,
        "trimToTransparency": True,
        "exportOptions": {"mediaType": "image/jpeg", "quality": "high"},
        "outputs": [{"destination": {"url": OUT}, "mediaType": "application/json"}],
    }, id="manifest-migration.md jpeg thumbnails"),
    pytest.param("/v2/generate-manifest", {
        "image": {"source": {"url": IN}},
        "includeLayerThumbnails": True,
        "exportOptions": {"mediaType": "image/png", "compression": "medium"},
        "outputs": [{"destination": {"embedded": "json"}, "mediaType": "application/json"}],
    }, id="manifest-migration.md png thumbnails"),
    # --- /v2/remove-background ---------------------------------------------------------
    pytest.param("/v2/remove-background", {
        "image": {"source": {"url": "https://bucket.s3.amazonaws.com/in.jpg"}},
        "mode": "cutout",
        "output": {"mediaType": "image/png"},
    }, id="remove-background guide basic"),
    pytest.param("/v2/remove-background", {
        "image": {"source": {"url": "https://bucket.s3.amazonaws.com/in.jpg"}},
        "mode": "mask", "trim": True, "colorDecontamination": 0.5,
        "backgroundColor": {"red": 255, "green": 255, "blue": 255, "alpha": 1},
    }, id="remove-background guide optional parameters"),
]


@pytest.mark.parametrize("path, body", GUIDE_BODIES)
def test_guide_v2_body_is_valid(path, body):
    assert problems(path, body) == []


# --------------------------------------------- (d) where the spec overlaps, we are strict

def actions_body(**output) -> dict:
    return {
        "image": {"source": {"url": IN}},
        "options": {"actions": [{"source": {"url": ACTION}}]},
        "outputs": [{"destination": {"url": OUT}, **output}],
    }


def photoshop_body(path: str, **output) -> dict:
    """A minimal valid body of a Photoshop-output endpoint with one output."""
    item = {"destination": {"url": OUT}, **output}
    if path == "/v2/execute-actions":
        return actions_body(**output)
    if path == "/v2/create-artboard":
        return {"images": [{"source": {"url": IN}}], "outputs": [item]}
    return {"image": {"source": {"url": IN}}, "outputs": [item]}


@pytest.mark.parametrize("path", PHOTOSHOP_OUTPUT_ENDPOINTS)
def test_jpeg_output_rejects_numeric_quality(path):
    body = photoshop_body(path, mediaType="image/jpeg", quality="maximum")
    assert_rejected_at(path, body, lambda b: b["outputs"][0].update(quality=7),
                       ("outputs", 0, "quality"))


@pytest.mark.parametrize("path", PHOTOSHOP_OUTPUT_ENDPOINTS)
def test_jpeg_output_rejects_png_compression(path):
    body = photoshop_body(path, mediaType="image/jpeg")
    assert_rejected_at(path, body, lambda b: b["outputs"][0].update(compression="medium"),
                       ("outputs", 0))


@pytest.mark.parametrize("path", PHOTOSHOP_OUTPUT_ENDPOINTS)
def test_png_output_rejects_jpeg_quality(path):
    body = photoshop_body(path, mediaType="image/png", compression="medium")
    assert_rejected_at(path, body, lambda b: b["outputs"][0].update(quality="high"), ("outputs", 0))


@pytest.mark.parametrize("media_type", ["image/tiff", "image/vnd.adobe.photoshop",
                                        "document/vnd.adobe.cpsd+dcxucf", "application/json"])
def test_non_jpeg_png_output_rejects_quality_and_compression(media_type):
    body = actions_body(mediaType=media_type)
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["outputs"][0].update(quality="high"), ("outputs", 0))
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["outputs"][0].update(compression="low"), ("outputs", 0))


def test_output_with_unknown_key_href_is_rejected():
    body = actions_body(mediaType="image/jpeg")
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["outputs"][0].update(href=OUT), ("outputs", 0))


def test_output_with_unknown_media_type_is_rejected():
    body = actions_body(mediaType="image/jpeg")
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["outputs"][0].update(mediaType="image/gif"),
                       ("outputs", 0, "mediaType"))


def test_image_source_with_both_url_and_creative_cloud_path_is_rejected():
    body = actions_body(mediaType="image/jpeg")
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["image"]["source"].update(creativeCloudPath="folder/in.psd"),
                       ("image",))


def test_action_source_with_both_url_and_creative_cloud_path_is_rejected():
    body = actions_body(mediaType="image/jpeg")
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["options"]["actions"][0]["source"].update(creativeCloudPath="a.atn"),
                       ("options", "actions", 0, "source"))


def test_action_source_with_both_url_and_inline_content_is_rejected():
    body = actions_body(mediaType="image/jpeg")
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["options"]["actions"][0]["source"].update(content="[]"),
                       ("options", "actions", 0, "source"))


def test_action_with_href_is_rejected():
    body = actions_body(mediaType="image/jpeg")
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["options"]["actions"][0].update(href=ACTION),
                       ("options", "actions", 0))


@pytest.mark.parametrize("other", [{"embedded": "json"}, {"creativeCloudPath": "out/x.psd"},
                                   {"validityPeriod": 3600}])
def test_destination_with_url_and_a_second_location_is_rejected(other):
    body = actions_body(mediaType="image/jpeg")
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["outputs"][0]["destination"].update(other),
                       ("outputs", 0, "destination"))


def test_more_than_ten_actions_are_rejected():
    body = actions_body(mediaType="image/jpeg")
    body["options"]["actions"] = [{"source": {"url": f"{ACTION}?{i}"}} for i in range(10)]
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["options"]["actions"].append({"source": {"url": ACTION}}),
                       ("options", "actions"))


def test_zero_outputs_are_rejected():
    body = actions_body(mediaType="image/jpeg")
    assert_rejected_at("/v2/execute-actions", body, lambda b: b["outputs"].clear(), ("outputs",))


def test_twenty_six_outputs_are_rejected():
    body = actions_body(mediaType="image/jpeg")
    body["outputs"] = [{"destination": {"url": f"{OUT}{i}"}, "mediaType": "image/jpeg"}
                       for i in range(25)]
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["outputs"].append(copy.deepcopy(b["outputs"][0])), ("outputs",))


def test_inline_content_of_51201_characters_is_rejected():
    body = actions_body(mediaType="image/jpeg")
    body["options"]["actions"] = [{"source": {"content": "x" * 51200, "contentType": "application/json"}}]
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["options"]["actions"][0]["source"].update(content="x" * 51201),
                       ("options", "actions", 0, "source"))


def test_more_than_hundred_export_layers_are_rejected():
    body = actions_body(mediaType="image/png", layers=[{"name": f"L{i}"} for i in range(100)])
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["outputs"][0]["layers"].append({"id": 1}),
                       ("outputs", 0, "layers"))


def test_options_without_actions_or_uxp_are_rejected():
    body = actions_body(mediaType="image/jpeg")
    assert_rejected_at("/v2/execute-actions", body, lambda b: b["options"].pop("actions"),
                       ("options",))


def test_eleven_fonts_are_accepted_because_the_limit_is_guide_only():
    body = actions_body(mediaType="image/jpeg")
    body["options"]["fontOptions"] = {
        "additionalFonts": [{"source": {"url": f"https://storage.example.com/f{i}.otf"}}
                            for i in range(11)]}
    assert problems("/v2/execute-actions", body) == []


def test_lightroom_jpeg_output_rejects_compression():
    body = {"image": {"source": {"url": IN}}, "edits": {"autoTone": True},
            "outputs": [{"destination": {"url": OUT}, "mediaType": "image/jpeg"}]}
    assert_rejected_at("/v2/edit", body, lambda b: b["outputs"][0].update(compression="low"),
                       ("outputs", 0))


def test_manifest_jpeg_export_options_reject_compression():
    body = {"image": {"source": {"url": IN}},
            "exportOptions": {"mediaType": "image/jpeg", "quality": "high"},
            "outputs": [{"destination": {"url": OUT}, "mediaType": "application/json"}]}
    assert_rejected_at("/v2/generate-manifest", body,
                       lambda b: b["exportOptions"].update(compression="low"), ("exportOptions",))


def composite_with_layer(layer: dict) -> dict:
    return {"image": {"source": {"url": IN}}, "edits": {"layers": [layer]},
            "outputs": [{"destination": {"url": OUT}, "mediaType": "image/vnd.adobe.photoshop"}]}


def test_layer_type_must_match_the_layer_payload():
    body = composite_with_layer({"type": "text_layer", "name": "T", "text": {"content": "Hi"},
                                 "operation": {"type": "add", "placement": {"type": "top"}}})
    assert_rejected_at("/v2/create-composite", body,
                       lambda b: b["edits"]["layers"][0].update(type="layer"),
                       ("edits", "layers", 0))


def test_delete_layer_rejects_add_layer_fields():
    body = composite_with_layer({"name": "Old", "operation": {"type": "delete"}})
    assert_rejected_at("/v2/create-composite", body,
                       lambda b: b["edits"]["layers"][0].update(image={"source": {"url": IN}}),
                       ("edits", "layers", 0))


def test_edit_operation_rejects_placement():
    body = composite_with_layer({"name": "L", "isVisible": False, "operation": {"type": "edit"}})
    assert_rejected_at("/v2/create-composite", body,
                       lambda b: b["edits"]["layers"][0]["operation"].update(placement={"type": "top"}),
                       ("edits", "layers", 0, "operation"))


def test_adjustment_type_must_match_its_payload():
    body = composite_with_layer({
        "type": "adjustment_layer",
        "adjustments": {"type": "exposure", "exposure": {"exposureValue": 0.5}},
        "operation": {"type": "add", "placement": {"type": "top"}}})
    assert_rejected_at("/v2/create-composite", body,
                       lambda b: b["edits"]["layers"][0]["adjustments"].update(type="brightness_contrast"),
                       ("edits", "layers", 0, "adjustments"))


def test_standard_icc_profile_rejects_a_custom_source():
    body = actions_body(mediaType="image/jpeg",
                        iccProfile={"type": "standard", "name": "sRGB IEC61966-2.1"})
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["outputs"][0]["iccProfile"].update(source={"url": IN}),
                       ("outputs", 0, "iccProfile"))


def test_creative_cloud_file_id_prefix_is_case_insensitive_but_required():
    body = actions_body(mediaType="image/jpeg")
    body["image"]["source"] = {"creativeCloudFileId": "URN:AAID:sc:US:1234"}
    assert problems("/v2/execute-actions", body) == []
    assert_rejected_at("/v2/execute-actions", body,
                       lambda b: b["image"]["source"].update(creativeCloudFileId="sc:US:1234"),
                       ("image",))


def test_remove_background_rejects_unknown_keys_and_out_of_range_color():
    body = {"image": {"source": {"url": "https://bucket.s3.amazonaws.com/in.jpg"}}}
    assert_rejected_at("/v2/remove-background", body, lambda b: b.update(href=IN), ())
    assert_rejected_at("/v2/remove-background", body,
                       lambda b: b.update(backgroundColor={"red": 256, "green": 0, "blue": 0, "alpha": 1}),
                       ("backgroundColor", "red"))


def test_the_property_names_lint_reads_are_those_of_the_schemas_shipped():
    """``schemas/properties.json`` spares every start the parse of all six schemas; it must say
    what the schemas themselves say (``tools/gen_schemas.py`` writes both)."""
    from migrator.lint.payload import properties_of, schema_properties

    index = json.loads((SCHEMA_DIR / "index.json").read_text(encoding="utf-8"))
    derived = {path: properties_of(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))
               for path, name in index.items()}
    assert schema_properties() == derived
    assert "actions" in derived["/v2/execute-actions"]["children"]["options"]


@pytest.mark.parametrize("code", SCHEMA_LIMITS)
def test_the_schema_states_each_limit_convert_checks_only_after_it(code):
    """convert runs the SCHEMA_LIMITS rules only on a body the compiled schema check rejects, to
    word the failure: so each limit must be one the schema rejects, at the rule's own pointer."""
    from migrator.lint.payload import Payload, infer_endpoint, schema_for

    rule = get_rule(code)
    checked = 0
    for example in rule.invalid:
        endpoint = example.endpoint or infer_endpoint(example.body)
        findings = list(rule.check(Payload(example.body, endpoint)))
        assert findings, f"{code}: its invalid example finds nothing"
        at_limit = {_pointer_of(e.absolute_path) for e in _with_branches(iter_errors(schema_for(endpoint), example.body))
                    if e.validator in ("maxItems", "minItems", "maxLength")}
        assert {pointer for pointer, _ in findings} <= at_limit, (code, findings, at_limit)
        checked += 1
    assert checked


def _with_branches(errors):
    """Every error, and those of the ``oneOf`` branches under it (a limit in one branch)."""
    for error in errors:
        yield error
        yield from _with_branches(error.context or ())

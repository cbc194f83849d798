"""Lightroom edits, artboards, manifests, remove background and job status: Adobe's documented
v1 → v2 pairs, generated v1 bodies, ``convert --merge`` and ``psmigrate endpoints``."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from migrator import recognise, rulebook, schemas
from migrator.cli import main
from migrator.convert import convert
from migrator.diagnostics import MigrationError
from tests.v1_schemas import inline
from migrator.merge import Step, merge

PAIRS_DIR = Path(__file__).parent / "guide_pairs"
FAMILIES = {"edit": "edit", "artboard": "create-artboard", "manifest": "generate-manifest",
            "remove-background": "remove-background"}
PAIRS = sorted(p for folder in FAMILIES for p in (PAIRS_DIR / folder).glob("*.json"))
OTHER_PAIRS = sorted(p for p in PAIRS_DIR.glob("*/*.json") if p.parent.name not in FAMILIES)
MY_ENDPOINTS = {e.name for f in rulebook.endpoint_map() if f.family in FAMILIES.values() for e in f.endpoints}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _parent(body, path: str):
    """The container holding '/'-separated ``path`` in ``body``, and the last token as its key."""
    *parents, last = path.split("/")
    node = body
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, int(last) if isinstance(node, list) else last


def _drop(*paths):
    """An adjustment: remove these paths from the guide's v2 body."""
    def adjust(body):
        for path in paths:
            node, key = _parent(body, path)
            del node[key]
        return body
    return adjust


def _set(path, value):
    def adjust(body):
        node, key = _parent(body, path)
        node[key] = value
        return body
    return adjust


EMBEDDED_MANIFEST = [{"destination": {"embedded": "json"}, "mediaType": "application/json"}]

# Guide fragments that are a single file reference, converted inside the body they belong to.
WRAP = {
    "create-artboard-v1-reference--source-creative-cloud-file-id.json": "images",
    "create-artboard-v1-reference--source-creative-cloud-path.json": "images",
    "create-artboard-v1-reference--source-external-url.json": "images",
}

# Where psmigrate's output is not the guide's v2 body: the reason, and how the guide's body
# must change to become psmigrate's (so the test still fails if either moves), or the error code.
DIFFERENCES = {
    "edit-operations--auto-straighten.json": (
        "the guide spells out constrainCrop true and uprightMode auto, which v1 did not send "
        "(constrainCrop defaults to true in both; v1 picked the upright mode itself)",
        _drop("edits/autoStraighten/constrainCrop", "edits/autoStraighten/uprightMode")),
    "edit-operations--presets.json": (
        "the guide nests each preset as {source: {url}}; the v2 spec types presets as "
        "FileResourceInput ({url}) and rejects `source` there, so psmigrate follows the spec",
        _set("edits/presets/0", {"url": "<PRESET_URL>"})),
    "edit-operations--problem-pascalcase-parameters.json": (
        "the v1 side is only the contents of `options`, one level below where the rules look",
        lambda v2: {"Exposure": 1.2, "Contrast": 10}),
    "edit-operations--problem-storage-parameter.json": (
        "not a v1 body (`url` with `storage`, no endpoint); no v1 endpoint to convert it for", "no-endpoint"),
    "llm-migration-reference--problem-inline-xmp-string.json": (
        "inline XMP text has no v2 form; the guide's answer points at a file URL nobody can derive", "PS306"),
    "llm-migration-reference--xmp-with-masks.json": (
        "v1 sends the XMP inline (<XMP_STRING>); v2 needs it uploaded to <XMP_URL> first", "PS306"),
    "create-artboard-v1-reference--complete-request.json": (
        "the guide adds artboardSpacing 50, the v2 default, which v1 did not send", _drop("artboardSpacing")),
    "create-artboard-v1-reference--request-envelope.json": (
        "the guide adds artboardSpacing 50, the v2 default, which v1 did not send", _drop("artboardSpacing")),
    "manifest-migration--basic.json": (
        "the guide writes the manifest to a made-up <MANIFEST_OUTPUT_URL> and drops the thumbnail "
        "format; psmigrate keeps v1's behaviour (an embedded output, in the job status) and the format",
        lambda v2: {**_set("outputs", EMBEDDED_MANIFEST)(v2), "exportOptions": {"mediaType": "image/jpeg"}}),
    "manifest-migration--thumbnail-syntax.json": (
        "psmigrate also adds the embedded manifest output v2 requires (the fragment leaves outputs out)",
        lambda v2: {**v2, "outputs": EMBEDDED_MANIFEST}),
}

# Bodies the v1 API itself could not tell apart: convert asks for --endpoint (PS006).
AMBIGUOUS = {"autoTone": {"autoTone", "autoStraighten"}, "autoStraighten": {"autoTone", "autoStraighten"}}


def _convert_pair(pair: dict, name: str):
    endpoint = pair["v1_endpoint"]
    body = copy.deepcopy(pair["v1"])
    if name in WRAP:
        body = {WRAP[name]: [body]}
    result = convert(body, endpoint, validate=not pair["fragment"])
    return result.body[WRAP[name]][0] if name in WRAP else result.body


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_documented_pair_converts_to_adobes_v2_body_or_the_difference_is_recorded(path):
    pair = _load(path)
    expected = copy.deepcopy(pair["v2"])
    reason, adjust = DIFFERENCES.get(path.name, (None, None))
    if adjust == "no-endpoint":
        assert pair["v1_endpoint"] is None
        with pytest.raises(MigrationError):
            convert(copy.deepcopy(pair["v1"]))
        return
    if isinstance(adjust, str):
        with pytest.raises(MigrationError) as raised:
            _convert_pair(pair, path.name)
        assert raised.value.code == adjust, reason
        return
    if adjust is not None:
        expected = adjust(expected)
    assert _convert_pair(pair, path.name) == expected, reason


@pytest.mark.parametrize("path", [p for p in PAIRS if not _load(p)["fragment"]], ids=lambda p: p.stem)
def test_converted_guide_bodies_are_valid_v2(path):
    pair = _load(path)
    result = convert(copy.deepcopy(pair["v1"]), pair["v1_endpoint"], validate=False)
    assert schemas.errors(result.family.schema_, result.body) == []


V2_ONLY = sorted(p for folder in FAMILIES for p in (PAIRS_DIR / folder / "v2-only").glob("*.json")
                 if not _load(p)["fragment"])


@pytest.mark.parametrize("path", V2_ONLY, ids=lambda p: p.stem)
def test_adobes_whole_v2_bodies_are_left_alone(path):
    body = _load(path)["v2"]
    result = convert(copy.deepcopy(body))
    assert result.already_v2 and result.body == body and result.family.family == FAMILIES[path.parent.parent.name]


def _candidates(body) -> set[str]:
    return set(recognise.candidates(body))


@pytest.mark.parametrize("path", [p for p in PAIRS if not _load(p)["fragment"]], ids=lambda p: p.stem)
def test_every_guide_body_is_recognised_as_its_own_endpoint(path):
    pair = _load(path)
    wanted = pair["v1_endpoint"].rsplit("/", 1)[-1]
    assert _candidates(pair["v1"]) == AMBIGUOUS.get(wanted, {wanted})


@pytest.mark.parametrize("path", [p for p in OTHER_PAIRS if not _load(p)["fragment"]], ids=lambda p: p.stem)
def test_no_other_familys_guide_body_is_taken_for_one_of_these_endpoints(path):
    assert not _candidates(_load(path)["v1"]) & MY_ENDPOINTS


def test_ambiguous_bodies_name_their_candidates_and_convert_with_an_endpoint():
    pair = _load(PAIRS_DIR / "edit" / "edit-operations--auto-tone.json")
    with pytest.raises(MigrationError) as raised:
        convert(copy.deepcopy(pair["v1"]))
    assert raised.value.code == "PS006" and set(raised.value.candidates) == {"autoTone", "autoStraighten"}
    assert convert(copy.deepcopy(pair["v1"]), "autoStraighten").body["edits"] == {"autoStraighten": {"enabled": True}}


def _endpoints_with_shapes(name: str, extra: list[dict], without: str | None = None):
    """rulebook.all_endpoints() with endpoint ``name`` given the ``extra`` body shapes as well."""
    rows = []
    for family, shape in rulebook.all_endpoints():
        if shape.name == without:
            continue
        rows.append((family, shape))
        if shape.name == name and extra:
            rows += [(family, shape.model_copy(update={"recognise": rulebook.Recogniser(**r)})) for r in extra]
            extra = []
    return rows


def test_an_ambiguous_body_names_each_endpoint_once_even_when_several_of_its_shapes_fit(monkeypatch):
    body = _load(PAIRS_DIR / "edit" / "edit-operations--auto-tone.json")["v1"]
    rows = _endpoints_with_shapes("autoTone", [{"has": ["/outputs"]}])
    monkeypatch.setattr(rulebook, "all_endpoints", lambda: rows)
    with pytest.raises(MigrationError) as raised:
        convert(copy.deepcopy(body))
    assert raised.value.code == "PS006" and raised.value.candidates == ["autoTone", "autoStraighten"]
    assert "(autoTone, autoStraighten)" in raised.value.message


def test_a_body_fitting_several_shapes_of_one_endpoint_only_converts_with_it(monkeypatch):
    body = _load(PAIRS_DIR / "edit" / "edit-operations--auto-tone.json")["v1"]
    rows = _endpoints_with_shapes("autoTone", [{"has": ["/outputs"]}, {"has": ["/inputs/href"]}],
                                  without="autoStraighten")
    monkeypatch.setattr(rulebook, "all_endpoints", lambda: rows)
    result = convert(copy.deepcopy(body))
    assert result.endpoint.name == "autoTone"
    assert result.body == convert(copy.deepcopy(body), "autoTone").body


def test_presets_in_both_documented_places_fit_both_presets_shapes_and_reach_the_presets_rules():
    presets = [{"href": "https://in.example/p.xmp", "storage": "external"}]
    body = {"inputs": {"href": "https://in.example/a.jpg", "storage": "external", "presets": presets},
            "options": {"presets": presets},
            "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}]}
    with pytest.raises(MigrationError) as raised:
        convert(body)
    assert raised.value.code == "PS301"  # the presets rule's "keep one", not PS006 "presets, presets"


CUTOUT = {"input": {"href": "https://in.s3.amazonaws.com/a.jpg", "storage": "external"},
          "output": {"href": "https://out.s3.amazonaws.com/a.png", "storage": "external", "overwrite": True,
                     "color": {"space": "rgba"}},
          "options": {"optimize": "performance"}}


def test_cutout_and_mask_become_one_endpoint_with_a_mode_and_say_what_is_gone():
    result = convert(copy.deepcopy(CUTOUT), "cutout")
    assert result.body == {"image": {"source": {"url": "https://in.s3.amazonaws.com/a.jpg"}}, "mode": "cutout",
                           "output": {"mediaType": "image/png"}}
    assert [d.code for d in result.diagnostics] == ["PS384", "PS385", "PS386", "PS387", "PS390"]
    assert [d.pointer for d in result.diagnostics][:2] == ["/output/href", "/output/storage"]
    mask = copy.deepcopy(CUTOUT)
    mask["output"]["mask"] = {"format": "soft"}
    assert convert(mask).body["mode"] == "mask"  # only /sensei/mask takes output.mask


def test_status_endpoints_map_to_the_unified_status_url():
    rows = {r["v1"]: r for r in _endpoints("json")}
    for v1 in ("/pie/psdService/status/{jobId}", "/lrService/status/{jobId}", "/sensei/status/{jobId}"):
        assert (rows[v1]["v2"], rows[v1]["method"], rows[v1]["status"]) == ("/v2/status/{jobId}", "GET",
                                                                            "status-only")


# --- generated v1 bodies --------------------------------------------------------------------

GENERATED = {
    "autoTone": "acr/post_auto_tone.schema.json",
    "autoStraighten": "acr/post_auto_straighten.schema.json",
    "presets": "acr/post_presets.schema.json",
    "xmp": "acr/post_xmp.schema.json",
    "edit": "acr/post_image_edit.schema.json",
    "lrMask": "acr/post_mask.schema.json",
    "xmpToPreset": "acr/post_xmp_to_preset.schema.json",
    "cutout": "ic/post_cutout.schema.json",
    "mask": "ic/post_cutout.schema.json",
}




def _bodies(reference: Path, schema: str):
    """Bodies valid against Adobe's v1 schema, minus its if/then/else: those only tie `href`
    patterns to `storage`, and hypothesis-jsonschema spends most of its time on them; dropping
    them widens the bodies generated, which only makes the property stronger."""
    from hypothesis_jsonschema import from_schema

    return from_schema(inline(reference / "adobe-v1-schemas" / schema))


def _check_generated(body, endpoint):
    try:
        first = convert(copy.deepcopy(body), endpoint)
    except MigrationError as exc:
        assert re.fullmatch(r"PS\d{3}", exc.code)
        return
    snapshot = copy.deepcopy(first.body)
    again = convert(first.body, endpoint)
    assert again.already_v2 and again.body == snapshot


@pytest.mark.parametrize("endpoint", sorted(GENERATED))
def test_generated_v1_bodies_convert_or_fail_with_a_code_and_converting_twice_changes_nothing(endpoint, reference):

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_bodies(reference, GENERATED[endpoint]))
    def run(body):
        _check_generated(body, endpoint)

    run()


# --- convert --merge ------------------------------------------------------------------------

IMAGE = {"href": "https://in.example/a.jpg", "storage": "external"}
OUTPUTS = [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}]


def _lr(options=None, image=IMAGE, outputs=OUTPUTS):
    body = {"inputs": dict(image), "outputs": copy.deepcopy(outputs)}
    if options:
        body["options"] = options
    return body


def test_merge_combines_calls_on_one_image_as_the_guides_show():
    merged = merge([Step("tone.json", _lr(), "autoTone"),
                    Step("straighten.json", _lr({"uprightMode": "auto"})),
                    Step("edit.json", _lr({"Exposure": 1.2, "Contrast": 10, "Saturation": 15}))])
    assert merged.body == {
        "image": {"source": {"url": "https://in.example/a.jpg"}},
        "edits": {"autoTone": True, "autoStraighten": {"enabled": True, "uprightMode": "auto"},
                  "light": {"exposure": 1.2, "contrast": 10}, "color": {"saturation": 15}},
        "outputs": [{"destination": {"url": "https://out.example/a.jpg"}, "mediaType": "image/jpeg"}]}
    assert list(merged.body) == ["image", "edits", "outputs"]


def test_merge_refuses_different_images_and_conflicting_settings():
    other = {"href": "https://in.example/b.jpg", "storage": "external"}
    with pytest.raises(MigrationError) as raised:
        merge([Step("a.json", _lr({"Exposure": 1})), Step("b.json", _lr({"Contrast": 5}, image=other))])
    assert (raised.value.code, raised.value.index) == ("PS324", 1)
    with pytest.raises(MigrationError) as raised:
        merge([Step("a.json", _lr({"Exposure": 1})), Step("b.json", _lr({"Exposure": 2}))])
    assert (raised.value.code, raised.value.pointer) == ("PS325", "/edits/light/exposure")


def test_merge_keeps_the_last_outputs_and_reports_the_others():
    early = [{"href": "https://out.example/step1.jpg", "storage": "external", "type": "image/jpeg"}]
    merged = merge([Step("a.json", _lr(outputs=early), "autoTone"), Step("b.json", _lr({"Exposure": 1}))])
    assert merged.body["outputs"][0]["destination"]["url"] == "https://out.example/a.jpg"
    assert [(i, d.code) for i, d in merged.diagnostics] == [(0, "PS326")]


def test_merge_refuses_bodies_of_other_families():
    actions = {"inputs": [IMAGE], "options": {"actions": [{"href": "https://in.example/a.atn"}]}, "outputs": OUTPUTS}
    with pytest.raises(MigrationError) as raised:
        merge([Step("a.json", _lr({"Exposure": 1})), Step("b.json", actions)])
    assert raised.value.code == "PS323"


def _write(path: Path, body) -> str:
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    return str(path)


def test_merge_on_the_command_line(tmp_path):
    tone = _write(tmp_path / "tone.json", _lr())
    edit = _write(tmp_path / "edit.json", _lr({"Exposure": 1.2}))
    out = tmp_path / "merged.json"
    result = CliRunner().invoke(main, ["convert", "--merge", f"autoTone={tone}", edit, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["edits"] == {"autoTone": True, "light": {"exposure": 1.2}}
    assert out.read_text().startswith('{\n  "image"')  # the first file's style


def test_merge_on_the_command_line_refuses_different_inputs_with_exit_2(tmp_path):
    tone = _write(tmp_path / "tone.json", _lr())
    other = _write(tmp_path / "other.json", _lr({"Exposure": 1}, image={"href": "https://in.example/b.jpg",
                                                                          "storage": "external"}))
    result = CliRunner().invoke(main, ["convert", "--merge", f"autoTone={tone}", other])
    assert result.exit_code == 2
    assert re.search(r"other\.json:\d+:\d+: PS324 ", result.stderr)
    assert result.stdout == ""


def test_merge_on_the_command_line_asks_for_an_endpoint_where_bodies_look_alike(tmp_path):
    tone = _write(tmp_path / "tone.json", _lr())
    result = CliRunner().invoke(main, ["convert", "--merge", tone])
    assert result.exit_code == 2 and "PS006" in result.stderr


# --- psmigrate endpoints --------------------------------------------------------------------

def _endpoints(output_format: str):
    result = CliRunner().invoke(main, ["endpoints", "--output-format", output_format])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if output_format == "json" else result.stdout


def test_endpoints_lists_every_v1_endpoint_of_adobes_map(reference):
    index = (reference / "adobe" / "v1-to-v2" / "index.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(/[^`]+)`", index, flags=re.M))
    assert len(documented) >= 17
    listed = {r["v1"] for r in _endpoints("json")}
    assert documented - listed == set()
    text = _endpoints("text")
    for v1 in documented:
        assert v1 in text


def test_endpoints_shows_support_status_from_the_rule_files():
    rows = {r["name"]: r for r in _endpoints("json")}
    assert rows["autoTone"]["status"] == "supported" and rows["autoTone"]["v2"] == "/v2/edit"
    assert (rows["lrMask"]["status"], rows["lrMask"]["code"], rows["lrMask"]["v2"]) == ("unsupported", "PS330", None)
    assert len(rows) == sum(len(f.endpoints) for f in rulebook.endpoint_map())
    assert "unsupported PS330" in _endpoints("text")


def test_lint_names_the_one_endpoint_a_body_fits_in_several_shapes():
    from migrator.lint.payload import recognised_v1_endpoint

    presets = [{"href": "https://in.example/p.xmp", "storage": "external"}]
    body = {"inputs": {"href": "https://in.example/a.jpg", "storage": "external", "presets": presets},
            "options": {"presets": presets},
            "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}]}
    assert recognised_v1_endpoint(body) == "presets"

"""Lint never fails on input it does not expect: any JSON value, for any endpoint, gives findings
(or none) and never an exception."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator import rulebook
from migrator.lint.catalog import all_rules
from migrator.lint.payload import schema_index
from migrator.lint.runner import lint_body

KEYS = ["image", "images", "options", "outputs", "actions", "uxp", "source", "content", "contentType", "href",
        "storage", "type", "mediaType", "quality", "compression", "destination", "url", "storageType",
        "scriptOutputPattern", "additionalContents", "fontOptions", "additionalFonts", "layers", "inputs", "edits"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 30), st.floats(allow_nan=False),
                    st.sampled_from(["", "image/jpeg", "image/png", "http://x", "http://[", "small", "[1]", "[",
                                     "__ADDITIONAL_CONTENTS_PATH_3__", "ACTION_JSON_OPTIONS_ADDITIONAL_IMAGES_0"]))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(KEYS), inner, max_size=5), max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=JSON, endpoint=st.sampled_from([None, *sorted(schema_index())]))
def test_lint_never_raises(body, endpoint):
    for finding in lint_body(copy.deepcopy(body), endpoint):
        assert finding.code.startswith("PS") and finding.message


def test_lint_codes_do_not_collide_with_conversion_codes():
    conversion = {r.code for f in rulebook.families() for r in f.rules}
    assert not conversion & {r.code for r in all_rules()}


@pytest.mark.parametrize("body", [[], "text", 3, None, {}])
def test_a_body_that_is_not_an_object_is_one_finding(body):
    assert [d.code for d in lint_body(body)] == ["PS698"]


# Bodies shaped like requests, so the fixes (convert, conversion rules, fixers) really run.
REQUEST_LIKE = st.fixed_dictionaries(
    {"outputs": st.lists(st.dictionaries(st.sampled_from(["href", "storage", "type", "quality", "mediaType",
                                                          "overwrite", "destination"]), JSON, max_size=4), max_size=2)},
    optional={"inputs": st.lists(st.dictionaries(st.sampled_from(["href", "storage"]), JSON), max_size=2),
              "image": JSON,
              "options": st.dictionaries(st.sampled_from(["actions", "actionJSON", "additionalImages", "fonts", "uxp",
                                                          "brushes"]), JSON, max_size=3)})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.one_of(JSON, REQUEST_LIKE), endpoint=st.sampled_from([None, *sorted(schema_index())]))
def test_fix_never_raises_and_is_idempotent(body, endpoint):
    from migrator.lint.catalog import Selection
    from migrator.lint.runner import fix_body

    fixed, _ = fix_body(copy.deepcopy(body), endpoint, Selection())
    again, _ = fix_body(copy.deepcopy(fixed), endpoint, Selection())
    assert again == fixed


def test_a_crashing_conversion_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    import migrator.convert
    from migrator.cli import main
    from migrator.lint.bodies import actions_body

    def broken(*_args, **_kwargs):
        raise TypeError("unhashable type: 'list'")

    monkeypatch.setattr(migrator.convert, "convert", broken)
    (tmp_path / "a.json").write_text(json.dumps({"inputs": [{"href": "https://in.example/a.psd"}]}))
    (tmp_path / "b.json").write_text(json.dumps(actions_body(outputs=[{"destination": {"url": "http://x.example"},
                                                                       "mediaType": "image/png"}])))
    result = CliRunner().invoke(main, ["lint", "--fix", str(tmp_path)])
    assert result.exit_code == 1
    assert "internal error in the conversion (TypeError" in result.stdout and "PS615" in result.stdout

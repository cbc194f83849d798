"""``lint --fix`` writes a body only when the result is valid v2 (issue 11, item 9): a partial fix
that still fails the schema leaves the file as it was, and the finding says why."""

from __future__ import annotations

import json

from click.testing import CliRunner

from migrator.cli import main

ACTION_JSON_WITH_FONTS = {
    "inputs": [{"href": "https://bucket.example/in.psd", "storage": "external"}],
    "options": {"actionJSON": [{"_obj": "flattenImage"}], "globalFont": "Arial", "manageMissingFonts": "fail"},
    "outputs": [{"href": "https://bucket.example/out.png", "storage": "external", "type": "image/png"}],
}
V2_WITH_A_LEFTOVER = {
    "image": {"source": {"url": "https://bucket.example/in.psd"}},
    "options": {"actions": [{"source": {"url": "https://bucket.example/a.atn"}}]},
    "outputs": [{"destination": {"url": "https://bucket.example/out.png"}, "type": "image/png"}],
}


def lint(*args):
    result = CliRunner().invoke(main, ["lint", *map(str, args)])
    return result.exit_code, result.stdout


def test_a_fix_whose_result_fails_the_schema_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "fonts.json"
    text = json.dumps(ACTION_JSON_WITH_FONTS, indent=2) + "\n"
    path.write_text(text)
    before = path.stat().st_mtime_ns
    code, out = lint("--fix", path)
    assert code == 1
    assert path.read_text() == text and path.stat().st_mtime_ns == before
    assert "PS401" in out and "--fix could not apply" in out and "globalFont" in out
    assert lint(path)[1].split(": ")[1].split()[0] == "PS401"  # reported again, unchanged


def test_a_fix_whose_result_validates_is_written(tmp_path):
    path = tmp_path / "leftover.json"
    path.write_text(json.dumps(V2_WITH_A_LEFTOVER, indent=2) + "\n")
    assert lint("--fix", path) == (0, "")
    assert json.loads(path.read_text())["outputs"][0]["mediaType"] == "image/png"

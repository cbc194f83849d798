"""``[tool.psmigrate] per-file-endpoint``: the endpoint for bodies v1 itself could not tell apart,
so that a pre-commit hook, which cannot pass ``--endpoint`` per file, can still fix them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from migrator.cli import main

# autoTone and autoStraighten take exactly this body; only the URL told them apart.
LIGHTROOM = {"inputs": {"href": "https://in.example/a.jpg", "storage": "external"},
             "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}]}


def run(*args):
    result = CliRunner().invoke(main, ["lint", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def project(tmp_path, table: str):
    (tmp_path / "pyproject.toml").write_text(f"[tool.psmigrate.per-file-endpoint]\n{table}\n")
    for name in ("tone", "straighten"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "body.json").write_text(json.dumps(LIGHTROOM, indent=2))


def test_without_a_mapping_fix_says_how_to_name_the_endpoint(tmp_path, monkeypatch):
    (tmp_path / "body.json").write_text(json.dumps(LIGHTROOM))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("--fix", "body.json")
    assert code == 1 and "PS006" in out and "per-file-endpoint" in out


def test_each_file_is_fixed_for_the_endpoint_its_glob_names(tmp_path, monkeypatch):
    project(tmp_path, '"tone/*.json" = "autoTone"\n"straighten/*.json" = "autoStraighten"')
    monkeypatch.chdir(tmp_path)
    code, out, err = run("--fix", ".")
    assert code == 0, out + err
    tone = json.loads((tmp_path / "tone" / "body.json").read_text())
    straighten = json.loads((tmp_path / "straighten" / "body.json").read_text())
    assert tone["edits"] == {"autoTone": True}
    assert straighten["edits"] == {"autoStraighten": {"enabled": True}}


def test_the_command_line_endpoint_wins_over_the_file(tmp_path, monkeypatch):
    project(tmp_path, '"*.json" = "autoStraighten"')
    monkeypatch.chdir(tmp_path)
    assert run("--fix", "--endpoint", "autoTone", "tone/body.json")[0] == 0
    assert json.loads((tmp_path / "tone" / "body.json").read_text())["edits"] == {"autoTone": True}


def test_an_unknown_endpoint_in_the_file_is_a_usage_error_naming_it(tmp_path, monkeypatch):
    project(tmp_path, '"tone/*.json" = "autoTune"')
    monkeypatch.chdir(tmp_path)
    code, _, err = run(".")
    assert code == 2 and "per-file-endpoint" in err and "autoTune" in err

"""Rule selection: [tool.psmigrate] in pyproject.toml, command-line flags on top, per-file-ignores last."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main
from migrator.lint import config
from migrator.lint.bodies import actions_body, output
from migrator.lint.catalog import Selection

# Two findings: PS404 (overwrite) and PS615 (http destination).
BODY = actions_body(outputs=[output(url="http://bucket.example/o.png", overwrite=True)])


def codes(tmp_path: Path, monkeypatch, *args) -> set[str]:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--output-format", "json", *args])
    assert result.exit_code in (0, 1), result.stderr
    return {d["code"] for d in json.loads(result.stdout)}


def project(tmp_path: Path, table: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.psmigrate]\n{table}\n")
    (tmp_path / "payloads").mkdir()
    (tmp_path / "payloads" / "a.json").write_text(json.dumps(BODY))


def test_no_configuration_checks_everything(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_text(json.dumps(BODY))
    assert codes(tmp_path, monkeypatch, "a.json") == {"PS404", "PS615"}


def test_file_ignore(tmp_path, monkeypatch):
    project(tmp_path, 'ignore = ["PS615"]')
    assert codes(tmp_path, monkeypatch, "payloads") == {"PS404"}


def test_file_select_by_prefix(tmp_path, monkeypatch):
    project(tmp_path, 'select = ["PS6"]')
    assert codes(tmp_path, monkeypatch, "payloads") == {"PS615"}


def test_command_line_select_overrides_the_file(tmp_path, monkeypatch):
    project(tmp_path, 'ignore = ["PS615"]')
    assert codes(tmp_path, monkeypatch, "--select", "PS615", "payloads") == {"PS615"}


def test_command_line_ignore_and_extend_select_layer_on_the_file(tmp_path, monkeypatch):
    project(tmp_path, 'select = ["PS404"]')
    assert codes(tmp_path, monkeypatch, "--extend-select", "PS615", "payloads") == {"PS404", "PS615"}
    assert codes(tmp_path, monkeypatch, "--ignore", "PS404", "payloads") == set()


def test_per_file_ignores_win_over_command_line_select(tmp_path, monkeypatch):
    project(tmp_path, '[tool.psmigrate.per-file-ignores]\n"payloads/*.json" = ["PS6"]')
    assert codes(tmp_path, monkeypatch, "payloads") == {"PS404"}
    assert codes(tmp_path, monkeypatch, "--select", "PS615,PS404", "payloads") == {"PS404"}


def test_exclude_skips_files_found_in_directories(tmp_path, monkeypatch):
    project(tmp_path, 'exclude = ["payloads/a.json"]')
    assert codes(tmp_path, monkeypatch, ".") == set()


def test_nearest_pyproject_with_the_table_is_used(tmp_path, monkeypatch):
    project(tmp_path, 'ignore = ["PS404"]')
    inner = tmp_path / "payloads"
    (inner / "pyproject.toml").write_text("[project]\nname = 'inner'\n")  # no [tool.psmigrate]: skipped
    assert codes(inner, monkeypatch, "a.json") == {"PS615"}


@pytest.mark.parametrize("table", ['colour = "blue"', 'ignore = "PS404"', 'select = ["PS98"]'])
def test_bad_configuration_is_a_usage_error(tmp_path, monkeypatch, table):
    project(tmp_path, table)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "payloads"])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr or "unknown rule code(s): PS98" in result.stderr


def test_selection_most_specific_match_wins():
    selection = Selection(select=("PS5",), ignore=("PS501",))
    assert not selection.enabled("PS501") and selection.enabled("PS502") and not selection.enabled("PS401")
    assert Selection(select=("PS501",), ignore=("PS5",)).enabled("PS501")


def test_config_load_reads_per_file_ignores(tmp_path):
    project(tmp_path, '[tool.psmigrate.per-file-ignores]\n"*.json" = ["ps404"]')
    loaded = config.load(tmp_path / "payloads")
    assert loaded.path == tmp_path / "pyproject.toml"
    assert not loaded.selection_for(str(tmp_path / "payloads" / "a.json")).enabled("PS404")
    assert loaded.selection_for(str(tmp_path / "payloads" / "a.json")).enabled("PS615")


def test_config_option_takes_a_file_or_a_directory(tmp_path, monkeypatch):
    proj, elsewhere = tmp_path / "proj", tmp_path / "elsewhere"
    proj.mkdir()
    elsewhere.mkdir()
    project(proj, 'ignore = ["PS615"]')
    payload = str(proj / "payloads" / "a.json")
    assert codes(elsewhere, monkeypatch, payload) == {"PS404", "PS615"}
    assert codes(elsewhere, monkeypatch, "--config", str(proj / "pyproject.toml"), payload) == {"PS404"}
    assert codes(elsewhere, monkeypatch, "--config", str(proj / "payloads"), payload) == {"PS404"}

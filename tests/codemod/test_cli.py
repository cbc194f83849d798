"""``psmigrate codemod`` end to end on small trees: modes, exit codes, encodings, skipping."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from migrator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"

V1_CALL = (FIXTURES / "actions_inline_requests.before.py").read_text()
V1_AFTER = (FIXTURES / "actions_inline_requests.after.py").read_text()


def codemod(*args: str):
    return CliRunner().invoke(main, ["codemod", *args])


def test_diff_is_the_default_and_writes_nothing(tmp_path):
    target = tmp_path / "client.py"
    target.write_text(V1_CALL)
    result = codemod(str(tmp_path))
    assert result.exit_code == 1
    assert "+        \"https://photoshop-api.adobe.io/v2/execute-actions\"," in result.stdout
    assert target.read_text() == V1_CALL


def test_check_exits_1_and_write_rewrites_then_check_is_clean(tmp_path):
    target = tmp_path / "client.py"
    target.write_text(V1_CALL)
    assert codemod("--check", str(tmp_path)).exit_code == 1
    written = codemod("--write", str(tmp_path))
    assert written.exit_code == 0, written.stderr
    assert target.read_text() == V1_AFTER
    again = codemod("--check", str(tmp_path))
    assert again.exit_code == 0
    assert again.stdout == ""


def test_an_unparsable_file_is_reported_and_skipped_while_the_others_are_rewritten(tmp_path):
    (tmp_path / "broken.py").write_text('URL = "https://image.adobe.io/pie/psdService/actionJSON"\ndef f(:\n')
    good = tmp_path / "good.py"
    good.write_text(V1_CALL)
    result = codemod("--write", str(tmp_path))
    assert result.exit_code == 2
    assert "broken.py:2:" in result.stderr and "PS709" in result.stderr
    assert good.read_text() == V1_AFTER
    assert (tmp_path / "broken.py").read_text().endswith("def f(:\n")


def test_findings_as_json(tmp_path):
    shutil.copy(FIXTURES / "dynamic_url.before.py", tmp_path / "dyn.py")
    result = codemod("--check", "--output-format", "json", str(tmp_path))
    assert result.exit_code == 1
    findings = json.loads(result.stderr)
    assert [(f["code"], f["line"], f["col"]) for f in findings] == [("PS703", 8, 11)]


def test_encoding_cookie_and_crlf_are_kept(tmp_path):
    source = ("# -*- coding: latin-1 -*-\r\n" + "# Café client\r\n" + V1_CALL.replace("\n", "\r\n")).encode("latin-1")
    target = tmp_path / "legacy.py"
    target.write_bytes(source)
    assert codemod("--write", str(target)).exit_code == 0
    data = target.read_bytes()
    assert "# Café client".encode("latin-1") in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"photoshop-api.adobe.io/v2/execute-actions" in data
    assert data.decode("latin-1").replace("\r\n", "\n").endswith(V1_AFTER)


def test_an_unchanged_file_is_not_touched(tmp_path):
    target = tmp_path / "plain.py"
    target.write_text('"""Mentions https://image.adobe.io/pie/psdService/actionJSON in prose only."""\n')
    before = target.stat().st_mtime_ns
    assert codemod("--write", str(tmp_path)).exit_code == 0
    assert target.stat().st_mtime_ns == before


def test_skips_git_venvs_node_modules_build_output_and_gitignored(tmp_path):
    for folder in (".git", ".venv", "node_modules", "build", "custom_env", "generated"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "client.py").write_text(V1_CALL)
    (tmp_path / "custom_env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (tmp_path / ".gitignore").write_text("generated/\n")
    (tmp_path / "app.py").write_text(V1_CALL)
    result = codemod("--check", str(tmp_path))
    assert result.stdout.splitlines() == [f"would rewrite {tmp_path / 'app.py'}"]


def test_add_todos_inserts_a_comment_above_the_line_once(tmp_path):
    target = tmp_path / "dyn.py"
    shutil.copy(FIXTURES / "dynamic_url.before.py", target)
    codemod("--write", "--add-todos", str(target))
    lines = target.read_text().splitlines()
    # above the line that builds the v1 URL, where the finding is
    index = lines.index('    url = f"{BASE}/pie/psdService/{operation}"')
    assert lines[index - 1].startswith("    # TODO(psmigrate): PS703 ")
    once = target.read_text()
    codemod("--write", "--add-todos", str(target))
    assert target.read_text() == once


def test_a_url_constant_in_a_file_outside_the_run_stops_the_rewrite(tmp_path):
    shutil.copy(FIXTURES / "psapi_settings.py", tmp_path / "psapi_settings.py")
    shutil.copy(FIXTURES / "sibling_import.before.py", tmp_path / "jobs.py")
    alone = codemod("--check", str(tmp_path / "jobs.py"))
    assert "PS714" in alone.stderr and "psapi_settings.py" in alone.stderr
    assert "would rewrite" not in alone.stdout
    together = codemod("--check", "-j", "2", str(tmp_path))
    assert "PS714" not in together.stderr
    assert sorted(line for line in together.stdout.splitlines() if line.startswith("would")) == [f"would rewrite {tmp_path / 'jobs.py'}",
                                                    f"would rewrite {tmp_path / 'psapi_settings.py'}"]


def test_parallel_and_serial_runs_agree(tmp_path):
    for index, before in enumerate(sorted(FIXTURES.glob("*.before.py"))):
        shutil.copy(before, tmp_path / f"m{index}_{before.name.replace('.before', '')}")
    shutil.copy(FIXTURES / "psapi_settings.py", tmp_path / "psapi_settings.py")
    serial = codemod("-j", "1", str(tmp_path))
    parallel = codemod("-j", "2", str(tmp_path))
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr


def test_secrets_in_urls_are_redacted_in_diffs_and_reports(tmp_path):
    target = tmp_path / "signed.py"
    target.write_text(V1_CALL.replace("psd_url, \"storage\"",
                                      "\"https://bucket.example/in.psd?X-Amz-Signature=abc123secret\", \"storage\""))
    result = codemod(str(target))
    assert "abc123secret" not in result.stdout + result.stderr
    assert "X-Amz-Signature=REDACTED" in result.stdout


def test_progress_bar_only_on_a_terminal_for_long_runs(tmp_path, monkeypatch):
    for index in range(60):
        (tmp_path / f"job{index}.py").write_text(V1_CALL)
    piped = codemod("--check", "-j", "1", str(tmp_path))
    assert piped.stderr.startswith("psmigrate codemod: 60 files scanned")
    monkeypatch.setattr("migrator.codemod.runner.show_progress", lambda: True)
    on_terminal = codemod("--check", "-j", "1", str(tmp_path))
    # click draws the bar itself only on a real terminal; here it prints the bar's label
    assert on_terminal.stderr.startswith("psmigrate codemod\n")


def test_exclude_in_pyproject_keeps_a_walk_out_of_a_folder_but_not_a_named_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from migrator.cli import main

    source = 'import requests\nrequests.get("https://image.adobe.io/pie/psdService/status/1")\n'
    (tmp_path / "pyproject.toml").write_text('[tool.psmigrate]\nexclude = ["vendor/"]\n')
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "lib.py").write_text(source)
    (tmp_path / "app.py").write_text(source)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["codemod", "--write", "."]).exit_code == 0
    assert "photoshop-api" in (tmp_path / "app.py").read_text()
    assert (tmp_path / "vendor" / "lib.py").read_text() == source
    assert CliRunner().invoke(main, ["codemod", "--write", "vendor/lib.py"]).exit_code == 0
    assert "photoshop-api" in (tmp_path / "vendor" / "lib.py").read_text()


def test_check_exits_as_its_help_says(tmp_path):
    """--check: 1 when a file would change or a finding needs a person; informational findings
    (a v1 path named in a log line) and clean files exit 0."""
    cases = {
        "changes.py": (V1_CALL, 1),
        "clean.py": ('URL = "https://photoshop-api.adobe.io/v2/execute-actions"\n', 0),
        "message.py": ('import logging\n\nlogging.info("was /pie/psdService/photoshopActions in v1")\n', 0),
        "finding.py": ('def state(body):\n    return body["outputs"][0]["status"]\n\n\n'
                       'URL = "https://photoshop-api.adobe.io/v2/status/"\n', 1),
    }
    for name, (source, expected) in cases.items():
        folder = tmp_path / name.removesuffix(".py")
        folder.mkdir()
        (folder / name).write_text(source)
        result = codemod("--check", str(folder / name))
        assert result.exit_code == expected, (name, result.output)
    assert "--check" in codemod("--help").stdout and "informational findings" in " ".join(
        codemod("--help").stdout.split())

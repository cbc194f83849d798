"""Shell scripts and Markdown through the commands: codemod, lint (and --fix), convert, walks,
configuration, and findings that stay on every later run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from migrator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def psmigrate(*args: str):
    return CliRunner().invoke(main, list(args))


def copy(tmp_path: Path, name: str, as_name: str | None = None) -> Path:
    target = tmp_path / (as_name or name)
    shutil.copyfile(FIXTURES / name, target)
    return target


def after(name: str) -> bytes:
    path = FIXTURES / name
    return path.with_name(f"{path.stem}.after{path.suffix}").read_bytes()


def test_codemod_diff_then_write_then_check_is_clean(tmp_path):
    script = copy(tmp_path, "actions_chain.sh")
    diff = psmigrate("codemod", str(script))
    assert diff.exit_code == 1
    assert '+status_url=$(curl -s -X POST "$API/v2/execute-actions" \\' in diff.stdout
    assert script.read_bytes() == (FIXTURES / "actions_chain.sh").read_bytes()
    assert psmigrate("codemod", "--write", str(script)).exit_code == 0
    assert script.read_bytes() == after("actions_chain.sh")
    assert psmigrate("codemod", "--check", str(script)).exit_code == 0


def test_a_call_left_half_migrated_is_reported_by_lint_on_every_later_run(tmp_path):
    script = copy(tmp_path, "unparsable_body.sh")
    written = psmigrate("codemod", "--write", str(script))
    assert written.exit_code == 1  # the body needs a person
    assert "PS807" in written.stderr
    assert b"photoshop-api.adobe.io/v2/execute-actions" in script.read_bytes()
    for _ in range(2):
        linted = psmigrate("lint", str(script))
        assert linted.exit_code == 1
        assert f"{script}:4:76: PS807" in linted.stdout


def test_lint_fix_writes_the_codemod_rewrite_and_reports_what_is_left(tmp_path):
    doc = copy(tmp_path, "tabs.md")
    script = copy(tmp_path, "body_from_file.sh")
    first = psmigrate("lint", str(doc), str(script))
    assert first.exit_code == 1 and "PS802" in first.stdout and "(fix: psmigrate lint --fix)" in first.stdout
    fixed = psmigrate("lint", "--fix", str(doc), str(script))
    assert fixed.exit_code == 1
    assert doc.read_bytes() == after("tabs.md")
    assert "PS808" in fixed.stdout and "PS802" not in fixed.stdout
    again = psmigrate("lint", str(doc), str(script))
    assert f"{script}:3:6: PS808" in again.stdout
    # the Python and JavaScript tabs still call v1: psmigrate does not migrate them inside Markdown,
    # so they are reported on every run (the shell tab is fixed)
    assert [line.split(": ")[0].rsplit(":", 2)[1:] + [line.split()[1]] for line in again.stdout.splitlines()
            if line.startswith(str(doc))] == [["9", "16", "PS813"], ["16", "8", "PS813"]]


def test_lint_ignore_neither_reports_nor_applies_and_keeps_the_command_whole(tmp_path):
    """An ignored body change keeps the URL v1 too (a v1 body on a v2 URL fails), and says so."""
    script = copy(tmp_path, "cc_storage.sh")
    before = script.read_text()
    result = psmigrate("lint", "--fix", "--ignore", "PS802", str(script))
    assert script.read_text() == before
    assert "PS802" not in result.stdout and "PS801 v1 URL /pie/psdService/renditionCreate, left as it is" in result.stdout
    assert result.exit_code == 1 and "fix:" not in result.stdout


def test_json_output_names_shell_findings(tmp_path):
    script = copy(tmp_path, "jq_unknown.sh")
    result = psmigrate("lint", "--output-format", "json", str(script))
    found = json.loads(result.stdout)
    codes = {(d["code"], d["line"]) for d in (found if isinstance(found, list) else found["diagnostics"])}
    assert ("PS810", 2) in codes and ("PS810", 5) in codes


def test_walks_pick_shell_and_markdown_but_plain_text_only_when_named(tmp_path):
    copy(tmp_path, "status_polls.sh", "a.sh")
    copy(tmp_path, "console.md", "b.md")
    notes = copy(tmp_path, "status_polls.sh", "notes.txt")
    walked = psmigrate("lint", str(tmp_path))
    assert "a.sh:1:" in walked.stdout and "b.md:4:" in walked.stdout and "notes.txt" not in walked.stdout
    named = psmigrate("lint", str(notes))
    assert named.exit_code == 1 and "notes.txt:1:" in named.stdout
    codemod = psmigrate("codemod", "--check", str(tmp_path))
    assert "would rewrite" in codemod.stdout and "notes.txt" not in codemod.stdout


def test_a_file_without_adobe_in_it_is_clean(tmp_path):
    (tmp_path / "build.sh").write_text("#!/bin/sh\nmake && curl -s https://example.com/ping\n")
    (tmp_path / "README.md").write_text("# x\n\n```bash\necho 'unbalanced\n```\n")
    assert psmigrate("lint", str(tmp_path)).exit_code == 0
    assert psmigrate("codemod", "--check", str(tmp_path)).exit_code == 0


def test_convert_given_a_script_lists_its_curl_commands_and_points_to_codemod(tmp_path):
    script = copy(tmp_path, "actions_chain.sh")
    result = psmigrate("convert", str(script))
    assert result.exit_code == 2
    assert "PS001" not in result.stderr
    assert f"{script}:4:14: PS820 curl command `POST $API/pie/psdService/photoshopActions`" in result.stderr
    assert f"psmigrate codemod {script}" in result.stderr
    doc = copy(tmp_path, "windows_caret.md")
    result = psmigrate("convert", str(doc))
    assert result.exit_code == 2 and f"{doc}:6:1: PS820" in result.stderr


def test_configuration_excludes_and_ignores_apply(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.psmigrate]\nexclude = ["docs/*"]\n'
                                             'per-file-ignores = {"scripts/*" = ["PS803"]}\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "scripts").mkdir()
    copy(tmp_path / "docs", "tabs.md")
    script = copy(tmp_path / "scripts", "lightroom_autotone.sh")
    result = psmigrate("codemod", "--write", "--config", str(tmp_path), str(tmp_path))
    assert (tmp_path / "docs" / "tabs.md").read_bytes() == (FIXTURES / "tabs.md").read_bytes()
    assert "._links.self.href" in script.read_text() and "/v2/edit" in script.read_text()
    assert result.exit_code == 0


def test_add_todos_writes_each_finding_above_its_command_once(tmp_path):
    script = copy(tmp_path, "cutout_then_actions.sh")
    assert psmigrate("codemod", "--write", "--add-todos", str(script)).exit_code == 1  # PS384 needs a person
    text = script.read_text()
    assert "\n# TODO(psmigrate): PS384 v2 remove-background takes no output location" in text
    assert text.index("# TODO(psmigrate): PS384") < text.index("cutout=$(curl")
    psmigrate("codemod", "--write", "--add-todos", str(script))
    assert script.read_text() == text
    doc = copy(tmp_path, "windows_caret.md")
    psmigrate("codemod", "--write", "--add-todos", str(doc))
    assert "TODO" not in doc.read_text()  # cmd has no `#` comments


def test_a_script_that_is_not_utf8_or_cannot_be_read_is_reported_and_left(tmp_path):
    latin = tmp_path / "latin.md"
    latin.write_bytes(b"caf\xe9\n\n```sh\ncurl https://image.adobe.io/pie/psdService/status/1\n```\n")
    result = psmigrate("codemod", "--write", str(latin))
    assert result.exit_code == 2 and f"{latin}:1:4: PS003 not UTF-8 (byte 0xe9)" in result.stderr  # at the byte
    assert latin.read_bytes().startswith(b"caf\xe9")
    missing = tmp_path / "gone.sh"
    missing.symlink_to(tmp_path / "nowhere.sh")
    linted = psmigrate("lint", str(missing))
    assert linted.exit_code == 2 and "PS008" in linted.stdout


def test_a_body_file_beside_the_script_is_read(tmp_path):
    (tmp_path / "v1.json").write_text('{"inputs": [{"href": "https://in.example/a.psd", "storage": "external"}], '
                                      '"outputs": [{"href": "https://out.example/a.png", "storage": "external", '
                                      '"type": "image/png"}]}')
    script = tmp_path / "send.sh"
    script.write_text("curl -X POST https://image.adobe.io/pie/psdService/renditionCreate -d @v1.json\n")
    first = psmigrate("lint", "--fix", str(script))
    assert "`v1.json` holds a v1 body" in first.stdout
    assert psmigrate("convert", "--in-place", str(tmp_path / "v1.json")).exit_code == 0
    assert psmigrate("lint", str(script)).exit_code == 0  # v2 URL, v2 file: nothing left


def test_every_file_pre_commit_calls_shell_is_linted_as_shell(tmp_path):
    from identify import identify

    for name in (".bashrc", ".envrc", "run.bats", "PKGBUILD", "deploy"):
        path = tmp_path / name
        path.write_text("#!/bin/bash\ncurl -s https://image.adobe.io/pie/psdService/status/1\n")
        path.chmod(0o755)  # identify reads a shebang only on an executable
        assert "shell" in identify.tags_from_path(str(path)), name
        result = psmigrate("lint", "--force-exclude", str(path))
        assert "PS801" in result.stdout and "PS001" not in result.stdout, (name, result.stdout)

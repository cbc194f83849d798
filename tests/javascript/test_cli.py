"""JavaScript and TypeScript through the commands: codemod, lint (and --fix), walks, output
formats, configuration, noqa, and findings that stay on every later run."""

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
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / name, target)
    return target


def after(name: str) -> bytes:
    path = FIXTURES / name
    return path.with_name(f"{path.stem}.after{path.suffix}").read_bytes()


def test_codemod_diff_then_write_then_check_is_clean(tmp_path):
    source = copy(tmp_path, "fetch_actions_poll.js")
    diff = psmigrate("codemod", str(source))
    assert diff.exit_code == 1
    assert '+  const res = await fetch("https://photoshop-api.adobe.io/v2/execute-actions", {' in diff.stdout
    assert source.read_bytes() == (FIXTURES / "fetch_actions_poll.js").read_bytes()
    assert psmigrate("codemod", "--write", str(source)).exit_code == 0
    assert source.read_bytes() == after("fetch_actions_poll.js")
    assert psmigrate("codemod", "--check", str(source)).exit_code == 0


def test_a_body_left_v1_on_a_rewritten_url_is_reported_on_every_later_run(tmp_path):
    source = copy(tmp_path, "body_parameter.js")
    written = psmigrate("codemod", "--write", str(source))
    assert written.exit_code == 1 and "PS907" in written.stderr
    assert b"photoshop-api.adobe.io/v2/execute-actions" in source.read_bytes()
    assert b"// TODO(psmigrate): PS907" in source.read_bytes()
    for _ in range(2):
        linted = psmigrate("lint", str(source))
        assert linted.exit_code == 1
        assert f"{source}:3:3: PS907" in linted.stdout
    assert psmigrate("codemod", "--check", str(source)).exit_code == 1  # a finding needs a person
    text = source.read_text().replace("  // TODO(psmigrate): PS907", "  // checked by hand: PS907")
    source.write_text(text)
    assert psmigrate("lint", str(source)).exit_code == 0  # removed by the person who converted it


def test_lint_fix_writes_the_rewrite_and_reports_what_is_left(tmp_path):
    ts = copy(tmp_path, "axios_instance.ts")
    js = copy(tmp_path, "fetch_actions_poll.js")
    first = psmigrate("lint", str(ts), str(js))
    assert first.exit_code == 1 and "PS902" in first.stdout and "(fix: psmigrate lint --fix)" in first.stdout
    fixed = psmigrate("lint", "--fix", str(ts), str(js))
    assert ts.read_bytes() == after("axios_instance.ts") and js.read_bytes() == after("fetch_actions_poll.js")
    left = psmigrate("lint", "--output-format", "json", str(ts), str(js))
    assert fixed.exit_code == left.exit_code == 1
    # what is left is the interface still declaring v1's `_links`: a person retypes it
    assert [(d["code"], d["line"]) for d in json.loads(left.stdout)] == [("PS909", 4)]


def test_directory_walk_finds_every_suffix_and_skips_node_modules(tmp_path):
    for name in ("template_base.mjs", "axios_post.cjs", "tsx_component.tsx", "jsx_component.jsx",
                 "single_quotes.ts", "fetch_actions_poll.js"):
        copy(tmp_path, name, f"src/{name}")
    copy(tmp_path, "fetch_actions_poll.js", "node_modules/dep/index.js")
    linted = psmigrate("lint", "--output-format", "json", str(tmp_path))
    found = {Path(d["path"]).name for d in json.loads(linted.stdout)}
    assert found == {"template_base.mjs", "axios_post.cjs", "tsx_component.tsx", "jsx_component.jsx",
                     "single_quotes.ts", "fetch_actions_poll.js"}
    written = psmigrate("codemod", "--write", str(tmp_path))
    assert "6 files scanned" in written.stderr or "rewrote 6" in written.stderr, written.stderr
    assert (tmp_path / "node_modules/dep/index.js").read_bytes() == (FIXTURES / "fetch_actions_poll.js").read_bytes()


def test_output_formats(tmp_path):
    source = copy(tmp_path, "depth_blur.js")
    sarif = json.loads(psmigrate("lint", "--output-format", "sarif", str(source)).stdout)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["PS905"]
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    github = psmigrate("lint", "--output-format", "github", str(source)).stdout
    assert github.startswith("::error file=") and "PS905" in github


def test_configuration_selects_and_ignores_per_file(tmp_path):
    copy(tmp_path, "leftover_table.js", "src/table.js")
    copy(tmp_path, "depth_blur.js", "src/blur.js")
    (tmp_path / "pyproject.toml").write_text('[tool.psmigrate]\nper-file-ignores = {"src/table.js" = ["PS912"]}\n')
    linted = psmigrate("lint", "--config", str(tmp_path), str(tmp_path / "src"))
    assert "PS912" not in linted.stdout and "PS905" in linted.stdout and "PS901" in linted.stdout
    fixed = psmigrate("lint", "--fix", "--config", str(tmp_path), str(tmp_path / "src" / "table.js"))
    assert fixed.exit_code == 0, fixed.stdout
    ignored = psmigrate("lint", "--ignore", "PS905", str(tmp_path / "src" / "blur.js"))
    assert ignored.exit_code == 0


def test_noqa_silences_its_line_only(tmp_path):
    source = copy(tmp_path, "noqa.js")
    assert psmigrate("lint", str(source)).exit_code == 0
    source.write_text(source.read_text().replace(" // noqa\n", "\n"))
    linted = psmigrate("lint", str(source))
    assert linted.exit_code == 1 and "PS912" in linted.stdout


def test_explain_shows_the_javascript_examples():
    explained = psmigrate("explain", "PS913")
    assert explained.exit_code == 0
    assert "(javascript, error)" in explained.stdout and "aio-lib-photoshop-api" in explained.stdout
    assert "https://photoshop-api.adobe.io/v2/execute-actions" in explained.stdout


def test_add_todos_writes_a_comment_above_each_statement_a_person_must_change(tmp_path):
    source = copy(tmp_path, "depth_blur.js")
    written = psmigrate("codemod", "--write", "--add-todos", str(source))
    assert written.exit_code == 1
    lines = source.read_text().splitlines()
    assert lines[1].startswith("  // TODO(psmigrate): PS905 ") and "depthBlur" in lines[1]
    again = psmigrate("lint", "--output-format", "json", str(source))
    assert {(d["code"], d["line"]) for d in json.loads(again.stdout)} == {("PS905", 3)}  # once, at the call
    assert psmigrate("codemod", "--write", "--add-todos", str(source)).exit_code == 1
    assert source.read_text().count("TODO(psmigrate)") == 1


SDK_CLIENT = '''const sdk = require("@adobe/aio-lib-photoshop-api");
async function tone(org, key, token) {
  const client = await sdk.init(org, key, token);
  const job = await client.autoTone("https://in.example/a.jpg", "https://out.example/a.jpg");
  return job.outputs[0].status;
}
'''


def test_unsafe_fixes_are_applied_with_the_flag_only(tmp_path):
    source = tmp_path / "tone.js"
    source.write_text(SDK_CLIENT, encoding="utf-8")
    check = psmigrate("codemod", "--check", str(source))
    assert check.exit_code == 1 and "would rewrite" not in check.stdout
    assert "PS914" in check.output and "a fix is available with --unsafe-fixes" in check.output
    linted = psmigrate("lint", str(source))
    assert linted.exit_code == 1 and "(1 more fixable with --fix --unsafe-fixes)" in linted.output
    assert psmigrate("lint", "--fix", str(source)).exit_code == 1
    assert source.read_text(encoding="utf-8") == SDK_CLIENT  # --fix alone applies no unsafe fix
    ignored = psmigrate("lint", "--fix", "--unsafe-fixes", "--ignore", "PS914", str(source))
    assert source.read_text(encoding="utf-8") == SDK_CLIENT and "PS914" not in ignored.output
    assert "PS903" not in ignored.output  # the reads of a call left to the SDK are not rewritten
    assert psmigrate("lint", "--fix", "--unsafe-fixes", str(source)).exit_code == 0
    fixed = source.read_text(encoding="utf-8")
    assert 'await psmigrateV2Job("https://photoshop-api.adobe.io/v2/edit"' in fixed and "return job.status;" in fixed
    assert psmigrate("codemod", "--check", "--unsafe-fixes", str(source)).exit_code == 0
    assert psmigrate("lint", str(source)).exit_code == 0


def test_codemod_write_with_unsafe_fixes_matches_lint_fix(tmp_path):
    by_codemod, by_lint = tmp_path / "a.js", tmp_path / "b.js"
    for path in (by_codemod, by_lint):
        path.write_text(SDK_CLIENT, encoding="utf-8")
    assert psmigrate("codemod", "--write", "--unsafe-fixes", str(by_codemod)).exit_code == 0
    assert psmigrate("lint", "--fix", "--unsafe-fixes", str(by_lint)).exit_code == 0
    assert by_codemod.read_bytes() == by_lint.read_bytes()

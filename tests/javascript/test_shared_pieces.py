"""URL pieces held by another module of the run (javascript/shared.py): each file's run rewrites
its own pieces when every request of the run reaching them needs the same edit, and relies on
the other files' runs for theirs; when the requests disagree, no file changes those pieces and
every file involved reports them (PS915), on this run and every later one."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from migrator.cli import main

CONFIG = 'export const HOST = "https://image.adobe.io";\nexport const LIGHTROOM = "/lrService";\n'
CLIENT = '''import { HOST, LIGHTROOM } from "./config.mjs";
export async function tone(headers, input, output) {
  const res = await fetch(`${HOST}${LIGHTROOM}/autoTone`, { method: "POST", headers,
    body: JSON.stringify({ inputs: { href: input, storage: "external" }, outputs: [{ href: output, storage: "external", type: "image/jpeg" }] }) });
  return (await res.json())._links.self.href;
}
'''
CUTOUT = '''import { HOST } from "./config.mjs";
export async function cut(headers, input) {
  return fetch(`${HOST}/sensei/mask`, { method: "POST", headers,
    body: JSON.stringify({ input: { href: input, storage: "external" } }) });
}
'''
SETTINGS = 'module.exports = { BASE: "https://image.adobe.io/pie/psdService" };\n'
ACTIONS = '''const { BASE } = require("./settings");
async function run(headers, input, output) {
  const res = await fetch(BASE + "/renditionCreate", { method: "POST", headers, body: JSON.stringify({
    inputs: [{ href: input, storage: "external" }], outputs: [{ href: output, storage: "external", type: "image/png" }] }) });
  return (await res.json())._links.self.href;
}
module.exports = { run };
'''


def psmigrate(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_piece_every_request_agrees_on_is_rewritten_by_its_own_file(tmp_path):
    folder = tree(tmp_path, {"config.mjs": CONFIG, "client.mjs": CLIENT})
    assert psmigrate("codemod", "--write", folder).exit_code == 0
    assert (folder / "config.mjs").read_text() == ('export const HOST = "https://photoshop-api.adobe.io";\n'
                                                   'export const LIGHTROOM = "/v2";\n')
    client = (folder / "client.mjs").read_text()
    assert "`${HOST}${LIGHTROOM}/edit`" in client and ".statusUrl" in client
    assert psmigrate("codemod", "--check", folder).exit_code == 0
    assert psmigrate("lint", folder).exit_code == 0


def test_the_importing_file_alone_reports_the_piece_it_cannot_change(tmp_path):
    folder = tree(tmp_path, {"config.mjs": CONFIG, "client.mjs": CLIENT})
    linted = psmigrate("lint", folder / "client.mjs")
    assert linted.exit_code == 1
    assert "PS904" in linted.stdout and "config.mjs, line 2: change it there to `/v2`" in linted.stdout


def test_requests_needing_different_hosts_leave_the_piece_and_all_report_it(tmp_path):
    folder = tree(tmp_path, {"config.mjs": CONFIG, "client.mjs": CLIENT, "cutout.mjs": CUTOUT})
    first = psmigrate("codemod", "--write", folder)
    assert first.exit_code == 1
    reported = [line for line in first.output.splitlines() if " PS915 " in line]
    assert {Path(line.split(":")[0]).name for line in reported} == {"config.mjs", "client.mjs", "cutout.mjs"}
    assert 'HOST = "https://image.adobe.io"' in (folder / "config.mjs").read_text()
    assert 'LIGHTROOM = "/v2"' in (folder / "config.mjs").read_text()  # only the client's requests use it
    again = psmigrate("lint", folder)
    assert again.exit_code == 1 and again.stdout.count(" PS915 ") == 3


def test_commonjs_exports_and_lint_fix_agree_with_codemod(tmp_path):
    by_codemod = tree(tmp_path / "a", {"settings.js": SETTINGS, "actions.js": ACTIONS}) if (tmp_path / "a").mkdir() \
        is None else None
    by_lint = tree(tmp_path / "b", {"settings.js": SETTINGS, "actions.js": ACTIONS}) if (tmp_path / "b").mkdir() \
        is None else None
    assert psmigrate("codemod", "--write", by_codemod).exit_code == 0
    assert psmigrate("lint", "--fix", by_lint).exit_code == 0
    for name in ("settings.js", "actions.js"):
        assert (by_codemod / name).read_text() == (by_lint / name).read_text()
    assert (by_codemod / "settings.js").read_text() == \
        'module.exports = { BASE: "https://photoshop-api.adobe.io/v2" };\n'
    assert 'BASE + "/create-composite"' in (by_codemod / "actions.js").read_text()

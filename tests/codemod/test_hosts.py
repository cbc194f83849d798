"""Hosts per operation across the files of one run (issue 11, items 5 and 6): a host constant is
rewritten only when every request reaching it, in its own file and in the files importing it,
needs the same v2 host; otherwise it stays and each place is reported, on every run."""

from __future__ import annotations

import json

from click.testing import CliRunner

from migrator.cli import main

CONFIG = 'PHOTOSHOP_HOST = "https://image.adobe.io"\n'
ACTIONS = '''import requests

from config import PHOTOSHOP_HOST


def play(psd, atn, out):
    return requests.post(f"{PHOTOSHOP_HOST}/pie/psdService/photoshopActions", json={
        "inputs": [{"href": psd, "storage": "external"}],
        "options": {"actions": [{"href": atn, "storage": "external"}]},
        "outputs": [{"href": out, "storage": "external", "type": "image/png"}],
    })
'''
TONE = '''import requests

from config import PHOTOSHOP_HOST


def tone(src, dst):
    return requests.post(PHOTOSHOP_HOST + "/lrService/autoTone", json={
        "inputs": {"href": src, "storage": "external"},
        "outputs": [{"href": dst, "storage": "external", "type": "image/jpeg"}],
    })
'''
CUTOUT = '''import requests

from config import PHOTOSHOP_HOST


def cutout(src):
    return requests.post(PHOTOSHOP_HOST + "/sensei/cutout", json={
        "input": {"href": src, "storage": "external"},
        "output": {"href": "", "storage": "external"},
    })
'''


def run(*args):
    result = CliRunner().invoke(main, [*args])
    return result.exit_code, result.stdout


def findings(directory) -> list[tuple[str, int, str]]:
    code, out = run("lint", "--output-format", "json", str(directory))
    return sorted((f["path"].rsplit("/", 1)[-1], f["line"], f["code"]) for f in json.loads(out))


def test_a_host_constant_that_every_importer_needs_on_one_host_is_rewritten(tmp_path):
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "actions.py").write_text(ACTIONS)
    (tmp_path / "tone.py").write_text(TONE)
    assert run("codemod", "--write", str(tmp_path))[0] == 0
    assert (tmp_path / "config.py").read_text() == 'PHOTOSHOP_HOST = "https://photoshop-api.adobe.io"\n'
    assert findings(tmp_path) == []


def test_a_host_constant_shared_by_operations_on_different_hosts_stays_and_is_reported(tmp_path):
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "actions.py").write_text(ACTIONS)
    (tmp_path / "cutout.py").write_text(CUTOUT)
    expected = [("actions.py", 7, "PS718"), ("config.py", 1, "PS717")]
    assert [f for f in findings(tmp_path) if f[2] in ("PS717", "PS718")] == expected
    code, out = run("codemod", "--write", str(tmp_path))
    assert code == 1
    assert (tmp_path / "config.py").read_text() == CONFIG  # still the remove-background host
    assert "/v2/remove-background" in (tmp_path / "cutout.py").read_text()
    assert findings(tmp_path) == expected  # after the rewrite, and on every later run
    assert findings(tmp_path) == expected


def test_the_importer_alone_reports_a_host_it_cannot_change(tmp_path):
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "actions.py").write_text(ACTIONS)
    code, out = run("lint", str(tmp_path / "actions.py"))
    assert code == 1 and "PS718" in out and "(set in config.py)" in out


CONFIG_WITH_A_CALL = '''"""Settings, and one job of their own."""

import requests

PHOTOSHOP_HOST = "https://image.adobe.io"


def flatten(psd, out):
    return requests.post(PHOTOSHOP_HOST + "/pie/psdService/actionJSON", json={
        "inputs": [{"href": psd, "storage": "external"}],
        "options": {"actionJSON": [{"_obj": "flattenImage", "name": out}]},
        "outputs": [{"href": out, "storage": "external", "type": "image/png"}],
    })
'''


def test_lint_fix_across_files_is_clean_afterwards_even_when_lines_move(tmp_path):
    (tmp_path / "config.py").write_text(CONFIG_WITH_A_CALL)  # gains `import json`: its lines move
    (tmp_path / "actions.py").write_text(ACTIONS)
    (tmp_path / "tone.py").write_text(TONE)
    assert run("lint", "--fix", str(tmp_path)) == (0, "")
    config = (tmp_path / "config.py").read_text()
    assert 'PHOTOSHOP_HOST = "https://photoshop-api.adobe.io"' in config and "import json" in config
    assert findings(tmp_path) == []

"""A URL piece one file holds for the requests another file sends (``shared_pieces.py``): both
files change together when every request reaching the piece needs the same edit; otherwise
neither changes and both are reported (PS737), on every run."""

from __future__ import annotations

import json

from click.testing import CliRunner

from migrator.cli import main
from tests.e2e.harness import forget_earlier_runs

SETTINGS = 'HOST = "https://image.adobe.io"\nLIGHTROOM_PATH = "/lrService"\n'
CLIENT = '''import requests

from settings import HOST, LIGHTROOM_PATH


def tone(headers, source, target):
    return requests.post(f"{HOST}{LIGHTROOM_PATH}/autoTone", headers=headers, json={
        "inputs": {"href": source, "storage": "external"},
        "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
    })
'''
STRAIGHTEN = '''import requests

from settings import HOST, LIGHTROOM_PATH


def straighten(headers, job):
    return requests.get(f"{HOST}{LIGHTROOM_PATH}/status/{job}", headers=headers).json()
'''
ACTIONS = '''import requests

from settings import BASE


def run(headers, body):
    requests.post(BASE + "documentOperations", json=body, headers=headers)
    requests.post(BASE + "depthBlur", json=body, headers=headers)
'''


def cli(*args):
    forget_earlier_runs()  # each psmigrate run is a process of its own
    result = CliRunner().invoke(main, [*map(str, args)])
    return result.exit_code, result.stdout


def findings(directory) -> list[tuple[str, int, str]]:
    _, out = cli("lint", "--output-format", "json", directory)
    return sorted((f["path"].rsplit("/", 1)[-1], f["line"], f["code"]) for f in json.loads(out))


def test_a_base_path_in_a_settings_module_is_rewritten_with_the_requests_that_use_it(tmp_path):
    (tmp_path / "settings.py").write_text(SETTINGS)
    (tmp_path / "tone.py").write_text(CLIENT)
    (tmp_path / "status.py").write_text(STRAIGHTEN)
    cli("codemod", "--write", tmp_path)
    assert (tmp_path / "settings.py").read_text() == 'HOST = "https://photoshop-api.adobe.io"\nLIGHTROOM_PATH = "/v2"\n'
    assert 'f"{HOST}{LIGHTROOM_PATH}/edit"' in (tmp_path / "tone.py").read_text()
    assert cli("codemod", "--diff", tmp_path) == (0, "")  # nothing left half-migrated
    assert findings(tmp_path) == []


def test_a_piece_shared_with_a_request_left_as_it_is_stays_and_every_request_through_it_is_reported(tmp_path):
    (tmp_path / "settings.py").write_text('BASE = "https://image.adobe.io/pie/psdService/"\n')
    (tmp_path / "actions.py").write_text(ACTIONS)
    before = {p.name: p.read_text() for p in tmp_path.iterdir()}
    cli("codemod", "--write", tmp_path)
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == before
    reported = [f for f in findings(tmp_path) if f[2] in ("PS704", "PS737")]
    assert reported == [("actions.py", 7, "PS737"), ("actions.py", 8, "PS704"), ("settings.py", 1, "PS737")]
    assert findings(tmp_path) == findings(tmp_path)


def test_a_piece_only_the_files_outside_the_run_use_is_not_touched(tmp_path):
    (tmp_path / "settings.py").write_text(SETTINGS)
    (tmp_path / "tone.py").write_text(CLIENT)
    cli("codemod", "--write", tmp_path / "settings.py")
    assert (tmp_path / "settings.py").read_text() == SETTINGS

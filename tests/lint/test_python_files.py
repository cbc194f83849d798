"""``psmigrate lint`` on Python files: the codemod's findings, ``# noqa``, ``--fix``, selection."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from migrator.cli import main

CALL = '''import requests

HOST = "https://image.adobe.io"


def run(psd, atn, out):
    response = requests.post(HOST + "/pie/psdService/photoshopActions", json={
        "inputs": [{"href": psd, "storage": "external"}],
        "options": {"actions": [{"href": atn, "storage": "external"}]},
        "outputs": [{"href": out, "storage": "external", "type": "image/png"}],
    })
    return requests.get(response.json()["_links"]["self"]["href"])
'''
REPORT_ONLY = '''import requests


def poll(url):
    return requests.get(url).json()["outputs"][0]["_links"]["renditions"]


def submit(endpoint, body):
    return requests.post("https://image.adobe.io/pie/psdService/" + endpoint, json=body)
'''


def run(*args):
    result = CliRunner().invoke(main, ["lint", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def codes(out: str) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in out.splitlines()]


def test_every_v1_call_site_is_a_finding_and_the_fixable_ones_say_so(tmp_path):
    path = tmp_path / "job.py"
    path.write_text(CALL)
    code, out, err = run(path)
    assert code == 1
    assert out.splitlines()[0] == (f"{path}:3:8: PS721 v1 URL: `https://image.adobe.io` → "
                                   "`https://photoshop-api.adobe.io` (fix: psmigrate lint --fix)")
    assert codes(out) == ["PS721", "PS721", "PS720", "PS706"]
    assert f"{path}:7:78: PS720 v1 request body for /pie/psdService/photoshopActions → /v2/execute-actions" in out
    assert "(4 fixable with --fix)" in err
    assert path.read_text() == CALL  # lint writes nothing


def test_findings_the_codemod_only_reports_are_findings_without_a_fix(tmp_path):
    path = tmp_path / "poll.py"
    path.write_text(REPORT_ONLY)
    code, out, _ = run(path)
    assert code == 1
    assert codes(out) == ["PS707", "PS703"]
    assert "(fix:" not in out


def test_noqa_silences_a_code_on_its_line_and_fix_leaves_that_line_alone(tmp_path):
    path = tmp_path / "job.py"
    path.write_text(CALL.replace('json={\n', 'json={  # noqa: PS720\n'))
    code, out, _ = run(path)
    assert codes(out) == ["PS721", "PS721", "PS706"]
    code, out, _ = run("--fix", path)
    assert code == 1 and codes(out) == ["PS711"]  # now a v1 body sent to v2: the user's call
    fixed = path.read_text()
    assert '"inputs": [{"href": psd, "storage": "external"}]' in fixed  # the silenced body stays v1
    assert 'HOST + "/v2/execute-actions"' in fixed and '["statusUrl"]' in fixed


def test_bare_noqa_silences_every_code_on_the_line(tmp_path):
    path = tmp_path / "job.py"
    path.write_text(CALL.replace('HOST = "https://image.adobe.io"', 'HOST = "https://image.adobe.io"  # noqa'))
    assert "3:8" not in run(path)[1]


def test_fix_rewrites_writes_atomically_and_a_second_run_is_clean(tmp_path):
    path = tmp_path / "job.py"
    path.write_text(CALL)
    code, out, err = run("--fix", path)
    assert (code, out) == (0, "")
    assert "Fixed 4 problems in 1 file." in err  # the 4 findings plain lint counts as fixable
    fixed = path.read_text()
    assert 'HOST = "https://photoshop-api.adobe.io"' in fixed
    assert '"image": {"source": {"url": psd}}' in fixed
    assert 'response.json()["statusUrl"]' in fixed
    assert not [p for p in tmp_path.iterdir() if p.name != "job.py"]  # no temporary file left behind
    before = os.stat(path).st_mtime_ns
    assert run("--fix", path)[:2] == (0, "")
    assert os.stat(path).st_mtime_ns == before  # nothing to change: not written


def test_fix_keeps_what_it_cannot_fix_as_findings(tmp_path):
    path = tmp_path / "both.py"
    path.write_text(CALL + "\n\n" + REPORT_ONLY.split("\n", 2)[2])
    code, out, _ = run("--fix", path)
    assert code == 1 and codes(out) == ["PS707", "PS703"]
    assert "photoshop-api.adobe.io" in path.read_text()


def test_what_fix_leaves_stays_a_finding_once_the_file_names_only_the_v2_host(tmp_path):
    path = tmp_path / "poll.py"
    path.write_text('import requests\n\n\ndef renditions():\n'
                    '    status = requests.get("https://image.adobe.io/pie/psdService/status/1").json()\n'
                    '    return status["outputs"][0]["_links"]["renditions"]\n')
    assert codes(run("--fix", tmp_path)[1]) == ["PS707"]
    assert "image.adobe.io" not in path.read_text()
    assert codes(run(tmp_path)[1]) == ["PS707"]  # a walk still parses the migrated file


def test_ignored_fixable_codes_are_neither_reported_nor_applied(tmp_path):
    path = tmp_path / "job.py"
    path.write_text(CALL)
    code, out, _ = run("--ignore", "PS720", path)
    assert "PS720" not in codes(out)
    run("--fix", "--ignore", "PS720", path)
    fixed = path.read_text()
    assert '"inputs": [{"href": psd' in fixed and "photoshop-api.adobe.io" in fixed


def test_per_file_ignores_apply_to_python_files(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.psmigrate.per-file-ignores]\n"legacy/*.py" = ["PS7"]\n')
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.py").write_text(CALL)
    (tmp_path / "new.py").write_text(CALL)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(".")
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()} == {"new.py"}


def test_a_directory_walk_finds_python_and_json_and_honours_gitignore(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "job.py").write_text(CALL)
    (tmp_path / "src" / "plain.py").write_text("import os\nprint(os.getcwd())\n")
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "old.py").write_text(CALL)
    (tmp_path / ".gitignore").write_text("generated/\n")
    (tmp_path / "body.json").write_text(json.dumps({"inputs": [{"href": "s3://a", "storage": "external"}],
                                                    "outputs": [{"href": "s3://b", "storage": "external",
                                                                 "type": "image/png"}]}))
    code, out, err = run(tmp_path)
    assert code == 1
    files = {Path(line.split(":")[0]).name for line in out.splitlines()}
    assert files == {"job.py", "body.json"}
    assert "of 3 file(s)" in err  # body.json, job.py and plain.py were checked


def test_force_exclude_treats_named_files_like_walked_ones(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.psmigrate]\nexclude = ["vendored/*"]\n')
    (tmp_path / "vendored").mkdir()
    (tmp_path / "vendored" / "old.py").write_text(CALL)
    (tmp_path / "package.json").write_text('{"name": "web", "version": "1.0.0"}')
    (tmp_path / "plain.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    named = ["vendored/old.py", "package.json", "plain.py"]
    assert run(*named)[0] == 1  # named without the flag: each is checked as given
    code, out, err = run("--force-exclude", *named)
    assert (code, out) == (0, ""), err


def test_an_unparsable_python_file_is_a_finding_and_the_run_goes_on(tmp_path):
    (tmp_path / "broken.py").write_text("requests.post('https://image.adobe.io/pie/psdService/text'\n")
    (tmp_path / "job.py").write_text(CALL)
    code, out, _ = run(tmp_path)
    assert code == 1
    assert codes(out)[0] == "PS709" and "PS720" in codes(out)


def test_python_findings_in_json_output(tmp_path):
    path = tmp_path / "job.py"
    path.write_text(CALL)
    code, out, _ = run("--output-format", "json", path)
    found = json.loads(out)
    assert code == 1 and found[0]["code"] == "PS721" and found[0]["line"] == 3
    assert found[0]["fix"] == "psmigrate lint --fix"


def test_diff_shows_what_fix_would_change_writes_nothing_and_exits_1(tmp_path):
    (tmp_path / "job.py").write_text(CALL)
    (tmp_path / "body.json").write_text(json.dumps({"inputs": [{"href": "s3://a", "storage": "external"}],
                                                    "outputs": [{"href": "s3://b", "storage": "external",
                                                                 "type": "image/png"}]}, indent=2))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, out, err = run("--diff", tmp_path)
    assert code == 1
    assert f"--- a/{tmp_path / 'body.json'}" in out and f"+++ b/{tmp_path / 'job.py'}" in out
    assert '-HOST = "https://image.adobe.io"\n+HOST = "https://photoshop-api.adobe.io"\n' in out
    assert "PS72" not in out  # a diff, not a report
    assert "Would fix" in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_diff_on_clean_files_exits_0_and_refuses_other_formats(tmp_path):
    (tmp_path / "plain.py").write_text("x = 1\n")
    assert run("--diff", tmp_path)[:2] == (0, "")
    assert run("--diff", "--output-format", "json", tmp_path)[0] == 2

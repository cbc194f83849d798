"""``psmigrate lint`` end to end: formats, exit codes, stdin, --fix, redaction, SARIF validity."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main
from migrator.lint.bodies import actions_body, composite_body, output

DATA = Path(__file__).resolve().parent / "data"
SECRET = "s3cr3tSIGNATURE"
V1 = {
    "inputs": [{"href": f"https://in.example/a.psd?X-Amz-Signature={SECRET}", "storage": "external"}],
    "options": {"actions": [{"href": "https://in.example/a.atn", "storage": "external"}]},
    "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg", "quality": 7}],
}


def run(*args, input=None):
    result = CliRunner().invoke(main, ["lint", *map(str, args)], input=input)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, body, **dump) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body if isinstance(body, str) else json.dumps(body, **dump), encoding="utf-8")
    return path


def test_clean_file_exits_0(tmp_path):
    code, out, err = run(write(tmp_path / "ok.json", actions_body(), indent=2))
    assert (code, out) == (0, "")
    assert "All 1 file(s) passed" in err


def test_findings_exit_1_in_ruff_text_format(tmp_path):
    path = write(tmp_path / "bad.json", actions_body(outputs=[output(overwrite=True)]), indent=2)
    code, out, _ = run(path)
    assert code == 1
    assert out.startswith(f"{path}:22:7: PS404 `overwrite` is the v1 name")


def test_malformed_json_is_a_finding_and_the_run_goes_on(tmp_path):
    write(tmp_path / "a_broken.json", '{"image": {\n  "source": }\n}')
    write(tmp_path / "b_bad.json", actions_body(outputs=[output(overwrite=True)]))
    code, out, _ = run(tmp_path)
    assert code == 1
    assert f"{tmp_path / 'a_broken.json'}:2:13: PS001 malformed JSON" in out
    assert "b_bad.json:1:" in out and "PS404" in out


def test_missing_file_exits_2(tmp_path):
    code, out, _ = run(tmp_path / "nope.json")
    assert code == 2 and "PS008 cannot read" in out


@pytest.mark.parametrize("args", [["--select", "PS999"], ["--ignore", "XY1"], ["--endpoint", "nowhere"]])
def test_usage_errors_exit_2(tmp_path, args):
    code, _, err = run(*args, write(tmp_path / "ok.json", actions_body()))
    assert code == 2 and "Error" in err


def test_directory_walk_skips_json_that_is_not_a_request(tmp_path):
    write(tmp_path / "package.json", {"name": "x", "version": "1.0.0"})
    write(tmp_path / "sub" / "ok.json", actions_body())
    code, _, err = run(tmp_path)
    assert code == 0
    assert "All 1 file(s) passed" in err and "Skipped 1 JSON file(s)" in err


def test_a_file_named_explicitly_is_linted_even_if_it_fits_no_endpoint(tmp_path):
    code, out, _ = run(write(tmp_path / "package.json", {"name": "x"}))
    assert code == 1 and "PS698" in out


def test_standard_input(tmp_path):
    code, out, _ = run("-", input=json.dumps(V1))
    assert code == 1 and out.startswith("<stdin>:1:2: PS401")


def test_endpoint_flag_chooses_the_schema(tmp_path):
    path = write(tmp_path / "c.json", composite_body())
    assert run(path)[0] == 0
    code, out, _ = run("--endpoint", "execute-actions", path)
    assert code == 1 and "missing the required field `options`" in out


def test_fix_converts_a_v1_file_in_its_own_style(tmp_path):
    path = write(tmp_path / "v1.json", V1, indent=4)
    code, out, err = run("--fix", path)
    assert (code, out) == (0, "")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n    "image": {')
    body = json.loads(text)
    assert body["outputs"] == [{"destination": {"url": "https://out.example/a.jpg"}, "mediaType": "image/jpeg",
                                "quality": "maximum"}]
    assert "Fixed" in err


def test_fix_is_idempotent_and_leaves_a_clean_file_untouched(tmp_path):
    path = write(tmp_path / "v1.json", V1, indent=2)
    run("--fix", path)
    first = path.read_bytes()
    os.utime(path, (1, 1))
    assert run("--fix", path)[0] == 0
    assert path.read_bytes() == first and path.stat().st_mtime == 1


def test_fix_writes_atomically(tmp_path, monkeypatch):
    path = write(tmp_path / "v1.json", V1, indent=2)
    before = path.read_bytes()

    def fail(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, out, _ = run("--fix", path)
    assert code == 2 and "PS016 cannot write: No space left" in out
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v1.json"]


def test_fix_reports_what_it_could_not_fix(tmp_path):
    body = actions_body(outputs=[output("image/png", type="image/jpeg")])
    path = write(tmp_path / "both.json", body, indent=2)
    code, out, _ = run("--fix", path)
    assert code == 1
    assert "PS403" in out and "--fix could not apply: PS103 both `type` (v1) and `mediaType` (v2) are set" in out
    assert json.loads(path.read_text()) == body


def test_fix_on_stdin_prints_the_fixed_body(tmp_path):
    code, out, err = run("--fix", "-", input=json.dumps(V1))
    assert code == 0
    assert json.loads(out)["image"] == {"source": {"url": f"https://in.example/a.psd?X-Amz-Signature={SECRET}"}}
    clean = json.dumps(actions_body(), indent=2) + "\n"
    assert run("--fix", "-", input=clean)[:2] == (0, clean)


FORMATS = ["text", "json", "sarif", "github"]


@pytest.mark.parametrize("output_format", FORMATS)
def test_secrets_are_redacted_in_every_format(tmp_path, output_format):
    leaky = actions_body(outputs=[{"destination": {"url": "https://acct.blob.core.windows.net/c/o.png",
                                                   "storageType": f"https://x.example/?sig={SECRET}&token={SECRET}"},
                                   "mediaType": "image/png"}])
    code, out, err = run("--output-format", output_format, write(tmp_path / "leak.json", leaky))
    assert code == 1 and "PS612" in out
    assert SECRET not in out + err and "REDACTED" in out


def test_sarif_output_is_valid_sarif_2_1_0(tmp_path):
    from jsonschema import Draft4Validator

    write(tmp_path / "a.json", V1)
    write(tmp_path / "b.json", actions_body(outputs=[output("image/jpeg", quality=3)]))
    write(tmp_path / "c.json", "{,}")
    write(tmp_path / "d.py", 'import requests\nrequests.get("https://image.adobe.io/pie/psdService/status/1")\n')
    code, out, _ = run("--output-format", "sarif", tmp_path)
    assert code == 1
    log = json.loads(out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    errors = [e.message for e in Draft4Validator(schema).iter_errors(log)]
    assert errors == []
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"PS401", "PS610", "PS001", "PS721"}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_github_annotations(tmp_path):
    path = write(tmp_path / "bad.json", actions_body(outputs=[output(overwrite=True)]), indent=2)
    _, out, _ = run("--output-format", "github", path)
    assert out.startswith(f"::error file={path},line=22,col=7,title=PS404::PS404 `overwrite`")


def test_json_format(tmp_path):
    path = write(tmp_path / "bad.json", actions_body(outputs=[output(overwrite=True)]), indent=2)
    _, out, _ = run("--output-format", "json", path)
    [finding] = json.loads(out)
    assert finding | {"message": ""} == {"code": "PS404", "severity": "error", "pointer": "/outputs/0/overwrite",
                                         "path": str(path), "line": 22, "col": 7, "fix": "psmigrate lint --fix",
                                         "message": ""}


def test_worker_processes_give_the_same_report_as_one_process(tmp_path):
    for n in range(120):
        body = V1 if n % 3 == 0 else actions_body(outputs=[output(overwrite=True)]) if n % 3 == 1 else actions_body()
        write(tmp_path / f"d{n % 4}" / f"p{n:03d}.json", body, indent=2)
    serial = run("-j", "1", "--output-format", "json", tmp_path)
    parallel = run("-j", "2", "--output-format", "json", tmp_path)
    assert serial[0] == parallel[0] == 1
    assert json.loads(parallel[1]) == json.loads(serial[1]) and len(json.loads(serial[1])) == 80
    assert run("-j", "2", "--fix", tmp_path)[0] == 0
    assert run("-j", "2", tmp_path)[0] == 0


@pytest.mark.parametrize("output_format", FORMATS)
def test_fields_the_fix_removes_are_reported(tmp_path, output_format):
    body = dict(V1, outputs=[dict(V1["outputs"][0], includeMetadata=True)])
    code, out, err = run("--fix", "--output-format", output_format, write(tmp_path / "v1.json", body, indent=2))
    assert code == 0
    assert "PS108" in out + err and "includeMetadata" in out + err
    assert "includeMetadata" not in (tmp_path / "v1.json").read_text()



def test_fix_passes_a_v1_endpoint_named_with_endpoint_to_convert(tmp_path, monkeypatch):
    import migrator.convert

    seen = []
    real = migrator.convert.convert

    def spy(body, endpoint=None, *args, **kwargs):
        seen.append(endpoint)
        return real(body, endpoint, *args, **kwargs)

    monkeypatch.setattr(migrator.convert, "convert", spy)
    path = write(tmp_path / "v1.json", V1, indent=2)
    assert run("--fix", "--endpoint", "photoshopActions", path)[0] == 0
    assert seen == ["photoshopActions"]
    assert run("--fix", "--endpoint", "execute-actions", write(tmp_path / "v1b.json", V1))[0] == 0
    assert seen == ["photoshopActions", None]

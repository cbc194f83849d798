"""``psmigrate convert`` end to end: outputs, styles, bad input, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main

V1 = {
    "inputs": [{"href": "https://in.example/a.psd?X-Amz-Signature=deadbeef", "storage": "external"}],
    "options": {"actions": [{"href": "https://in.example/a.atn", "storage": "external"}]},
    "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg",
                 "quality": 7, "includeMetadata": True}],
}


def run(*args, input=None):
    result = CliRunner().invoke(main, ["convert", *map(str, args)], input=input)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, body, **dump) -> Path:
    path.write_text(json.dumps(body, **dump) if not isinstance(body, str) else body, encoding="utf-8")
    return path


def test_one_file_goes_to_stdout_with_diagnostics_on_stderr(tmp_path):
    code, out, err = run(write(tmp_path / "a.json", V1, indent=2))
    assert code == 0
    assert json.loads(out)["outputs"][0]["quality"] == "maximum"
    assert "PS108" in err and f"{tmp_path / 'a.json'}:" in err


def test_diagnostics_carry_line_and_column_of_the_v1_field(tmp_path):
    _, _, err = run(write(tmp_path / "a.json", V1, indent=2))
    line = next(line for line in err.splitlines() if "PS108" in line)
    path, lineno, col, _ = line.split(":", 3)
    text = (tmp_path / "a.json").read_text().splitlines()
    assert text[int(lineno) - 1][int(col) - 1:].startswith('"includeMetadata"')


def test_secrets_never_reach_the_terminal(tmp_path):
    body = json.loads(json.dumps(V1))
    body["outputs"][0]["type"] = "image/gif"
    body["outputs"][0]["href"] = "https://out.example/a.gif?sig=s3cr3t&se=2026"
    _, out, err = run("--diff", write(tmp_path / "a.json", body, indent=2))
    assert "s3cr3t" not in out + err


def test_diff_redacts_signatures(tmp_path):
    code, out, _ = run("--diff", write(tmp_path / "a.json", V1, indent=2))
    assert code == 1 and "deadbeef" not in out and "X-Amz-Signature=REDACTED" in out


def test_in_place_keeps_indent_newlines_and_bom(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(V1, indent=4).replace("\n", "\r\n").encode() + b"\r\n")
    assert run("--in-place", path)[0] == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf{\r\n    \"image\"") and data.endswith(b"}\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_one_line_input_gives_one_line_output(tmp_path):
    _, out, _ = run(write(tmp_path / "a.json", V1))
    assert out.count("\n") == 0


def test_in_place_does_not_touch_a_file_that_would_not_change(tmp_path):
    path = write(tmp_path / "a.json", V1, indent=2)
    run("--in-place", path)
    before = path.stat().st_mtime_ns
    assert run("--in-place", path)[0] == 0
    assert path.stat().st_mtime_ns == before


def test_already_v2_is_reported_and_left_alone(tmp_path):
    path = write(tmp_path / "a.json", V1, indent=2)
    run("--in-place", path)
    code, out, err = run(path)
    assert code == 0 and "PS007" in err and out == path.read_text()


def test_check_exits_1_when_something_would_change_and_writes_nothing(tmp_path):
    path = write(tmp_path / "a.json", V1, indent=2)
    before = path.read_text()
    code, out, _ = run("--check", path)
    assert code == 1 and "would convert" in out and path.read_text() == before


def test_directory_to_output_directory_mirrors_the_tree(tmp_path):
    write((tmp_path / "in" / "sub").mkdir(parents=True) or tmp_path / "in" / "sub" / "b.json", V1)
    write(tmp_path / "in" / "a.json", V1)
    assert run(tmp_path / "in", "-o", tmp_path / "out")[0] == 0
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.json")) == [
        "a.json", "sub/b.json"]


def test_stdin_to_stdout():
    code, out, _ = run("-", input=json.dumps(V1))
    assert code == 0 and "image" in json.loads(out)


@pytest.mark.parametrize(("content", "code", "where"), [
    ('{"inputs": [}', "PS001", ":1:13:"),
    ('{\n  "a": 1,\n  "a": 2\n}', "PS002", ":3:3:"),
    ("", "PS004", ":1:1:"),
    ('{"hello": 1}', "PS005", ":1:1:"),
    ("[1, 2]", "PS005", ":1:1:"),
])
def test_bad_input_is_a_located_error_with_exit_2_and_nothing_written(tmp_path, content, code, where):
    path = write(tmp_path / "bad.json", content)
    out_dir = tmp_path / "out"
    exit_code, _, err = run(path, "-o", out_dir)
    assert exit_code == 2
    assert f"{path}{where} {code}" in err
    assert not out_dir.exists()


def test_non_utf8_input_is_rejected(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "caf\xe9"}'.encode("latin-1"))
    code, _, err = run(path)
    assert code == 2 and "PS003" in err and ":1:14:" in err


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    write(tmp_path / "in" / "bad.json" if (tmp_path / "in").mkdir() is None else None, "{")
    write(tmp_path / "in" / "good.json", V1)
    code, _, err = run(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 2 and "PS001" in err
    assert (tmp_path / "out" / "good.json").exists() and not (tmp_path / "out" / "bad.json").exists()


def test_unsupported_v1_field_stops_the_conversion_with_its_location(tmp_path):
    body = json.loads(json.dumps(V1))
    body["outputs"][0]["type"] = "image/gif"
    path = write(tmp_path / "a.json", body, indent=2)
    code, out, err = run(path)
    assert code == 2 and out == "" and "PS104" in err
    lineno, col = err.split(f"{path}:", 1)[1].split(":")[:2]
    assert path.read_text().splitlines()[int(lineno) - 1][int(col) - 1:].startswith('"type"')


def test_usage_errors_exit_2(tmp_path):
    a, b = write(tmp_path / "a.json", V1), write(tmp_path / "b.json", V1)
    assert run(a, b)[0] == 2
    assert run(a, "--endpoint", "noSuchEndpoint")[0] == 2
    assert run(a, "--in-place", "--check")[0] == 2


def test_json_output_format_lists_diagnostics(tmp_path):
    _, _, err = run("--output-format", "json", write(tmp_path / "a.json", V1, indent=2))
    found = json.loads(err)
    assert {d["code"] for d in found} == {"PS108"} and found[0]["line"] > 1

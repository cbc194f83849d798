"""Hostile input, class by class, through every command: deep or huge JSON, numbers JSON cannot
carry, Python that would crash libcst's native parser, directories a user cannot read, bad globs,
streams that are not UTF-8, bodies over v2's limits, lint --fix's honesty, positions and codes.

Each class of input is generated here; every run checks the exit code, that no traceback or
"internal error" is printed, and (in directory runs) that the good file next to the bad one is
still handled. Commands that could crash the interpreter run in a subprocess.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main

ROOT = Path(__file__).resolve().parent.parent
IMAGE = {"href": "https://in.example/a.psd", "storage": "external"}
ACTION = {"href": "https://in.example/a.atn", "storage": "external"}
V1 = {"inputs": [IMAGE], "options": {"actions": [ACTION]},
      "outputs": [{"href": "https://out.example/a.png", "storage": "external", "type": "image/png"}]}
V2 = {"image": {"source": {"url": "https://in.example/a.psd"}},
      "options": {"actions": [{"source": {"url": "https://in.example/a.atn"}}]},
      "outputs": [{"destination": {"url": "https://out.example/a.png"}, "mediaType": "image/png"}]}
PY_GOOD = 'import requests\n\nrequests.post("https://image.adobe.io/pie/psdService/photoshopActions", json={})\n'
CURL = 'curl -X POST "https://image.adobe.io/pie/psdService/photoshopActions" -d '
FETCH = 'fetch("https://image.adobe.io/pie/psdService/photoshopActions", {method: "POST", body: JSON.stringify('
JS_GOOD = FETCH + json.dumps(V1) + ")});\n"
SH_GOOD = CURL + "'" + json.dumps(V1) + "'\n"


def run(*args, input=None):
    result = CliRunner().invoke(main, [*map(str, args)], input=input)
    return result.exit_code, result.stdout, result.stderr


def cli(*args, cwd=None, env=None, user=None) -> subprocess.CompletedProcess:
    """psmigrate in its own process: a crash shows as a negative return code, not a dead suite."""
    command = [sys.executable, "-m", "migrator.cli", *map(str, args)]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(command, capture_output=True, cwd=cwd, env=environment, timeout=300)


def assert_no_crash(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), code
    assert "Traceback" not in out + err and "internal error" not in out + err, (out + err)[-2000:]


# -- 8, 13: JSON psmigrate must not choke on -------------------------------------------------------

def _deep(n: int) -> str:
    return '{"inputs": [{"href": "x", "storage": "external"}], "x": ' + "[" * n + "]" * n + "}"


def _deep_objects(n: int) -> str:
    return '{"x": ' + '{"a": ' * n + "1" + "}" * n + "}"


# (class, text, code, line, col): where the finding must point
BAD_JSON = [
    ("arrays nested 100,000 deep", _deep(100_000), "PS015", 1, 156),
    ("objects nested 5,000 deep", _deep_objects(5_000), "PS015", 1, 601),
    ("an integer of 5,000 digits", '{"inputs": [],\n  "x": ' + "7" * 5000 + "}", "PS015", 2, 8),
    ("a negative integer of 4,301 digits", '{"x": [1, -' + "9" * 4301 + "]}", "PS015", 1, 11),
    ("a float beyond 64 bits", '{"outputs": [{"quality": 1e999}]}', "PS015", 1, 26),
    ("NaN", '{"inputs": [],\n "radius": NaN}', "PS001", 2, 12),
    ("Infinity", '{"a": "NaN Infinity", "b": [1, Infinity]}', "PS001", 1, 32),
    ("-Infinity", '{"b": -Infinity}', "PS001", 1, 7),
]


@pytest.fixture
def bad_tree(tmp_path):
    def make(text: str) -> Path:
        (tmp_path / "tree").mkdir()
        (tmp_path / "tree" / "a-good.json").write_text(json.dumps(V1, indent=2))
        (tmp_path / "tree" / "bad.json").write_text(text)
        return tmp_path / "tree"
    return make


@pytest.mark.parametrize(("name", "text", "code", "line", "col"), BAD_JSON, ids=[b[0] for b in BAD_JSON])
@pytest.mark.parametrize("command", ["convert --check", "lint", "lint --fix", "lint --diff", "convert -o OUT"])
def test_bad_json_is_a_finding_at_its_place_and_the_run_goes_on(bad_tree, tmp_path, name, text, code, line,
                                                                col, command):
    tree = bad_tree(text)
    args = [a if a != "OUT" else str(tmp_path / "out") for a in command.split()]
    exit_code, out, err = run(*args, tree)
    assert_no_crash(exit_code, out, err)
    assert f"bad.json:{line}:{col}: {code} " in out + err
    bad, good = tree / "bad.json", tree / "a-good.json"
    assert bad.read_text() == text  # nothing written for it, NaN never written out
    if command == "convert --check":
        assert exit_code == 2 and f"would convert {good}" in out
    elif command == "convert -o OUT":
        assert exit_code == 2 and (tmp_path / "out" / "a-good.json").exists()
        assert not (tmp_path / "out" / "bad.json").exists()
    elif command == "lint --diff":
        assert exit_code == 2 and "+++ b/" in out  # the good file's diff is still shown
    elif command == "lint --fix":
        assert json.loads(good.read_text()) == V2
    else:
        assert exit_code == 1 and f"{good}:" in out


@pytest.mark.parametrize("content", ["[" * 50_000 + "]" * 50_000, "[NaN]", "[" + "1" * 5000 + "]"],
                         ids=["deep", "NaN", "long integer"])
def test_actionjson_content_text_gets_the_same_reading(tmp_path, content):
    body = copy.deepcopy(V2)
    body["options"]["actions"] = [{"source": {"content": content, "contentType": "application/json"}}]
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(body))
    code, out, err = run("lint", path)
    assert_no_crash(code, out, err)
    assert code == 1 and "PS604 ActionJSON `content` is not valid JSON" in out


def test_depth_up_to_the_limit_converts(tmp_path):
    from migrator.source import MAX_DEPTH

    body = copy.deepcopy(V1)
    body["options"]["actionJSON"] = json.loads("[" * (MAX_DEPTH - 3) + "]" * (MAX_DEPTH - 3))
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(body))
    assert run("convert", "--check", path)[0] == 1  # converts; --check says it would change
    assert run("lint", "--fix", path)[0] == 0


def test_positions_from_walking_the_text_match_the_source_map():
    """``locate`` walks the text for its first positions; the full map must agree on every pointer."""
    from migrator.source import SourceText, _offset_of

    checked = 0
    for path in [*ROOT.glob("tests/**/*.json"), *ROOT.glob("examples/**/*.json"), *ROOT.glob("rules/**/*.json")]:
        source = SourceText.read(str(path))
        try:
            source.parse()
        except Exception:  # noqa: BLE001 - deliberately broken fixtures
            continue
        for pointer, entry in list(source._source_map.items())[:400]:
            start = entry.key_start or entry.value_start
            assert source._line_col(_offset_of(source.text, pointer)) == (start.line + 1, start.column + 1), \
                (path, pointer)
            checked += 1
    assert checked > 2000


# -- 8, 9: Python that would crash libcst's native parser -------------------------------------------

DEEP_PYTHON = {
    "7,000 chained +": "x = " + " + ".join(["1"] * 7000) + "\n",
    "20,000 chained attributes": "x = a" + ".b" * 20_000 + "\n",
    "100,000 nested parentheses": "x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n",
    "20,000 unary minus": "x = " + "-" * 20_000 + "1\n",
}


@pytest.mark.parametrize("name", DEEP_PYTHON)
@pytest.mark.parametrize("command", [["codemod"], ["codemod", "--write"], ["lint"], ["lint", "--fix"]])
def test_python_nested_too_deeply_is_a_finding_and_the_run_goes_on(tmp_path, name, command):
    (tmp_path / "a_good.py").write_text(PY_GOOD)
    (tmp_path / "deep.py").write_text(PY_GOOD + DEEP_PYTHON[name])
    result = cli(*command, tmp_path)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode >= 0, f"killed by signal {-result.returncode}"
    assert_no_crash(result.returncode, out, err)
    assert "deep.py" in out + err and "PS709" in out + err and "nested too deeply" in out + err
    assert "a_good.py" in out + err  # the good file was read too
    assert (tmp_path / "deep.py").read_text() == PY_GOOD + DEEP_PYTHON[name]


def test_a_file_python_cannot_vouch_for_is_parsed_in_a_child_first(tmp_path):
    """Syntax this Python may not know (a 3.12 ``type`` statement), then 30,000 unary minus signs:
    CPython's parser cannot vouch for the file (3.11 stops at ``type``; 3.12 refuses the
    nesting), libcst's overflows; the run goes on."""
    (tmp_path / "a_good.py").write_text(PY_GOOD)
    (tmp_path / "newer.py").write_text(PY_GOOD + "type Alias = int\nx = " + "-" * 30_000 + "1\n")
    result = cli("codemod", tmp_path)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 2, (result.returncode, err[-500:])
    assert "newer.py" in err and "PS709" in err and "a_good.py" in out
    assert "2 files scanned, 2 parsed" in err
    if sys.version_info < (3, 12):  # the child really ran libcst, and died
        assert "the parser crashed on this file (SIGSEGV" in err


@pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation needs fork")
def test_a_parser_that_dies_is_reported_as_a_finding(monkeypatch):
    """The child really dies of SIGSEGV (libcst's parse replaced by a crash, inherited by the fork)."""
    import libcst

    from migrator.codemod import rewrite_bytes

    def crash(data):
        os.kill(os.getpid(), signal.SIGSEGV)

    monkeypatch.setattr(libcst, "parse_module", crash)
    result = rewrite_bytes(b"print 'python 2 is not vouched for'\n", "old.py")
    [diagnostic] = result.diagnostics
    assert result.failed and diagnostic.code == "PS709" and "parser crashed" in diagnostic.message
    assert "SIGSEGV" in diagnostic.message


def test_guard_lets_ordinary_code_through_without_a_child(monkeypatch):
    from migrator.codemod import guard

    monkeypatch.setattr(os, "fork", lambda: pytest.fail("no child for code CPython parses"))
    assert guard.check(PY_GOOD.encode()) == guard.Verdict()
    assert guard.check((PY_GOOD + "x = " + " + ".join(["1"] * 900) + "\n").encode()).hazard is None


# -- 10: unreadable directories, bad globs, streams that are not UTF-8 --------------------------------

def _nobody_can_run() -> str | None:
    if os.geteuid() != 0:
        return "needs root to switch to another user (setpriv)"
    if shutil.which("setpriv") is None:
        return "setpriv is not installed"
    return None


@pytest.mark.skipif(_nobody_can_run() is not None, reason=str(_nobody_can_run()))
@pytest.mark.parametrize("command", [["convert", "--check"], ["lint"], ["codemod"]])
def test_unreadable_subdirectory_is_reported_as_a_non_root_user(command):
    top = Path(tempfile.mkdtemp(prefix="psmigrate-perm-"))
    try:
        os.chmod(top, 0o755)
        (top / "a-good.json").write_text(json.dumps(V1))
        (top / "a_good.py").write_text(PY_GOOD)
        locked = top / "locked"
        locked.mkdir()
        (locked / "hidden.json").write_text(json.dumps(V1))
        (locked / "hidden.py").write_text(PY_GOOD)
        for name in ("a-good.sh", "a-good.js", "locked/hidden.sh", "locked/hidden.ts"):
            (top / name).write_text(SH_GOOD if name.endswith(".sh") else JS_GOOD)
        for path in top.iterdir():
            os.chmod(path, 0o644 if path.is_file() else 0o000)
        result = cli(*command, top, cwd=top, user=65534)  # nobody
        out, err = result.stdout.decode(), result.stderr.decode()
        assert_no_crash(result.returncode, out, err)
        assert result.returncode == 2
        assert f"{locked}: PS008 cannot list this directory (Permission denied)" in out + err
        assert "a-good.json" in out + err or "a_good.py" in out + err  # the rest of the tree was read
        if command[0] != "convert":  # shell and JavaScript files too
            assert "a-good.sh" in out + err and "a-good.js" in out + err
        assert (out + err).count("PS008") == 1
    finally:
        os.chmod(top / "locked", 0o755)
        shutil.rmtree(top)


@pytest.mark.parametrize("table", ['exclude = ["[z-a]"]', '[tool.psmigrate.per-file-ignores]\n"[z-a]" = ["PS4"]',
                                   '[tool.psmigrate.per-file-endpoint]\n"x/[9-0]" = "autoTone"'])
@pytest.mark.parametrize("command", ["lint", "codemod"])
def test_a_glob_that_does_not_compile_is_a_configuration_error(tmp_path, monkeypatch, table, command):
    (tmp_path / "pyproject.toml").write_text(f"[tool.psmigrate]\n{table}\n")
    (tmp_path / "a.json").write_text(json.dumps(V1))
    monkeypatch.chdir(tmp_path)
    code, out, err = run(command, ".")
    assert code == 2 and "is not a valid glob (bad character range" in err
    assert "internal error" not in err and "position" not in err


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1"])
def test_a_stream_that_is_not_utf8_gets_escapes_not_an_error(tmp_path, encoding):
    body = copy.deepcopy(V1)
    body["inputs"][0]["href"] = "https://in.example/caf\u00e9 \u2192 \U0001f600.psd"
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    env = {"PYTHONIOENCODING": encoding}
    reference = cli("convert", path)
    converted = cli("convert", path, env=env)
    assert converted.returncode == 0 and b"UnicodeEncodeError" not in converted.stderr
    assert json.loads(converted.stdout.decode(encoding)) == json.loads(reference.stdout.decode("utf-8"))
    linted = cli("lint", path, env=env)  # its message holds an em dash
    assert linted.returncode == 1 and b"PS401" in linted.stdout and b"Traceback" not in linted.stderr
    (tmp_path / "job.py").write_text(PY_GOOD.replace("json={}", 'json={"name": "caf\u00e9 \u2192"}'))
    diffed = cli("codemod", tmp_path / "job.py", env=env)
    assert diffed.returncode in (1, 2) and b"Traceback" not in diffed.stderr and b"+++ b/" in diffed.stdout


# -- 12, 14: limits before expensive work, and the real problem named --------------------------------

def test_more_outputs_than_v2_allows_is_refused_before_any_rule_runs(tmp_path, monkeypatch):
    import migrator.convert as convert_module

    body = copy.deepcopy(V1)
    body["outputs"] = [dict(body["outputs"][0], href=f"https://out.example/{i}.png") for i in range(30_000)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(body, indent=2))
    monkeypatch.setattr(convert_module, "run_rules", lambda *a: pytest.fail("the rules ran"))
    code, out, err = run("convert", "--check", path)
    assert code == 2 and f"{path}:16:3: PS502 30,000 outputs; v2 allows 1–25 per request" in err


def test_lint_validates_an_oversized_array_only_as_far_as_v2_could_accept_it(monkeypatch):
    from migrator.lint import rules_schema
    from migrator.lint.runner import lint_body

    body = copy.deepcopy(V2)
    body["outputs"] = [dict(body["outputs"][0]) for _ in range(5000)]
    body["outputs"][4000].update(mediaType="image/jpeg", quality=7)  # a specific rule still finds it
    body["outputs"][50]["cropMode"] = "tight"  # the schema still checks what v2 could accept
    seen = []
    from migrator import schemas

    real = schemas.iter_errors

    def counting(name, instance):
        seen.append(len(instance["outputs"]))
        return real(name, instance)

    monkeypatch.setattr(schemas, "iter_errors", counting)
    found = {(d.code, d.pointer) for d in lint_body(body)}
    assert {("PS502", "/outputs"), ("PS610", "/outputs/4000/quality"), ("PS699", "/outputs/50/cropMode")} <= found
    assert seen == [rules_schema.KEPT_ITEMS] and len(body["outputs"]) == 5000  # the body itself untouched


@pytest.mark.parametrize("field", ["actions", "additionalContents", "brushes", "patterns"])
def test_count_limits_are_named_by_their_lint_code(field):
    from migrator.convert import convert
    from migrator.diagnostics import MigrationError

    v1 = copy.deepcopy(V1)
    v1_field = {"additionalContents": "additionalImages"}.get(field, field)
    v1["options"][v1_field] = [dict(ACTION, href=f"https://in.example/{i}") for i in range(30)]
    with pytest.raises(MigrationError) as raised:
        convert(v1, "photoshopActions")
    assert raised.value.code in {"PS501", "PS503", "PS504", "PS505"}
    assert "30 " in raised.value.message and "creativeCloudFileId" not in raised.value.message


def test_inline_content_over_the_limit_is_ps507_in_convert_as_in_lint(tmp_path):
    body = copy.deepcopy(V1)
    body["options"] = {"actionJSON": [{"_obj": "set", "text": "x" * 60_000}]}
    path = tmp_path / "long.json"
    path.write_text(json.dumps(body))
    code, out, err = run("convert", "--check", path)
    assert code == 2 and "PS507" in err and "at most 51,200" in err and "creativeCloudFileId" not in err


@pytest.mark.parametrize(("source", "named"), [
    ({"content": 5, "contentType": "application/json"}, "`/options/actions/0/source/content` is integer 5"),
    ({"url": "https://in.example/a.atn", "storageType": "ftp"}, "has `storageType`"),
    ({"url": "https://in.example/a.atn", "content": "[]"}, "which v2 does not accept here"),
])
def test_a_oneof_error_names_the_branch_the_value_came_closest_to(source, named):
    from migrator import schemas

    body = copy.deepcopy(V2)
    body["options"]["actions"] = [{"source": source}]
    pointer, sentence = schemas.errors("ActionsRequest", body)[0]
    assert named in sentence and "creativeCloudFileId" not in sentence


# -- 15: lint --fix tells the truth --------------------------------------------------------------------

def test_fix_exits_1_when_a_finding_is_left_and_counts_what_it_fixed(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "examples" / "sample-project", project)
    jobs = project / "photo_jobs" / "jobs.py"  # a read --fix cannot rewrite: which default .get() needs is the user's
    jobs.write_text(jobs.read_text().replace('["renditions"][0]["href"]', '["renditions"][0].get("href")'))
    plain = cli("lint", project)
    fixable = plain.stdout.decode().count("(fix: psmigrate lint --fix)")
    fixed = cli("lint", "--fix", project)
    out, err = fixed.stdout.decode(), fixed.stderr.decode()
    assert fixed.returncode == 1 and "PS707" in out
    assert f"Fixed {fixable} problems in 4 files." in err and "Found 1 problem in 1 of" in err
    assert "fix: psmigrate lint --fix" not in out
    again = cli("lint", project)
    assert again.returncode == 1 and again.stdout.decode() == out


INPUT_ERRORS = {"PS001": b'{"inputs": [}', "PS002": b'{"a": 1, "a": 2}', "PS003": b'{"a": "caf\xe9"}',
                "PS004": b"\n", "PS015": b'{"a": ' + b"[" * 200 + b"]" * 200 + b"}"}


@pytest.mark.parametrize("code", INPUT_ERRORS)
def test_diff_on_input_that_cannot_be_read_exits_2(tmp_path, code):
    path = tmp_path / "bad.json"
    path.write_bytes(INPUT_ERRORS[code])
    exit_code, out, err = run("lint", "--diff", path)
    assert exit_code == 2 and f"{code} " in err


NOQA_LAYOUTS = {
    "noqa on the URL line, body below": '''import requests

requests.post("https://image.adobe.io/pie/psdService/photoshopActions",  # noqa: PS721
    json={
        "inputs": [{"href": "https://in.example/a.psd", "storage": "external"}],
        "options": {"actions": [{"href": "https://in.example/a.atn", "storage": "external"}]},
        "outputs": [{"href": "https://out.example/a.png", "storage": "external", "type": "image/png"}],
    },
)
''',
    "noqa on the line the body opens": '''import requests

requests.post("https://image.adobe.io/pie/psdService/photoshopActions", json={  # noqa: PS721
    "inputs": [{"href": "https://in.example/a.psd", "storage": "external"}],
    "options": {"actions": [{"href": "https://in.example/a.atn", "storage": "external"}]},
    "outputs": [{"href": "https://out.example/a.png", "storage": "external", "type": "image/png"}],
})
''',
    "noqa on the call's first line": '''import requests

requests.post(  # noqa: PS721
    "https://image.adobe.io/pie/psdService/photoshopActions",
    json={"inputs": [{"href": "https://in.example/a.psd", "storage": "external"}],
          "options": {"actions": [{"href": "https://in.example/a.atn", "storage": "external"}]},
          "outputs": [{"href": "https://out.example/a.png", "storage": "external", "type": "image/png"}]},
)
''',
}


@pytest.mark.parametrize("layout", NOQA_LAYOUTS)
@pytest.mark.parametrize("command", [["lint", "--fix"], ["codemod", "--write"]])
def test_noqa_on_the_url_keeps_the_whole_call_and_every_run_agrees(tmp_path, layout, command):
    path = tmp_path / "job.py"
    path.write_text(NOQA_LAYOUTS[layout])
    first = run(*command, path)
    second = run(*command, path)
    assert second[1:] == first[1:]  # every run says the same, and changes nothing
    assert path.read_text() == NOQA_LAYOUTS[layout]  # URL and body stay v1 together, the comment too
    assert first[0] == 1 and "PS720" in first[1] + first[2] and "keeps the call's v1 URL" in first[1] + first[2]
    assert "fix:" not in first[1] + first[2]


# -- 16: JPEG outputs without quality ------------------------------------------------------------------

def test_a_jpeg_output_without_quality_gets_the_guides_level_with_a_note(tmp_path):
    from migrator.convert import convert

    body = copy.deepcopy(V1)
    body["outputs"].append({"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"})
    result = convert(body, "photoshopActions")
    assert [o.get("quality") for o in result.body["outputs"]] == [None, "photoshop_max"]
    assert [(d.code, d.pointer) for d in result.diagnostics if d.code == "PS017"] == [("PS017", "/outputs/1")]
    assert convert(copy.deepcopy(result.body)).already_v2  # and the v2 body is left alone


def test_convenience_endpoints_follow_their_own_guides_examples():
    from migrator.convert import convert

    body = {"inputs": [IMAGE], "options": {"unit": "Pixels", "width": 10, "height": 10},
            "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}]}
    result = convert(body, "productCrop")
    assert "quality" not in result.body["outputs"][0] and "PS017" not in [d.code for d in result.diagnostics]


# -- 17: positions and codes ---------------------------------------------------------------------------

def test_python2_file_is_reported_where_python_says_with_no_second_position(tmp_path):
    path = tmp_path / "old.py"
    path.write_text('import requests\nprint "hello %s" % name\n' + PY_GOOD.split("\n", 2)[2])
    code, out, err = run("codemod", path)
    assert f"{path}:2:1: PS709 file cannot be parsed; skipped: Missing parentheses in call to 'print'" in out + err
    assert "error at" not in out + err


@pytest.mark.parametrize("cookie", ["# -*- coding: klingon -*-", "# vim: set fileencoding=nope :"])
def test_unknown_coding_cookie_is_ps709_at_the_cookie(tmp_path, cookie):
    path = tmp_path / "odd.py"
    path.write_text(f"{cookie}\n{PY_GOOD}")
    for command in ("codemod", "lint"):
        code, out, err = run(command, path)
        assert f"{path}:1:" in out + err and "PS709" in out + err and "unknown encoding" in out + err
        assert "PS715" not in out + err


@pytest.mark.parametrize("command", [["convert", "IN", "-o", "OUT"], ["lint", "--fix", "IN"],
                                     ["codemod", "--write", "PY"], ["lint", "--fix", "PY"],
                                     ["codemod", "--write", "SH"], ["lint", "--fix", "SH"],
                                     ["codemod", "--write", "JS"], ["lint", "--fix", "JS"]])
def test_a_write_that_fails_is_ps016_and_not_counted_as_done(tmp_path, monkeypatch, command):
    src = tmp_path / "v1.json"
    src.write_text(json.dumps(V1))
    py = tmp_path / "job.py"
    py.write_text(PY_GOOD.replace("json={}", f"json={json.dumps(V1)}"))
    sh, js = tmp_path / "job.sh", tmp_path / "job.js"
    sh.write_text(SH_GOOD)
    js.write_text(JS_GOOD)
    before = {p: p.read_bytes() for p in (src, py, sh, js)}

    def full_disk(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    args = [{"IN": src, "OUT": tmp_path / "out.json", "PY": py, "SH": sh, "JS": js}.get(a, a) for a in command]
    code, out, err = run(*args)
    assert code == 2 and "PS016 cannot write" in out + err and "No space left on device" in out + err
    assert "PS008" not in out + err
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.js", "job.py", "job.sh", "v1.json"]  # no temporary
    if command[0] == "codemod":
        assert "rewrote 0," in err and "1 failed" in err
    if command[:2] == ["lint", "--fix"]:
        assert "Fixed" not in err


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_output_files_get_the_mode_the_umask_gives(tmp_path, umask, mode):
    src = tmp_path / "v1.json"
    src.write_text(json.dumps(V1))
    old = os.umask(umask)
    try:
        assert run("convert", src, "-o", tmp_path / "new" / "v2.json")[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new" / "v2.json").stat().st_mode) == mode


# -- 8, 9, 12 for the tree-sitter kinds: deep, huge and odd shell, Markdown, JavaScript, TypeScript ----

TEXT_KINDS = {  # name: (file, text, the code that must be reported in it, at line:col or None)
    "JS code nested 100,000 deep": ("deep.js", JS_GOOD + "x = " + "(" * 100_000 + "1" + ")" * 100_000 + ";\n",
                                    None, None),
    "TS arrays nested 100,000 deep": ("deep.ts", JS_GOOD + "const x = " + "[" * 100_000 + "]" * 100_000 + ";\n",
                                      None, None),
    "JS 20,000 chained +": ("plus.js", JS_GOOD + "x = " + " + ".join(["1"] * 20_000) + ";\n", None, None),
    "a JS body nested 5,000 deep": ("body.js", FETCH + "{a: " * 5000 + "1" + "}" * 5000 + ")});\n", "PS907", "1:"),
    "a JS body with a 5,000-digit number": ("long.js", FETCH + "{inputs: [], x: " + "7" * 5000 + "})});\n",
                                            "PS907", "1:"),
    "a JS body with a negative 5,000-digit number": ("neg.js", FETCH + "{x: -" + "7" * 5000 + "})});\n",
                                                     "PS907", "1:"),
    "shell $( ) nested 20,000 deep": ("subst.sh", SH_GOOD + "x=" + "$(" * 20_000 + "echo" + ")" * 20_000 + "\n",
                                      None, None),
    "a curl body nested 50,000 deep": ("body.sh", CURL + "'" + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "'\n",
                                       "PS807", "1:"),
    "a curl body with a 5,000-digit number": ("long.sh", CURL + "'{\"x\": " + "7" * 5000 + "}'\n", "PS807", "1:"),
    "a curl body with NaN": ("nan.sh", CURL + "'{\"inputs\": [],\n \"radius\": NaN}'\n", "PS807", "2:"),
    "Markdown quotes nested 5,000 deep": ("quotes.md", "> " * 5000 + "x\n\n```sh\n" + SH_GOOD + "```\n", None, None),
    "a script that is not UTF-8": ("latin1.sh", "# caf\xe9\n" + SH_GOOD, None, None),
    "NUL bytes in a script": ("nul.sh", "\0\0" + SH_GOOD, None, None),
    "JS that is not UTF-8": ("latin1.js", "// caf\xe9\n" + JS_GOOD, "PS003", "1:"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", TEXT_KINDS)
@pytest.mark.parametrize("command", [["codemod"], ["codemod", "--write"], ["lint"], ["lint", "--fix"],
                                     ["lint", "--diff"]])
def test_hostile_shell_and_javascript_is_a_finding_and_the_run_goes_on(tmp_path, name, command):
    file, text, code, where = TEXT_KINDS[name]
    good = "a_good" + Path(file).suffix
    (tmp_path / good).write_text(JS_GOOD if good.endswith((".js", ".ts")) else SH_GOOD)
    if good.endswith(".md"):
        (tmp_path / good).write_text("```sh\n" + SH_GOOD + "```\n")
    data = text.encode("latin-1" if "latin1" in file else "utf-8")
    (tmp_path / file).write_bytes(data)
    result = cli(*command, tmp_path)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode >= 0, f"killed by signal {-result.returncode}"
    assert_no_crash(result.returncode, out, err)
    assert "PS715" not in out + err  # no "internal error" either
    if code is not None and "--diff" not in command:  # --diff shows the fixes, not the findings
        written = command in (["codemod", "--write"], ["lint", "--fix"]) and file.endswith(".js")
        at = f"{file}:" if written else f"{file}:{where}"  # a TODO comment was written above the call
        assert at in out + err and code in out + err, (out + err)[-1500:]
    if command == ["codemod", "--write"] or command == ["lint", "--fix"]:
        assert "/v2/" in (tmp_path / good).read_text()  # the good file was migrated
        if code is not None:  # the body a finding is about stays as it was written
            assert data.split(b"stringify(" if file.endswith(".js") else b" -d ", 1)[1] in (tmp_path / file).read_bytes()
    else:
        assert good in out + err


def test_diffs_of_long_files_with_repeated_lines_take_linear_time():
    """difflib's matcher without its junk heuristic takes time with the square of the repeated
    lines and more (1,000 identical fenced blocks: 100 s); the diff must still be small."""
    import time

    from migrator.files import unified_diff

    before = ("```sh\n" + CURL + "'{}'\n```\n") * 3000
    after = before.replace("/pie/psdService/photoshopActions", "/v2/execute-actions")
    started = time.perf_counter()
    diff = unified_diff("x.md", before, after)
    assert time.perf_counter() - started < 5
    assert diff.count("\n-curl") == diff.count("\n+curl") == 3000 and diff.count("\n-```") == 0
    code = "".join(f"def f{n}():\n    return {{\n        'a': {n},\n    }}\n\n" for n in range(4000))
    changed = code.replace("'a': 1234,", "'b': 1234,")
    lines = unified_diff("x.py", code, changed).splitlines()[2:]
    assert [line for line in lines if line[0] in "-+"] == ["-        'a': 1234,", "+        'b': 1234,"]


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
@pytest.mark.parametrize("name, text", [("job.sh", SH_GOOD.replace("in.example", "caf\u00e9-\u2192.example")),
                                        ("job.js", JS_GOOD.replace("in.example", "caf\u00e9-\u2192.example"))])
def test_shell_and_javascript_diffs_on_a_stream_that_is_not_utf8(tmp_path, encoding, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for command in (["codemod"], ["lint"], ["lint", "--diff"], ["lint", "--output-format", "sarif"]):
        result = cli(*command, path, env={"PYTHONIOENCODING": encoding})
        assert result.returncode == 1, result.stderr.decode()[-800:]
        assert b"UnicodeEncodeError" not in result.stderr and b"Traceback" not in result.stderr
        result.stdout.decode(encoding)  # what reached the stream is in its encoding
        if command == ["lint", "--output-format", "sarif"]:
            json.loads(result.stdout.decode(encoding))


# -- 15 for the tree-sitter kinds: a noqa on a request's URL or body keeps it whole, run after run ------

_SH_CALL = ('curl -X POST "https://image.adobe.io/pie/psdService/photoshopActions" \\\n'
            f"  -d '{json.dumps(V1)}'")
_JS_CALL = ('const res = await fetch(\n  "https://image.adobe.io/pie/psdService/photoshopActions",{url}\n'
            '  {{ method: "POST", body: JSON.stringify({body}) }},{body_noqa}\n);\n')
KIND_NOQA = {  # layout: (file, text, the code the noqa names, the code still reported)
    "shell: noqa at the command's end": ("a.sh", _SH_CALL + "  # noqa: PS801\n", "PS802"),
    "shell: noqa above the command": ("a.sh", "# noqa: PS801\n" + _SH_CALL + "\n", "PS802"),
    "shell: noqa on the body": ("a.sh", "# noqa: PS802\n" + _SH_CALL + "\n", "PS801"),
    "Markdown: psmigrate: noqa on the body": ("a.md", f"```sh\n# psmigrate: noqa: PS802\n{_SH_CALL}\n```\n", "PS801"),
    "JS: noqa on the URL": ("a.js", _JS_CALL.format(url=" // noqa: PS901", body=json.dumps(V1), body_noqa=""),
                            "PS902"),
    "JS: psmigrate: noqa on the body": ("a.js", _JS_CALL.format(url="", body=json.dumps(V1),
                                                                 body_noqa=" // psmigrate: noqa PS902"), "PS901"),
    "TS: noqa above the statement": ("a.ts", "// noqa: PS901\n" + _JS_CALL.format(url="", body=json.dumps(V1),
                                                                                   body_noqa=""), "PS902"),
}


@pytest.mark.parametrize("layout", KIND_NOQA)
@pytest.mark.parametrize("command", [["lint", "--fix"], ["codemod", "--write"]])
def test_a_noqa_on_half_a_request_keeps_it_whole_v1_and_every_run_agrees(tmp_path, layout, command):
    file, text, reported = KIND_NOQA[layout]
    path = tmp_path / file
    path.write_text(text)
    first = run(*command, path)
    second = run(*command, path)
    assert second == first  # every run says the same, and changes nothing
    assert path.read_text() == text  # URL and body stay v1 together, the comment too
    assert first[0] == 1 and f"{reported} " in first[1] + first[2] and "left as it is: a noqa keeps" in first[1] + first[2]
    assert "fix:" not in first[1] + first[2]
    assert run("lint", path)[0] == 1  # and plain lint still flags it


@pytest.mark.parametrize("name, data, where", [
    ("x.json", b'{\n  "a": "caf\xe9"\n}\n', "2:12"),
    ("x.md", b"# ok\n```sh\ncurl https://image.adobe.io/pie/psdService/status/1 # caf\xe9\n```\n", "3:58"),
    ("x.js", b'// ok\nconst x = "caf\xe9";\nfetch("https://image.adobe.io/pie/psdService/status/1");\n', "2:15"),
    ("x.ts", b'fetch("https://image.adobe.io/pie/psdService/status/1"); // \xff\n', "1:61"),
])
@pytest.mark.parametrize("command", [["lint"], ["lint", "--diff"], ["lint", "--fix"], ["codemod"]])
def test_a_file_that_is_not_utf8_is_ps003_at_the_byte_and_exits_2(tmp_path, name, data, where, command):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(*command, path)
    if command == ["codemod"] and name.endswith(".json"):
        return  # codemod does not read JSON
    # a finding for lint, as malformed JSON is (1); nothing to diff (2); codemod cannot read it (2)
    assert code == (1 if command in (["lint"], ["lint", "--fix"]) else 2)
    assert f"{path}:{where}: PS003 not UTF-8 (byte 0x" in out + err
    assert path.read_bytes() == data

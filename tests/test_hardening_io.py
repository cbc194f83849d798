"""What every command does at its edges with the file system and the terminal: no lost file (output
collisions, edits made during a run, symbolic links), honest exit codes (Ctrl-C, a closed pipe)
and the wording of messages. The secret corpus is ``tests/test_secrets.py``."""

from __future__ import annotations

import json
import re
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator import files
from migrator.cli import main

FIXTURES = Path(__file__).parent / "codemod" / "fixtures"
V1_PY = (FIXTURES / "actions_inline_requests.before.py").read_text()
V1_BODY = {
    "inputs": [{"href": "https://in.example/a.psd", "storage": "external"}],
    "options": {"actions": [{"href": "https://in.example/a.atn", "storage": "external"}]},
    "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}],
}
V1_JSON = json.dumps(V1_BODY, indent=2) + "\n"
V1_SH = (Path(__file__).parent / "shell" / "fixtures" / "actions_chain.sh").read_text()
V1_MD = f"# Run the action\n\n```sh\n{V1_SH}```\n"
V1_JS = (Path(__file__).parent / "javascript" / "fixtures" / "fetch_actions_poll.js").read_text()
SOURCES = {"client.py": V1_PY, "job.sh": V1_SH, "README.md": V1_MD, "client.js": V1_JS, "client.ts": V1_JS}


def psmigrate(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    return result.exit_code, result.stdout, result.stderr


def tree(root: Path, layout: dict[str, str]) -> Path:
    for name, text in layout.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


# ---- 1. -o never writes two inputs to one file ------------------------------------------------

@pytest.mark.parametrize("args", [["a/x.json", "b/x.json"], ["a", "b"], ["a/x.json", "b"]])
def test_two_inputs_that_would_land_on_one_output_are_refused_before_anything_is_written(tmp_path, monkeypatch, args):
    tree(tmp_path, {"a/x.json": V1_JSON, "b/x.json": V1_JSON.replace("a.psd", "b.psd")})
    monkeypatch.chdir(tmp_path)
    code, out, err = psmigrate("convert", *args, "-o", "out")
    assert code == 2 and "would both be written to out/x.json" in err
    assert not (tmp_path / "out").exists()


def test_a_directory_tree_is_mirrored_below_the_output_directory(tmp_path, monkeypatch):
    tree(tmp_path, {"in/x.json": V1_JSON, "in/sub/x.json": V1_JSON.replace("a.psd", "b.psd")})
    monkeypatch.chdir(tmp_path)
    assert psmigrate("convert", "in", "-o", "out")[0] == 0
    assert sorted(snapshot(tmp_path / "out")) == ["sub/x.json", "x.json"]
    assert "b.psd" in (tmp_path / "out/sub/x.json").read_text() and "a.psd" in (tmp_path / "out/x.json").read_text()


def test_an_output_that_would_overwrite_another_input_before_it_is_read_is_refused(tmp_path, monkeypatch):
    tree(tmp_path, {"a/x.json": V1_JSON, "out/x.json": V1_JSON.replace("a.psd", "keep.psd")})
    monkeypatch.chdir(tmp_path)
    code, _, err = psmigrate("convert", "a/x.json", "out/x.json", "-o", "out")
    assert code == 2 and "over the input" in err
    assert "keep.psd" in (tmp_path / "out/x.json").read_text()


def test_the_same_file_named_twice_is_converted_once(tmp_path, monkeypatch):
    tree(tmp_path, {"a/x.json": V1_JSON})
    monkeypatch.chdir(tmp_path)
    assert psmigrate("convert", "a/x.json", "./a/x.json", "-o", "out/")[0] == 0
    assert list(snapshot(tmp_path / "out")) == ["x.json"]


# ---- 2. a file edited while a run is under way keeps the edit ---------------------------------

WRITERS = {  # command line, file, the modules that call write_atomic for it (every write goes through files)
    **{f"codemod --write ({name})": (["codemod", "--write", "-j", "1"], name, text, ["migrator.files"])
       for name, text in SOURCES.items()},
    **{f"lint --fix ({name})": (["lint", "--fix"], name, text, ["migrator.files"]) for name, text in SOURCES.items()},
    "lint --fix (JSON)": (["lint", "--fix"], "body.json", V1_JSON, ["migrator.files"]),
    "convert --in-place": (["convert", "--in-place"], "body.json", V1_JSON, ["migrator.files"]),
}


@pytest.mark.parametrize("command", WRITERS)
def test_a_file_edited_during_the_run_is_not_overwritten_and_is_reported(tmp_path, monkeypatch, command):
    import importlib

    args, name, text, modules = WRITERS[command]
    edited = text + "\n# the user's edit, saved while psmigrate ran\n"
    tree(tmp_path, {name: text, "other" + Path(name).suffix: text})  # README.md and otherREADME.md
    real = files.write_atomic

    def editor_saves_first(path, data, expected=None):
        if Path(path).name == name:
            (tmp_path / name).write_text(edited)
        return real(path, data, expected)

    for module in modules:
        monkeypatch.setattr(importlib.import_module(module), "write_atomic", editor_saves_first)
    code, out, err = psmigrate(*args, tmp_path)
    assert code == 2
    line = next(line for line in (out + err).splitlines() if "PS010" in line)
    assert line.startswith(str(tmp_path / name)) and "changed on disk while psmigrate was running" in line
    assert (tmp_path / name).read_text() == edited
    assert (tmp_path / ("other" + Path(name).suffix)).read_text() != text  # the run went on


def test_a_file_deleted_during_the_run_is_not_recreated(tmp_path):
    target = tmp_path / "x.json"
    target.write_text(V1_JSON)
    before = target.read_bytes()
    target.unlink()
    with pytest.raises(files.WriteRefused) as refused:
        files.write_atomic(target, b"{}", expected=before)
    assert refused.value.code == "PS010" and "was deleted" in refused.value.message and not target.exists()


# ---- 3. symbolic links: written through, or refused --------------------------------------------

LINK_WRITERS = {
    "convert --in-place": (["convert", "--in-place"], "body.json", V1_JSON),
    "lint --fix": (["lint", "--fix"], "body.json", V1_JSON),
    **{f"codemod --write ({name})": (["codemod", "--write"], name, text) for name, text in SOURCES.items()},
    **{f"lint --fix ({name})": (["lint", "--fix"], name, text) for name, text in SOURCES.items()},
}


@pytest.mark.parametrize("command", LINK_WRITERS)
def test_a_symbolic_link_is_written_through_to_its_target_and_stays_a_link(tmp_path, command):
    args, name, text = LINK_WRITERS[command]
    target = tmp_path / "real" / name
    tree(tmp_path, {f"real/{name}": text})
    link = tmp_path / f"link-{name}"
    link.symlink_to(target)
    code, out, err = psmigrate(*args, link)
    assert code in (0, 1), out + err
    assert link.is_symlink() and os.readlink(link) == str(target)
    migrated = '"image"' if name.endswith(".json") else "/v2/"
    assert migrated not in text and migrated in target.read_text()


def test_a_link_in_a_tree_to_a_file_of_the_same_tree_is_rewritten_once(tmp_path):
    tree(tmp_path, {"client.py": V1_PY})
    (tmp_path / "alias.py").symlink_to(tmp_path / "client.py")
    code, out, err = psmigrate("codemod", "--write", tmp_path)
    assert code == 0, out + err
    assert "PS010" not in out + err and (tmp_path / "alias.py").is_symlink()


def test_a_dangling_symbolic_link_is_refused_not_replaced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tree(tmp_path, {"in/x.json": V1_JSON})
    (tmp_path / "out").mkdir()
    (tmp_path / "out/x.json").symlink_to(tmp_path / "moved-away.json")
    code, out, err = psmigrate("convert", "in/x.json", "-o", "out/x.json")
    assert code == 2 and "PS011 out/x.json is a symbolic link to" in err and "moved-away.json, which does not exist" in err
    assert (tmp_path / "out/x.json").is_symlink() and not (tmp_path / "moved-away.json").exists()


@pytest.mark.parametrize("command", LINK_WRITERS)
def test_a_dangling_link_named_as_input_is_an_input_error_for_every_writer(tmp_path, command):
    args, name, _ = LINK_WRITERS[command]
    link = tmp_path / name
    link.symlink_to(tmp_path / "gone" / name)
    code, out, err = psmigrate(*args, link)
    assert code == 2 and "Traceback" not in out + err
    assert link.is_symlink() and not (tmp_path / "gone").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_special_files_are_written_to_as_they_are(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen([sys.executable, "-c", f"print(open({str(fifo)!r}).read(), end='')"],
                              stdout=subprocess.PIPE, text=True)
    assert files.write_atomic(fifo, b"{}\n")
    assert reader.communicate(timeout=10)[0] == "{}\n" and fifo.exists()


# ---- 18. Ctrl-C exits 130, a closed pipe ends the run quietly ----------------------------------

PSMIGRATE = [sys.executable, "-m", "migrator"]
linux_only = pytest.mark.skipif(
    not (Path("/proc/self/syscall").exists() and Path(f"/proc/self/task/{os.getpid()}/children").exists()),
    reason="watches /proc (syscall, children) to time the signal")


def _wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the run never reached the point to interrupt"
        time.sleep(0.05)


def _reading_stdin(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return len(fields) > 1 and fields[0] == "0" and int(fields[1], 16) == 0  # read(0, ...)


def _has_workers(pid: int) -> bool:
    try:
        return any(Path(task, "children").read_text().split() for task in Path(f"/proc/{pid}/task").iterdir())
    except OSError:  # a thread or the process ended meanwhile
        return False


def _keys_reach_it() -> None:
    """A run started in the background of a shell without job control inherits SIGINT ignored
    (POSIX), and then no key press could interrupt it: start it as a terminal would."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(process: subprocess.Popen) -> tuple[int, str]:
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = process.communicate(timeout=120)
    return process.returncode, err


@linux_only
def test_ctrl_c_exits_130_without_a_traceback(tmp_path):
    process = subprocess.Popen([*PSMIGRATE, "convert", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_keys_reach_it)
    _wait_until(lambda: _reading_stdin(process.pid))
    code, err = _interrupt(process)
    assert code == 130 and err.strip() == "psmigrate: interrupted"


@linux_only
@pytest.mark.slow
@pytest.mark.parametrize("command, suffix", [(["codemod", "--write", "-j", "2"], ".py"),
                                             (["lint", "--fix", "-j", "2"], ".json"),
                                             (["codemod", "--write", "-j", "2"], ".js"),
                                             (["lint", "--fix", "-j", "2"], ".sh")])
def test_ctrl_c_during_a_parallel_run_exits_130_and_leaves_every_file_whole(tmp_path, command, suffix):
    # enough work that the run is still going when the key press comes, even on a loaded machine
    # (the run is stopped within a second: the size costs only the files' creation)
    text = {".py": V1_PY, ".json": V1_JSON, ".js": V1_JS, ".sh": V1_SH}[suffix]
    originals = {f"f{i}{suffix}": text for i in range(4000 if suffix == ".json" else 400)}
    tree(tmp_path, originals)
    process = subprocess.Popen([*PSMIGRATE, *command, str(tmp_path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_keys_reach_it)
    _wait_until(lambda: process.poll() is not None or _has_workers(process.pid))
    assert process.poll() is None, "the run ended before it could be interrupted"
    code, err = _interrupt(process)
    assert code == 130 and "Traceback" not in err and "psmigrate: interrupted" in err
    migrated = '"image"' if suffix == ".json" else "/v2/"
    for name, text in snapshot(tmp_path).items():  # each file is the old one or the new one, never half
        assert text == originals[name] or migrated in text, name
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".psmigrate-tmp")]


def _with_closed_stdout(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte: every write meets EPIPE
    try:
        return subprocess.run([*PSMIGRATE, *args], stdout=write, stderr=subprocess.PIPE, text=True, cwd=cwd,
                              timeout=120)
    finally:
        os.close(write)


@pytest.mark.parametrize("args, code", [(["rules"], 0), (["endpoints"], 0), (["explain", "PS610"], 0),
                                        (["rules", "--output-format", "json"], 0), (["lint", "."], 1),
                                        (["codemod", "."], 1), (["convert", "body.json"], 0),
                                        (["convert", "--diff", "body.json"], 1)])
def test_a_reader_that_goes_away_ends_the_run_quietly_with_its_own_exit_code(tmp_path, args, code):
    tree(tmp_path, {"body.json": V1_JSON, "client.py": V1_PY})
    result = _with_closed_stdout(args, tmp_path)
    assert result.returncode == code
    assert "Traceback" not in result.stderr and "Broken pipe" not in result.stderr
    assert "BrokenPipeError" not in result.stderr and "Exception ignored" not in result.stderr


def test_psmigrate_rules_piped_to_head_exits_0(tmp_path):
    shell = subprocess.run(f"set -o pipefail; {' '.join(PSMIGRATE)} rules | head -1", shell=True, text=True,
                           capture_output=True, executable="/bin/bash", timeout=120)
    assert shell.returncode == 0 and shell.stdout.startswith("PS001") and shell.stderr == ""


# ---- 19. a directory walk skips JSON that is not a request body --------------------------------

NOT_BODIES = {"package.json": '{"name": "app", "version": "1.0.0", "scripts": {"test": "jest"}}\n',
              "tsconfig.json": '{"compilerOptions": {"strict": true}}\n',
              ".vscode/settings.json": '{"editor.tabSize": 2}\n',
              "data/list.json": "[1, 2, 3]\n"}


@pytest.mark.parametrize("mode, code", [("--check", 1), ("--diff", 1)])
def test_convert_over_a_repository_skips_json_that_is_not_a_request_body(tmp_path, monkeypatch, mode, code):
    tree(tmp_path, {**NOT_BODIES, "payloads/job.json": V1_JSON})
    monkeypatch.chdir(tmp_path)
    status, out, err = psmigrate("convert", mode, ".")
    assert status == code and "payloads/job.json" in out
    assert "PS005" not in err and "skipped 4 JSON file(s) that are not request bodies" in err
    assert psmigrate("convert", "--in-place", ".")[0] == 0
    assert snapshot(tmp_path) == {**NOT_BODIES, "payloads/job.json": snapshot(tmp_path)["payloads/job.json"]}
    assert psmigrate("convert", "--check", ".")[0] == 0


@pytest.mark.parametrize("name", sorted(NOT_BODIES))
def test_naming_a_file_that_is_not_a_request_body_is_still_an_error(tmp_path, monkeypatch, name):
    tree(tmp_path, NOT_BODIES)
    monkeypatch.chdir(tmp_path)
    status, _, err = psmigrate("convert", "--check", name)
    assert status == 2 and "PS005" in err


# ---- 20. messages speak JSON ---------------------------------------------------------------------

PYTHON_WORDS = re.compile(r"\b(None|True|False|NoneType|list|dict|float|str|int|bool|nan|inf)\b|'")
VALUES = [None, True, False, [1, None], {"a": None}, 1.5, 7, "text", 10**40, -(10**40)]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_schema_messages_name_the_json_type_and_value(value):
    from jsonschema import Draft202012Validator

    from migrator.schemas import explain
    from migrator.wording import json_type

    expected = "object" if not isinstance(value, dict) else "array"
    error = next(Draft202012Validator({"properties": {"v": {"type": expected}}}).iter_errors({"v": value}))
    _, message = explain(error)
    assert f"is {json_type(value)} " in message and not PYTHON_WORDS.search(message.replace("`/v`", ""))


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_conversion_messages_quote_values_as_json(tmp_path, value):
    body = json.loads(V1_JSON)
    body["inputs"][0]["storage"] = value if value != "text" else "floppy"
    code, _, err = psmigrate("convert", tree(tmp_path, {"x.json": json.dumps(body)}) / "x.json")
    assert code == 2 and "PS101" in err
    message = err.split("PS101", 1)[1]
    assert not PYTHON_WORDS.search(message), message


def test_long_numbers_are_abbreviated_and_numbers_python_cannot_print_are_described():
    from migrator.wording import show

    assert show(10**40) == "100000…000 (41 digits)"
    assert show(-(10**20) - 1) == "-100000…001 (21 digits)"
    assert show(12345) == "12345"
    assert show(10**5000) == "a number of about 5,001 digits"
    assert show([10**5000]) == "an array"
    assert show(float("nan")) == "NaN" and show(float("-inf")) == "-Infinity"
    assert show("x" * 100).endswith("…") and len(show("x" * 100)) == 40


MALFORMED = [b'{"a": 1,', b'{"a" 1}', b'{"a": 1 "b": 2}', b'{"a": "x', b'{"a": "\x01"}', b'{"a": "\\q"}',
             b'{"a": "\\u12"}', b'{} x', b"[1,]", b'{"a":}', b"{'a': 1}", b"nul"]


@pytest.mark.parametrize("data", MALFORMED, ids=repr)
def test_malformed_json_is_one_whole_phrase(tmp_path, data):
    (tmp_path / "x.json").write_bytes(data)
    for command in ("convert", "lint"):
        _, out, err = psmigrate(command, tmp_path / "x.json")
        line = next(line for line in (out + err).splitlines() if "PS001" in line)
        phrase = line.split("PS001 malformed JSON: ", 1)[1]
        assert phrase[0].islower() and not re.search(r"\b(at|of|in|starting)$|:$", phrase), phrase


# ---- 21. codemod reads [tool.psmigrate] as lint does; one stream for its report; SARIF URIs ----

DYNAMIC = (FIXTURES / "dynamic_url.before.py").read_text()  # a PS703 finding the codemod cannot fix


def _project(root: Path, ignores: str) -> Path:
    return tree(root, {"pyproject.toml": f"[tool.psmigrate.per-file-ignores]\n{ignores}\n",
                       "src/client.py": V1_PY, "src/legacy_jobs.py": V1_PY, "src/dyn.py": DYNAMIC})


@pytest.mark.parametrize("how", ["cwd", "--config file", "--config directory"])
def test_codemod_applies_per_file_ignores_as_lint_does(tmp_path, monkeypatch, how):
    project = _project(tmp_path / "project", '"legacy_*.py" = ["PS7"]\n"src/dyn.py" = ["PS703"]')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(project if how == "cwd" else elsewhere)
    config = {"cwd": [], "--config file": ["--config", project / "pyproject.toml"],
              "--config directory": ["--config", project]}[how]
    code, out, err = psmigrate("codemod", "--write", "--add-todos", *config, project / "src")
    assert code == 0, out + err
    assert (project / "src/legacy_jobs.py").read_text() == V1_PY  # an ignored fixable code is not fixed
    assert (project / "src/dyn.py").read_text() == DYNAMIC  # nor reported, nor given a TODO
    assert "photoshop-api.adobe.io/v2/" in (project / "src/client.py").read_text()
    lint_code, lint_out, _ = psmigrate("lint", *config, project / "src")
    assert lint_code == 0, lint_out


@pytest.mark.parametrize("name, code", [("job.sh", "PS80"), ("README.md", "PS80"), ("client.js", "PS90"),
                                        ("client.ts", "PS90")])
def test_codemod_applies_per_file_ignores_to_every_source_kind(tmp_path, monkeypatch, name, code):
    text = SOURCES[name]
    tree(tmp_path, {"pyproject.toml": f'[tool.psmigrate.per-file-ignores]\n"legacy/*" = ["{code}"]\n',
                    f"legacy/{name}": text, f"new/{name}": text})
    monkeypatch.chdir(tmp_path)
    status, out, err = psmigrate("codemod", "--write", ".")
    assert status == 0, out + err
    assert (tmp_path / "legacy" / name).read_text() == text  # an ignored fixable code is not fixed
    assert (tmp_path / "new" / name).read_text() != text
    assert psmigrate("lint", "legacy")[0] == 0 and psmigrate("codemod", "--check", "legacy")[0] == 0


def test_codemod_refuses_unknown_codes_in_its_configuration(tmp_path, monkeypatch):
    _project(tmp_path, '"x.py" = ["PS999"]')
    monkeypatch.chdir(tmp_path)
    code, _, err = psmigrate("codemod", "src")
    assert code == 2 and "PS999" in err


@pytest.mark.parametrize("mode", ["--diff", "--check", "--write"])
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_the_codemod_report_goes_to_standard_error_in_every_mode(tmp_path, mode, output_format):
    tree(tmp_path, {"client.py": V1_PY, "dyn.py": DYNAMIC})
    code, out, err = psmigrate("codemod", mode, "--output-format", output_format, tmp_path)
    assert code == 1
    assert "PS703" not in out and "PS703" in err
    if output_format == "json":
        assert [f["code"] for f in json.loads(err)] == ["PS703"]
    expected_out = {"--diff": "+++ b/", "--check": "would rewrite", "--write": ""}[mode]
    assert expected_out in out and (out == "") == (mode == "--write")


@pytest.mark.parametrize("suffix, text", [(".json", V1_JSON), (".py", V1_PY), (".sh", V1_SH), (".md", V1_MD),
                                          (".js", V1_JS), (".ts", V1_JS)])
def test_sarif_locations_are_relative_uris_with_a_base(tmp_path, monkeypatch, suffix, text):
    from urllib.parse import urlparse

    tree(tmp_path, {f"sub dir/body #1{suffix}": text})
    outside = tmp_path.parent / f"{tmp_path.name}-outside{suffix}"
    outside.write_text(text)
    monkeypatch.chdir(tmp_path)
    _, out, _ = psmigrate("lint", "--output-format", "sarif", "sub dir", outside)
    run = json.loads(out)["runs"][0]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == tmp_path.as_uri() + "/"
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {"uri": f"sub%20dir/body%20%231{suffix}", "uriBaseId": "%SRCROOT%"} in locations
    assert {"uri": outside.as_uri()} in locations  # outside the base: an absolute file URI
    for location in locations:
        assert urlparse(location["uri"]).scheme in ("", "file")


# ---- 22. README's exit-code table is true for every command --------------------------------------

EXIT_CODES = [  # (arguments, the code README's table gives)
    (["convert", "v2.json"], 0), (["convert", "--check", "v2.json"], 0), (["convert", "--check", "v1.json"], 1),
    (["convert", "--diff", "v1.json"], 1), (["convert", "bad.json"], 2), (["convert", "missing.json"], 2),
    (["convert", "--bogus", "v1.json"], 2), (["convert", "-o", "out", "v1.json"], 0),
    (["codemod", "notes.py"], 0), (["codemod", "client.py"], 1), (["codemod", "--check", "client.py"], 1),
    (["codemod", "dyn.py"], 1), (["codemod", "--write", "client.py"], 0), (["codemod", "broken.py"], 2),
    (["codemod", "missing.py"], 2),
    (["lint", "v2.json"], 0), (["lint", "v1.json"], 1), (["lint", "bad.json"], 1), (["lint", "dyn.py"], 1),
    (["lint", "--diff", "v1.json"], 1), (["lint", "--diff", "v2.json"], 0), (["lint", "--fix", "v1.json"], 0),
    (["lint", "missing.json"], 2), (["lint", "--select", "PS999", "v1.json"], 2),
    (["rules"], 0), (["endpoints"], 0), (["explain", "PS610"], 0), (["explain", "PS000"], 2),
    *[row for name in ("job.sh", "README.md", "client.js", "client.ts") for row in (
        (["codemod", name], 1), (["codemod", "--check", name], 1), (["codemod", "--write", name], 0),
        (["lint", name], 1), (["lint", "--diff", name], 1), (["lint", "--fix", name], 0),
        (["lint", f"missing-{name}"], 2),
        (["codemod", f"missing-{name}"], 2), (["convert", name], 2))],
    (["codemod", "plain.sh"], 0), (["codemod", "plain.js"], 0), (["lint", "plain.sh"], 0), (["lint", "plain.js"], 0),
]


@pytest.mark.parametrize("args, code", EXIT_CODES, ids=[" ".join(a) for a, _ in EXIT_CODES])
def test_exit_codes_are_the_readmes(tmp_path, monkeypatch, args, code):
    tree(tmp_path, {"v1.json": V1_JSON, "bad.json": '{"a": 1,', "client.py": V1_PY, "dyn.py": DYNAMIC,
                    "broken.py": 'URL = "https://image.adobe.io/pie/psdService/actionJSON"\ndef f(:\n',
                    "notes.py": "print('no API here')\n", "plain.sh": "echo hi\n", "plain.js": "console.log(1);\n",
                    **{name: text for name, text in SOURCES.items() if name != "client.py"}})
    monkeypatch.chdir(tmp_path)
    assert psmigrate("convert", "v1.json", "-o", "v2.json")[0] == 0
    status, out, err = psmigrate(*args)
    assert status == code, out + err


def test_the_readme_table_has_a_row_for_each_exit_code_and_a_column_for_each_command():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    assert rows[0].split("|")[2:6] == [" `convert` ", " `codemod` ", " `lint` ", " `rules`, `explain`, `endpoints` "]
    assert [row.split("|")[1].strip() for row in rows[1:]] == ["0", "1", "2", "130"]
    assert {code for _, code in EXIT_CODES} == {0, 1, 2}  # 130: test_ctrl_c_exits_130_without_a_traceback


def test_merge_refuses_a_dangling_output_link_and_names_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tone = {"inputs": {"href": "https://in.example/a.jpg", "storage": "external"},
            "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}]}
    tree(tmp_path, {"tone.json": json.dumps(tone)})
    (tmp_path / "edit.json").symlink_to(tmp_path / "gone.json")
    code, _, err = psmigrate("convert", "--merge", "autoTone=tone.json", "-o", "edit.json")
    assert code == 2 and err.startswith("edit.json: PS011 is a symbolic link")
    assert (tmp_path / "edit.json").is_symlink() and not (tmp_path / "gone.json").exists()


def test_a_worker_stopped_in_the_middle_of_a_write_leaves_the_file_whole_and_no_temporary_file(tmp_path):
    target = tmp_path / "x.json"
    target.write_text(V1_JSON)
    script = f"""
import os, signal, time
from migrator import files, workers
workers.ignore_interrupts()  # what every pool worker runs first
def stopped_before_the_rename(source, destination):
    os.kill(os.getpid(), signal.SIGTERM)  # the parent stops the worker (Ctrl-C) right now
    time.sleep(5)
files.os.replace = stopped_before_the_rename
files.write_atomic({str(target)!r}, b"{{}}")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert target.read_text() == V1_JSON and [p.name for p in tmp_path.iterdir()] == ["x.json"]

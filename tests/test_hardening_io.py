"""What every command does at its edges with the file system and the terminal: no lost file (output
collisions, edits made during a run, symbolic links), honest exit codes (Ctrl-C, a closed pipe)
and the wording of messages. The secret corpus is ``tests/test_secrets.py``."""

from __future__ import annotations

import json
import os
import shutil
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

WRITERS = {  # command line, file, the modules that call write_atomic for it
    "codemod --write": (["codemod", "--write", "-j", "1"], "client.py", V1_PY, ["migrator.files"]),
    "lint --fix (Python)": (["lint", "--fix"], "client.py", V1_PY, ["migrator.lint.python"]),
    "lint --fix (JSON)": (["lint", "--fix"], "body.json", V1_JSON, ["migrator.lint.runner"]),
    "convert --in-place": (["convert", "--in-place"], "body.json", V1_JSON, ["migrator.commands.convert"]),
}


@pytest.mark.parametrize("command", WRITERS)
def test_a_file_edited_during_the_run_is_not_overwritten_and_is_reported(tmp_path, monkeypatch, command):
    import importlib

    args, name, text, modules = WRITERS[command]
    edited = text + "\n# the user's edit, saved while psmigrate ran\n"
    tree(tmp_path, {name: text, "other" + Path(name).suffix: text})
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
    "codemod --write": (["codemod", "--write"], "client.py", V1_PY),
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
    migrated = '"image"' if name.endswith(".json") else "photoshop-api.adobe.io/v2/"
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
    assert code == 2 and "PS011" in err and "moved-away.json, which does not exist" in err
    assert (tmp_path / "out/x.json").is_symlink() and not (tmp_path / "moved-away.json").exists()


@pytest.mark.parametrize("command", LINK_WRITERS)
def test_a_dangling_link_named_as_input_is_an_input_error_for_every_writer(tmp_path, command):
    args, name, _ = LINK_WRITERS[command]
    link = tmp_path / name
    link.symlink_to(tmp_path / "gone" / name)
    code, out, err = psmigrate(*args, link)
    assert code == 2 and "Traceback" not in out + err
    assert link.is_symlink() and not (tmp_path / "gone").exists()


def test_special_files_are_written_to_as_they_are(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen([sys.executable, "-c", f"print(open({str(fifo)!r}).read(), end='')"],
                              stdout=subprocess.PIPE, text=True)
    assert files.write_atomic(fifo, b"{}\n")
    assert reader.communicate(timeout=10)[0] == "{}\n" and fifo.exists()

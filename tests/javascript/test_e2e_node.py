"""v1 JavaScript clients migrated by ``codemod --write`` run with Node against the sandbox (a
real server on loopback) and finish their jobs, or lint reports them; the v1 clients do not run.

Node's fetch honours no proxy and drops a Host header, so ``e2e/preload.cjs`` (``--require``)
sends requests for Adobe's hosts to the sandbox with node:http, keeping the Adobe Host: the
sandbox holds each request to that host's operations, as Adobe does. ``e2e/shims`` stand in for
the axios and node-fetch packages and Adobe's v1 SDK (no npm install here). Node 20 strips no
types (``--experimental-strip-types`` came with Node 22) and nothing may be downloaded, so a
TypeScript client, migrated as TypeScript, runs with its types erased by ``e2e/strip_types.py``
(tree-sitter-typescript, test-only)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main

HERE = Path(__file__).parent / "e2e"
CLIENTS = sorted((HERE / "clients").iterdir())
NODE = shutil.which("node")
# A client lint still reports once migrated (the code), and whether it runs to "succeeded" anyway;
# every other client must lint clean and succeed.
REPORTED = {
    "base_url_method.mjs": ("PS912", False),  # the v1 base is a method's return value, the path added elsewhere
    "axios_nested_destructuring.cjs": ("PS909", False),  # `{ data: { outputs } }` of a status: v2 has none
    "mapped_outputs.mjs": ("PS907", False),  # `outputs` mapped at run time stays v1: a TODO stays in the file
    "body_from_caller.mjs": ("PS907", False),  # the body comes from the caller: a TODO stays in the file
    "cutout.js": ("PS384", True),  # v2 keeps the result itself: copying it to `href` is left to a person
    "sdk_cutout.js": ("PS384", True),  # the same, written above the fixed call as a TODO
    "sdk_firefly_cutout.mjs": ("PS384", True),  # the same, for @adobe/photoshop-apis's removeBackground
}
# Clients calling Adobe's v1 SDKs (e2e/shims/@adobe/ stands in for aio-lib-photoshop-api, photoshop-apis,
# lightroom-apis and the common-apis token provider): migrated with --unsafe-fixes, which rewrites each
# call to a v2 fetch and poll.
UNSAFE = {c.name for c in CLIENTS if c.name.startswith("sdk_")}
V1_BODY = {"inputs": [{"href": "https://in.example/a.psd", "storage": "external"}],
           "options": {"actions": [{"href": "https://a.example/a.atn", "storage": "external"}]},
           "outputs": [{"href": "https://out.example/a.png", "storage": "external", "type": "image/png"}]}

pytestmark = [pytest.mark.slow, pytest.mark.skipif(NODE is None, reason="needs node")]


@pytest.fixture(scope="module")
def sandbox():
    from migrator.sandbox.testing import running_server

    with running_server(lifetime=240) as base_url:
        yield base_url


def _runnable(script: Path) -> Path:
    """The script Node runs: a TypeScript client with its types erased, as an ES module when it
    imports or exports, else as CommonJS."""
    if script.suffix not in (".ts", ".mts", ".cts", ".tsx"):
        return script
    from tests.javascript.e2e.strip_types import strip_types

    erased = strip_types(script.read_bytes(), script.name)
    module = any(n.type in ("import_statement", "export_statement") for n in _top(erased))
    target = script.with_name(script.stem + ".erased" + (".mjs" if module else ".cjs"))
    target.write_bytes(erased)
    return target


def _top(data: bytes):
    from migrator.javascript.parse import parse

    return parse(data, "x.js").root_node.named_children


def _node(script: Path, base_url: str) -> subprocess.CompletedProcess:
    script = _runnable(script)
    env = {**os.environ, "SANDBOX_URL": base_url, "TOKEN": "e2e-token", "API_KEY": "e2e-key",
           "INPUT_URL": "https://in.example/photo.psd", "OUTPUT_URL": "https://out.example/photo.png",
           "V1_BODY": json.dumps(V1_BODY)}
    return subprocess.run([NODE, "--require", str(HERE / "preload.cjs"), str(script)], env=env,
                          capture_output=True, text=True, timeout=60, cwd=script.parent)


def _copy(client: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(the script Node runs, what psmigrate migrates): a client of several modules is a
    directory, migrated as one run, its script `main.*`."""
    shutil.copytree(HERE / "shims", tmp_path / "node_modules")
    if client.is_dir():
        shutil.copytree(client, tmp_path / client.name)
        folder = tmp_path / client.name
        return next(folder.glob("main.*")), folder
    shutil.copyfile(client, tmp_path / client.name)
    return tmp_path / client.name, tmp_path / client.name


def test_there_are_enough_clients():
    assert len(CLIENTS) >= 8
    assert sum(runs for _, runs in [REPORTED.get(c.name, (None, True)) for c in CLIENTS]) >= 8
    assert len(UNSAFE) >= 3
    assert sum(1 for name in UNSAFE if name.startswith("sdk_firefly_")) >= 2


@pytest.mark.parametrize("client", CLIENTS, ids=lambda p: p.name)
def test_migrated_client_finishes_its_job_or_lint_reports_it(client, tmp_path, sandbox):
    script, migrated_path = _copy(client, tmp_path)
    v1 = _node(script, sandbox)
    assert v1.returncode != 0, v1.stdout  # v1 paths answer 410 Gone
    unsafe = ["--unsafe-fixes"] if client.name in UNSAFE else []
    written = CliRunner().invoke(main, ["codemod", "--write", *unsafe, str(migrated_path)])
    assert written.exit_code in (0, 1), written.output
    linted = CliRunner().invoke(main, ["lint", str(migrated_path)])
    again = CliRunner().invoke(main, ["codemod", "--check", *unsafe, str(migrated_path)])
    assert "would rewrite" not in again.stdout  # a second run changes nothing
    code, runs = REPORTED.get(client.name, (None, True))
    if code is not None:
        assert linted.exit_code == 1 and code in linted.stdout, linted.stdout
        assert code in CliRunner().invoke(main, ["lint", str(migrated_path)]).stdout  # and on every later run
        if not runs:
            return
    else:
        assert linted.exit_code == 0, linted.stdout
    migrated = _node(script, sandbox)
    assert migrated.returncode == 0, migrated.stderr + migrated.stdout + script.read_text()
    if client.is_dir():  # every module of it was rewritten where it holds a v1 piece
        assert "adobe.io/pie" not in "".join(p.read_text() for p in migrated_path.iterdir() if p.is_file())
    assert "succeeded" in migrated.stdout

"""A v1 shell client migrated by ``codemod --write`` runs with bash, curl and jq against the
sandbox (a real server on loopback) and finishes its job; the v1 script does not.

Adobe's hosts reach the sandbox through a ``curl`` on PATH that adds ``--connect-to`` (every
host to the sandbox's port) and speaks plain HTTP: the request keeps its Adobe ``Host``, so the
sandbox holds it to that host's operations, as Adobe would."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main

# v1_status_from_variable.sh: the status link and the status kept in variables, read with
# `echo "$response" | jq` and a here-string
SCRIPTS = sorted((Path(__file__).parent / "e2e").glob("*.sh"))
TOOLS = [shutil.which(t) for t in ("bash", "curl", "jq")]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not all(TOOLS), reason="needs bash, curl and jq")]

SHIM = """#!/usr/bin/env bash
args=()
for arg in "$@"; do
  case "$arg" in https://*) arg="http://${arg#https://}" ;; esac
  args+=("$arg")
done
exec "$REAL_CURL" --connect-to "::127.0.0.1:$SANDBOX_PORT" "${args[@]}"
"""


def _run(script: Path, port: str, bin_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "REAL_CURL": TOOLS[1],
           "SANDBOX_PORT": port, "TOKEN": "e2e-token", "API_KEY": "e2e-key",
           "INPUT_URL": "https://in.example/photo.psd", "OUTPUT_URL": "https://out.example/photo.png"}
    return subprocess.run([TOOLS[0], str(script)], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("source", SCRIPTS, ids=lambda p: p.stem)
def test_migrated_script_finishes_its_job_against_the_sandbox(source, tmp_path):
    from migrator.sandbox.testing import running_server

    script = tmp_path / "client.sh"
    shutil.copyfile(source, script)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "curl").write_text(SHIM)
    (bin_dir / "curl").chmod(0o755)
    with running_server(lifetime=120) as base_url:
        port = base_url.rsplit(":", 1)[1]
        v1 = _run(script, port, bin_dir)
        assert v1.returncode != 0  # v1 paths answer 410 Gone
        written = CliRunner().invoke(main, ["codemod", "--write", str(script)])
        assert written.exit_code == 0, written.stderr
        linted = CliRunner().invoke(main, ["lint", str(script)])
        assert linted.exit_code == 0, linted.stdout
        migrated = _run(script, port, bin_dir)
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout.strip().startswith("http"), migrated.stdout
    migrated_text = script.read_text()
    assert "adobe.io/pie" not in migrated_text and "'.outputs[0]" not in migrated_text
    if source.stem == "v1_actions_pipeline":
        assert 'API="https://photoshop-api.adobe.io"' in migrated_text and "$API/v2/execute-actions" in migrated_text

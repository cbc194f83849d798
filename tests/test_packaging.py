"""The wheel a user installs: built from this checkout, installed with its dependencies in a fresh
virtualenv, and run from a directory outside the repository, so nothing can come from the checkout.

One wheel and one virtualenv serve the whole module. The virtualenv is made without pip and filled
by the running pip (``pip --python``), which saves the seconds ``ensurepip`` takes and installs
exactly what a user's ``pip install`` would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import migrator
from migrator import schemas

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "v1-action-json.json"
SAMPLE_PROJECT = ROOT / "examples" / "sample-project"
BIN = "Scripts" if os.name == "nt" else "bin"

# A v2 body with one mistake: a numeric JPEG quality (PS610).
BAD_V2_BODY = {
    "image": {"source": {"url": "https://bucket.example/in.psd"}},
    "options": {"actions": [{"source": {"url": "https://bucket.example/actions.atn"}}]},
    "outputs": [{"destination": {"url": "https://bucket.example/out.jpg"}, "mediaType": "image/jpeg", "quality": 7}],
}


def run(argv: list, *, expect: int = 0, cwd: Path | None = None, env: dict | None = None):
    """Run a command; on an unexpected exit code, fail with everything it printed."""
    argv = [str(a) for a in argv]
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != expect:
        pytest.fail(f"`{' '.join(argv)}` (in {cwd or os.getcwd()}) exited {done.returncode}, expected {expect}"
                    f"{printed(done)}", pytrace=False)
    return done


def printed(done) -> str:
    """What a command printed, for an assertion message."""
    return f"\n--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}"


class Installed:
    """A virtualenv holding only the wheel and its dependencies, and a work directory outside the
    repository to run it from."""

    def __init__(self, venv: Path, workdir: Path):
        self.venv, self.workdir = venv, workdir
        self.python = venv / BIN / "python"
        env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}}
        self.env = {**env, "VIRTUAL_ENV": str(venv), "PATH": f"{venv / BIN}{os.pathsep}{env.get('PATH', '')}"}

    def psmigrate(self, *args, expect: int = 0):
        return run([self.venv / BIN / "psmigrate", *args], expect=expect, cwd=self.workdir, env=self.env)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-input", "--wheel-dir", out, ROOT], cwd=out)
    [built] = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Installed:
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--clear", "--without-pip", venv])
    tool = Installed(venv, tmp_path_factory.mktemp("work"))
    run([sys.executable, "-m", "pip", "--python", tool.python, "install", "--no-input", "--no-compile", wheel],
        cwd=tool.workdir, env=tool.env)
    return tool


def test_wheel_ships_the_package_and_its_data_and_nothing_else(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    strays = sorted(n for n in names if n.startswith(("tests/", ".venv/", ".ci/")) or "__pycache__" in n
                    or n.endswith(".pyc"))
    assert not strays, f"the wheel carries files no user needs: {strays}"

    data = {n for n in names if n.startswith("migrator/_data/")}
    expected_data = {f"migrator/_data/{path.relative_to(ROOT).as_posix()}"
                     for folder in ("rules", "schemas") for path in (ROOT / folder).rglob("*") if path.is_file()}
    assert data == expected_data, "rules/ and schemas/ must ship whole under migrator/_data/"
    assert any(n.endswith(".yaml") for n in data) and any(n.endswith(".json") for n in data)

    code = {n for n in names if n.startswith("migrator/")} - data
    assert code == {path.relative_to(ROOT).as_posix() for path in (ROOT / "migrator").rglob("*.py")}

    dist_info = {n.split("/")[0] for n in names - data - code}
    assert len(dist_info) == 1 and dist_info.pop().endswith(".dist-info")


def test_installed_package_lives_in_the_virtualenv_not_the_checkout(installed):
    # -I: no PYTHON* variables, no user site-packages, and the working directory is not on sys.path.
    probe = ("import json, sysconfig, migrator, migrator.resources as r; print(json.dumps(["
             "migrator.__file__, sysconfig.get_paths()['purelib'], str(r.data_dir('rules')), str(r.data_dir('schemas'))]))")
    done = run([installed.python, "-I", "-c", probe], cwd=installed.workdir, env=installed.env)
    package, site_packages, rules, schemas_dir = (Path(p).resolve() for p in json.loads(done.stdout))
    package_dir = package.parent
    assert package_dir.parent == site_packages and site_packages.is_relative_to(installed.venv.resolve())
    assert not package.is_relative_to(ROOT)
    assert (rules, schemas_dir) == (package_dir / "_data" / "rules", package_dir / "_data" / "schemas")


def test_version_is_the_package_version(installed):
    done = installed.psmigrate("--version")
    assert done.stdout.split()[-1] == migrator.__version__, printed(done)


def test_convert_turns_the_bundled_example_into_a_v2_body(installed):
    shutil.copy(EXAMPLE, installed.workdir / EXAMPLE.name)
    done = installed.psmigrate("convert", EXAMPLE.name)
    body = json.loads(done.stdout)
    assert "inputs" not in body and body["image"]["source"]["url"] == "https://bucket.example/in.psd", printed(done)
    assert schemas.errors("ActionsRequest", body) == []


def test_lint_reports_a_bad_payload(installed):
    (installed.workdir / "bad.json").write_text(json.dumps(BAD_V2_BODY, indent=2), encoding="utf-8")
    done = installed.psmigrate("lint", "bad.json", expect=1)
    assert [line.split()[1] for line in done.stdout.splitlines() if line.startswith("bad.json:")] == ["PS610"], \
        printed(done)


def test_lint_walks_the_sample_project(installed):
    project = installed.workdir / "lint-sample-project"
    shutil.copytree(SAMPLE_PROJECT, project, ignore=shutil.ignore_patterns("__pycache__"))
    done = installed.psmigrate("lint", project.name, expect=1)
    v1_bodies = sorted(line.split(":")[0] for line in done.stdout.splitlines() if " PS401 " in line)
    assert v1_bodies == [f"{project.name}/payloads/{name}" for name in ("product-crop.json", "resize-for-web.json")], \
        printed(done)


def test_rules_lists_conversion_and_lint_codes(installed):
    done = installed.psmigrate("rules")
    codes = {line.split()[0] for line in done.stdout.splitlines() if line.startswith("PS")}
    assert {"PS101", "PS201", "PS401", "PS610"} <= codes, printed(done)


def test_explain_reads_the_shipped_rule(installed):
    done = installed.psmigrate("explain", "PS610")
    assert done.stdout.startswith("PS610 ") and "Invalid example 1" in done.stdout, printed(done)


def test_codemod_shows_the_sample_project_diff_and_writes_nothing(installed):
    project = installed.workdir / "sample-project"
    shutil.copytree(SAMPLE_PROJECT, project, ignore=shutil.ignore_patterns("__pycache__"))
    before = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}

    done = installed.psmigrate("codemod", "sample-project", expect=1)

    for v2_text in ('+API_HOST = "https://photoshop-api.adobe.io"', '/v2/execute-actions"', '/v2/create-composite"',
                    '["statusUrl"]', '"image": {"source"', '["result"]["outputs"][0]["destination"]["url"]'):
        assert v2_text in done.stdout, printed(done)
    # The sample project migrates entirely: nothing is left for a person to do.
    assert not [line for line in done.stderr.splitlines() if ": PS7" in line], printed(done)
    assert {path: path.read_bytes() for path in project.rglob("*") if path.is_file()} == before


def test_sandbox_without_its_extra_says_how_to_install_it(installed):
    # The wheel is installed without extras: aiohttp is not there, the command says what to do.
    done = installed.psmigrate("sandbox", "--port", "0", expect=2)
    assert "photoshop-api-migrator[sandbox]" in done.stderr and "Traceback" not in done.stderr, printed(done)

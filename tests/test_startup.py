"""Start-up cost: each command imports only the heavy libraries its work needs.

libcst is for Python work, jsonschema_rs for validating, jsonschema only to word a body that
fails, pydantic and yaml for the rule files, aiohttp for the sandbox server (an optional extra)
only. Each case runs ``psmigrate`` in a fresh interpreter and lists which of those it imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("aiohttp", "jsonschema", "jsonschema_rs", "libcst", "pydantic", "yaml")
RULES = ["pydantic", "yaml"]
V1_BODY = str(ROOT / "examples" / "v1-action-json.json")
V2_BODY = {"image": {"source": {"url": "https://bucket.example/in.psd"}},
           "options": {"actions": [{"source": {"url": "https://bucket.example/a.atn"}}]},
           "outputs": [{"destination": {"url": "https://bucket.example/out.png"}, "mediaType": "image/png"}]}

# Runs the command as the console script does, then writes the exit code and the heavy
# modules loaded to the file named by argv[1] (standard output belongs to the command).
PROBE = f"""
import json, sys
from migrator.cli import main
out, argv = sys.argv[1], sys.argv[2:]
try:
    main(args=argv, prog_name="psmigrate")
    code = 0
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
with open(out, "w") as f:
    json.dump({{"exit": code, "imported": sorted(m for m in {HEAVY!r} if m in sys.modules)}}, f)
"""

CASES = {
    "--version": (["--version"], 0, []),
    "--help": (["--help"], 0, []),
    "convert --help": (["convert", "--help"], 0, []),
    "lint --help": (["lint", "--help"], 0, []),
    "codemod --help": (["codemod", "--help"], 0, []),
    "sandbox --help": (["sandbox", "--help"], 0, []),
    "sandbox with a bad option": (["sandbox", "--fail-rate", "2"], 2, []),
    "convert --no-validate": (["convert", "--no-validate", V1_BODY], 0, RULES),
    "convert --no-validate --endpoint": (["convert", "--no-validate", "--endpoint", "actionJSON", V1_BODY], 0, RULES),
    "convert": (["convert", V1_BODY], 0, ["jsonschema_rs", *RULES]),
    "lint v2 json": (["lint", "{v2}"], 0, ["jsonschema_rs"]),
    "lint v1 json": (["lint", V1_BODY], 1, RULES),
    # a named file is always parsed, but the rules load only once a v1 path turns up in it
    "lint py": (["lint", "{py}"], 0, ["libcst"]),
    # what the pre-commit hook runs: a file the pre-filter rejects is never parsed
    "lint py --force-exclude": (["lint", "--force-exclude", "{py}", "{v2}"], 0, ["jsonschema_rs"]),
    # explain looks every code up in one index (migrator/codes.py), which reads the rule files.
    "rules": (["rules"], 0, RULES),
    "explain conversion rule": (["explain", "PS101"], 0, RULES),
    "explain lint rule": (["explain", "PS601"], 0, RULES),
    "explain python finding": (["explain", "PS701"], 0, RULES),
    "endpoints": (["endpoints"], 0, RULES),
    "codemod": (["codemod", "{py}"], 0, ["libcst"]),
    "codemod on a tree with nothing to parse": (["codemod", "{tree}"], 0, []),
}
# Known leaks, each with where it is; strict, so the test fails once the leak is fixed.
LEAKS: dict[str, str] = {}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("startup")
    (folder / "clean.json").write_text(json.dumps(V2_BODY, indent=2) + "\n", encoding="utf-8")
    (folder / "clean.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    (folder / "tree").mkdir()
    (folder / "tree" / "util.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    return {"v2": str(folder / "clean.json"), "py": str(folder / "clean.py"), "tree": str(folder / "tree"),
            "report": str(folder / "report.json")}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(reason=LEAKS[n], strict=True))
                                  if n in LEAKS else n for n in CASES])
def test_command_imports_only_what_it_uses(name, inputs):
    argv, exit_code, expected = CASES[name]
    argv = [a.format(**inputs) for a in argv]
    run = subprocess.run([sys.executable, "-c", PROBE, inputs["report"], *argv], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    report = json.loads(Path(inputs["report"]).read_text(encoding="utf-8"))
    assert report["exit"] == exit_code, run.stdout + run.stderr
    assert report["imported"] == expected


def test_the_collector_is_off_only_while_the_command_loads():
    """migrator.cli turns the cyclic collector off while modules load and back on, with what
    loaded frozen out of its walks, once the command is loaded, and at the end of any run."""
    probe = ("import gc, sys, migrator.cli as cli\n"
             "loading = gc.isenabled()\n"
             "cli.main.get_command(None, 'lint')\n"
             "print(loading, gc.isenabled(), gc.get_freeze_count() > 0)\n"
             "gc.disable()\n"
             "sys.argv = ['psmigrate', '--version']\n"
             "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
             "print(gc.isenabled())\n")
    lines = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines[0] == "False True True"  # off while loading; on, and the loaded frozen, after
    assert lines[1].startswith("psmigrate, version")
    assert lines[2] == "True"  # a run that loads no command turns it back on as it ends

#!/usr/bin/env python3
"""Start-up cost of ``psmigrate`` commands on tiny inputs, against ``python -c "import click"``.

Usage::

    .venv/bin/python bench/startup_bench.py [--runs 20]

Each command runs ``--runs`` times in a fresh interpreter (this one: ``sys.executable -m
migrator``), the commands taking turns so that a change in the machine's load hits them all
alike; the median wall time of each is printed in milliseconds and as a ratio to the baseline,
an interpreter that only imports click (what any click tool pays before doing anything):

* ``psmigrate --version``
* ``psmigrate lint FILE`` — one clean v2 execute-actions body
* ``psmigrate convert examples/v1-action-json.json`` — one v1 body, converted and validated
* ``psmigrate codemod FILE`` — one small Python module with no v1 call

The inputs other than the example are written to a temporary directory; every command must
exit 0 on them, so an error path is never what gets timed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN_V2 = {"image": {"source": {"url": "https://bucket.example/in.psd"}},
            "options": {"actions": [{"source": {"url": "https://bucket.example/a.atn"}}]},
            "outputs": [{"destination": {"url": "https://bucket.example/out.png"}, "mediaType": "image/png"}]}
PLAIN_MODULE = '''"""A module with no Photoshop API call."""

import json
from pathlib import Path


def load(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def total(values: list[float]) -> float:
    return sum(v for v in values if v > 0)
'''


def commands(tmp: Path) -> dict[str, list[str]]:
    (tmp / "clean.json").write_text(json.dumps(CLEAN_V2, indent=2) + "\n", encoding="utf-8")
    (tmp / "plain.py").write_text(PLAIN_MODULE, encoding="utf-8")
    psmigrate = [sys.executable, "-m", "migrator"]
    return {
        'python -c "import click"': [sys.executable, "-c", "import click"],
        "psmigrate --version": [*psmigrate, "--version"],
        "psmigrate lint <clean v2 body>": [*psmigrate, "lint", str(tmp / "clean.json")],
        "psmigrate convert examples/v1-action-json.json": [*psmigrate, "convert",
                                                           str(ROOT / "examples" / "v1-action-json.json")],
        "psmigrate codemod <module without v1 calls>": [*psmigrate, "codemod", str(tmp / "plain.py")],
    }


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[1:])} exited {done.returncode}: {done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each command; the median is printed")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryDirectory(prefix="psmigrate-startup-bench-") as tmp:
        runs = commands(Path(tmp))
        times: dict[str, list[float]] = {name: [] for name in runs}
        for name, command in runs.items():  # warm the file cache and .pyc files; not counted
            timed(command, env)
        for _ in range(args.runs):
            for name, command in runs.items():
                times[name].append(timed(command, env))
    medians = {name: statistics.median(t) * 1000 for name, t in times.items()}
    baseline = medians['python -c "import click"']
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load}; "
          f"median of {args.runs} runs each")
    width = max(map(len, medians))
    for name, ms in medians.items():
        spread = f"{min(times[name]) * 1000:.0f}-{max(times[name]) * 1000:.0f}"
        print(f"{name:<{width}}  {ms:7.1f} ms  {ms / baseline:5.2f}x   (range {spread} ms)")


if __name__ == "__main__":
    main()

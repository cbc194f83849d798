#!/usr/bin/env python3
"""Every performance figure of psmigrate, each as a ratio to a baseline timed in the same run.

    .venv/bin/pip install -e '.[bench]'      # check-jsonschema and ruff, the baselines
    .venv/bin/python bench/run.py            # the full sizes (a few minutes)
    .venv/bin/python bench/run.py --quick    # small sizes, one repeat: a fast check

Each psmigrate figure and its baseline are run in turns (A B A B ...), ``--repeat`` times, and
the ratio printed is the median of the pairwise ratios, so a machine whose speed drifts during
the run (a shared one) still gives a fair ratio. Whole commands run in a fresh process, as a user
runs them, from the console script next to this interpreter, timed in wall seconds; work done in
this process (convert, the codemod per file) in this process's CPU seconds. A baseline that is not installed is
reported as skipped. The load average is printed before and after: quote it with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import corpus  # noqa: E402

SIZES = {  # full, quick
    "bodies": (10_000, 1_000),
    "convert_files": (10_000, 1_000),
    "lint_files": (5_000, 500),
    "tree_files": (20_000, 2_000),
    "repeat": (3, 1),
    "startup_runs": (10, 3),
}
V1_PATTERN = r"image[a-z0-9-]*\.adobe\.io"
CLEAN_V2 = {"image": {"source": {"url": "https://bucket.example/in.psd"}},
            "options": {"actions": [{"source": {"url": "https://bucket.example/a.atn"}}]},
            "outputs": [{"destination": {"url": "https://bucket.example/out.png"}, "mediaType": "image/png"}]}


@dataclass
class Figure:
    work: str
    ours: float
    base: float
    baseline: str
    ratio: float
    target: str = ""


def tool(name: str) -> str | None:
    return shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def psmigrate() -> list[str]:
    script = tool("psmigrate")
    return [script] if script else [sys.executable, "-m", "migrator"]


# Whole commands run with Python's bytecode cache on, as an installed package has it (pip writes
# it at install time): where PYTHONDONTWRITEBYTECODE is set, every start would otherwise compile
# psmigrate's modules from source, while the baselines' site-packages come compiled. The cache
# goes to a directory of this run (PYTHONPYCACHEPREFIX), for psmigrate and the baselines alike,
# and is written by each figure's warm-up run.
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def command(argv: list[str], cwd: Path | None = None, ok: tuple[int, ...] = (0, 1)) -> Callable[[], None]:
    def run() -> None:
        done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env=ENVIRONMENT)
        if done.returncode not in ok:
            sys.exit(f"{' '.join(argv[:4])} ... exited {done.returncode}: {done.stderr[-1500:]}")
    return run


def paired(ours: Callable[[], object], base: Callable[[], object], repeat: int,
           clock: Callable[[], float] = time.perf_counter) -> tuple[float, float, float]:
    """Median seconds of each and the median of the pairwise ratios, after one warm-up of each."""
    ours(), base()
    a, b = [], []
    for _ in range(repeat):
        for fn, times in ((ours, a), (base, b)):
            start = clock()
            fn()
            times.append(clock() - start)
    return statistics.median(a), statistics.median(b), statistics.median(x / y for x, y in zip(a, b))


# Work done inside this process is timed in its own CPU seconds, which other work on a shared
# machine does not stretch; whole commands in wall seconds, what a user waits.
IN_PROCESS = time.process_time


def figure(work: str, baseline: str, ours, base, repeat: int, target: str = "",
           clock: Callable[[], float] = time.perf_counter) -> Figure:
    a, b, ratio = paired(ours, base, repeat, clock)
    result = Figure(work, a, b, baseline, ratio, target)
    print(f"{work:58} {a:9.3f} s  {baseline:44} {b:9.3f} s  {ratio:7.2f}x  {target}", flush=True)
    return result


def convert_in_process(n: int, repeat: int) -> list[Figure]:
    from migrator.convert import convert

    guide = corpus.guide_bodies()
    texts = [guide[i % len(guide)] for i in range(n)]
    convert(json.loads(texts[0]))  # rules, schemas and validators loaded outside the timings

    def round_trip():
        for text in texts:
            json.dumps(json.loads(text))

    def converted(validate: bool):
        def run():
            for text in texts:
                json.dumps(convert(json.loads(text), validate=validate).body)
        return run

    what = f"convert {n:,} guide bodies in process (CPU s)"
    return [figure(f"{what}, no validation", "json.loads + json.dumps", converted(False), round_trip, repeat, "≤ 5x",
                   IN_PROCESS),
            figure(f"{what}, validated", "json.loads + json.dumps", converted(True), round_trip, repeat, "≤ 10x",
                   IN_PROCESS)]


ROUND_TRIP = """
import json, os, sys
for root, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(".json"):
            with open(os.path.join(root, name), encoding="utf-8") as f:
                json.dumps(json.loads(f.read()))
"""


def convert_check(tmp: Path, n: int, repeat: int) -> list[Figure]:
    guide = corpus.guide_bodies()
    folder = tmp / "convert"
    for i in range(n):
        sub = folder / f"team{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"body{i:05d}.json").write_text(guide[i % len(guide)] + "\n", encoding="utf-8")
    check = [*psmigrate(), "convert", "--check", str(folder)]
    base = command([sys.executable, "-c", ROUND_TRIP, str(folder)])
    return [figure(f"psmigrate convert --check, {n:,} files", "one process reading + round-tripping them",
                   command(check), base, repeat),
            figure(f"psmigrate convert --check -j 2, {n:,} files", "the same with -j 1",
                   command([*check, "-j", "2"]), command([*check, "-j", "1"]), repeat, "≤ 1x")]


def lint_payloads(tmp: Path, n: int, repeat: int) -> list[Figure]:
    folder = tmp / "payloads"
    paths = [str(p.relative_to(folder)) for p in corpus.payload_tree(folder, n, seed=1)]
    lint = [*psmigrate(), "lint", "--output-format", "json", "."]
    figures = [figure(f"psmigrate lint -j 2, {n:,} payload files", "the same with -j 1",
                      command([*lint, "-j", "2"], folder), command([*lint, "-j", "1"], folder), repeat, "≤ 1x")]
    checker = tool("check-jsonschema")
    if checker is None:
        print("lint vs check-jsonschema: skipped (pip install -e '.[bench]')")
        return figures
    schema = ROOT / "schemas" / "ActionsRequest.json"
    return [figure(f"psmigrate lint, {n:,} payload files", "check-jsonschema --schemafile (one schema)",
                   command(lint, folder), command([checker, "--schemafile", str(schema), *paths], folder), repeat,
                   "≤ 0.5x"), *figures]


def codemod_per_file(tree: Path, repeat: int) -> list[Figure]:
    import libcst

    from migrator.codemod import Options, rewrite_bytes
    from migrator.codemod.prefilter import may_call_api

    files = [(str(p), p.read_bytes()) for p in sorted(tree.rglob("*.py"))]
    callers = [(path, data) for path, data in files if may_call_api(data)]
    rewrite_bytes(callers[0][1], callers[0][0], Options())  # libcst, rules, schemas loaded outside the timings

    def codemod():
        for path, data in callers:
            rewrite_bytes(data, path, Options())

    def noop():
        for _, data in callers:
            libcst.parse_module(data).visit(libcst.CSTTransformer()).code  # noqa: B018

    a, b, ratio = paired(codemod, noop, repeat, IN_PROCESS)
    work, baseline = f"codemod, per v1 file ({len(callers)} files, in process, CPU)", "libcst parse + visit + .code"
    print(f"{work:58} {a / len(callers) * 1000:8.2f} ms  {baseline:44} {b / len(callers) * 1000:8.2f} ms  "
          f"{ratio:7.2f}x  ≤ 2.5x", flush=True)
    return [Figure(work, a / len(callers), b / len(callers), baseline, ratio, "≤ 2.5x")]


def whole_tree(tree: Path, n: int, repeat: int) -> list[Figure]:
    grep = command(["grep", "-rlE", V1_PATTERN, str(tree)], ok=(0, 1))
    return [figure(f"psmigrate codemod --check, {n:,} files, 1% v1", "grep -rlE (the v1 host)",
                   command([*psmigrate(), "codemod", "--check", str(tree)]), grep, repeat, "≤ 15x"),
            figure(f"psmigrate lint, {n:,} files, 1% v1", "grep -rlE (the v1 host)",
                   command([*psmigrate(), "lint", str(tree)]), grep, repeat, "≤ 15x")]


def startup(tmp: Path, runs: int) -> list[Figure]:
    clean = tmp / "clean.json"
    clean.write_text(json.dumps(CLEAN_V2, indent=2) + "\n", encoding="utf-8")
    return [figure("psmigrate lint clean.json (start-up)", 'python -c "import click"',
                   command([*psmigrate(), "lint", str(clean)], ok=(0,)),
                   command([sys.executable, "-c", "import click"], ok=(0,)), runs, "≤ 2x")]


def no_v1_repository(repeat: int) -> list[Figure]:
    ruff = tool("ruff")
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    if ruff is None:
        print("whole-repository scan vs ruff: skipped (pip install -e '.[bench]')")
        return []
    work = f"psmigrate lint, the standard library ({stdlib.name}, no v1 call)"
    return [figure(work, "ruff check (default rules, no cache)", command([*psmigrate(), "lint", str(stdlib)]),
                   command([ruff, "check", "--no-cache", "--exit-zero", "--quiet", str(stdlib)]), repeat, "< 1x")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and one repeat: a fast check")
    parser.add_argument("--repeat", type=int, help="pairs timed per figure (default 3; 1 with --quick)")
    args = parser.parse_args()
    size = {name: values[args.quick] for name, values in SIZES.items()}
    repeat = args.repeat or size["repeat"]
    print(f"psmigrate bench: {'quick' if args.quick else 'full'}, {repeat} pair(s) per figure, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    print(f"{'work':58} {'psmigrate':>11}  {'baseline, same run':44} {'time':>11}  {'ratio':>8}  target")
    with tempfile.TemporaryDirectory(prefix="psmigrate-bench-") as name:
        tmp = Path(name)
        ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        tree = tmp / "tree"
        corpus.python_tree(tree, size["tree_files"], seed=1)
        figures = [
            *convert_in_process(size["bodies"], repeat),
            *convert_check(tmp, size["convert_files"], repeat),
            *lint_payloads(tmp, size["lint_files"], repeat),
            *codemod_per_file(tree, repeat),
            *whole_tree(tree, size["tree_files"], repeat),
            *startup(tmp, size["startup_runs"]),
            *no_v1_repository(repeat),
        ]
    print(f"load average after: {os.getloadavg()[0]:.2f}; {len(figures)} figures")


if __name__ == "__main__":
    main()

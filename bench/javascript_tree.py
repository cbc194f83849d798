"""JavaScript and TypeScript trees: ``psmigrate lint`` and ``codemod --check`` on 5,000 modules
(1% calling v1: the before files of tests/javascript/fixtures, cycled; the rest ordinary JS/TS
modules of a few dozen to a few hundred lines, generated with a fixed seed), against
``grep -rlE`` for v1's host and paths and against a parse-only pass of the same tree-sitter
grammars over every file, in one run. Whole commands run in a fresh process, single-threaded
(``-j 1``) as grep is; each figure is the median of three runs, printed as a ratio.

    .venv/bin/python bench/javascript_tree.py [--files 5000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "javascript" / "fixtures"
GREP = r"image[a-z0-9-]*\.adobe\.io|/pie/psdService/|/lrService/|/sensei/"
FILLER_SUFFIXES = (".js", ".ts", ".mjs", ".tsx", ".cjs", ".jsx")


def filler(rng: random.Random, n: int, suffix: str) -> str:
    typed = suffix in (".ts", ".tsx")
    lines = [f'import {{ helper{n % 17} }} from "./lib/helper{n % 17}";', ""]
    for index in range(int(rng.paretovariate(1.6) * 4)):
        arg = "value: number" if typed else "value"
        lines += [f"export async function step{index}({arg}, options = {{ retries: {index % 4} }}) {{",
                  f"  const url = `${{process.env.API}}/items/${{value}}?page={index}`;",
                  "  const res = await fetch(url, { headers: { Accept: \"application/json\" } });",
                  "  if (!res.ok) throw new Error(`failed: ${res.status}`);",
                  "  const data = await res.json();",
                  f"  return data.items.map((item) => ({{ ...item, rank: item.score * {index + 1} }}));",
                  "}", ""]
    if suffix in (".tsx", ".jsx"):
        lines += [f"export const View{n} = ({{ items }}) => <ul>{{items.map((i) => <li key={{i.id}}>{{i.name}}</li>)}}</ul>;"]
    return "\n".join(lines) + "\n"


def build(root: Path, files: int) -> int:
    rng = random.Random(15)
    callers = sorted(p for p in FIXTURES.iterdir() if ".after." not in p.name and p.suffix in FILLER_SUFFIXES
                     and not p.name.startswith("_"))
    v1 = 0
    for n in range(files):
        directory = root / f"pkg{n % 50}" / f"mod{n % 7}"
        directory.mkdir(parents=True, exist_ok=True)
        if n % 100 == 0:
            source = callers[v1 % len(callers)]
            shutil.copyfile(source, directory / f"caller{n}{source.suffix}")
            v1 += 1
        else:
            suffix = FILLER_SUFFIXES[n % len(FILLER_SUFFIXES)]
            (directory / f"file{n}{suffix}").write_text(filler(rng, n, suffix), encoding="utf-8")
    for name in ("_config.mjs", "_paths.cjs"):  # the siblings two callers import
        for directory in {p.parent for p in root.rglob("caller*")}:
            shutil.copyfile(FIXTURES / name, directory / name)
    return v1


def timed(command: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


PARSE_ONLY = """
import sys, pathlib
from migrator.javascript import SUFFIXES
from migrator.javascript.parse import parse
for path in pathlib.Path(sys.argv[1]).rglob("*"):
    if path.suffix in SUFFIXES:
        parse(path.read_bytes(), path.name)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=5000)
    args = parser.parse_args()
    psmigrate = str(Path(sys.executable).with_name("psmigrate"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "tree"
        callers = build(root, args.files)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        print(f"psmigrate bench (javascript): {args.files:,} files, {callers} calling v1, {size / 1e6:.1f} MB, "
              f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        grep = timed(["grep", "-rlE", GREP, str(root)])
        parse = timed([sys.executable, "-c", PARSE_ONLY, str(root)])
        lint = timed([psmigrate, "lint", "-j", "1", "--output-format", "json", str(root)])
        codemod = timed([psmigrate, "codemod", "--check", "-j", "1", str(root)])
        rows = [("grep -rlE (baseline)", grep), ("tree-sitter parse of every file", parse),
                ("psmigrate lint -j 1", lint), ("psmigrate codemod --check -j 1", codemod)]
        for name, seconds in rows:
            print(f"  {name:<36} {seconds:8.3f} s   {seconds / grep:7.2f}x grep   {seconds / parse:6.2f}x parse-only")
        print(f"  load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

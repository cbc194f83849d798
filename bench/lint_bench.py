#!/usr/bin/env python3
"""Throughput of ``psmigrate lint`` against ``check-jsonschema`` on the same generated tree.

Usage::

    .venv/bin/python bench/lint_bench.py [--files 5000] [--repeat 3] [--seed 1]

Writes ``--files`` execute-actions payloads into a temporary directory — a third v1 bodies, a
third clean v2 bodies, a third v2 bodies with problems (numeric JPEG quality, `overwrite`,
http destinations, legacy placeholders, too many actions, misspelt placeholders, unknown
fields) — then times, in the same run and on the same files:

* ``psmigrate lint DIR --output-format json`` (every rule, endpoint inferred per file), with
  the default worker count and again with ``--jobs 1``, and
* ``check-jsonschema --schemafile schemas/ActionsRequest.json FILE...`` (one schema, no rules),

each ``--repeat`` times, and prints the medians and their ratio. check-jsonschema is a bench
requirement only (``pip install check-jsonschema``), not a dependency of psmigrate.
"""

from __future__ import annotations

import argparse
import json
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
SCHEMA = ROOT / "schemas" / "ActionsRequest.json"


def v1_body(rng: random.Random, n: int) -> dict:
    body = {
        "inputs": [{"href": f"https://bucket.example/in/{n}.psd?X-Amz-Signature={n:08x}", "storage": "external"}],
        "options": {"actions": [{"href": f"https://bucket.example/a/{n}.atn", "storage": "external"}]},
        "outputs": [{"href": f"https://bucket.example/out/{n}.jpg", "storage": "external", "type": "image/jpeg",
                     "quality": rng.randint(1, 12)}],
    }
    if rng.random() < 0.5:
        body["options"] = {"actionJSON": [{"_obj": "gaussianBlur", "radius": {"_unit": "pixelsUnit", "_value": n % 9}}]}
    return body


def v2_body(rng: random.Random, n: int) -> dict:
    actions = [{"source": {"url": f"https://bucket.example/a/{n}-{i}.atn"}} for i in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        actions.append({"source": {"content": json.dumps([{"_obj": "flattenImage"}], separators=(",", ":")),
                                   "contentType": "application/json"}})
    outputs = [{"destination": {"url": f"https://bucket.example/out/{n}.png"}, "mediaType": "image/png",
                "compression": rng.choice(["low", "medium", "maximum"])},
               {"destination": {"url": f"https://bucket.example/out/{n}.jpg"}, "mediaType": "image/jpeg",
                "quality": rng.choice(["high", "maximum", "photoshop_max"])}]
    return {"image": {"source": {"url": f"https://bucket.example/in/{n}.psd"}},
            "options": {"additionalContents": [{"source": {"url": f"https://bucket.example/c/{n}.png"}}],
                        "actions": actions},
            "outputs": outputs[: rng.randint(1, 2)]}


def v2_problem(rng: random.Random, n: int) -> dict:
    body = v2_body(rng, n)
    out = body["outputs"][0]
    problem = n % 7
    if problem == 0:
        out.update(mediaType="image/jpeg", quality=rng.randint(1, 12))
        out.pop("compression", None)
    elif problem == 1:
        out["overwrite"] = True
    elif problem == 2:
        out["destination"]["url"] = out["destination"]["url"].replace("https:", "http:")
    elif problem == 3:
        body["options"]["actions"] = [{"source": {"content": '[{"_path":"ACTION_JSON_OPTIONS_ADDITIONAL_IMAGES_0"}]',
                                                  "contentType": "application/json"}}]
    elif problem == 4:
        body["options"]["actions"] = body["options"]["actions"] * 6
    elif problem == 5:
        body["options"]["actions"] = [{"source": {"content": '[{"_path":"__additional_contents_path_0__"}]'}}]
    else:
        out["colour"] = "rgb"
    return body


def generate(directory: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    makers = (v1_body, v2_body, v2_problem)
    paths = []
    for n in range(count):
        sub = directory / f"team{n % 20:02d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"payload{n:05d}.json"
        path.write_text(json.dumps(makers[n % 3](rng, n), indent=rng.choice([2, 4])) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def timed(command: list[str], env: dict, cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    checker = shutil.which("check-jsonschema", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                                     os.environ.get("PATH", "")]))
    if checker is None:
        sys.exit("check-jsonschema is not installed: pip install check-jsonschema (bench requirement only)")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryDirectory(prefix="psmigrate-lint-bench-") as tmp:
        tree = Path(tmp)
        paths = generate(tree, args.files, args.seed)
        relative = [str(p.relative_to(tree)) for p in paths]
        lint = [sys.executable, "-m", "migrator", "lint", "--output-format", "json", "."]
        check = [checker, "--schemafile", str(SCHEMA), *relative]
        lint_times, serial_times, check_times = [], [], []
        for _ in range(args.repeat):
            lint_times.append(timed(lint, env, tree)[0])
            serial_times.append(timed([*lint, "--jobs", "1"], env, tree)[0])
            check_times.append(timed(check, env, tree)[0])
    lint_s, check_s = statistics.median(lint_times), statistics.median(check_times)
    serial_s = statistics.median(serial_times)
    print(f"files: {args.files} (1/3 v1, 1/3 clean v2, 1/3 v2 with problems), repeats: {args.repeat}, "
          f"cpus: {os.cpu_count()}")
    print(f"psmigrate lint (all rules, endpoint inferred): {lint_s:7.2f} s  ({args.files / lint_s:8.0f} files/s)")
    print(f"psmigrate lint --jobs 1 (one process):         {serial_s:7.2f} s  ({args.files / serial_s:8.0f} files/s)")
    print(f"check-jsonschema (ActionsRequest.json only):   {check_s:7.2f} s  ({args.files / check_s:8.0f} files/s)")
    print(f"ratio lint / check-jsonschema: {lint_s / check_s:.2f} (one process: {serial_s / check_s:.2f})")


if __name__ == "__main__":
    main()

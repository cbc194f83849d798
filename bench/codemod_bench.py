"""Benchmark ``psmigrate codemod`` on a generated tree, against baselines measured in the same run.

Generates FILES Python files (default 5,000; about 1% call v1 endpoints, the rest realistic filler
of varied size) in a temporary directory, then times:

1. the whole-tree codemod (``psmigrate codemod --check``, a fresh process, as a user runs it)
   and the whole-tree lint (``psmigrate lint``, the same detection, as the pre-commit hook runs
   it) against ``grep -rlE`` for the v1 host on the same tree;
2. the per-candidate-file work (the files the pre-filter passes, same files, same ``-j``) of the
   codemod against a no-op libcst transformer (parse, visit, regenerate).

Prints the times (median of REPEAT runs) and both ratios. Usage:

    .venv/bin/python bench/codemod_bench.py [--files 5000] [--jobs N] [--repeat 3] [--seed 1]
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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

V1_TEMPLATES = [
    '''import requests

BASE = "https://image.adobe.io"


def {fn}(token, src, dst):
    payload = {{
        "inputs": [{{"href": src, "storage": "external"}}],
        "options": {{"actionJSON": [{{"_obj": "flattenImage"}}]}},
        "outputs": [{{"href": dst, "storage": "external", "type": "image/jpeg", "quality": 7}}],
    }}
    resp = requests.post(f"{{BASE}}/pie/psdService/actionJSON", json=payload, headers={{"Authorization": token}})
    status_url = resp.json()["_links"]["self"]["href"]
    while True:
        body = requests.get(status_url, headers={{"Authorization": token}}).json()
        if body["outputs"][0]["status"] in ("succeeded", "failed"):
            return body
''',
    '''import httpx

ACTIONS = "https://image.adobe.io/pie/psdService/photoshopActions"


async def {fn}(client: httpx.AsyncClient, psd: str, atn: str, out: str):
    response = await client.post(ACTIONS, json={{
        "inputs": [{{"href": psd, "storage": "external"}}],
        "options": {{"actions": [{{"href": atn, "storage": "external"}}]}},
        "outputs": [{{"href": out, "storage": "external", "type": "image/png"}}],
    }})
    return response.json()["_links"]["self"]["href"]
''',
    '''import requests


class {cls}:
    BASE_URL = "https://image.adobe.io"

    def __init__(self, session):
        self.session = session

    def {fn}(self, src, dst):
        return self.session.post(self.BASE_URL + "/lrService/autoTone", json={{
            "inputs": {{"href": src, "storage": "external"}},
            "outputs": [{{"href": dst, "storage": "external", "type": "image/jpeg"}}],
        }})

    def status(self, job_id):
        return self.session.get(f"{{self.BASE_URL}}/lrService/status/{{job_id}}").json()
''',
]

FILLER_HEAD = '''"""{doc}"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)
API = "https://api.example.com/v3/{name}"
'''

FILLER_BLOCKS = [
    '''

def {fn}(items: list[dict], limit: int = {n}) -> list[dict]:
    """Keep the first items that have a name."""
    out = []
    for item in items:
        if item.get("name") and len(out) < limit:
            out.append({{"name": item["name"], "size": item.get("size", 0) * {n}}})
    log.debug("kept %d of %d", len(out), len(items))
    return out
''',
    '''

@dataclass
class {cls}:
    name: str
    count: int = {n}

    def to_json(self) -> str:
        return json.dumps({{"name": self.name, "count": self.count}})

    def bump(self, by: int = 1) -> "{cls}":
        return {cls}(self.name, self.count + by)
''',
    '''

def {fn}(text: str) -> dict[str, int]:
    # count words, ignoring case
    counts: dict[str, int] = {{}}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + {n}
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
''',
    '''

CONFIG_{n} = {{
    "endpoint": API,
    "retries": {n},
    "timeout": {n}.5,
    "headers": {{"Accept": "application/json", "User-Agent": "svc/{n}"}},
}}
''',
]


def _name(rng: random.Random, prefix: str) -> str:
    return prefix + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))


def generate(root: Path, files: int, seed: int) -> int:
    """Write the tree; returns how many files call v1."""
    rng = random.Random(seed)
    callers = max(1, files // 100)
    caller_slots = set(rng.sample(range(files), callers))
    for index in range(files):
        package = root / f"pkg{index % 50:02d}" / f"sub{index % 7}"
        package.mkdir(parents=True, exist_ok=True)
        values = {"fn": _name(rng, "do_"), "cls": _name(rng, "Thing").capitalize(), "n": rng.randint(1, 99),
                  "doc": "Module " + _name(rng, ""), "name": _name(rng, "")}
        if index in caller_slots:
            text = rng.choice(V1_TEMPLATES).format(**values)
        else:
            blocks = [FILLER_HEAD.format(**values)]
            for _ in range(int(rng.paretovariate(1.2) * 3)):  # mostly small files, a few large ones
                blocks.append(rng.choice(FILLER_BLOCKS).format(**{**values, "fn": _name(rng, "f_"),
                                                                   "cls": _name(rng, "C").capitalize(),
                                                                   "n": rng.randint(1, 99)}))
            text = "".join(blocks[:400])
        (package / f"mod{index:05d}.py").write_text(text)
    return callers


def _timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _noop(path: str) -> int:
    import libcst as cst

    return len(cst.parse_module(Path(path).read_bytes()).visit(cst.CSTTransformer()).bytes)


def _codemod(path: str, options) -> int:
    from migrator.codemod.runner import _work

    return len(_work(path, options).after)


def _pooled(fn, paths: list[str], jobs: int, *extra) -> None:
    chunk = max(1, len(paths) // (jobs * 4))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(fn, paths, *[[e] * len(paths) for e in extra], chunksize=chunk))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from migrator.codemod import Options
    from migrator.codemod.runner import _warm_up, python_files, select_candidates

    root = Path(tempfile.mkdtemp(prefix="psmigrate-codemod-bench-"))
    try:
        callers = generate(root, args.files, args.seed)
        files = list(python_files([str(root)]))
        size = sum(Path(f).stat().st_size for f in files)
        candidates = select_candidates(files)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"tree: {len(files)} files, {size / 1e6:.1f} MB, {callers} call v1, "
              f"{len(candidates)} pass the pre-filter; jobs={args.jobs}, median of {args.repeat}; "
              f"{os.cpu_count()} CPUs, load average {load}")

        grep = ["grep", "-rlE", r"image[a-z0-9-]*\.adobe\.io", str(root)]
        cli = [sys.executable, "-m", "migrator", "codemod", "--check", "-j", str(args.jobs), str(root)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        found = subprocess.run(grep, capture_output=True, text=True).stdout.split()
        assert len(found) == callers, (len(found), callers)
        t_grep = _timed(lambda: subprocess.run(grep, capture_output=True, check=True), args.repeat)
        t_tree = _timed(lambda: subprocess.run(cli, capture_output=True, env=env), args.repeat)
        lint = [sys.executable, "-m", "migrator", "lint", "-j", str(args.jobs), str(root)]
        t_lint = _timed(lambda: subprocess.run(lint, capture_output=True, env=env), args.repeat)
        empty = root / "empty"
        empty.mkdir()
        t_start = _timed(lambda: subprocess.run(cli[:-1] + [str(empty)], capture_output=True, env=env), args.repeat)

        options = Options(run_files=frozenset(str(Path(p).resolve()) for p in candidates))
        _warm_up()  # as the command does before its pool forks; both pools below fork from here
        t_noop = _timed(lambda: _pooled(_noop, candidates, args.jobs), args.repeat)
        t_codemod = _timed(lambda: _pooled(_codemod, candidates, args.jobs, options), args.repeat)

        print(f"whole tree:  grep -rlE {t_grep * 1000:8.1f} ms   psmigrate codemod --check {t_tree * 1000:8.1f} ms"
              f"   ratio {t_tree / t_grep:6.1f}x   (of which start-up on an empty folder {t_start * 1000:.0f} ms)")
        print(f"whole tree:  grep -rlE {t_grep * 1000:8.1f} ms   psmigrate lint            {t_lint * 1000:8.1f} ms"
              f"   ratio {t_lint / t_grep:6.1f}x   ({t_lint / t_tree:.2f}x the codemod's time)")
        per = len(candidates) or 1
        print(f"per candidate file: no-op libcst transformer {t_noop / per * 1000:7.2f} ms   "
              f"codemod {t_codemod / per * 1000:7.2f} ms   ratio {t_codemod / t_noop:5.1f}x "
              f"({len(candidates)} files, -j {args.jobs}, process pool included in both)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

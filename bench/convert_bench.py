"""Conversion throughput on a generated corpus, against a plain json round trip.

    python bench/convert_bench.py [--bodies 10000]

Prints seconds for: json.loads + json.dumps (baseline), convert without validation, convert
with validation, and each as a ratio of the baseline, all measured in this run.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from migrator.convert import convert  # noqa: E402


def body(rng: random.Random, n: int) -> dict:
    output = {"href": f"https://out.example/{n}.jpg", "storage": rng.choice(["external", "azure", "dropbox"]),
              "type": "image/jpeg", "quality": rng.randint(1, 12)}
    options = ({"actionJSON": [{"_obj": "gaussianBlur", "radius": {"_unit": "pixelsUnit", "_value": n % 9}}]}
               if n % 2 else {"actions": [{"href": f"https://in.example/{n}.atn", "storage": "external"}]})
    return {"inputs": [{"href": f"https://in.example/{n}.psd", "storage": "external"}], "options": options,
            "outputs": [output]}


def timed(fn, texts) -> float:
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(1)
    texts = [json.dumps(body(rng, n)) for n in range(args.bodies)]
    convert(json.loads(texts[0]))  # load rules and schemas outside the timings

    baseline = timed(lambda t: json.dumps(json.loads(t)), texts)
    unvalidated = timed(lambda t: json.dumps(convert(json.loads(t), validate=False).body), texts)
    validated = timed(lambda t: json.dumps(convert(json.loads(t)).body), texts)
    print(f"{args.bodies} bodies")
    for name, seconds in [("json round trip", baseline), ("convert, no validation", unvalidated),
                          ("convert + validation", validated)]:
        print(f"{name:24} {seconds:8.3f} s  {args.bodies / seconds:9.0f} bodies/s  {seconds / baseline:7.1f}x")


if __name__ == "__main__":
    main()

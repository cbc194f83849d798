#!/usr/bin/env python3
"""Where ``convert`` spends its time: the in-process figure of bench/run.py (10,000 guide bodies,
no validation, CPU seconds against ``json.loads`` + ``json.dumps``), then again with each part of
the engine's bookkeeping switched off, to show what is left when it is gone:

* origins: where every object and array stood in the v1 body, recorded before the first rule
  runs, so that a diagnostic raised after a move still names the v1 place;
* moves: the v1 place of each scalar a rule moves (`Context.moved`);
* key order: the family's v2 key order, put on the converted body.

    .venv/bin/python bench/convert_costs.py [--bodies 10000] [--repeat 5]

Switched off, the diagnostics point at the wrong place or nowhere, and keys come out in v1 order:
these runs measure, they are not a mode of psmigrate. Each variant is timed in turns with the
round trip (bench/run.py's ``paired``), so the ratios are from the same moments of a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import corpus  # noqa: E402
from run import IN_PROCESS, figure  # noqa: E402

from migrator import engine  # noqa: E402
from migrator.convert import convert  # noqa: E402

SWITCHES = {
    "origins": (engine.Context, "remember_origins", lambda self, node, pointer="": None),
    "moves": (engine.Context, "moved", lambda self, old, old_key, new, new_key: None),
    "key order": (engine, "_order_keys", lambda node, trie: None),
}
VARIANTS = [(), ("origins",), ("moves",), ("key order",), ("origins", "moves", "key order")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    guide = corpus.guide_bodies()
    texts = [guide[i % len(guide)] for i in range(args.bodies)]
    for text in guide:
        convert(json.loads(text), validate=False)

    def round_trip() -> None:
        for text in texts:
            json.dumps(json.loads(text))

    def converted() -> None:
        for text in texts:
            json.dumps(convert(json.loads(text), validate=False).body)

    print(f"psmigrate convert costs: {args.bodies:,} guide bodies, {args.repeat} pair(s) per figure, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg()[:2])}, {time.strftime('%H:%M UTC', time.gmtime())}")
    for off in VARIANTS:
        saved = [(owner, name, getattr(owner, name)) for owner, name, _ in (SWITCHES[part] for part in off)]
        for part in off:
            owner, name, stand_in = SWITCHES[part]
            setattr(owner, name, stand_in)
        try:
            label = "convert, no validation" + (f", without {' + '.join(off)}" if off else "")
            figure(label, "json.loads + json.dumps", converted, round_trip, args.repeat, "", IN_PROCESS)
        finally:
            for owner, name, original in saved:
                setattr(owner, name, original)


if __name__ == "__main__":
    main()

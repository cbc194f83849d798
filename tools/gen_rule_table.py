#!/usr/bin/env python3
"""Write the README's table of every code psmigrate prints, from migrator/codes.py.

Usage::

    .venv/bin/python tools/gen_rule_table.py [--readme PATH] [--check]

Only the lines between ``<!-- rules:start -->`` and ``<!-- rules:end -->`` change. ``--check``
writes nothing and exits 1 when the table there is not what would be generated, so CI notices a
new code, or a changed summary, that the README does not show yet.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's migrator, whatever is installed

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def table() -> str:
    from migrator.codes import all_codes

    rows = ["| code | kind | summary | fixable |", "| --- | --- | --- | --- |"]
    for entry in all_codes():
        summary = entry.summary.replace("|", "\\|")
        rows.append(f"| {entry.code} | {entry.kind} | {summary} | {'yes' if entry.fixable else ''} |")
    return "\n".join(rows) + "\n"


def with_table(readme: str) -> str:
    """``readme`` with the generated table between the markers; ValueError without them."""
    start, end = readme.find(START), readme.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the README needs the markers {START} and {END}, in that order")
    return readme[: start + len(START)] + "\n" + table() + readme[end:]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the README's table is not what would be generated")
    args = parser.parse_args(argv)
    try:
        current = args.readme.read_text(encoding="utf-8")
        wanted = with_table(current)
    except (OSError, ValueError) as exc:
        print(f"gen_rule_table: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if wanted != current:
            print(f"gen_rule_table --check: the rule table in {args.readme} is out of date; "
                  "run tools/gen_rule_table.py", file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        args.readme.write_text(wanted, encoding="utf-8")
        print(f"gen_rule_table: updated the rule table in {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Why migrator/javascript/ parses with the tree-sitter bindings and grammar wheels rather than
ast-grep-py: parse speed on the same files (npm's own sources when present, else the JS/TS
fixtures many times over), each parser reaching every node once, which is what the planner does.

    .venv/bin/pip install ast-grep-py   # (in the `bench` extra)
    .venv/bin/python bench/javascript_parsers.py
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPM = Path("/usr/lib/node_modules/npm")


def sources() -> list[tuple[str, str]]:
    files = [p for p in NPM.rglob("*.js") if p.is_file()] if NPM.is_dir() else []
    if not files:
        files = [p for p in (ROOT / "tests/javascript/fixtures").iterdir() if p.suffix in (".js", ".mjs", ".cjs")] * 40
    return [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in files]


def tree_sitter_pass(texts) -> int:
    from migrator.javascript.parse import parse, walk

    return sum(sum(1 for _ in walk(parse(text.encode(), "x.js").root_node)) for _, text in texts)


def tree_sitter_parse(texts) -> int:
    from migrator.javascript.parse import parse

    return sum(parse(text.encode(), "x.js").root_node.child_count for _, text in texts)


def ast_grep_parse(texts) -> int:
    from ast_grep_py import SgRoot

    return sum(len(SgRoot(text, "javascript").root().children()) for _, text in texts)


def ast_grep_pass(texts) -> int:
    from ast_grep_py import SgRoot

    count = 0
    for _, text in texts:
        stack = [SgRoot(text, "javascript").root()]
        while stack:
            node = stack.pop()
            count += 1
            stack.extend(node.children())
    return count


def main() -> None:
    texts = sources()
    size = sum(len(t) for _, t in texts)
    print(f"{len(texts)} files, {size / 1e6:.1f} MB")
    for name, run in (("tree-sitter: parse", tree_sitter_parse), ("ast-grep-py: parse", ast_grep_parse),
                      ("tree-sitter: parse + visit every node", tree_sitter_pass),
                      ("ast-grep-py: parse + visit every node", ast_grep_pass)):
        start = time.perf_counter()
        nodes = run(texts)
        print(f"  {name:<46} {time.perf_counter() - start:7.2f} s  {nodes:,} nodes")


if __name__ == "__main__":
    main()

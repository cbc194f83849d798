"""Why migrator/shell/ parses with tree-sitter-bash rather than bashlex: speed on a few hundred
snippets (the shell fixtures and Adobe's guide examples, four times over) and which of the
constructs curl snippets use each one reads.

    .venv/bin/pip install bashlex   # (in the `bench` extra)
    .venv/bin/python bench/shell_parsers.py
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRUCTS = {
    "backslash continuation": "curl -X POST \\\n  https://image.adobe.io/pie/psdService/text \\\n  -d '{}'\n",
    "splice in single quotes": "curl -d '{\"href\": \"'\"$IN\"'\"}' https://x\n",
    "$(...) with a pipe": "job=$(curl -s https://x | jq -r ._links.self.href)\n",
    "heredoc body": "curl --data-binary @- https://x <<'EOF'\n{\"a\": 1}\nEOF\n",
    "[[ ]] poll loop": "while [[ \"$(curl -s \"$u\" | jq -r .status)\" != succeeded ]]; do sleep 1; done\n",
    "function and local": "submit() {\n  local url=\"$1\"\n  curl -s \"$url\"\n}\n",
    "case": "case \"$state\" in succeeded) exit 0;; *) exit 1;; esac\n",
}


def snippets() -> list[str]:
    files = sorted((ROOT / "tests/shell/guide_examples").glob("*.sh")) + sorted(
        p for p in (ROOT / "tests/shell/fixtures").glob("*.sh") if ".after" not in p.name)
    return [p.read_text(encoding="utf-8") for p in files] * 4


def main() -> None:
    import bashlex

    from migrator.shell.parse import parse

    def tree_sitter_ok(text: str) -> bool:
        return not parse(text.encode()).root_node.has_error

    def bashlex_ok(text: str) -> bool:
        try:
            bashlex.parse(text)
            return True
        except Exception:  # noqa: BLE001 - bashlex raises several kinds of errors
            return False

    corpus = snippets()
    for name, check in (("tree-sitter-bash", tree_sitter_ok), ("bashlex", bashlex_ok)):
        started = time.perf_counter()
        read = sum(check(text) for text in corpus)
        elapsed = time.perf_counter() - started
        constructs = [c for c, text in CONSTRUCTS.items() if not check(text)]
        print(f"{name:17} {len(corpus)} snippets in {elapsed * 1000:7.1f} ms, {read} read without error; "
              f"fails on: {', '.join(constructs) or 'none'}")


if __name__ == "__main__":
    main()

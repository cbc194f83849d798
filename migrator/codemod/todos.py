"""The ``# TODO(psmigrate): CODE message`` comments the codemod leaves, read back as findings.

Some findings can only be made while the v1 code is still there: once a body is v2, nothing in
it shows that v1 wrote its result to ``target`` (PS735). For those the codemod writes the finding
into the code, above the statement a person must change (as bump-pydantic leaves
``# TODO[pydantic]``), and every later run reports the comment's code at that statement until
the comment is removed. ``--add-todos`` writes such comments for every finding; a comment whose
finding is made again on its statement is not reported twice. The shell source kind reads its
``# TODO(psmigrate)`` lines with ``parse_todo`` too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

MARK = "# TODO(psmigrate):"
_TODO = re.compile(r"#\s*TODO\(psmigrate\):\s*(?P<code>PS\d{3})\b\s*(?P<message>.*)")


@dataclass(frozen=True)
class LeftTodo:
    code: str
    message: str
    statement: cst.CSTNode  # the statement the comment stands above


def left_todos(module: cst.Module, text: str) -> Iterator[LeftTodo]:
    if "TODO(psmigrate)" not in text:
        return
    found: list[LeftTodo] = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            for line in getattr(node, "leading_lines", ()):
                todo = parse_todo(line.comment.value) if line.comment is not None else None
                if todo and isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                    found.append(LeftTodo(*todo, node))
            return True

    module.visit(Collect())
    yield from found


def parse_todo(comment: str) -> tuple[str, str] | None:
    """``(code, message)`` of a ``# TODO(psmigrate): CODE message`` comment, else None."""
    match = _TODO.match(comment.strip())
    return (match["code"], match["message"].strip()) if match else None


def todo_text(code: str, message: str) -> str:
    return f"{code} {' '.join(message.split())}"

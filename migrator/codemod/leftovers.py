"""Strings that still name a v1 endpoint after the rewrite, though no request is sent with them.

A log line, a debug print, a docstring, an error message, a URL in prose or a constant no call
uses is left as it is (it may describe history, or match v1 traffic), but each one is reported,
so that "is anything v1 left in this file?" has a complete answer. Comments are not strings and
are never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from migrator.codemod.calls import is_message_call
from migrator.codemod.source import SourceModule

# a v1 service path, anywhere in the text (a bare host is not v1 by itself: v2's remove-background
# is served from image.adobe.io too)
V1_MENTION = re.compile(r"/(?:pie/psdService|lrService|sensei)(?:/[A-Za-z]\w*(?:/\{?\w*\}?)?)?(?![\w-])")


def leftover_strings(source: SourceModule, claimed: set[int]) -> Iterator[tuple[cst.CSTNode, int, str, str]]:
    """``(node, offset in its source, the v1 path it names, where it sits)`` for each string piece naming a v1 path
    that no other finding or edit has claimed (``claimed``: node ids; a claimed node claims the
    strings inside it)."""
    found: list[tuple[cst.CSTNode, int, str, str]] = []
    stack: list[cst.CSTNode] = []
    if not V1_MENTION.search(source.module.code):
        return iter(found)

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            stack.append(node)  # on_leave pops it even when the children are skipped
            return id(node) not in claimed and super().on_visit(node)

        def on_leave(self, original_node: cst.CSTNode) -> None:
            super().on_leave(original_node)
            stack.pop()

        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            if "b" not in node.prefix.lower():
                self._check(node, node.value)

        def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
            self._check(node, node.value)

        def _check(self, node: cst.CSTNode, text: str) -> None:
            match = V1_MENTION.search(text)
            if match:
                found.append((node, match.start(), match.group(0), _where(stack, node)))

    source.module.visit(Visitor())
    return iter(found)


def _where(stack: list[cst.CSTNode], node: cst.CSTNode) -> str:
    """A docstring, a message (log, print, exception), or another string."""
    for parent in reversed(stack[:-1]):
        if isinstance(parent, cst.Call) and is_message_call(parent):
            return "a message"
        if isinstance(parent, cst.Expr):
            return "a docstring" if isinstance(parent.value, (cst.SimpleString, cst.ConcatenatedString)) \
                else "a string"
        if isinstance(parent, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            break
    return "a string"

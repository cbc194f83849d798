"""Walking tree-sitter trees, for the source kinds parsed with it (shell, JavaScript/TypeScript)."""

from __future__ import annotations

import re


def first_error(node):
    """The first ERROR or missing node below ``node``, or None."""
    if not node.has_error:
        return None
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "ERROR" or current.is_missing:
            return current
        stack.extend(reversed([c for c in current.children if c.has_error or c.is_missing or c.type == "ERROR"]))
    return None


def walk(node):
    """Every node below ``node``, in document order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


_NODES: list[tuple[object, list]] = []  # (root, its nodes) of the last few files read


def nodes(root) -> list:
    """:func:`walk` of a file's root, walked once: a planner's passes each read every node (a
    1.4 MB script was walked fourteen times, most of its run). The few last roots are kept, so
    the ids stay their own."""
    for held, found in _NODES:
        if held is root:
            return found
    found = list(walk(root))
    _NODES[:] = [(root, found), *_NODES[:2]]
    return found


def noqa_comments(root, data: bytes, pattern: re.Pattern) -> tuple[dict[int, frozenset[str] | None], set[int]]:
    """The ``noqa`` comments below ``root`` (``pattern`` has a ``codes`` group): each comment's row
    → the codes it names (None: every code), and the rows where one stands on a line of its own
    (it then silences the statement below it)."""
    found: dict[int, frozenset[str] | None] = {}
    standalone: set[int] = set()
    for node in nodes(root):
        if node.type == "comment":
            match = pattern.search(data[node.start_byte:node.end_byte].decode("utf-8", "replace"))
            if match:
                row = node.start_point[0]
                codes = match["codes"]
                found[row] = None if codes is None else frozenset(re.findall(r"PS\d{3}", codes.upper()))
                line_start = data.rfind(b"\n", 0, node.start_byte) + 1
                if not data[line_start:node.start_byte].strip():
                    standalone.add(row)
    return found, standalone


def unclaimed(root, data: bytes, pattern: re.Pattern, claimed: list[tuple[int, int]]):
    """``(node, byte, text)`` for each match of ``pattern`` (a v1 mention) in the source that no
    comment and no byte range of ``claimed`` (what a finding or an edit is about) holds."""
    text = data.decode("utf-8", errors="replace")
    covered = claimed + [(n.start_byte, n.end_byte) for n in nodes(root) if n.type == "comment"]
    for match in pattern.finditer(text):
        start = len(text[:match.start()].encode())
        if not any(lo <= start < hi for lo, hi in covered):
            yield root.descendant_for_byte_range(start, start), start, match[0]

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


class _Held:
    """A parsed file's root and its nodes of the types the passes read, each with its place in
    document order."""

    def __init__(self, root, language, likely: frozenset[str]):
        self.root, self.language, self.likely = root, language, likely
        self.covered: frozenset[str] = frozenset()
        self.by_type: dict[str, list[tuple[int, object]]] = {}
        self.found: dict[tuple[str, ...], list] = {}

    def nodes(self, types: tuple[str, ...]) -> list:
        if types in self.found:
            return self.found[types]
        if not self.covered.issuperset(types):
            # one query for every type a pass may read: each query walks the whole tree in C
            self.covered |= self.likely | set(types)
            self.by_type = _query(self.language, tuple(sorted(self.covered)), self.root)
        lists = [self.by_type.get(t, []) for t in types]
        placed = lists[0] if len(lists) == 1 else sorted((p for found in lists for p in found), key=_first)
        self.found[types] = [node for _, node in placed]
        return self.found[types]


def _first(pair):
    return pair[0]


_HELD: list[_Held] = []  # the last few files parsed, newest first


def remember(tree, likely: frozenset[str] = frozenset()):
    """``tree``'s root, remembered with its language so that :func:`nodes` can ask tree-sitter
    for only the nodes of the types the kind's passes read (``likely``: found in one query with
    the first types asked for; another type costs another query). The kinds' ``parse`` call
    this; returns the root."""
    root = tree.root_node
    _HELD[:] = [_Held(root, tree.language, likely), *_HELD[:2]]
    return root


def forget(root) -> None:
    """Let ``root``'s tree and the nodes found in it go (a large file's tree is tens of MB)."""
    _HELD[:] = [h for h in _HELD if h.root != root]


def nodes(root, *types: str) -> list:
    """The named nodes below ``root`` (itself included) of the given ``types`` (every node when
    none is given), in document order. For a root :func:`remember` holds, a tree-sitter query finds
    them in C, once for all of a planner's passes: a 1.4 MB script has 640,000 nodes, and a
    Python object for each, walked by each of a dozen passes, was most of its run and memory."""
    if not types:
        return list(walk(root))
    held = next((h for h in _HELD if h.root == root), None)
    if held is None:  # what the query would find: named nodes only
        return [n for n in walk(root) if n.type in types and n.is_named]
    return held.nodes(tuple(sorted(set(types))))


_QUERIES: dict = {}


def _query(language, types: tuple[str, ...], root) -> dict[str, list[tuple[int, object]]]:
    """Each of ``types`` (named node types) → its nodes below ``root``, each with its index in
    document order."""
    import tree_sitter

    known = [t for t in types if language.id_for_node_kind(t, True) is not None]
    if not known:
        return {}
    query = _QUERIES.get((language, tuple(known)))
    if query is None:
        query = _QUERIES[language, tuple(known)] = \
            tree_sitter.Query(language, " ".join(f"({t}) @node" for t in known))
    by_type: dict[str, list[tuple[int, object]]] = {t: [] for t in known}
    # single-node patterns complete as the cursor enters each node: matches come in document order
    for index, (pattern, captures) in enumerate(tree_sitter.QueryCursor(query).matches(root)):
        by_type[known[pattern]].append((index, captures["node"][0]))
    return by_type


def noqa_comments(root, data: bytes, pattern: re.Pattern) -> tuple[dict[int, frozenset[str] | None], set[int]]:
    """The ``noqa`` comments below ``root`` (``pattern`` has a ``codes`` group): each comment's row
    → the codes it names (None: every code), and the rows where one stands on a line of its own
    (it then silences the statement below it)."""
    found: dict[int, frozenset[str] | None] = {}
    standalone: set[int] = set()
    for node in nodes(root, "comment"):
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
    covered = claimed + [(n.start_byte, n.end_byte) for n in nodes(root, "comment")]
    for match in pattern.finditer(text):
        start = len(text[:match.start()].encode())
        if not any(lo <= start < hi for lo, hi in covered):
            yield root.descendant_for_byte_range(start, start), start, match[0]

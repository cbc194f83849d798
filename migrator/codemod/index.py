"""One walk of a parsed file that every later step reads instead of walking it again.

A libcst visitor pass costs about as much as parsing the file (its dispatch runs in Python for
every node), and the codemod's steps each used to make their own: parents, scopes, which nodes
mention v1. This walk records each node once, in source order, with its parent and where its
subtree ends, so that "the nodes of type T", "the nodes below N" and "the ancestors of N" are
list slices and dictionary look-ups.
"""

from __future__ import annotations

from dataclasses import fields

import libcst as cst


_UNSEEN = object()

# The walk reads each node's fields itself, in the order libcst's visitors visit them (the
# order of the code), instead of running a libcst visitor: a visitor rebuilds every node it
# passes (``_visit_and_replace_children`` constructs and validates a copy), which made a walk
# cost about as much as parsing. The order is learnt once per node type from libcst itself.
_ORDER: dict[type, tuple[str, ...]] = {}


class _FieldOrder(cst.CSTVisitor):
    """Records the fields in the order libcst visits them, without descending."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.fields.append(attribute)


def _learn(node: cst.CSTNode) -> tuple[str, ...]:
    recorder = _FieldOrder()
    node._visit_and_replace_children(recorder)
    visited = list(dict.fromkeys(recorder.fields))
    # a field libcst visits only when it is set (an f-string's format_spec) comes last there
    order = (*visited, *(f.name for f in fields(node) if f.name not in visited))
    _ORDER[type(node)] = order
    return order


class Index:
    """``nodes``: every node in source order (pre-order, the module first); ``parents``: node →
    parent, in the same order (every node but the module); ``of_type(T)``: the nodes of exactly
    type ``T`` in source order; ``below(node)``: the node and its descendants, in source order."""

    def __init__(self, module: cst.Module):
        nodes: list[cst.CSTNode] = []
        parents: dict = {}
        start: dict[int, int] = {}
        end: dict[int, int] = {}
        node_type = cst.CSTNode

        def walk(node: cst.CSTNode) -> None:
            start[id(node)] = len(nodes)
            nodes.append(node)
            for name in _ORDER.get(type(node)) or _learn(node):
                value = getattr(node, name)
                if isinstance(value, node_type):
                    parents[value] = node
                    walk(value)
                elif type(value) is tuple or type(value) is list:
                    for child in value:
                        if isinstance(child, node_type):
                            parents[child] = node
                            walk(child)
            end[id(node)] = len(nodes)

        walk(module)
        self.nodes, self.parents, self._start, self._end = nodes, parents, start, end
        self._types: dict[type, list[cst.CSTNode]] | None = None

    def of_type(self, kind: type) -> list[cst.CSTNode]:
        if self._types is None:
            types: dict[type, list[cst.CSTNode]] = {}
            for node in self.nodes:
                types.setdefault(type(node), []).append(node)
            self._types = types
        return self._types.get(kind, [])

    def span(self, node: cst.CSTNode) -> tuple[int, int]:
        """Where the node and its descendants sit in ``nodes``: ``nodes[first:stop]``."""
        return self._start[id(node)], self._end[id(node)]

    def below(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """The node and its descendants, in source order (walked now for a node of another tree)."""
        first = self._start.get(id(node))
        if first is None or self.nodes[first] is not node:
            return walked(node)
        return self.nodes[first:self._end[id(node)]]

    def visit(self, visitor: cst.CSTVisitor, root: cst.CSTNode | None = None) -> None:
        """``root.visit(visitor)`` (the module by default) for a visitor with ``visit_*`` methods
        only, read from this walk: each method is called in source order, and one returning False
        skips the node's subtree, as libcst does. ``leave_*`` methods are not called."""
        dispatch: dict[type, object] = {}
        nodes = self.nodes
        position, stop = self.span(root) if root is not None else (0, len(nodes))
        while position < stop:
            node = nodes[position]
            kind = type(node)
            method = dispatch.get(kind, _UNSEEN)
            if method is _UNSEEN:
                method = dispatch[kind] = getattr(visitor, f"visit_{kind.__name__}", None)
            if method is not None and method(node) is False:
                position = self._end[id(node)]
                continue
            position += 1

    def ancestors(self, node: cst.CSTNode):
        """The node's parent, its parent's, and so on up to the module."""
        parent = self.parents.get(node)
        while parent is not None:
            yield parent
            parent = self.parents.get(parent)


def walked(node: cst.CSTNode) -> list[cst.CSTNode]:
    """``node`` and its descendants in source order, for a node no index holds."""
    found: list[cst.CSTNode] = []

    class Walk(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            found.append(node)
            return True

    node.visit(Walk())
    return found

"""One walk of a parsed file that every later step reads instead of walking it again.

A libcst visitor pass costs about as much as parsing the file (its dispatch runs in Python for
every node), and the codemod's steps each used to make their own: parents, scopes, which nodes
mention v1. This walk records each node once, in source order, with its parent and where its
subtree ends, so that "the nodes of type T", "the nodes below N" and "the ancestors of N" are
list slices and dictionary look-ups.
"""

from __future__ import annotations

import libcst as cst


_UNSEEN = object()


class Index:
    """``nodes``: every node in source order (pre-order, the module first); ``parents``: node →
    parent, in the same order (every node but the module); ``of_type(T)``: the nodes of exactly
    type ``T`` in source order; ``below(node)``: the node and its descendants, in source order."""

    def __init__(self, module: cst.Module):
        nodes: list[cst.CSTNode] = []
        parents: dict = {}
        start: dict[int, int] = {}
        end: dict[int, int] = {}
        stack: list[cst.CSTNode] = []

        class Walk(cst.CSTVisitor):
            def on_visit(self, node: cst.CSTNode) -> bool:
                if stack:
                    parents[node] = stack[-1]
                start[id(node)] = len(nodes)
                nodes.append(node)
                stack.append(node)
                return True

            def on_leave(self, original_node: cst.CSTNode) -> None:
                stack.pop()
                end[id(original_node)] = len(nodes)

        module.visit(Walk())
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

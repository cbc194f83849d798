"""Walking tree-sitter trees, for the source kinds parsed with it (shell, JavaScript/TypeScript)."""

from __future__ import annotations


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

"""Apply a plan: swap the planned nodes, add TODO comments, add ``import json``."""

from __future__ import annotations

from dataclasses import fields

import libcst as cst

from migrator.codemod.todos import MARK
from migrator.codemod.urls import Edit

def edited(node: cst.CSTNode, edits: list[Edit]) -> cst.CSTNode:
    value = node.value
    for edit in {(e.old, e.new): e for e in edits}.values():
        value = value.replace(edit.old, edit.new)
    return node.with_changes(value=value)


def apply(module: cst.Module, plan, parents: dict) -> cst.Module:
    """The module with the plan's replacements and TODO comments. Only the nodes above a changed
    one are rebuilt (``parents``: node → parent, as ``SourceModule.parents``), not the whole tree
    as a libcst transformer does. A replacement is built from the original's children, so a
    planned change below the original (the endpoint name in ``self._post("cutout", body)["_links"]``)
    is made inside the replacement."""
    touched = set(plan.replacements) | {node for node, todos in plan.todos.items() if todos}
    above: set = set()  # nodes with a touched node below them
    for node in touched:
        parent = parents.get(node)
        while parent is not None and parent not in above:
            above.add(parent)
            parent = parents.get(parent)

    def changed(value):
        return isinstance(value, cst.CSTNode) and (value in above or value in touched)

    def rebuild(node: cst.CSTNode, replaced: frozenset = frozenset()) -> cst.CSTNode:
        if node in plan.replacements and node not in replaced:
            replacement = plan.replacements[node]
            return inside(replacement, replaced | {node}) if node in above else replacement
        updated = node
        if node in above:
            updated = _with_children(node, lambda v: rebuild(v, replaced) if changed(v) else v)
        return with_todos(node, updated, plan.todos.get(node))

    def inside(node: cst.CSTNode, replaced: frozenset) -> cst.CSTNode:
        """A replacement's nodes, with the planned changes below the original nodes it holds."""
        if node in parents or node is module:  # an original node
            return rebuild(node, replaced) if changed(node) else node
        return _with_children(node, lambda v: inside(v, replaced) if isinstance(v, cst.CSTNode) else v)

    return rebuild(module)


def _with_children(node: cst.CSTNode, change) -> cst.CSTNode:
    """``node`` with ``change`` applied to each child (a new node only where one changed)."""
    changes = {}
    for item in fields(node):
        value = getattr(node, item.name)
        if isinstance(value, cst.CSTNode):
            new = change(value)
            if new is not value:
                changes[item.name] = new
        elif isinstance(value, (list, tuple)) and any(isinstance(v, cst.CSTNode) for v in value):
            new_items = [change(v) for v in value]
            if any(n is not v for n, v in zip(new_items, value)):
                changes[item.name] = type(value)(new_items)
    return node.with_changes(**changes) if changes else node


def with_todos(original: cst.CSTNode, updated: cst.CSTNode, todos: list[str] | None) -> cst.CSTNode:
    """A statement gets its TODO block once: after the first run the findings on it may change (a
    rewritten URL turns "body not converted" into "v1 body sent to v2")."""
    if not todos or not hasattr(updated, "leading_lines"):
        return updated
    written = any(line.comment is not None and line.comment.value.startswith(MARK)
                  for line in updated.leading_lines)
    new = [cst.EmptyLine(comment=cst.Comment(f"{MARK} {t}")) for t in dict.fromkeys(todos)]
    if new and not written:
        return updated.with_changes(leading_lines=[*updated.leading_lines, *new])
    return updated


def add_json_import(module: cst.Module, alias: str = "json") -> cst.Module:
    """``import json`` (``import json as <alias>`` where ``json`` means something else) at the top."""
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import) and any(
                        a.evaluated_name == "json" and (a.evaluated_alias or "json") == alias for a in small.names):
                    return module
    body = list(module.body)
    position = 0
    for index, statement in enumerate(body):
        if not isinstance(statement, cst.SimpleStatementLine):
            break
        small = statement.body[0]
        if isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)) \
                and index == 0:
            position = 1
        elif isinstance(small, cst.ImportFrom) and small.module is not None \
                and cst.helpers.get_full_name_for_node(small.module) == "__future__":
            position = index + 1
        elif isinstance(small, (cst.Import, cst.ImportFrom)):
            position = index
            break
        else:
            break
    line = cst.parse_statement("import json\n" if alias == "json" else f"import json as {alias}\n",
                               config=module.config_for_parsing)
    if position < len(body):
        following = body[position]
        leading = list(following.leading_lines)
        if isinstance(following, cst.SimpleStatementLine) and isinstance(following.body[0],
                                                                         (cst.Import, cst.ImportFrom)):
            # joins the import block: it takes the lines above the block's first import
            line = line.with_changes(leading_lines=leading)
            body[position] = following.with_changes(leading_lines=[])
        else:
            # before code: it takes the blank lines, the comments above that code stay with it
            blank = next((i for i, empty in enumerate(leading) if empty.comment is not None), len(leading))
            line = line.with_changes(leading_lines=leading[:blank])
            body[position] = following.with_changes(leading_lines=[cst.EmptyLine(), *leading[blank:]])
    body.insert(position, line)
    return module.with_changes(body=body)

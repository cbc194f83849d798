"""Apply a plan: swap the planned nodes, add TODO comments, add ``import json``.

``splice`` makes the rewritten file's text from the original's: each changed stretch (a replaced
node, a TODO block, the ``import json`` line) is generated where it stands and put in place of
the original's, which the positions pass already holds (``positions.Positions.span``), so the
file is not generated again. ``apply`` rebuilds the module's tree (only the nodes above a change)
for the cases ``splice`` leaves to it; the test suite runs both on every rewrite and compares
(``VERIFY``).
"""

from __future__ import annotations

import inspect
import re
from dataclasses import fields
from functools import cache, cached_property

import libcst as cst
from libcst._nodes.internal import CodegenState

from migrator.codemod.todos import MARK
from migrator.codemod.urls import Edit

VERIFY = False  # tests: every splice is checked against apply + code generation

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
    return _rebuilder(module, plan, parents)(module)


def _rebuilder(module: cst.Module, plan, parents: dict):
    """``rebuild(node)``: the node with the plan's changes below it (see ``apply``)."""
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
            if isinstance(replacement, Rendered):
                replacement = replacement.node
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

    return rebuild


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
    position = _json_import_position(body)
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


class Rendered:
    """A replacement written as text (a converted body, as ``payload.Renderer`` lays it out),
    parsed into a node only where a tree needs it. ``plain``: every newline in it is layout
    between tokens (none inside a string or after a backslash), so its code in place is the
    text with each newline made the file's and each line after one indented by the block,
    blank lines left blank where ``blank_lines_stay_blank`` (what libcst does to the parsed text)."""

    def __init__(self, text: str, plain: bool, blank_lines_stay_blank: bool, finish=None) -> None:
        self.text = text
        self.plain = plain
        self.blank_lines_stay_blank = blank_lines_stay_blank
        self._finish = finish  # what the parsed expression goes through (the blank-line transformer)

    @cached_property
    def node(self) -> cst.BaseExpression:
        expression = cst.parse_expression(self.text)
        return self._finish(expression) if self._finish is not None else expression

    def in_place(self, indent: str, newline: str) -> str | None:
        """The code the parsed text generates in a block indented by ``indent``, or None where
        that takes the parse (``plain`` is false)."""
        if not self.plain:
            return None
        lines = _NEWLINE.split(self.text)
        out = [lines[0]]
        for line in lines[1:]:
            blank = self.blank_lines_stay_blank and not line.strip(" \t\f")
            out.append(newline + line if blank else newline + indent + line)
        return "".join(out)


_NEWLINE = re.compile(r"\r\n?|\n")


def splice(source, plan) -> str | None:
    """The code of the module with the plan applied (``apply`` + ``add_json_import``), made by
    replacing the changed stretches of the original text; None where it cannot say (a change
    whose code depends on its parent, two ``import json`` names, an ``import json`` that would go
    where a TODO block goes too): ``apply`` does those."""
    positions = source.positions
    text, parents, module = positions.text, source.parents, source.module
    edits: list[tuple[int, int, str]] = []
    rebuild = None
    for node in _roots(plan.replacements, parents):
        if not _stands_alone(type(node)):
            return None
        start, end = positions.span(node)
        if end > len(text):
            return None
        indent = _indent_at(node, parents, module)
        replacement = plan.replacements[node]
        code = replacement.in_place("".join(indent), module.default_newline) \
            if isinstance(replacement, Rendered) else None
        if code is None:
            rebuild = rebuild or _rebuilder(module, plan, parents)
            code = _code_in_place(rebuild(node), indent, module)
        edits.append((start, end, code))
    todo_offsets = set()
    for statement, todos in plan.todos.items():
        if not todos or not hasattr(statement, "leading_lines") or _has_todo_block(statement):
            continue
        at = _after_leading_lines(statement, positions)
        indent = "".join(_indent_at(statement, parents, module))
        edits.append((at, at, "".join(f"{indent}{MARK} {t}{module.default_newline}" for t in dict.fromkeys(todos))))
        todo_offsets.add(statement)
    if len(plan.json_names) > 1:
        return None
    for name in plan.json_names:
        found = _json_import_edit(module, name, positions, todo_offsets)
        if found is False:
            return None
        if found is not None:
            edits.append(found)
    edits.sort(key=lambda e: (e[0], e[1]))
    out, done = [], 0
    for start, end, code in edits:
        if start < done:
            return None
        out += [text[done:start], code]
        done = end
    out.append(text[done:])
    return "".join(out)


def _roots(replacements: dict, parents: dict) -> list[cst.CSTNode]:
    """The replaced nodes no other replaced node holds."""
    return [node for node in replacements if not any(a in replacements for a in _ancestors(node, parents))]


def _ancestors(node, parents: dict):
    parent = parents.get(node)
    while parent is not None:
        yield parent
        parent = parents.get(parent)


@cache
def _stands_alone(kind: type) -> bool:
    """Whether a node's code depends on nothing its parent tells it: its ``_codegen_impl``
    takes no arguments (an argument's default comma, a statement's default semicolon, an
    ``elif`` do)."""
    return list(inspect.signature(kind._codegen_impl).parameters) == ["self", "state"]


def _indent_at(node, parents: dict, module: cst.Module) -> list[str]:
    """The indentation libcst's code generation holds where ``node`` is generated: one level per
    indented block (or ``match`` cases) around it."""
    levels = []
    child = node
    for parent in _ancestors(node, parents):
        kind = type(parent)
        if kind is cst.IndentedBlock and child is not parent.header \
                or kind is cst.Match and any(child is c for c in (*parent.cases, *parent.footer)):
            levels.append(module.default_indent if parent.indent is None else parent.indent)
        child = parent
    return levels[::-1]


def _code_in_place(node: cst.CSTNode, indent: list[str], module: cst.Module) -> str:
    state = CodegenState(default_indent=module.default_indent, default_newline=module.default_newline)
    state.indent_tokens = list(indent)
    node._codegen(state)
    return "".join(state.tokens)


def _has_todo_block(statement) -> bool:
    return any(line.comment is not None and line.comment.value.startswith(MARK) for line in statement.leading_lines)


def _after_leading_lines(statement, positions) -> int:
    lines = statement.leading_lines
    return positions.span(lines[-1])[1] if lines else positions.span(statement)[0]


def _json_import_edit(module: cst.Module, alias: str, positions, todos: set):
    """``add_json_import`` as an insertion into the original text: None where it adds nothing,
    False where ``splice`` cannot make it."""
    body = list(module.body)
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import) and any(
                        a.evaluated_name == "json" and (a.evaluated_alias or "json") == alias for a in small.names):
                    return None
    position = _json_import_position(body)
    if position >= len(body) or body[position] in todos:
        return False
    line = cst.parse_statement("import json\n" if alias == "json" else f"import json as {alias}\n",
                               config=module.config_for_parsing)
    following = body[position]
    leading = list(following.leading_lines)
    code = module.code_for_node(line)
    end_of_leading = _after_leading_lines(following, positions)
    if isinstance(following, cst.SimpleStatementLine) and isinstance(following.body[0], (cst.Import, cst.ImportFrom)):
        return end_of_leading, end_of_leading, code  # it takes the lines above the block's first import
    blank = next((i for i, empty in enumerate(leading) if empty.comment is not None), len(leading))
    at = positions.span(leading[blank])[0] if blank < len(leading) else end_of_leading
    return at, at, code + module.code_for_node(cst.EmptyLine())  # the blank lines above, a blank line after


def _json_import_position(body: list) -> int:
    """Where ``add_json_import`` puts the line: after a docstring and ``__future__`` imports, at
    the first import, else before the first statement that is neither."""
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
    return position

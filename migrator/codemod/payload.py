"""A libcst dict literal ⇄ the engine's payload tree.

Literal keys and values become plain data; anything else (names, calls, f-strings, comprehension
results) becomes ``Opaque(node)`` and comes back as the very same node. Containers the rules left
exactly as they were come back as their original source text, comments and layout included; the
rest is laid out fresh, one entry a line when it does not fit on one, in the file's quote style.
``JsonText`` renders as ``json.dumps(<expr>)``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from migrator.codemod.index import Index, walked
from migrator.tree import JsonText, Opaque, join_pointer, opaque_pointers

WIDTH = 100


class NotLiteral(Exception):
    """The dict cannot be carried as data: ``**spread``, computed keys, starred items."""

    def __init__(self, node: cst.CSTNode, reason: str):
        super().__init__(reason)
        self.node = node
        self.reason = reason


@dataclass
class Literal:
    tree: Any
    root: cst.BaseExpression
    containers: dict[int, tuple[Any, cst.CSTNode]] = field(default_factory=dict)
    snapshots: dict[int, Any] = field(default_factory=dict)
    strings: dict[tuple[int, str | int], cst.BaseExpression] = field(default_factory=dict)
    nodes: dict[str, cst.CSTNode] = field(default_factory=dict)  # v1 pointer → node, to place messages
    # (id(dict), key) → the full-line comments written just above that entry
    comments: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    # (id(dict), key) → the comment at the end of that entry's line
    trailing: dict[tuple[int, str], str] = field(default_factory=dict)

    def node_at(self, pointer: str) -> cst.CSTNode:
        while pointer not in self.nodes and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        return self.nodes.get(pointer, self.root)

    def opaque_pointers(self) -> list[str]:
        return opaque_pointers(self.tree)


def to_tree(node: cst.BaseExpression, comments_above=None) -> Literal:
    """``comments_above(element, previous)`` gives the comment lines between two entries, so
    they can follow their entry into the new layout."""
    literal = Literal(None, node)
    literal.tree = _value(node, "", literal, comments_above)
    return literal


def _string(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower():
        return node.evaluated_value
    if isinstance(node, cst.ConcatenatedString) and not any(
            isinstance(n, cst.FormattedString) for n in (node.left, node.right)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _value(node: cst.BaseExpression, pointer: str, literal: Literal, comments_above=None) -> Any:
    literal.nodes.setdefault(pointer, node)
    if isinstance(node, cst.Dict):
        result: dict = {}
        previous: cst.CSTNode = node
        for element in node.elements:
            if isinstance(element, cst.StarredDictElement):
                raise NotLiteral(element, "`**` spreads keys into the body that are only known at run time")
            key = _string(element.key)
            if key is None:
                raise NotLiteral(element.key, "a key computed at run time")
            if key in result:
                raise NotLiteral(element.key, f"the key {key!r} appears twice")
            child = join_pointer(pointer, key)
            literal.nodes[child] = element
            result[key] = _value(element.value, child, literal, comments_above)
            if isinstance(result[key], str):
                literal.strings[id(result), key] = element.value
            above = comments_above(element, previous) if comments_above else []
            if above:
                literal.comments[id(result), key] = above
            after = _trailing_comment(element, node)
            if after:
                literal.trailing[id(result), key] = after
            previous = element
        return _remember(result, node, literal)
    if isinstance(node, cst.List):
        items: list = []
        for index, element in enumerate(node.elements):
            if isinstance(element, cst.StarredElement):
                raise NotLiteral(element, "`*` unpacks items into the body that are only known at run time")
            items.append(_value(element.value, join_pointer(pointer, index), literal, comments_above))
            if isinstance(items[-1], str):
                literal.strings[id(items), index] = element.value
        return _remember(items, node, literal)
    text = _string(node)
    if text is not None:
        return text
    if isinstance(node, (cst.Integer, cst.Float)):
        return ast.literal_eval(node.value)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) \
            and isinstance(node.expression, (cst.Integer, cst.Float)):
        return -ast.literal_eval(node.expression.value)
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.value]
    return Opaque(node, _label(node))


def _trailing_comment(element: cst.DictElement, owner: cst.Dict) -> str | None:
    """``# ...`` after the entry on its own line: held by the comma's whitespace, or by the
    closing brace's for the last entry without a comma."""
    places = [element.comma.whitespace_after] if isinstance(element.comma, cst.Comma) else []
    if element is owner.elements[-1]:
        places.append(owner.rbrace.whitespace_before)
    for whitespace in places:
        if isinstance(whitespace, cst.ParenthesizedWhitespace) and whitespace.first_line.comment is not None:
            return whitespace.first_line.comment.value
    return None


def _label(node: cst.CSTNode) -> str:
    text = cst.Module([]).code_for_node(node)
    return text if len(text) <= 40 else text[:37] + "..."


def _remember(container: Any, node: cst.CSTNode, literal: Literal) -> Any:
    literal.containers[id(container)] = (container, node)
    literal.snapshots[id(container)] = _snapshot(container)
    return container


def _snapshot(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _snapshot(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_snapshot(v) for v in value]
    return value


def same(a: Any, b: Any) -> bool:
    """Structural equality of two payload trees made from the same source (an opaque leaf is
    the same when it holds the same node)."""
    if isinstance(a, Opaque) or isinstance(b, Opaque):
        return isinstance(a, Opaque) and isinstance(b, Opaque) and a.node is b.node
    if isinstance(a, JsonText) or isinstance(b, JsonText):
        return isinstance(a, JsonText) and isinstance(b, JsonText) and same(a.value, b.value)
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def py_string(text: str, quote: str = '"') -> str:
    if quote in text and ('"' if quote == "'" else "'") not in text:
        quote = '"' if quote == "'" else "'"
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == quote:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return quote + "".join(out) + quote


class Renderer:
    """Lay a converted payload tree out as Python source."""

    def __init__(self, literal: Literal, code_for_node, indent_unit: str, quote: str = '"', indent_of=None,
                 json_name: str = "json", spans_lines=None):
        self.literal = literal
        # node → whether its original code holds a newline (a file's positions know it without
        # generating the code again)
        self.spans_lines = spans_lines or (lambda node: "\n" in code_for_node(node))
        self.json_name = json_name  # what the json module is called where the body is written
        self._code_for_node = code_for_node
        self.indent_of = indent_of  # node → the indentation its original first line had
        self.unit = indent_unit
        self.quote = quote
        self.needs_json = False
        self.kept: list[cst.CSTNode] = []  # original nodes carried over verbatim
        self.carried: list[str] = []  # comment lines moved along with their entry

    def code_for_node(self, node: cst.CSTNode, indent: str | None = None) -> str:
        """A node's original text; a multi-line one is shifted to ``indent`` unless it holds a
        string whose own lines would change."""
        code = self._code_for_node(node)
        if indent is None or "\n" not in code or self.indent_of is None or '"""' in code or "\'\'\'" in code:
            return code
        old = self.indent_of(node)
        lines = code.split("\n")
        moved = [lines[0]] + [indent + line[len(old):] if line.startswith(old) else line for line in lines[1:]]
        return "\n".join(moved)

    def render(self, value: Any, indent: str, parent: Any = None, key: str | int | None = None) -> str:
        if isinstance(value, Opaque):
            self.kept.append(value.node)
            return self.code_for_node(value.node, indent)
        if isinstance(value, JsonText):
            self.needs_json = True
            return f"{self.json_name}.dumps({self.render(value.value, indent)})"
        if isinstance(value, (dict, list)):
            return self._container(value, indent)
        if isinstance(value, str):
            original = self.literal.strings.get((id(parent), key)) if parent is not None else None
            if original is not None and _string(original) == value:
                self.kept.append(original)
                return self.code_for_node(original)
            return py_string(value, self.quote)
        if isinstance(value, bool) or value is None:
            return repr(value)
        if isinstance(value, (int, float)):
            return repr(value)
        raise TypeError(f"cannot render {type(value).__name__} as Python")

    def _container(self, value: dict | list, indent: str) -> str:
        entry = self.literal.containers.get(id(value))
        if entry is not None and entry[0] is value and same(value, self.literal.snapshots[id(value)]):
            self.kept.append(entry[1])
            return self.code_for_node(entry[1], indent)
        inner = indent + self.unit
        above: list[list[str]] = []
        after: list[str | None] = []
        if isinstance(value, dict):
            items = [f"{py_string(k, self.quote)}: {self.render(v, inner, value, k)}" for k, v in value.items()]
            above = [self.literal.comments.get((id(value), k), []) for k in value]
            after = [self.literal.trailing.get((id(value), k)) for k in value]
            opening, closing = "{", "}"
        else:
            items = [self.render(v, inner, value, i) for i, v in enumerate(value)]
            opening, closing = "[", "]"
        flat = opening + ", ".join(items) + closing
        was_multiline = entry is not None and self.spans_lines(entry[1])
        if not items or ("\n" not in flat and len(indent) + len(flat) <= WIDTH and not was_multiline
                         and not any(above) and not any(after)):
            return flat
        lines = []
        for index, item in enumerate(items):
            for comment in above[index] if above else []:
                if not comment:  # a blank line the entry had above it
                    lines.append("\n")
                    continue
                self.carried.append(comment)
                lines.append(f"{inner}{comment}\n")
            comment = after[index] if after else None
            if comment:
                self.carried.append(comment)
            lines.append(f"{inner}{item},{'  ' + comment if comment else ''}\n")
        return f"{opening}\n{''.join(lines)}{indent}{closing}"


def comments_in(node: cst.CSTNode, index: Index | None = None) -> list[cst.Comment]:
    """The comments in ``node`` (read from its file's ``index`` when given: no walk of its own)."""
    return [n for n in (index.below(node) if index is not None else walked(node)) if type(n) is cst.Comment]


def quote_style(node: cst.CSTNode, index: Index | None = None) -> str:
    counts = {'"': 0, "'": 0}
    for string in (index.below(node) if index is not None else walked(node)):
        if type(string) is cst.SimpleString:
            counts[string.quote[0]] += 1
    return "'" if counts["'"] > counts['"'] else '"'

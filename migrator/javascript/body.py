"""An object literal as a payload tree, and a payload tree back as JavaScript in the literal's
style. Everything computed at run time (a name, a call, a template with ``${}``) is an
:class:`~migrator.tree.Opaque` leaf holding its source text, carried by the engine and written
back verbatim; a value that must become JSON text but holds such leaves (``JsonText``) is
written as ``JSON.stringify(...)``."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from migrator.javascript.parse import text_of
from migrator.source import MAX_DEPTH, MAX_DIGITS
from migrator.javascript.strings import js_string, literal
from migrator.tree import JsonText, Opaque

IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*\Z")


class BodyError(ValueError):
    def __init__(self, message: str, node):
        super().__init__(message)
        self.node = node


def to_tree(node, data: bytes, depth: int = 0) -> Any:
    kind = node.type
    if depth > MAX_DEPTH:  # as a JSON file nested so deep is refused (PS015); every later step recurses
        raise BodyError(f"an object nested more than {MAX_DEPTH} levels deep, deeper than any request body", node)
    if kind == "parenthesized_expression" and node.named_children:
        return to_tree(node.named_children[0], data, depth + 1)
    if kind == "object":
        out: dict[str, Any] = {}
        for child in node.named_children:
            if child.type == "comment":
                continue
            if child.type == "pair":
                key_node = child.child_by_field_name("key")
                key = _key(key_node, data)
                if key is None:
                    raise BodyError(f"a computed key `{text_of(key_node, data)}`", child)
                out[key] = to_tree(child.child_by_field_name("value"), data, depth + 1)
            elif child.type == "shorthand_property_identifier":
                out[text_of(child, data)] = Opaque(text_of(child, data), text_of(child, data))
            else:  # spread, method, getter
                raise BodyError(f"`{' '.join(text_of(child, data).split())[:60]}` (psmigrate reads only plain "
                                "`key: value` pairs)", child)
        return out
    if kind == "array":
        items = []
        for child in node.named_children:
            if child.type == "comment":
                continue
            if child.type == "spread_element":
                raise BodyError(f"a spread `{text_of(child, data)[:60]}`", child)
            items.append(to_tree(child, data, depth + 1))
        return items
    if kind in ("string", "template_string"):
        text = literal(node, data)
        if text is not None:
            return text
    numeral = node if kind == "number" else node.named_children[0] if kind == "unary_expression" \
        and node.named_children and node.named_children[0].type == "number" else None
    if numeral is not None and numeral.end_byte - numeral.start_byte > MAX_DIGITS:  # int() would refuse it
        raise BodyError(f"a number with more than {MAX_DIGITS:,} digits; no request body needs one", node)
    if kind == "number":
        number = _number(text_of(node, data))
        if number is not None:
            return number
    if kind == "unary_expression" and text_of(node, data).startswith("-") and node.named_children \
            and node.named_children[0].type == "number":
        number = _number(text_of(node.named_children[0], data))
        if number is not None:
            return -number
    if kind in ("true", "false"):
        return kind == "true"
    if kind == "null":
        return None
    source = text_of(node, data)
    return Opaque(source, " ".join(source.split()))


def _key(node, data: bytes) -> str | None:
    if node.type in ("property_identifier", "identifier"):
        return text_of(node, data)
    if node.type == "string":
        return literal(node, data)
    if node.type == "number":
        number = _number(text_of(node, data))
        return None if number is None else str(number)
    return None


def _number(text: str):
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
        value = float(text)
        return value if math.isfinite(value) else None
    return None


@dataclass
class Style:
    quote: str  # the strings' quote
    indent: str | None  # None: on one line
    base: str  # the indentation of the line the literal starts on
    padded: bool  # `{ a: 1 }` rather than `{a: 1}` on one line
    trailing: bool  # a trailing comma after the last item of a multi-line literal
    quoted_keys: bool  # every key quoted, as JSON is
    newline: str = "\n"


def style_of(node, data: bytes) -> Style:
    text = text_of(node, data)
    quote = "'" if text.count("'") > text.count('"') else '"'
    line_start = data.rfind(b"\n", 0, node.start_byte) + 1
    line = data[line_start:node.start_byte].decode("utf-8", "replace")
    base = line[:len(line) - len(line.lstrip())]
    indent = None
    if "\n" in text:
        later = [ln for ln in text.split("\n")[1:] if ln.strip() and not ln.strip().startswith(("}", "]"))]
        if later:
            first = later[0]
            found = first[:len(first) - len(first.lstrip())]
            indent = found[len(base):] if found.startswith(base) and len(found) > len(base) else "  "
        else:
            indent = "  "
    pairs = [c for c in node.named_children if c.type == "pair"]
    quoted = bool(pairs) and all(c.child_by_field_name("key").type == "string" for c in pairs)
    closing = text.rstrip()[:-1].rstrip()
    padded = len(re.findall(r"\{ ", text)) >= len(re.findall(r"\{[^\s}]", text))
    newline = "\r\n" if "\r\n" in text or (b"\r\n" in data and "\n" not in text) else "\n"
    text = text.replace("\r\n", "\n")
    closing = text.rstrip()[:-1].rstrip()
    return Style(quote, indent, base, padded, indent is not None and closing.endswith(","), quoted, newline)


def render(value: Any, style: Style, depth: int = 0) -> str:
    if isinstance(value, Opaque):
        return str(value.node)
    if isinstance(value, JsonText):
        return f"JSON.stringify({render(value.value, style, depth)})"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return js_string(value, style.quote)
    if isinstance(value, dict):
        items = [f"{_render_key(k, style)}: {render(v, style, depth + 1)}" for k, v in value.items()]
        return _container("{", "}", items, style, depth, style.padded)
    if isinstance(value, list):
        return _container("[", "]", [render(v, style, depth + 1) for v in value], style, depth, False)
    raise TypeError(f"cannot write {type(value).__name__} as JavaScript")


def _render_key(key: str, style: Style) -> str:
    return key if IDENTIFIER.match(key) and not style.quoted_keys else js_string(key, style.quote)


def _container(open_: str, close: str, items: list[str], style: Style, depth: int, padded: bool) -> str:
    if not items:
        return open_ + close
    pad = " " if padded else ""
    flat = f"{open_}{pad}{', '.join(items)}{pad}{close}"
    if style.indent is None or (depth > 0 and "\n" not in flat
                                and len(flat) + len(style.base) + len(style.indent) * depth < 72):
        return flat
    inner = style.base + style.indent * (depth + 1)
    outer = style.base + style.indent * depth
    trailing = "," if style.trailing else ""
    newline = style.newline
    return open_ + newline + f",{newline}".join(inner + i for i in items) + trailing + newline + outer + close

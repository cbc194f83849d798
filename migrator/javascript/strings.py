"""String and template literals as *pieces*: literal text with the byte range that holds it, or a
splice (``${expr}``) computed at run time. A piece is ``editable`` when its bytes are its text
(no escape sequence inside), so an edit can replace part of it in place."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from migrator.javascript.parse import text_of

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")


@dataclass(frozen=True)
class Piece:
    text: str | None  # None: a splice
    start: int
    end: int
    editable: bool = True
    node: object | None = None  # a splice's expression node
    origin: str | None = None  # the file holding it; None: the file being rewritten

    @property
    def splice(self) -> bool:
        return self.text is None


def decode(raw: str) -> str:
    def one(match: re.Match) -> str:
        escape = match[1]
        if escape.startswith("u{"):
            return chr(int(escape[2:-1], 16))
        if escape[0] in "ux" and len(escape) > 1:
            return chr(int(escape[1:], 16))
        if escape in ("\n", "\r\n", "\u2028", "\u2029"):
            return ""
        return _SIMPLE_ESCAPES.get(escape, escape)

    return _ESCAPE.sub(one, raw)


def is_string(node) -> bool:
    return node is not None and node.type in ("string", "template_string")


def pieces(node, data: bytes, origin: str | None = None) -> list[Piece] | None:
    """The pieces of a string or template literal; None for any other node."""
    if node is None or node.type not in ("string", "template_string"):
        return None
    start, end = node.start_byte + 1, node.end_byte - 1  # inside the quotes
    found: list[Piece] = []
    raw_start = start

    def flush(upto: int) -> None:
        nonlocal raw_start
        if upto > raw_start:
            chunk = data[raw_start:upto].decode("utf-8", errors="replace")
            text = decode(chunk)
            found.append(Piece(text, raw_start, upto, editable=text == chunk, origin=origin))
        raw_start = upto

    for child in node.children:
        if child.start_byte < start or child.end_byte > end:
            continue
        if child.type == "template_substitution":
            flush(child.start_byte)
            inner = next((c for c in child.named_children), None)
            found.append(Piece(None, child.start_byte, child.end_byte, False, inner, origin))
            raw_start = child.end_byte
    flush(end)
    # neighbouring literal pieces (a fragment, then an escape) join into one, not editable
    merged: list[Piece] = []
    for piece in found:
        if merged and not piece.splice and not merged[-1].splice:
            last = merged.pop()
            piece = Piece(last.text + piece.text, last.start, piece.end, last.editable and piece.editable,
                          origin=origin)
        merged.append(piece)
    return merged


def literal(node, data: bytes) -> str | None:
    """The text of a string or template literal without splices; None otherwise."""
    found = pieces(node, data)
    if found is None or any(p.splice for p in found):
        return None
    return "".join(p.text for p in found)


def quote_of(node, data: bytes) -> str:
    return text_of(node, data)[:1] if node is not None and node.type == "string" else '"'


def js_string(text: str, quote: str = '"') -> str:
    """``text`` as a JavaScript string literal in ``quote``."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    if quote == "'":
        body = body.replace('\\"', '"').replace("'", "\\'")
    return f"{quote}{body}{quote}"

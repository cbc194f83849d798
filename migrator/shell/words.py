"""A shell word as pieces: literal text (with where it is written and how it is quoted) and
splices (``$VAR``, ``${VAR}``, ``$(...)``: values known only at run time).

A piece is *editable* when its source bytes are exactly its literal text (no backslash escapes),
so a rewrite can replace text inside it byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPLICES = {"simple_expansion", "expansion", "command_substitution", "arithmetic_expansion",
           "process_substitution", "ansi_c_string", "translated_string"}
RAW, DOUBLE, BARE, HEREDOC = "'", '"', "", "heredoc"
_BARE_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_DOUBLE_ESCAPE = re.compile(r"\\([$`\"\\\n])")


@dataclass(frozen=True)
class Piece:
    text: str | None  # the literal value; None for a splice
    start: int  # byte range of the piece's source in the region
    end: int
    quote: str  # RAW, DOUBLE, BARE or HEREDOC: where the piece sits
    source: str  # its source text (a splice's, verbatim)
    editable: bool = False
    variable: str | None = None  # a splice that is a plain `$NAME` / `${NAME}`

    @property
    def splice(self) -> bool:
        return self.text is None


def text_of(node, data: bytes) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8", errors="replace")


def pieces(node, data: bytes) -> list[Piece]:
    """The pieces of one word node (word, string, raw_string, concatenation, expansion...)."""
    kind = node.type
    if kind == "concatenation":
        return [p for child in node.children for p in pieces(child, data)]
    if kind == "raw_string":
        inner = data[node.start_byte + 1:node.end_byte - 1].decode("utf-8", errors="replace")
        return [Piece(inner, node.start_byte + 1, node.end_byte - 1, RAW, inner, True)]
    if kind == "string":
        return _inside(node, data, node.start_byte + 1, node.end_byte - 1, DOUBLE)
    if kind in SPLICES:
        return [_splice(node, data, BARE)]
    source = text_of(node, data)
    literal = _BARE_ESCAPE.sub(r"\1", source)
    return [Piece(literal, node.start_byte, node.end_byte, BARE, source, literal == source)]


def heredoc_pieces(body, data: bytes, quoted: bool) -> list[Piece]:
    """A heredoc body: literal throughout when its delimiter is quoted, else with splices."""
    if quoted:
        source = text_of(body, data)
        return [Piece(source, body.start_byte, body.end_byte, HEREDOC, source, True)]
    return _inside(body, data, body.start_byte, body.end_byte, HEREDOC)


def _inside(node, data: bytes, start: int, end: int, quote: str) -> list[Piece]:
    """Literal gaps between the splices of a double-quoted string or heredoc body."""
    found: list[Piece] = []
    position = start
    for child in node.children:
        if child.type not in SPLICES:
            continue
        if child.start_byte > position:
            found.append(_literal(data, position, child.start_byte, quote))
        found.append(_splice(child, data, quote))
        position = child.end_byte
    if end > position:
        found.append(_literal(data, position, end, quote))
    return found


def _literal(data: bytes, start: int, end: int, quote: str) -> Piece:
    source = data[start:end].decode("utf-8", errors="replace")
    literal = _DOUBLE_ESCAPE.sub(lambda m: "" if m[1] == "\n" else m[1], source) if quote == DOUBLE else source
    return Piece(literal, start, end, quote, source, literal == source)


def _splice(node, data: bytes, quote: str) -> Piece:
    name = None
    if node.type == "simple_expansion" or node.type == "expansion" and len(node.children) == 3:
        names = [c for c in node.children if c.type == "variable_name"]
        if len(names) == 1:
            name = text_of(names[0], data)
    return Piece(None, node.start_byte, node.end_byte, quote, text_of(node, data), variable=name)


def literal(found: list[Piece]) -> str | None:
    """The word's value when it holds no splice."""
    if any(p.splice for p in found):
        return None
    return "".join(p.text for p in found)

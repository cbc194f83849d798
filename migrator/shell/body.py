"""A curl body as a payload tree, and back as shell text in the quoting it had.

Splices become :class:`~migrator.tree.Opaque` leaves: a splice inside a JSON string
(``"href": "'"$input_url"'"``) stands for that string, a splice where a JSON value goes
(``"quality": '$q'``) for that value. The engine carries them and never reads them; they are
written back verbatim, in the quotes they had.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from migrator.shell.words import BARE, DOUBLE, HEREDOC, RAW, Piece
from migrator.tree import JsonText, Opaque

_IN_STRING = ("\ue000", "\ue001")  # a splice inside a JSON string
_AS_VALUE = ("\ue002", "\ue003")  # a splice standing for a whole JSON value
BARE_MARK = _AS_VALUE[0]
_MARK = re.compile("\ue000(\\d+)\ue001|\"\ue002(\\d+)\ue003\"")


class BodyError(ValueError):
    """Not JSON psmigrate can read; ``at`` is the byte of the region where it goes wrong, if known."""

    def __init__(self, message: str, at: int | None = None):
        super().__init__(message)
        self.at = at


@dataclass
class Style:
    quote: str  # RAW, DOUBLE or HEREDOC: how the body is written back
    indent: str | None  # None: on one line
    base: str  # the indentation of the body's later lines (the closing brace's)
    separators: tuple[str, str]
    newline: str
    cmd: bool = False  # Windows cmd: `\"` inside "...", nothing else escaped
    final_newline: bool = False  # a heredoc ends with one


def read(found: list[Piece]) -> tuple[Any, list[Piece]]:
    """The body's tree; raises BodyError. Returns the splices in marker order too."""
    splices: list[Piece] = []
    chunks: list[str] = []
    spans: list[tuple[int, Piece]] = []  # where each piece's text starts in the joined text
    in_string = False
    for piece in found:
        spans.append((sum(map(len, chunks)), piece))
        if piece.splice:
            marks = _IN_STRING if in_string else _AS_VALUE
            text = f"{marks[0]}{len(splices)}{marks[1]}"
            chunks.append(text if in_string else f'"{text}"')
            splices.append(piece)
            continue
        chunks.append(piece.text)
        in_string = _ends_in_string(piece.text, in_string)
    text = "".join(chunks)
    if not text.strip():
        raise BodyError("the body is empty")
    from migrator.diagnostics import InputError
    from migrator.source import SourceText

    try:  # read as a JSON file is: NaN, nesting beyond the limit and huge numbers refused where they are
        tree = SourceText("-", text).parse()
    except InputError as exc:
        message = exc.message.removeprefix("malformed JSON: ")
        position = None if exc.line is None else _offset(text, exc.line, exc.col)
        raise BodyError(f"not JSON: {message}" if exc.code == "PS001" else message,
                        None if position is None else _byte_at(spans, position)) from None
    return _opaque(tree, splices), splices


def _offset(text: str, line: int, col: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + col - 1


def _byte_at(spans: list[tuple[int, Piece]], position: int) -> int | None:
    """The region byte of ``position`` in the joined text: exact in a piece written as it reads."""
    for start, piece in reversed(spans):
        if start <= position:
            if piece.splice or not piece.editable:
                return piece.start
            return piece.start + len(piece.text[:position - start].encode())
    return None


def _ends_in_string(text: str, inside: bool) -> bool:
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\" and inside:
            escaped = True
        elif char == '"':
            inside = not inside
    return inside


def _opaque(value: Any, splices: list[Piece]) -> Any:
    if isinstance(value, dict):
        return {k: _opaque(v, splices) for k, v in value.items()}
    if isinstance(value, list):
        return [_opaque(v, splices) for v in value]
    if isinstance(value, str) and ("\ue000" in value or "\ue002" in value):
        return Opaque(value, _label(value, splices))
    return value


def _label(value: str, splices: list[Piece]) -> str:
    return re.sub("[\ue000\ue002](\\d+)[\ue001\ue003]", lambda m: splices[int(m[1])].source, value)


def style_of(found: list[Piece], newline: str, cmd: bool) -> Style:
    literal = "".join(p.text for p in found if not p.splice)
    quote = next((p.quote for p in found if not p.splice), RAW)
    if quote == BARE:
        quote = RAW
    lines = literal.removesuffix("\n").split("\n")  # a heredoc's own last newline is not the body's
    base = re.match(r"[ \t]*", lines[-1].rstrip("\r"))[0] if len(lines) > 1 else ""
    indent = None
    if len(lines) > 1:
        for line in lines[1:]:
            lead = re.match(r"[ \t]*", line)[0]
            if line.strip() and len(lead) > len(base):
                indent = lead[len(base):]
                break
        indent = indent or "  "
    separators = (",", ": ") if indent is not None else ((", ", ": ") if ": " in literal else (",", ":"))
    return Style(quote, indent, base, separators, newline, cmd, final_newline=literal.endswith("\n"))


class NeedsJsonText(ValueError):
    """The converted body holds JSON text built from a run-time value (a v1 object v2 wants as a
    string, with a splice inside): shell cannot write that as the body's own text."""


def render(tree: Any, splices: list[Piece], style: Style) -> str:
    """The shell text of the body: quoted as ``style`` says, splices written back verbatim."""
    plain = _marked(tree)
    text = json.dumps(plain, indent=style.indent, separators=style.separators, ensure_ascii=False)
    if style.indent is not None:
        text = text.replace("\n", "\n" + style.base)
    out: list[str] = []
    position = 0
    for match in _MARK.finditer(text):
        out.append(_escape(text[position:match.start()], style))
        number = match[1] if match[1] is not None else match[2]
        out.append(_splice(splices[int(number)], style))
        position = match.end()
    out.append(_escape(text[position:], style))
    body = "".join(out).replace("\n", style.newline)
    if style.quote == HEREDOC:
        return body + (style.newline if style.final_newline else "")
    return style.quote + body + style.quote


def _marked(value: Any) -> Any:
    if isinstance(value, Opaque):
        return value.node
    if isinstance(value, JsonText):
        raise NeedsJsonText("a v2 field must hold JSON text built from a run-time value")
    if isinstance(value, dict):
        return {k: _marked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(v) for v in value]
    return value


def _escape(text: str, style: Style) -> str:
    if style.quote == RAW:
        return text.replace("'", "'\\''")
    if style.quote == DOUBLE:
        if style.cmd:
            return text.replace('"', '\\"')
        return re.sub(r'([\\"$`])', r"\\\1", text)
    return text  # a heredoc: quoted delimiters keep everything; psmigrate writes no `$` or backquote


def _splice(piece: Piece, style: Style) -> str:
    if style.quote == HEREDOC:
        return piece.source
    inside_double = piece.quote == DOUBLE
    if style.quote == RAW:
        return f"'\"{piece.source}\"'" if inside_double else f"'{piece.source}'"
    return piece.source if inside_double else f'"{piece.source}"'

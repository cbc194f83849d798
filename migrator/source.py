"""Read JSON payload files faithfully and write them back in the same style.

Keeps what a user would notice if it changed: encoding (UTF-8, with or without BOM), newline
style, indentation and the final newline. Rejects what plain ``json`` would accept silently:
duplicate keys (json keeps the last one). Maps JSON pointers back to line:col for messages.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from json.decoder import scanstring
from pathlib import Path
from typing import Any

from migrator.diagnostics import InputError
from migrator.tree import escape_token, unescape_token
from migrator.wording import json_error, show

BOM = "\ufeff"


@dataclass
class SourceText:
    path: str  # "-" for standard input
    text: str
    bom: bool = False
    newline: str = "\n"
    indent: int | str | None = 2
    final_newline: bool = True
    _positions: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> SourceText:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise InputError("PS003", f"not UTF-8 (byte 0x{data[exc.start]:02x}); JSON payloads must be "
                             "UTF-8", line, col) from None
        bom = text.startswith(BOM)
        text = text.removeprefix(BOM)
        if not text.strip():
            raise InputError("PS004", "empty file: expected a JSON object", 1, 1)
        return cls(path, text, bom, _newline_style(text), _indent_style(text), text.endswith(("\n", "\r")))

    @classmethod
    def read(cls, path: str) -> SourceText:
        if path == "-":
            return cls.from_bytes("-", sys.stdin.buffer.read())
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError("PS008", f"cannot read: {exc.strerror or exc}") from None
        return cls.from_bytes(path, data)

    def parse(self) -> Any:
        try:
            return json.loads(self.text, object_pairs_hook=_reject_duplicates)
        except json.JSONDecodeError as exc:
            raise InputError("PS001", f"malformed JSON: {json_error(exc.msg)}", exc.lineno, exc.colno) from None
        except _DuplicateKey as exc:
            line, col = self._duplicate_position(exc.key)
            raise InputError("PS002", f"duplicate key {show(exc.key)}: JSON parsers disagree on which value wins; "
                             "keep one", line, col) from None

    @cached_property
    def _source_map(self) -> dict:
        import json_source_map  # only needed when a message must be placed

        return json_source_map.calculate(self.text)

    def locate(self, pointer: str) -> tuple[int, int]:
        """1-based line and column of the value at ``pointer`` (of its key, for an object
        member), or of its nearest existing parent. Only the path to it is scanned: the values
        beside it are skipped by json's C scanner, so a file with one finding is not parsed again
        in Python."""
        tokens = [unescape_token(t) for t in pointer.split("/")[1:]] if pointer else []
        offset = _offset(self.text, tokens)
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def _duplicate_position(self, key: str) -> tuple[int | None, int | None]:
        # The source map keeps the last occurrence of a key, which is the duplicate (its
        # pointers do not escape `/` or `~`).
        for pointer, entry in self._source_map.items():
            if pointer.rsplit("/", 1)[-1] in (key, escape_token(key)):
                start = entry.key_start or entry.value_start
                return start.line + 1, start.column + 1
        return None, None

    def render(self, value: Any) -> str:
        """``value`` as JSON text in this file's style (indent, newline, final newline)."""
        if self.indent is None:
            text = json.dumps(value, ensure_ascii=False)
        else:
            text = json.dumps(value, indent=self.indent, ensure_ascii=False)
        if self.final_newline:
            text += "\n"
        return text.replace("\n", self.newline)

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode("utf-8")


_SCAN = json.JSONDecoder().scan_once  # (text, index) -> (value, end), in C
_SPACE = re.compile(r"[ \t\n\r]*")


def _offset(text: str, tokens: list[str]) -> int:
    """Where the value at ``tokens`` starts in ``text`` (its key, for an object member); where
    the path stops existing, the deepest part of it that does."""
    index = found = _SPACE.match(text, 0).end()
    for token in tokens:
        if text.startswith("{", index):
            index = _SPACE.match(text, index + 1).end()
            while text.startswith('"', index):
                key_start = index
                key, index = scanstring(text, index + 1)
                index = _SPACE.match(text, _SPACE.match(text, index).end() + 1).end()  # past the colon
                if key == token:
                    found = key_start
                    break
                index = _next_item(text, index)
            else:
                return found
        elif text.startswith("[", index) and token.isdigit():
            index = _SPACE.match(text, index + 1).end()
            for _ in range(int(token)):
                if text.startswith("]", index):
                    return found
                index = _next_item(text, index)
            if text.startswith("]", index):
                return found
            found = index
        else:
            return found
    return found


def _next_item(text: str, index: int) -> int:
    """From the start of a value in an object or array, the start of the next key or item (or
    of the closing bracket)."""
    _, index = _SCAN(text, index)
    index = _SPACE.match(text, index).end()
    if text.startswith(",", index):
        index = _SPACE.match(text, index + 1).end()
    return index


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        self.key = key


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    result = dict(pairs)  # in C; only an object with a duplicate key is looked at again
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


def _newline_style(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


_INDENT = re.compile(r"^[\[{][^\n]*\r?\n([ \t]+)\S", re.MULTILINE)


def _indent_style(text: str) -> int | str | None:
    """The indent unit of the first nested line; None for JSON written on one line."""
    if "\n" not in text.strip():
        return None
    match = _INDENT.search(text.lstrip())
    if not match:
        return 2
    unit = match.group(1)
    return len(unit) if set(unit) == {" "} else unit

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
from pathlib import Path
from typing import Any

from migrator.diagnostics import InputError
from migrator.tree import escape_token
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
        """1-based line and column of the value at ``pointer``, or of its nearest existing parent."""
        while True:
            entry = self._source_map.get(pointer)
            if entry is not None:
                start = entry.key_start or entry.value_start
                return start.line + 1, start.column + 1
            if not pointer:
                return 1, 1
            pointer = pointer.rsplit("/", 1)[0]

    def _duplicate_position(self, key: str) -> tuple[int | None, int | None]:
        # The source map keeps the last occurrence of a key, which is the duplicate.
        for pointer in self._source_map:
            if pointer.rsplit("/", 1)[-1] == escape_token(key):
                return self.locate(pointer)
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


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        self.key = key


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
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

"""Read JSON payload files faithfully and write them back in the same style.

Keeps what a user would notice if it changed: encoding (UTF-8, with or without BOM), newline
style, indentation and the final newline. Rejects what plain ``json`` would accept silently:
duplicate keys (json keeps the last one). Maps JSON pointers back to line:col for messages.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Any

from migrator.diagnostics import InputError
from migrator.tree import escape_token, split_path
from migrator.wording import json_error, show

BOM = "\ufeff"


@dataclass(eq=False)
class SourceText:
    path: str  # "-" for standard input
    text: str
    bom: bool = False
    newline: str = "\n"
    indent: int | str | None = 2
    final_newline: bool = True
    _positions: dict = field(default_factory=dict, repr=False)
    _walks: int = field(default=0, repr=False)

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
            from migrator.files import read_error

            raise InputError("PS008", read_error(path, exc)) from None
        return cls.from_bytes(path, data)

    def parse(self) -> Any:
        """The JSON value; InputError for what is not JSON or what psmigrate will not read."""
        self._check_depth()
        try:
            return json.loads(self.text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant,
                              parse_float=_finite_float)
        except json.JSONDecodeError as exc:
            raise InputError("PS001", f"malformed JSON: {json_error(exc.msg)}", exc.lineno, exc.colno) from None
        except _DuplicateKey as exc:
            line, col = self._duplicate_position(exc.key)
            raise InputError("PS002", f"duplicate key {show(exc.key)}: JSON parsers disagree on which value wins; "
                             "keep one", line, col) from None
        except _NotJson as exc:
            raise InputError("PS001", f"malformed JSON: `{exc.token}` is not a JSON value (JSON has no NaN or "
                             "Infinity; write a number or null)", *self._position_of(_token(exc.token))) from None
        except _TooLarge as exc:
            raise InputError("PS015", f"the number {_abbreviated(exc.token)} is too large for a 64-bit float, "
                             "which is what Adobe's API reads; write a smaller number",
                             *self._position_of(_token(exc.token))) from None
        except RecursionError:  # nesting the count below let through, deeper than the stack allows
            raise InputError("PS015", _TOO_DEEP, *self._position_of_depth()) from None
        except ValueError:  # int() refuses more than sys.get_int_max_str_digits() digits
            raise InputError("PS015", f"a number with more than {MAX_DIGITS:,} digits; no request body needs "
                             "one", *self._position_of(_LONG_INT)) from None

    def _check_depth(self) -> None:
        """Refuse JSON nested deeper than MAX_DEPTH before parsing it: every later step (the rules,
        validation, rendering) walks the tree recursively. Counting brackets is cheap and settles
        almost every file; only a file with more brackets than the limit is scanned."""
        if self.text.count("[") + self.text.count("{") <= MAX_DEPTH:
            return
        structure = _NOT_BRACKET.sub("", _STRING.sub("", self.text))
        if max(accumulate(map(_STEP.__getitem__, structure), initial=0)) > MAX_DEPTH:
            raise InputError("PS015", _TOO_DEEP, *self._position_of_depth())

    def _position_of(self, pattern: re.Pattern) -> tuple[int | None, int | None]:
        """line:col of the first match of ``pattern`` outside a JSON string."""
        for match in re.finditer(f'{_STRING.pattern}|({pattern.pattern})', self.text):
            if match.group(1) is not None:
                return self._line_col(match.start(1))
        return None, None

    def _position_of_depth(self) -> tuple[int | None, int | None]:
        depth = 0
        for match in re.finditer(f'{_STRING.pattern}|([\\[{{])|[\\]}}]', self.text):
            if match.group(0)[0] == '"':
                continue
            depth += 1 if match.group(1) else -1
            if depth > MAX_DEPTH:
                return self._line_col(match.start())
        return None, None

    def _line_col(self, offset: int) -> tuple[int, int]:
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.text.count("\n", 0, offset) + 1, offset - line_start + 1

    @cached_property
    def _source_map(self) -> dict:
        import json_source_map  # only needed when a message must be placed

        return json_source_map.calculate(self.text)

    def locate(self, pointer: str) -> tuple[int, int]:
        """1-based line and column of the value at ``pointer``, or of its nearest existing parent."""
        if self._walks < _WALKS_BEFORE_MAP and "_source_map" not in self.__dict__:
            # A few positions: walk the text to each one (the C scanner skips what lies before it)
            # instead of mapping every value, which costs far more than the file in time and memory.
            self._walks += 1
            offset = _offset_of(self.text, pointer)
            if offset is not None:
                return self._line_col(offset)
        while True:
            entry = self._source_map.get(pointer)
            if entry is not None:
                start = entry.key_start or entry.value_start
                return start.line + 1, start.column + 1
            if not pointer:
                return 1, 1
            pointer = pointer.rsplit("/", 1)[0]

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
            text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        else:
            text = json.dumps(value, indent=self.indent, ensure_ascii=False, allow_nan=False)
        if self.final_newline:
            text += "\n"
        return text.replace("\n", self.newline)

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode("utf-8")


MAX_DEPTH = 100  # arrays and objects inside one another; v2 bodies need about ten
MAX_DIGITS = 4300  # CPython's default int_max_str_digits
_TOO_DEEP = f"JSON nested more than {MAX_DEPTH} levels deep, deeper than any request body; psmigrate does not read it"
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_LONG_INT = re.compile(rf"-?\d{{{MAX_DIGITS + 1},}}")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


_WALKS_BEFORE_MAP = 16  # after this many positions in one file, map it once instead
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _offset_of(text: str, pointer: str) -> int | None:
    """Offset of the key (object member) or value (array item) ``pointer`` names in ``text``, or of
    its nearest existing parent; None when the text is not the shape the pointer walks."""
    from json.decoder import scanstring

    space = _SPACE.match
    position = found = space(text).end()
    try:
        for token in split_path(pointer):
            if text[position] == "{":
                position = space(text, position + 1).end()
                while text[position] == '"':
                    key_start = position
                    key, position = scanstring(text, position + 1)
                    position = space(text, space(text, position).end() + 1).end()  # past the colon
                    if key == token:
                        found = key_start
                        break
                    position = space(text, _DECODER.raw_decode(text, position)[1]).end()
                    if text[position] == ",":
                        position = space(text, position + 1).end()
                else:
                    return found
            elif text[position] == "[" and token.isdigit():
                position = space(text, position + 1).end()
                for _ in range(int(token)):
                    if text[position] == "]":
                        return found
                    position = space(text, _DECODER.raw_decode(text, position)[1]).end()
                    if text[position] == ",":
                        position = space(text, position + 1).end()
                if text[position] == "]":
                    return found
                found = position
            else:
                return found
    except (IndexError, ValueError):
        return None
    return found


class _NotJson(ValueError):
    def __init__(self, token: str):
        self.token = token


class _TooLarge(ValueError):
    def __init__(self, token: str):
        self.token = token


def _reject_constant(token: str):
    raise _NotJson(token)


def _finite_float(token: str) -> float:
    value = float(token)
    if math.isinf(value):
        raise _TooLarge(token)
    return value


def _token(text: str) -> re.Pattern:
    """``text`` as a whole JSON token (not the start of a longer number)."""
    return re.compile(rf"(?<![\w.+-]){re.escape(text)}(?![\w.])")


def _abbreviated(token: str) -> str:
    return token if len(token) <= 20 else f"{token[:8]}...{token[-8:]} ({len(token):,} characters)"


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

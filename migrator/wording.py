"""How messages name the user's values: in JSON's words, never Python's.

A body is JSON, so a message says ``null``, ``true``, ``array`` and ``"text"``, not ``None``,
``True``, ``list`` and ``'text'``; a value too long to read whole (a 4,000-digit number, a long
string) is abbreviated, and a number too long for Python to print at all is described instead.
"""

from __future__ import annotations

import json
import math
from typing import Any

_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"),
          (tuple, "array"), (dict, "object"))
NUMBER_DIGITS = 15  # longer integers are shown as their first and last digits and their length


def json_type(value: Any) -> str:
    """``null``, ``boolean``, ``integer``, ``number``, ``string``, ``array`` or ``object``."""
    if value is None:
        return "null"
    return next((name for kind, name in _TYPES if isinstance(value, kind)), type(value).__name__)


def json_types(names: Any) -> str:
    """A schema's ``type`` (a name or a list of names) as prose: ``string or null``."""
    if isinstance(names, (list, tuple)):
        return " or ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " or " + names[-1]
    return str(names)


def show(value: Any, width: int = 40) -> str:
    """``value`` as JSON text, at most about ``width`` characters."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return _integer(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except ValueError:  # an integer too long to print, deep inside
        return f"an {json_type(value)}"
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def _integer(value: int) -> str:
    try:
        text = str(value)
    except ValueError:  # more digits than Python prints (sys.get_int_max_str_digits)
        digits = int(abs(value).bit_length() * math.log10(2)) + 1
        return f"a number of about {digits:,} digits"
    digits = len(text.lstrip("-"))
    if digits <= NUMBER_DIGITS:
        return text
    sign = "-" if value < 0 else ""
    body = text.lstrip("-")
    return f"{sign}{body[:6]}…{body[-3:]} ({digits:,} digits)"


_JSON_ERRORS = {  # json's messages, some cut where it appends the position, as whole phrases
    "Expecting value": "expected a value (a string, number, object, array, true, false or null)",
    "Unterminated string starting at": "a string is not closed (its closing \" is missing)",
    "Invalid control character at": "a raw control character (a tab or a line break) inside a string; write it "
                                    "as \\t or \\n",
    "Extra data": "more text after the end of the JSON value",
    "Invalid \\escape": "an invalid escape in a string (a backslash must be followed by one of \" \\ / b f n r t u)",
    "Invalid \\uXXXX escape": "an invalid \\uXXXX escape in a string (four hexadecimal digits must follow \\u)",
}


def json_error(message: str) -> str:
    """A sentence for one of :mod:`json`'s decoding messages."""
    for start, sentence in _JSON_ERRORS.items():
        if message == start or message.startswith(start + ":"):
            return sentence
    message = message.strip().removesuffix(" at").rstrip(":")
    return message[:1].lower() + message[1:]

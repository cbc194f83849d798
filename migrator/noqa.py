"""``# noqa`` comments, as in ruff: ``# noqa`` on a line silences every finding on that line,
``# noqa: PS701, PS720`` only those codes. A silenced fixable finding is also left unfixed."""

from __future__ import annotations

import io
import re
import tokenize

_DIRECTIVE = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)

Directives = dict[int, frozenset[str] | None]  # line → the codes it silences; None: every code


def directives(source: str) -> Directives:
    """The ``# noqa`` comments of Python source, by line. Only real comments count: a ``# noqa``
    inside a string is text."""
    found: Directives = {}
    if "noqa" not in source.lower():
        return found
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                _add(found, token.start[0], token.string)
    except (tokenize.TokenError, SyntaxError):
        pass  # the parser reports the file; what was read so far still counts
    return found


def _add(found: Directives, line: int, comment: str) -> None:
    match = _DIRECTIVE.search(comment)  # a line holds at most one comment
    if match is not None:
        codes = match["codes"]
        found[line] = None if codes is None else frozenset(c.upper() for c in _CODE.findall(codes))


def silenced(found: Directives, line: int | None, code: str) -> bool:
    if line is None or line not in found:
        return False
    codes = found[line]
    return codes is None or code in codes

"""Strings that still name a v1 endpoint after the rewrite, though no request is sent with them.

A log line, a debug print, a docstring, an error message, a URL in prose or a constant no call
uses is left as it is (it may describe history, or match v1 traffic), but each one is reported,
so that "is anything v1 left in this file?" has a complete answer. Comments are not strings and
are never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from migrator.codemod.calls import is_message_call
from migrator.codemod.source import SourceModule

# a v1 service path, anywhere in the text (a bare host is not v1 by itself: v2's remove-background
# is served from image.adobe.io too), or opening a string without its slash, as an endpoint table's
# entries are written ("pie/psdService/hello", joined to a base ending in "/")
V1_MENTION = re.compile(r"(?:/|(?<=[\"']))(?:pie/psdService|lrService|sensei)(?:/[A-Za-z]\w*(?:/\{?\w*\}?)?)?(?![\w-])")


def leftover_strings(source: SourceModule, claimed: set[int]) -> Iterator[tuple[cst.CSTNode, int, str, str]]:
    """``(node, offset in its source, the v1 path it names, where it sits)`` for each string piece
    naming a v1 path that no other finding or edit has claimed (``claimed``: node ids; a claimed
    node claims the strings inside it)."""
    if not V1_MENTION.search(source.text):
        return
    parents = source.parents
    for node in parents:  # every node, in source order
        if isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower() \
                or isinstance(node, cst.FormattedStringText):
            match = V1_MENTION.search(node.value)
            if match is None:
                continue
            ancestors = [node]
            while ancestors[-1] in parents:
                ancestors.append(parents[ancestors[-1]])
            if not any(id(a) in claimed for a in ancestors):
                yield node, match.start(), match.group(0), _where(ancestors)


def _where(ancestors: list[cst.CSTNode]) -> str:
    """A docstring, a message (log, print, exception), or another string."""
    for parent in ancestors[1:]:
        if isinstance(parent, cst.Call) and is_message_call(parent):
            return "a message"
        if isinstance(parent, cst.Expr):
            return "a docstring" if isinstance(parent.value, (cst.SimpleString, cst.ConcatenatedString)) \
                else "a string"
        if isinstance(parent, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            break
    return "a string"

"""jq filters reading v1 response fields.

A filter's path expressions (``.outputs[0].status``, ``._links.self.href``, ``.["jobID"]``) are
read as key paths and matched against the v1 response shapes of the Python codemod
(``codemod.responses.shape``: one table for both), given which response the filter reads: a
submission's, a status poll's, or one psmigrate cannot tell (then only v1's distinctive reads are
reported). Pipes and functions are left as they are: only whole path chains are rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.shell.words import Piece, literal, pieces

_STEP = re.compile(r'\.(?P<key>[A-Za-z_]\w*)|\.?\["(?P<qkey>[^"\\]*)"\]|\."(?P<skey>[^"\\]*)"|\.?\[(?P<index>\d+)\]'
                   r'|\.?\[(?P<each>)\]')
_FLAGS_WITH_VALUE = {"--arg": 2, "--argjson": 2, "--slurpfile": 2, "--rawfile": 2, "--indent": 1}
_FROM_FILE = {"-f", "--from-file"}


@dataclass(frozen=True)
class Chain:
    start: int  # offsets in the filter text
    end: int
    path: tuple
    steps: tuple[tuple[int, int], ...]  # each step's offsets


@dataclass(frozen=True)
class Change:
    chain: Chain
    code: str  # PS803 (rewritten) or PS810 (reported)
    message: str
    new: str | None = None
    waits: bool = False


def filter_word(command, data: bytes):
    """The node of the jq command's filter argument, or None (``-f file``, no filter)."""
    words = [c for c in command.children if c.is_named and c.type not in ("command_name", "comment",
                                                                        "variable_assignment")]
    index = 0
    while index < len(words):
        text = literal(pieces(words[index], data))
        if text is None or not text.startswith("-") or text == "-":
            return words[index]
        if text in _FROM_FILE:
            return None
        index += 1 + _FLAGS_WITH_VALUE.get(text, 0)
    return None


def input_files(command, data: bytes) -> list[str]:
    """The files a jq command reads: the literal words after its filter."""
    word = filter_word(command, data)
    if word is None:
        return []
    words = [c for c in command.children if c.is_named and c.start_byte > word.start_byte
             and c.type not in ("comment", "file_redirect", "herestring_redirect")]
    return [text for text in (literal(pieces(w, data)) for w in words) if text and not text.startswith("-")]


def chains(text: str) -> list[Chain]:
    found: list[Chain] = []
    position, string = 0, False
    while position < len(text):
        char = text[position]
        if string:
            if char == "\\":
                position += 2
                continue
            string = char != '"'
            position += 1
            continue
        if char == '"':
            string = True
            position += 1
            continue
        before = text[position - 1] if position else " "
        if char == "." and not (before.isalnum() or before in "_)]}.$\""):
            chain = _chain_at(text, position)
            if chain is not None:
                found.append(chain)
                position = chain.end
                continue
        if char == "#":  # a jq comment runs to the end of the line
            newline = text.find("\n", position)
            position = len(text) if newline < 0 else newline
            continue
        position += 1
    return found


def _chain_at(text: str, start: int) -> Chain | None:
    path, steps, position = [], [], start
    while True:
        match = _STEP.match(text, position)
        if match is None or (not steps and not match[0].startswith(".")):
            break
        if match["key"] is not None:
            path.append(match["key"])
        elif match["qkey"] is not None or match["skey"] is not None:
            path.append(match["qkey"] if match["qkey"] is not None else match["skey"])
        elif match["index"] is not None:
            path.append(int(match["index"]))
        else:
            path.append("*")
        steps.append((match.start(), match.end()))
        position = match.end()
        if text.startswith("?", position):
            position += 1
    if not steps:
        return None
    return Chain(start, position, tuple(path), tuple(steps))


def changes(text: str, kind: str | None) -> list[Change]:
    """What to do with each v1 read of ``text`` for a response of ``kind``."""
    from migrator.codemod.responses import FOREIGN, STATUS_JSON, shape

    if kind == FOREIGN:
        return []
    found = []
    for chain in chains(text):
        path = chain.path
        if (kind == STATUS_JSON and len(path) == 6 and path[0] == "outputs" and isinstance(path[1], int)
                and path[2:] == ("_links", "renditions", 0, "href")):
            # The first rendition of output N is output N's destination: v2 writes one file per output.
            new = f".result.outputs[{path[1]}].destination.url"
            found.append(Change(chain, "PS803", "`outputs[N]._links.renditions[0].href` is "
                                "`result.outputs[N].destination.url` in v2", new))
            continue
        matched = shape(kind, path)
        if matched is None or (kind is None and not matched.distinctive):
            continue
        if matched.rewrite is not None and kind is not None:
            dropped, key = matched.rewrite
            rest = text[chain.steps[dropped][1]:chain.end] if dropped < len(chain.steps) else ""
            new = "." + key + rest
            found.append(Change(chain, "PS803", matched.message, new, matched.waits))
        else:
            found.append(Change(chain, "PS810", matched.message, None, matched.waits))
    return found


def filter_pieces(node, data: bytes) -> list[Piece]:
    return pieces(node, data)

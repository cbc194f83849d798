"""Fenced shell blocks of a Markdown file, with their byte ranges (markdown-it-py's token
``map`` gives each fence's lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass

SHELL_TAGS = {"sh", "bash", "shell", "console", "curl", "zsh", "shell-session", "shellsession"}
CMD_TAGS = {"cmd", "bat", "batch", "dos"}  # Windows cmd: `^` continues a line
# blocks of code psmigrate migrates in files of their own but not inside Markdown: a v1 endpoint
# named there is reported (PS813), so a README's example is not left teaching v1
OTHER_CODE_TAGS = {"python", "py", "python3", "pycon", "js", "javascript", "mjs", "cjs", "node", "jsx", "ts",
                   "typescript", "tsx", "http"}
_NOQA = re.compile(r"<!--\s*psmigrate:\s*noqa(?::\s*(?P<codes>PS\d{3}(?:[\s,]+PS\d{3})*))?\s*-->", re.IGNORECASE)


@dataclass
class Block:
    tag: str
    start: int  # byte offset of the block's first content line
    end: int  # byte offset just after its last content line
    first_line: int  # 1-based line of its first content line
    silenced: frozenset[str] | None  # <!-- psmigrate: noqa --> before it: None silences every code


def blocks(text: str, tags: frozenset[str] | set[str] = SHELL_TAGS | CMD_TAGS) -> list[Block]:
    from markdown_it import MarkdownIt

    # Lines as markdown-it counts them (it reads \r\n and a lone \r as \n; str.splitlines would
    # also cut at form feeds and U+2028, and the offsets would drift).
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    found = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence" or token.map is None:
            continue
        tag = (token.info.split() or [""])[0].lower().strip("{}.")
        if tag not in tags:
            continue
        first, last = token.map[0] + 1, token.map[1]
        if last > first and last - 1 < len(lines) and _closes(lines[last - 1], token.markup):
            last -= 1
        if last <= first:
            continue
        found.append(Block(tag, offsets[first], offsets[last], first + 1, _silenced(lines, token.map[0])))
    return found


def _closes(line: str, markup: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and set(stripped) == {markup[0]} and len(stripped) >= len(markup)


def _silenced(lines: list[str], fence: int) -> frozenset[str] | None:
    for index in range(fence - 1, -1, -1):
        if lines[index].strip():
            match = _NOQA.search(lines[index])
            if not match:
                return frozenset()
            codes = match["codes"]
            return None if codes is None else frozenset(re.findall(r"PS\d{3}", codes.upper()))
    return frozenset()


def console_mask(data: bytes) -> bytes:
    """A ``console`` block as a script of the same length: `$ ` prompts become spaces, output
    lines (neither a command nor the continuation of one) become spaces too."""
    out = []
    continued = False
    for line in data.splitlines(keepends=True):
        body = line.rstrip(b"\r\n")
        ending = line[len(body):]
        stripped = body.lstrip()
        if continued:
            out.append(line)
        elif stripped.startswith((b"$ ", b"% ")) or stripped in (b"$", b"%"):
            lead = len(body) - len(stripped)
            out.append(body[:lead] + b"  " + body[lead + 2:] + ending if len(stripped) >= 2
                       else b" " * len(body) + ending)
        else:
            out.append(b" " * len(body) + ending)
            continued = False
            continue
        continued = body.endswith(b"\\")
    return b"".join(out)


def caret_mask(data: bytes) -> bytes:
    """Windows cmd's `^` line continuation read as bash's `\\` (same length, so offsets hold)."""
    return re.sub(rb"\^(?=\r?\n)", b"\\\\", data)

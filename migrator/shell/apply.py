"""One shell or Markdown file in memory: its regions planned (``rewrite.Planner``), the edits
applied by byte range, the result re-parsed. Everything outside the edits stays byte-identical."""

from __future__ import annotations

import os
import re

from migrator.codemod import FileResult
from migrator.diagnostics import Diagnostic, Severity
from migrator.shell import MARKDOWN_SUFFIXES
from migrator.shell.findings import finding
from migrator.shell.markdown import CMD_TAGS, OTHER_CODE_TAGS, blocks, caret_mask, console_mask
from migrator.shell.parse import parse
from migrator.shell.rewrite import Edit, Planner, Region
from migrator.textkinds import apply_edits
from migrator.treesitter import forget


def regions(data: bytes, path: str) -> list[Region]:
    newline = "\r\n" if b"\r\n" in data else "\n"
    if not path.lower().endswith(MARKDOWN_SUFFIXES):
        return [Region(_for_parser(data), 0, 1, newline)]
    found = []
    for block in blocks(data.decode("utf-8")):
        text = _for_parser(data[block.start:block.end])
        cmd = block.tag in CMD_TAGS or _caret_continued(text)
        if block.tag == "console":
            text = console_mask(text)
        if cmd:
            text = caret_mask(text)
        found.append(Region(text, block.start, block.first_line, newline, cmd, block.silenced,
                            console=block.tag == "console"))
    return found


def _caret_continued(text: bytes) -> bool:
    return any(line.rstrip().endswith(b"^") for line in text.splitlines())


def _for_parser(data: bytes) -> bytes:
    """CRLF text as the grammar reads it, same length: ``\\`` + CRLF continues a line in bash as
    ``\\`` + LF does, and a lone CR is a space."""
    return data.replace(b"\\\r\n", b" \\\n").replace(b"\r\n", b" \n")


def rewrite_shell_bytes(data: bytes, path: str, options=None) -> FileResult:
    disabled = getattr(options, "disabled", frozenset()) or frozenset()
    add_todos = bool(getattr(options, "add_todos", False))
    base = os.path.dirname(path) or "." if path not in ("-", "") else None
    try:
        found = regions(data, path)
    except UnicodeDecodeError as exc:
        from migrator.textkinds import not_utf8

        return not_utf8(path, data, exc)
    edits: list[Edit] = []
    diagnostics: list[Diagnostic] = []
    for region in found:
        planner = Planner(region, disabled, add_todos, base)
        plan = planner.run()
        errors_before = planner.root.has_error
        forget(planner.root)  # its tree and nodes are freed before the result is parsed
        del planner
        if plan.edits and not _still_parses(region, plan.edits, errors_before):
            diagnostics.append(Diagnostic("PS811", "psmigrate's rewrite of this shell would not parse; left "
                                          "unchanged (please report it)", Severity.ERROR, path=path,
                                          line=region.first_line, col=1))
            continue
        edits += [Edit(e.start + region.offset, e.end + region.offset, e.new, e.code, e.line) for e in plan.edits]
        diagnostics += [d.located(path, d.line, d.col) for d in plan.diagnostics]
    if path.lower().endswith(MARKDOWN_SUFFIXES) and "PS813" not in disabled:
        diagnostics += _other_code_mentions(data, path)
    after = apply_edits(data, edits)
    diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
    return FileResult(path, data, after, diagnostics)


def _still_parses(region: Region, edits: list[Edit], errors_before: bool) -> bool:
    root = parse(apply_edits(region.data, edits)).root_node
    forget(root)
    return root.has_error <= errors_before


# a v1 endpoint URL or path, or a v1 base URL, as the other kinds' leftover passes find them
_V1_IN_CODE = re.compile(r"(?:https?://image[\w-]*\.adobe\.io)?/(?:pie/psdService|lrService|sensei)"
                         r"(?:/[A-Za-z]\w*)?(?![\w-])")


def _other_code_mentions(data: bytes, path: str) -> list[Diagnostic]:
    """A v1 endpoint in a Markdown block of Python, JavaScript, TypeScript or HTTP: psmigrate
    migrates such code in files of its own, not inside a document, so each mention is reported
    where it is written (the block's language tag says which)."""
    found = []
    for block in blocks(data.decode("utf-8"), OTHER_CODE_TAGS):
        if block.silenced is None or "PS813" in block.silenced:
            continue
        text = data[block.start:block.end].decode("utf-8")
        for match in _V1_IN_CODE.finditer(text):
            before = text[:match.start()]
            line = block.first_line + before.count("\n")
            col = match.start() - (before.rfind("\n") + 1) + 1
            code, severity, message = finding("PS813", f"`{match[0]}` in a `{block.tag}` block: psmigrate migrates "
                                              "such code in its own files, not in Markdown; change it by hand")
            found.append(Diagnostic(code, message, severity, path=path, line=line, col=col))
    return found

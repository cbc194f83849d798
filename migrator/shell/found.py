"""What ``psmigrate convert`` says when it is given a shell script or Markdown file: the curl
commands it holds, each at its line, and that ``psmigrate codemod`` is the command for them."""

from __future__ import annotations

from pathlib import Path

from migrator.diagnostics import Diagnostic, Severity
from migrator.shell.findings import SHELL_FINDINGS


def curl_commands(data: bytes, path: str) -> list[tuple[int, int, str]]:
    """(line, col, "METHOD URL") of every curl command in the file's shell."""
    from migrator.shell.apply import regions
    from migrator.shell.curl import is_curl, read_curl
    from migrator.treesitter import walk
    from migrator.shell.parse import parse

    found = []
    for region in regions(data, path):
        for node in walk(parse(region.data).root_node):
            if is_curl(node, region.data):
                call = read_curl(node, region.data)
                url = next(("".join(p.source for p in pieces) for pieces, _ in call.urls), "?")
                line = region.first_line + node.start_point[0]
                found.append((line, node.start_point[1] + 1, f"{call.verb} {url}"))
    return found


def convert_refusal(path: str) -> list[Diagnostic]:
    summary = SHELL_FINDINGS["PS820"].summary
    try:
        data = Path(path).read_bytes()
        commands = curl_commands(data, path)
    except (OSError, UnicodeDecodeError) as exc:
        return [Diagnostic("PS820", f"{summary} ({exc})", Severity.ERROR, path=path, line=1, col=1)]
    hint = f"run `psmigrate codemod {path}` (or `psmigrate lint {path}`)"
    if not commands:
        return [Diagnostic("PS820", f"{summary}; it holds no curl command", Severity.ERROR, path=path, line=1, col=1)]
    return [Diagnostic("PS820", f"curl command `{what}` found: {summary}; {hint}", Severity.ERROR, path=path,
                       line=line, col=col) for line, col, what in commands]

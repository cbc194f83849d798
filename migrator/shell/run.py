"""Shell scripts and Markdown as a byte-range source kind (``migrator/textkinds.py``): how a file
is rewritten, its pre-filter and which files of a run are its own."""

from __future__ import annotations

from migrator import textkinds
from migrator.shell import WALKED_SUFFIXES, is_shell_path
from migrator.shell.findings import SHELL_FIXED

KIND = textkinds.Kind(
    name="shell",
    rewrite="migrator.shell.apply:rewrite_shell_bytes",
    fixed=SHELL_FIXED,
    # Adobe's hosts and v1 service paths, and v1's distinctive response reads (a polling script of
    # its own, handed the status URL, names no host), and the TODO comments psmigrate leaves
    prefilter=(b"adobe.io", b"psdService/", b"lrService/", b"/sensei/", b"_links", b".outputs[", b"jobID",
               b"TODO(psmigrate)"),
    walked=WALKED_SUFFIXES,
    ours=lambda path, named: is_shell_path(path, named=named),
)


def lint_paths(items: list, jobs: int = 0) -> list:
    """The lint source kind for ``.sh/.bash/.zsh/.md`` files (and ``.txt`` when named)."""
    return textkinds.lint_paths("shell", items, jobs)

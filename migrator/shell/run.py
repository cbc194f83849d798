"""The codemod's side of shell and Markdown files: which files of a run are ours, and one file
read and rewritten in memory (a file that cannot be read or surprises the parser is reported,
and the run goes on)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from migrator.codemod import FileResult
from migrator.diagnostics import Diagnostic, Severity
from migrator.shell import WALKED_SUFFIXES, is_shell_path


# Adobe's hosts and v1 service paths, and v1's distinctive response reads (a polling script of its
# own, handed the status URL, names no host): a file with none of them is not parsed.
PREFILTER = (b"adobe.io", b"psdService/", b"lrService/", b"/sensei/", b"_links", b".outputs[", b"jobID")


def shell_files(paths: Iterable[str]) -> list[str]:
    """Shell and Markdown files of a run: each named one that is ours (suffix, plain text, a
    shebang) and every .sh/.bash/.zsh/.md file a walk finds below each directory."""
    from migrator.files import expand

    found = []
    for raw in paths:
        if os.path.isdir(raw):
            found += [os.path.normpath(p) for p, _ in expand([raw], WALKED_SUFFIXES)]
        elif is_shell_path(raw, named=True):
            found.append(os.path.normpath(raw))
    return list(dict.fromkeys(found))


def may_mention_api(path: str) -> bool:
    """The pre-filter, for the run's count of parsed files (an unreadable file counts: it is reported)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return True
    return any(mark in data for mark in PREFILTER)


def read_and_rewrite(path: str, options=None) -> FileResult:
    from migrator.files import read_error
    from migrator.shell.apply import rewrite_shell_bytes

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, b"", b"", [Diagnostic("PS008", read_error(path, exc), Severity.ERROR, path=path)],
                          failed=True)
    if not any(mark in data for mark in PREFILTER):
        return FileResult(path, data, data)  # the cheap pre-filter: nothing of Adobe's API here
    try:
        return rewrite_shell_bytes(data, path, options)
    except RecursionError:
        message = "nested too deeply to read; left unchanged"
    except Exception as exc:  # noqa: BLE001 - one file's surprise must not end the run
        message = f"internal error on this file, left unchanged ({type(exc).__name__}: {exc}); please report it"
    return FileResult(path, data, data, [Diagnostic("PS715", message, Severity.ERROR, path=path)], failed=True)


def rewrite_all(work: list[tuple[str, object]], jobs: int | None = None) -> list[FileResult]:
    from migrator.workers import map_in_pool

    return list(map_in_pool(read_and_rewrite, work, jobs, per_worker=8))

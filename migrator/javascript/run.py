"""The codemod's side of JavaScript and TypeScript files: which files of a run are ours, and one
file read and rewritten in memory (a file that cannot be read or surprises psmigrate is reported,
and the run goes on)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from migrator.codemod import FileResult
from migrator.diagnostics import Diagnostic, Severity
from migrator.javascript import SUFFIXES, is_js_path
from migrator.javascript.sdk import PACKAGES

# Adobe's hosts and v1 paths, v1's distinctive response reads, the SDKs and psmigrate's own TODO
# comments: a file with none of them is not parsed.
PREFILTER = (b"adobe.io", b"psdService", b"lrService", b"/sensei", b"_links", b".outputs[", b"jobID",
             b"TODO(psmigrate)", *(p.encode() for p in PACKAGES))


def js_files(paths: Iterable[str]) -> list[str]:
    from migrator.files import expand

    found = []
    for raw in paths:
        if os.path.isdir(raw):
            found += [os.path.normpath(p) for p, _ in expand([raw], SUFFIXES) if is_js_path(p)]
        elif is_js_path(raw):
            found.append(os.path.normpath(raw))
    return list(dict.fromkeys(found))


def may_mention_api(path: str) -> bool:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return True
    return any(mark in data for mark in PREFILTER)


def read_and_rewrite(path: str, options=None) -> FileResult:
    from migrator.files import read_error
    from migrator.javascript.apply import rewrite_js_bytes

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, b"", b"", [Diagnostic("PS008", read_error(path, exc), Severity.ERROR, path=path)],
                          failed=True)
    if not any(mark in data for mark in PREFILTER):
        return FileResult(path, data, data)
    try:
        return rewrite_js_bytes(data, path, options)
    except RecursionError:
        message = "nested too deeply to read; left unchanged"
    except Exception as exc:  # noqa: BLE001 - one file's surprise must not end the run
        message = f"internal error on this file, left unchanged ({type(exc).__name__}: {exc}); please report it"
    return FileResult(path, data, data, [Diagnostic("PS715", message, Severity.ERROR, path=path)], failed=True)


def rewrite_all(work: list[tuple[str, object]], jobs: int | None = None) -> list[FileResult]:
    from migrator.workers import map_in_pool

    return list(map_in_pool(read_and_rewrite, work, jobs, per_worker=8))

"""What the source kinds that edit a file by byte ranges share: shell and Markdown
(``migrator/shell/``), JavaScript and TypeScript (``migrator/javascript/``).

Each kind's ``run.py`` defines a ``KIND``: how it rewrites a file's bytes, the codes it changes
itself, its pre-filter and which files of a run are its own. From that this module gives the
codemod its files and results and lint its reports, alike for every kind: ``--fix`` writes the
codemod's rewrite, and what is left is read again from the new text, so a call a person must
still change is reported on this run and every later one.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from typing import TYPE_CHECKING

from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.workers import map_in_pool

if TYPE_CHECKING:  # migrator.codemod imports the kinds' findings, which import this module
    from migrator.codemod import FileResult, Options

MODULES = {"shell": "migrator.shell.run", "javascript": "migrator.javascript.run"}
FILES_PER_WORKER = 8


@dataclass(frozen=True)
class Kind:
    name: str  # a key of MODULES
    rewrite: str  # "module:function" of (data, path, options) → FileResult; loaded only to parse a file
    fixed: frozenset[str]  # the codes whose change the codemod makes itself
    prefilter: tuple[bytes, ...]  # a file holding none of these is not parsed
    walked: tuple[str, ...]  # suffixes a directory walk picks up
    ours: Callable[[str, bool], bool]  # (path, named on the command line) → one of this kind's files


    def rewrite_bytes(self, data: bytes, path: str, options: Options | None) -> FileResult:
        module, function = self.rewrite.split(":")
        return getattr(importlib.import_module(module), function)(data, path, options)


@dataclass
class Edit:
    """Replace ``data[start:end]`` with ``new`` (a change reported as ``code`` on ``line``)."""

    start: int
    end: int
    new: str
    code: str
    line: int


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def apply_edits(data: bytes, edits: list[Edit]) -> bytes:
    """``data`` with every edit made (the same text reached twice, a constant or variable two
    requests use, is edited once)."""
    out, position = [], 0
    for edit in sorted({(e.start, e.end, e.new): e for e in edits}.values(), key=lambda e: (e.start, e.end)):
        if edit.start < position:
            continue
        out.append(data[position:edit.start])
        out.append(edit.new.encode("utf-8"))
        position = edit.end
    out.append(data[position:])
    return b"".join(out)


def not_utf8(path: str, data: bytes, exc: UnicodeDecodeError) -> FileResult:
    """The finding for a file of a byte-range kind that must be UTF-8 and is not: at the byte's
    line and column, as for a JSON file (PS003)."""
    from migrator.codemod import FileResult

    line = data.count(b"\n", 0, exc.start) + 1
    col = len(data[data.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", "replace")) + 1
    message = f"not UTF-8 (byte 0x{data[exc.start]:02x}); psmigrate reads this file as UTF-8"
    return FileResult(path, data, data, [Diagnostic("PS003", message, Severity.ERROR, path=path, line=line, col=col)],
                      failed=True)


def kind(name: str) -> Kind:
    return importlib.import_module(MODULES[name]).KIND


# -- codemod -------------------------------------------------------------------------------------
def files_of(name: str, paths: Iterable[str]) -> list[str]:
    """The kind's files of a run: each named one that is its own, and each file a walk finds
    below each directory."""
    from migrator.files import expand

    of = kind(name)
    found = []
    for raw in paths:
        if os.path.isdir(raw):
            found += [os.path.normpath(p) for p, _ in expand([raw], of.walked) if of.ours(p, False)]
        elif of.ours(raw, True):
            found.append(os.path.normpath(raw))
    return list(dict.fromkeys(found))


def may_mention_api(name: str, path: str) -> bool:
    """The pre-filter, for the run's count of parsed files (an unreadable file counts: it is reported)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return True
    return any(mark in data for mark in kind(name).prefilter)


def read_and_rewrite(path: str, options: Options | None, name: str) -> FileResult:
    """One file read and rewritten in memory; a file that cannot be read or surprises psmigrate
    is reported, and the run goes on."""
    from migrator.codemod import FileResult
    from migrator.files import read_error

    of = kind(name)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, b"", b"", [Diagnostic("PS008", read_error(path, exc), Severity.ERROR, path=path)],
                          failed=True)
    if not any(mark in data for mark in of.prefilter):
        return FileResult(path, data, data)  # the cheap pre-filter: nothing of Adobe's API here
    try:
        return of.rewrite_bytes(data, path, options)
    except RecursionError:
        message = "nested too deeply to read; left unchanged"
    except Exception as exc:  # noqa: BLE001 - one file's surprise must not end the run
        message = f"internal error on this file, left unchanged ({type(exc).__name__}: {exc}); please report it"
    return FileResult(path, data, data, [Diagnostic("PS715", message, Severity.ERROR, path=path)], failed=True)


def rewrite_all(name: str, work: list[tuple[str, Options]], jobs: int | None = None) -> list[FileResult]:
    return list(map_in_pool(read_and_rewrite, [(path, options, name) for path, options in work], jobs,
                            per_worker=FILES_PER_WORKER))


# -- lint ----------------------------------------------------------------------------------------
def lint_paths(name: str, items: list, jobs: int = 0) -> list:
    return list(map_in_pool(lint_path, [(path, options, name) for path, options in items], jobs,
                            per_worker=FILES_PER_WORKER))


def lint_path(path: str, options, name: str):
    from migrator.codemod import Options, is_change
    from migrator.files import unified_diff, write_output
    from migrator.lint.runner import FIX_HINT, FileReport

    of = kind(name)
    codemod_options = Options(disabled=frozenset(code for code in of.fixed if not options.selection.enabled(code)))
    result = read_and_rewrite(path, codemod_options, name)
    # as for JSON: a file that cannot be listed or read is an input error (2), one not UTF-8 a finding (1)
    report = FileReport(path, unreadable=result.failed and any(d.code == "PS008" for d in result.diagnostics))
    diagnostics = result.diagnostics
    if options.fix and result.changed and not result.failed:
        if options.diff:
            report.diff = unified_diff(path, _text(result.before), _text(result.after))
        else:
            try:
                report.changed = write_output(path, result.after, expected=result.before)
            except MigrationError as exc:  # PS010, PS011, PS016
                report.unreadable = True
                report.diagnostics.append(exc.diagnostic().located(path, None, None))
                return report
        report.fixed = sorted({d.code for d in result.diagnostics if is_change(d)})
        report.fixed_count = sum(1 for d in result.diagnostics if is_change(d))
        again = of.rewrite_bytes(result.after, path, codemod_options).diagnostics
        remaining = {(d.code, d.message) for d in again}
        report.notes = [d for d in diagnostics if not is_change(d) and (d.code, d.message) not in remaining
                        and options.selection.enabled(d.code)]
        diagnostics = again
    report.diagnostics += [replace(d, fix=FIX_HINT if is_change(d) and not options.fix else None)
                           for d in diagnostics if options.selection.enabled(d.code)]
    return report


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")

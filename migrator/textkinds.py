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
from migrator.sizecap import DEFAULT_MAX_FILE_SIZE, over_cap
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
    # a module whose `import_stems(data)` names the modules a file imports and `with_importers(candidates,
    # maybe)` confirms which of the files naming a candidate import it: those decide URL pieces the
    # candidates hold, and are parsed, pre-filter or not (None: the run is the candidates)
    widen: str | None = None


    def survey(self, files: Iterable[str]) -> tuple[list[str], frozenset[str]]:
        """(the files the pre-filter lets through, the resolved files of the run that decide
        shared URL pieces), each file read once."""
        widen = importlib.import_module(self.widen) if self.widen else None
        candidates, stems_of = [], {}
        for path in files:
            try:
                data = Path(path).read_bytes()
            except OSError:
                candidates.append(path)  # reported when it is read again
                continue
            if any(mark in data for mark in self.prefilter):
                candidates.append(path)
            elif widen is not None:
                stems = widen.import_stems(data)
                if stems:
                    stems_of[path] = stems
        covered = frozenset(os.path.realpath(f) for f in candidates)
        if widen is not None and stems_of:
            named = {os.path.basename(path).split(".")[0].encode() for path in candidates}
            maybe = [os.path.realpath(path) for path, stems in stems_of.items() if stems & named]
            covered = frozenset(widen.with_importers(covered, maybe)) if maybe else covered
        return candidates, covered

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
    run_files = getattr(options, "run_files", None)
    mentions = any(mark in data for mark in of.prefilter)
    if not mentions and not (run_files and os.path.realpath(path) in run_files):
        return FileResult(path, data, data)  # the cheap pre-filter: nothing of Adobe's API here
    # over max-file-size and naming Adobe's API: reported, not parsed (a file read only because it
    # imports one that does is read whatever its size, as a Python file is)
    too_large = over_cap(path, data, getattr(options, "max_file_size", DEFAULT_MAX_FILE_SIZE)) if mentions else None
    if too_large is not None:
        return FileResult(path, data, data, [too_large])
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
    """Every file planned first (in the pool), then written and read again: a file's plan may
    rely on another file's run to change a URL piece it holds (``javascript/shared.py``), so no
    plan may see a file another plan of the same run already rewrote."""
    candidates, covered = kind(name).survey([path for path, _ in items if path != "-"])
    read = {*candidates, *(path for path, _ in items if os.path.realpath(path) in covered)}
    work = [(path, options, name, covered) for path, options in items if path in read]
    done = iter(map_in_pool(_lint_plan, work, jobs, per_worker=FILES_PER_WORKER))
    # a file the survey found nothing of Adobe's in is not read again
    planned = [next(done) if path in read else _nothing(path) for path, _ in items]
    written = [_lint_write(path, options, name, covered, result)
               for (path, options), result in zip(items, planned)]
    # each rewritten file read again (in the pool) once every file is written
    again = [i for i, ((_, options), result, (_, wrote)) in enumerate(zip(items, planned, written))
             if wrote and options.fix and result.changed and not result.failed]
    read_again = dict(zip(again, map_in_pool(_again, [(items[i][0], items[i][1], name, covered, planned[i])
                                                       for i in again], jobs, per_worker=FILES_PER_WORKER)))
    return [_lint_report(path, options, result, report, read_again.get(i))
            for i, ((path, options), result, report) in enumerate(zip(items, planned, written))]


def _nothing(path: str) -> FileResult:
    from migrator.codemod import FileResult

    return FileResult(path, b"", b"")


def lint_path(path: str, options, name: str, covered: frozenset[str] | None = None):
    result = _lint_plan(path, options, name, covered)
    written = _lint_write(path, options, name, covered, result)
    again = _again(path, options, name, covered, result) \
        if written[1] and options.fix and result.changed and not result.failed else None
    return _lint_report(path, options, result, written, again)


def _codemod_options(options, name: str, covered):
    from migrator.codemod import Options

    return Options(disabled=frozenset(code for code in kind(name).fixed if not options.selection.enabled(code)),
                   unsafe_fixes=getattr(options, "unsafe_fixes", False), run_files=covered,
                   max_file_size=getattr(options, "max_file_size", DEFAULT_MAX_FILE_SIZE))


def _lint_plan(path: str, options, name: str, covered: frozenset[str] | None) -> FileResult:
    return read_and_rewrite(path, _codemod_options(options, name, covered), name)


def _lint_write(path: str, options, name: str, covered, result: FileResult):
    """The report with what --fix wrote (or --diff would), before any file is read again."""
    from migrator.files import unified_diff, write_output
    from migrator.lint.runner import FileReport

    # as for JSON: a file that cannot be listed or read is an input error (2), one not UTF-8 a finding (1)
    report = FileReport(path, unreadable=result.failed and any(d.code == "PS008" for d in result.diagnostics))
    if options.fix and result.changed and not result.failed:
        if options.diff:
            report.diff = unified_diff(path, _text(result.before), _text(result.after))
        else:
            try:
                report.changed = write_output(path, result.after, expected=result.before)
            except MigrationError as exc:  # PS010, PS011, PS016
                report.unreadable = True
                report.diagnostics.append(exc.diagnostic().located(path, None, None))
                return report, False
    return report, True


def _again(path: str, options, name: str, covered, result: FileResult) -> list[Diagnostic]:
    """What the fixed text still holds: a call a person must change stays reported."""
    return kind(name).rewrite_bytes(result.after, path, _codemod_options(options, name, covered)).diagnostics


def _lint_report(path: str, options, result: FileResult, written, again: list[Diagnostic] | None):
    from migrator.codemod import is_change
    from migrator.lint.runner import FIX_HINT

    report, wrote = written
    if not wrote:
        return report
    diagnostics = result.diagnostics
    if again is not None:
        report.fixed = sorted({d.code for d in result.diagnostics if is_change(d)})
        report.fixed_count = sum(1 for d in result.diagnostics if is_change(d))
        remaining = {(d.code, d.message) for d in again}
        report.notes = [d for d in diagnostics if not is_change(d) and (d.code, d.message) not in remaining
                        and options.selection.enabled(d.code)]
        diagnostics = again
    report.diagnostics += [replace(d, fix=FIX_HINT if is_change(d) and not options.fix else None)
                           for d in diagnostics if options.selection.enabled(d.code)]
    return report


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")

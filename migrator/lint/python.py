"""Lint Python files with the codemod's own detection: every v1 call site it would rewrite is a
fixable finding (PS720 body, PS721 URL, PS706 response read), everything it would only report is
a finding as in ``psmigrate codemod``. ``--fix`` writes the codemod's rewrite. ``# noqa`` is
honoured by the codemod itself (``migrator.noqa``), so a silenced line is neither reported nor
rewritten."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from migrator.codemod import FileResult, Options, is_change, rewrite_bytes
from migrator.codemod.findings import FIXED_CODES
from migrator.codemod.prefilter import may_call_api
from migrator.codemod.runner import rewrite_each, select_candidates, warmed_beside
from migrator.diagnostics import MigrationError
from migrator.files import python_text, unified_diff, write_output
from migrator.lint.runner import FIX_HINT, FileReport, LintOptions


def lint_python_paths(items: list[tuple[str, LintOptions]], jobs: int = 0) -> list[FileReport]:
    """Reports in input order. Files named on the command line are always parsed; files found by
    a walk (or named with ``--force-exclude``) only when the pre-filter passes them; libcst is
    loaded only then."""
    paths = [path for path, _ in items]
    named = [path for path, options in items if options.explicit]
    with warmed_beside(paths, named, jobs) as beside:
        candidates = set(select_candidates(paths, named, beside.start))
        if not candidates:
            return [FileReport(path) for path in paths]
        # The run knows every file it covers: a URL constant defined in a file it does not cover is
        # reported (PS714) rather than half-migrated, and a host constant is judged by the requests of
        # every file of the run that imports it; lint and --fix see the same.
        covered = frozenset(str(Path(p).resolve()) for p in candidates)
        codemod_options = {path: Options(run_files=covered, disabled=_disabled(options),
                                         max_file_size=options.max_file_size)
                           for path, options in items if path in candidates}
        results = {result.path: result for result in rewrite_each(list(codemod_options.items()), jobs, warm=beside.process)}
    reports = [_report(results[path], options) if path in results else FileReport(path) for path, options in items]
    # What is left is read once every file is written: a file's URL constants may live in another
    # file this run has just fixed, and the parse cached from before the fix would be stale.
    _forget_parsed_siblings()
    for report, (path, options) in zip(reports, items):
        if path in results:
            _read_again(report, results[path], options, codemod_options[path])
    return reports


def _forget_parsed_siblings() -> None:
    """Sibling parses are cached per file version (``resolve._load``, keyed by mtime and size);
    what a file says about v1 is cached by path alone, and what a file's requests need of other
    files' pieces (hosts, shared pieces) by its own version alone, so those are forgotten here."""
    import sys

    for module_name, function in (("migrator.codemod.imports", "_file_mentions_v1"),
                                  ("migrator.codemod.hosts", "_uses_of"),
                                  ("migrator.codemod.shared_pieces", "_wanted_by"),
                                  ("migrator.codemod.hosts", "import_index")):
        module = sys.modules.get(module_name)
        if module is not None:
            getattr(module, function).cache_clear()


def _disabled(options: LintOptions) -> frozenset[str]:
    """Fixable codes the selection turns off: their changes are not made either."""
    return frozenset(code for code in FIXED_CODES if not options.selection.enabled(code))


def _report(result: FileResult, options: LintOptions) -> FileReport:
    """The report before the re-reading: what --fix wrote, or the findings as they are."""
    report = FileReport(result.path, unreadable=any(d.code == "PS008" for d in result.diagnostics))
    if options.fix and result.changed and not result.failed:
        if options.diff:
            report.diff = unified_diff(result.path, python_text(result.before), python_text(result.after))
        else:
            try:
                report.changed = write_output(result.path, result.after, expected=result.before)
            except MigrationError as exc:  # PS010, PS011, PS016
                report.unreadable = True
                report.diagnostics.append(exc.diagnostic().located(result.path, None, None))
                return report
        report.fixed = sorted({d.code for d in result.diagnostics if is_change(d)})
        report.fixed_count = sum(1 for d in result.diagnostics if is_change(d))
    return report


def _read_again(report: FileReport, result: FileResult, options: LintOptions, codemod_options: Options) -> None:
    diagnostics = result.diagnostics
    if report.unreadable and report.diagnostics:
        return
    if report.fixed:
        # Positions move with the rewrite: what is left is read again from the new text. What the
        # conversion itself said (a field with no v2 home, say) is only in the first reading.
        diagnostics = []
        findings = any(not is_change(d) for d in result.diagnostics)  # they may be left: look again
        if options.explicit or findings or may_call_api(result.after):  # what the next run would parse
            diagnostics = rewrite_bytes(result.after, result.path, codemod_options).diagnostics
        remaining = {(d.code, d.message) for d in diagnostics}
        report.notes = [d for d in result.diagnostics
                        if not is_change(d) and (d.code, d.message) not in remaining
                        and options.selection.enabled(d.code)]
    # "fixable" only where --fix makes the change: not after it ran, not where the codemod does not
    report.diagnostics += [replace(d, fix=FIX_HINT if is_change(d) and not options.fix else None)
                           for d in diagnostics if options.selection.enabled(d.code)]

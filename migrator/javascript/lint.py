"""The lint source kind for JavaScript and TypeScript: every change the codemod would make is a
fixable finding (PS901 URL, PS902 body, PS903 response read), every finding as in ``psmigrate codemod``;
``--fix`` writes the codemod's rewrite, and what is left is read again from the new text, so a
call a person must still change is reported on this run and every later one."""

from __future__ import annotations

from dataclasses import replace


from migrator.codemod import FileResult, Options, is_change
from migrator.diagnostics import MigrationError
from migrator.files import unified_diff, write_output
from migrator.lint.runner import FIX_HINT, FileReport, LintOptions
from migrator.javascript.findings import JS_FIXED
from migrator.workers import map_in_pool

FILES_PER_WORKER = 8


def lint_js_paths(items: list[tuple[str, LintOptions]], jobs: int = 0) -> list[FileReport]:
    return list(map_in_pool(lint_js_path, items, jobs, per_worker=FILES_PER_WORKER))


def lint_js_path(path: str, options: LintOptions) -> FileReport:
    from migrator.javascript.run import read_and_rewrite

    disabled = frozenset(code for code in JS_FIXED if not options.selection.enabled(code))
    codemod_options = Options(disabled=disabled)
    result = read_and_rewrite(path, codemod_options)
    report = FileReport(path, unreadable=result.failed and any(d.code in ("PS008", "PS003") for d in result.diagnostics))
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
        again = _again(result.after, path, codemod_options)
        remaining = {(d.code, d.message) for d in again}
        report.notes = [d for d in diagnostics if not is_change(d) and (d.code, d.message) not in remaining
                        and options.selection.enabled(d.code)]
        diagnostics = again
    report.diagnostics += [replace(d, fix=FIX_HINT if is_change(d) and not options.fix else None)
                           for d in diagnostics if options.selection.enabled(d.code)]
    return report


def _again(data: bytes, path: str, options: Options) -> list:
    from migrator.javascript.apply import rewrite_js_bytes

    return rewrite_js_bytes(data, path, options).diagnostics


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")

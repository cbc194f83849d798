"""One JavaScript or TypeScript file in memory: planned (``rewrite.Planner``), the edits applied
by byte range, the result re-parsed. Everything outside the edits stays byte-identical; a result
that parses worse than the input is refused (PS910) and the file left as it was."""

from __future__ import annotations

from migrator.codemod import FileResult
from migrator.diagnostics import Diagnostic, Severity
from migrator.javascript.parse import parse
from migrator.javascript.rewrite import Planner
from migrator.textkinds import apply_edits
from migrator.treesitter import forget


def rewrite_js_bytes(data: bytes, path: str, options=None) -> FileResult:
    disabled = getattr(options, "disabled", frozenset()) or frozenset()
    add_todos = bool(getattr(options, "add_todos", False))
    unsafe = bool(getattr(options, "unsafe_fixes", False))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from migrator.textkinds import not_utf8

        return not_utf8(path, data, exc)
    real = path if path not in ("-", "") else None  # where sibling modules are looked for
    planner = Planner(data, path, disabled, add_todos, real, unsafe, getattr(options, "run_files", None))
    plan = planner.run()
    errors_before = planner.root.has_error
    forget(planner.root)  # its tree and nodes are freed before the result is parsed
    del planner
    diagnostics = [d.located(path, d.line, d.col) for d in plan.diagnostics]
    after = apply_edits(data, plan.edits)
    if plan.edits and _errors(after, path) > errors_before:
        diagnostics = [d for d in diagnostics if d.fix is None]
        diagnostics.append(Diagnostic("PS910", "psmigrate's rewrite of this file would not parse; left unchanged "
                                      "(please report it)", Severity.ERROR, path=path, line=1, col=1))
        after = data
    diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
    return FileResult(path, data, after, diagnostics)


def _errors(data: bytes, path: str) -> bool:
    root = parse(data, path).root_node
    forget(root)  # only its error count is wanted
    return root.has_error

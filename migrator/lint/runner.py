"""Lint one file: read it, run the catalog, optionally fix and write back.

Files are linted by *source kind*: :data:`SOURCE_KINDS` maps a file suffix to a function
``(items, jobs) -> list[FileReport]`` taking ``(path, LintOptions)`` pairs, named
``"module:function"`` so it is imported only when a file of that kind turns up (as
``cli.COMMANDS`` does for commands). JSON payloads are the kind built here; Python files are
``lint/python.py``, on top of the codemod.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from migrator.diagnostics import Diagnostic, InputError, MigrationError
from migrator.files import unified_diff, write_output
from migrator.lint import fixes
from migrator.lint.catalog import Selection, all_rules, get
from migrator.lint.payload import Payload, infer_endpoint, is_v1_body, looks_like_payload
from migrator.source import SourceText

FIX_HINT = "psmigrate lint --fix"
MAX_FIX_ROUNDS = 4  # a v1 body converts, then its v2 form may have renames left; never loops forever


@dataclass(frozen=True)
class LintOptions:
    selection: Selection = Selection()
    endpoint: str | None = None  # a v2 path; None: inferred per body
    v1_endpoint: str | None = None  # when --endpoint named a v1 endpoint: what --fix converts from
    fix: bool = False
    explicit: bool = True  # named on the command line (a directory walk skips non-payload JSON)
    diff: bool = False  # with fix: keep the fixed text as a diff, write nothing


@dataclass
class FileReport:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)  # what --fix did
    fixed: list[str] = field(default_factory=list)  # codes --fix applied
    fixed_count: int = 0  # findings --fix resolved
    changed: bool = False
    skipped: bool = False  # JSON that is not a request body, found by a directory walk
    unreadable: bool = False
    output: str | None = None  # fixed text for standard input
    diff: str | None = None  # what --fix would change, with --diff


def lint_body(body: Any, endpoint: str | None = None, selection: Selection = Selection()) -> list[Diagnostic]:
    """Findings for one parsed body, with pointers but no file positions."""
    v1 = is_v1_body(body)
    if isinstance(body, dict):
        payload, rules = Payload(body, None if v1 else endpoint or infer_endpoint(body)), all_rules()
    else:  # only an object can be a request body; anything else gets the one finding that says so
        payload, rules = Payload(body, None), [get("PS698")]
    found = []
    for rule in rules:
        if rule.v1_body != v1 or not rule.applies_to(payload.endpoint):
            continue
        for pointer, message in rule.check(payload):
            payload.findings.append((rule.code, pointer))
            if selection.enabled(rule.code):
                found.append(Diagnostic(rule.code, message, rule.severity, pointer,
                                        fix=FIX_HINT if rule.fixable else None))
    return found


def fix_body(body: Any, endpoint: str | None, selection: Selection,
             v1_endpoint: str | None = None) -> tuple[Any, fixes.FixResult]:
    """Apply the safe fixes until nothing more changes; return the body and what happened."""
    total = fixes.FixResult(body)
    for _ in range(MAX_FIX_ROUNDS):
        fixable = [get(d.code) for d in lint_body(body, endpoint, selection) if d.fix]
        if not total.found:
            total.found = [r.code for r in fixable]
        rules = list({r.code: r for r in fixable if r.code not in total.failed}.values())
        if not rules:
            break
        before = copy.deepcopy(body)
        result = fixes.apply(body, rules, v1_endpoint)
        body = result.body
        total.applied += [c for c in result.applied if c not in total.applied]
        total.failed.update(result.failed)
        total.notes += result.notes
        if body == before:
            break
    total.body = body
    return body, total


def lint_json_file(path: str, options: LintOptions) -> FileReport:
    shown = "<stdin>" if path == "-" else path
    report = FileReport(shown)
    try:
        source = SourceText.read(path)
        body = source.parse()
    except InputError as exc:
        report.diagnostics.append(exc.diagnostic().located(shown, exc.line, exc.col))
        report.unreadable = exc.code == "PS008"
        return report
    if not options.explicit and not looks_like_payload(body):
        report.skipped = True
        return report
    failed: dict[str, str] = {}
    if options.fix:
        original = copy.deepcopy(body)
        body, result = fix_body(body, options.endpoint, options.selection, options.v1_endpoint)
        failed = result.failed
        report.fixed = result.applied
        report.notes = [_place(d, shown, source) for d in result.notes]
        if body != original:
            source = _write(path, source, body, report, options.diff)
        elif path == "-" and not options.diff:
            report.output = source.text  # a filter passes its input through even when it is clean
    for diagnostic in lint_body(body, options.endpoint, options.selection):
        if diagnostic.code in failed:
            diagnostic = Diagnostic(diagnostic.code, f"{diagnostic.message} (--fix could not apply: "
                                    f"{failed[diagnostic.code]})", diagnostic.severity, diagnostic.pointer)
        elif options.fix:  # what --fix left is not "fixable with --fix"
            diagnostic = replace(diagnostic, fix=None)
        report.diagnostics.append(_place(diagnostic, shown, source))
    report.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
    if options.fix:
        left = Counter(d.code for d in report.diagnostics)
        report.fixed_count = sum((Counter(result.found) - left).values())
    return report


def _write(path: str, source: SourceText, body: Any, report: FileReport, diff: bool) -> SourceText:
    text = source.render(body)
    data = source.encode(text)
    if diff:
        report.diff = unified_diff(report.path, source.text, text)
    elif path == "-":
        report.output = text
    else:
        report.changed = write_output(path, data)
    return SourceText.from_bytes(path, data)


def _place(diagnostic: Diagnostic, path: str, source: SourceText) -> Diagnostic:
    if diagnostic.line is not None:
        return diagnostic.located(path, diagnostic.line, diagnostic.col)
    line, col = source.locate(diagnostic.pointer)
    return diagnostic.located(path, line, col)


Items = list[tuple[str, LintOptions]]
SourceKind = Callable[[Items, int], list[FileReport]]
SOURCE_KINDS: dict[str, str] = {
    ".json": "migrator.lint.runner:lint_json_paths",
    ".py": "migrator.lint.python:lint_python_paths",
}


def kind_of(path: str) -> str:
    """The suffix in SOURCE_KINDS that ``path`` is linted as; JSON for anything else (standard input)."""
    return next((suffix for suffix in SOURCE_KINDS if path != "-" and path.endswith(suffix)), ".json")


def source_kind(suffix: str) -> SourceKind:
    import importlib

    module, name = SOURCE_KINDS[suffix].split(":")
    return getattr(importlib.import_module(module), name)


def lint_paths(items: Items, jobs: int = 0) -> list[FileReport]:
    """Lint files of every kind; reports come back in input order."""
    by_kind: dict[str, list[int]] = {}
    for index, (path, _) in enumerate(items):
        by_kind.setdefault(kind_of(path), []).append(index)
    reports: list[FileReport | None] = [None] * len(items)
    for suffix, indexes in by_kind.items():
        for index, report in zip(indexes, source_kind(suffix)([items[i] for i in indexes], jobs)):
            reports[index] = report
    return reports  # type: ignore[return-value]


MIN_FILES_PER_WORKER = 50  # below this, starting workers costs more than it saves


def lint_json_paths(items: Items, jobs: int = 0) -> list[FileReport]:
    """Lint JSON files, in ``jobs`` worker processes (0: one per CPU) when there are enough of
    them; reports come back in input order. Workers are forked after the rules, schemas and
    rule files are loaded once here, so none of them pays for loading again."""
    jobs = jobs or _cpus()
    jobs = min(jobs, len(items) // MIN_FILES_PER_WORKER)
    if jobs <= 1 or any(path == "-" for path, _ in items) or not _can_fork():
        return [lint_json_path(path, options) for path, options in items]
    _warm()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(lint_json_path, *zip(*items), chunksize=max(1, len(items) // (jobs * 8))))


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _warm() -> None:
    from migrator import rulebook
    from migrator.lint import rules_schema
    from migrator.lint.payload import schema_for, schema_index

    rulebook.families()
    for endpoint in schema_index():
        rules_schema.validator(schema_for(endpoint))


def lint_json_path(path: str, options: LintOptions) -> FileReport:
    try:
        return lint_json_file(path, options)
    except MigrationError as exc:  # e.g. the fixed file could not be written
        report = FileReport("<stdin>" if path == "-" else path, unreadable=True)
        report.diagnostics.append(exc.diagnostic().located(report.path, None, None))
        return report

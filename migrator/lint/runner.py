"""Lint one file: read it, run the catalog, optionally fix and write back.

Files are linted by *source kind*: :data:`SOURCE_KINDS` maps a file suffix to a function
``(items, jobs) -> reports`` taking ``(path, LintOptions)`` pairs, named
``"module:function"`` so it is imported only when a file of that kind turns up (as
``cli.COMMANDS`` does for commands). JSON payloads are the kind built here; Python files are
``lint/python.py``, on top of the codemod.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from migrator.diagnostics import Diagnostic, InputError, MigrationError
from migrator.files import unified_diff, write_output
from migrator.lint.catalog import Selection, all_rules, get
from migrator.sizecap import DEFAULT_MAX_FILE_SIZE
from migrator.lint.payload import Payload, infer_endpoint, is_v1_body, looks_like_payload, schema_for
from migrator.source import SourceText
from migrator.workers import map_in_pool

if TYPE_CHECKING:
    from migrator.lint import fixes

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
    unsafe_fixes: bool = False  # --unsafe-fixes: the source kinds' unsafe fixes count as fixes
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE  # a larger source file is PS018 (migrator/sizecap.py)


@dataclass(eq=False)
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
    from migrator.lint import fixes  # loaded for --fix only

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
        refused = _invalid_fix(original, body, options.endpoint) if body != original else None
        if refused is not None:  # leave the file as it was; its findings stay, saying why
            body = original
            failed = {**{code: refused for code in result.applied}, **failed}
            result.applied, result.notes = [], []
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


def _invalid_fix(original: Any, fixed: Any, endpoint: str | None) -> str | None:
    """Why the fixed body must not be written, or None. ``--fix`` writes a body only when it is
    valid v2 for its endpoint, or (for a body that was already v2) has no schema problem the
    original did not have: a partial fix that still fails the schema is no fix."""
    from migrator import schemas

    endpoint = endpoint or infer_endpoint(fixed)
    if endpoint is None:
        return "the fixed body would fit no v2 endpoint"
    problems = schemas.errors(schema_for(endpoint), fixed)
    if not problems:
        return None
    if not is_v1_body(original) and set(problems) <= set(schemas.errors(schema_for(endpoint), original)):
        return None
    return f"the fixed body would not be valid v2 ({problems[0][1]}); the file is left as it was"


def _write(path: str, source: SourceText, body: Any, report: FileReport, diff: bool) -> SourceText:
    text = source.render(body)
    data = source.encode(text)
    if diff:
        report.diff = unified_diff(report.path, source.text, text)
    elif path == "-":
        report.output = text
    else:
        report.changed = write_output(path, data, expected=source.encode(source.text))
    return SourceText.from_bytes(path, data)


def _place(diagnostic: Diagnostic, path: str, source: SourceText) -> Diagnostic:
    if diagnostic.line is not None:
        return diagnostic.located(path, diagnostic.line, diagnostic.col)
    line, col = source.locate(diagnostic.pointer)
    return diagnostic.located(path, line, col)


Items = list[tuple[str, LintOptions]]
SourceKind = Callable[[Items, int], Iterable[FileReport]]
SOURCE_KINDS: dict[str, str] = {
    ".json": "migrator.lint.runner:lint_json_paths",
    ".py": "migrator.lint.python:lint_python_paths",
    **dict.fromkeys((".sh", ".bash", ".zsh", ".md", ".txt"), "migrator.shell.run:lint_paths"),
    **dict.fromkeys((".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts"),
                    "migrator.javascript.run:lint_paths"),
}
NAMED_ONLY = (".txt",)  # plain text is read as shell when named; a directory walk leaves it alone
SHELL = ".sh"
STREAMED = ".json"  # the kind whose reports are yielded one by one; the others' come as a batch


def kind_of(path: str) -> str:
    """The suffix in SOURCE_KINDS that ``path`` is linted as; JSON for anything else (standard input),
    but shell for a file without a suffix that starts with a shell shebang."""
    found = next((suffix for suffix in SOURCE_KINDS if path != "-" and path.endswith(suffix)), None)
    if found is None:
        from migrator.shell import is_shell_path

        return SHELL if is_shell_path(path, named=True) else ".json"
    return found


def source_kind(suffix: str) -> SourceKind:
    import importlib

    module, name = SOURCE_KINDS[suffix].split(":")
    return getattr(importlib.import_module(module), name)


def iter_lint_paths(items: Items, jobs: int = 0) -> Iterator[FileReport]:
    """Lint files of every kind; reports come in input order, JSON ones as each is done, so a
    caller can print each and let it go (memory stays flat however many files). Python files are
    linted first, as one batch: the codemod follows URL constants across them."""
    by_kind: dict[str, list[int]] = {}
    for index, (path, _) in enumerate(items):
        by_kind.setdefault(kind_of(path), []).append(index)
    batched: dict[int, FileReport] = {}
    done: set[str] = set()  # several suffixes share one kind: its files go as one batch
    for suffix, indexes in by_kind.items():
        if suffix != STREAMED and SOURCE_KINDS[suffix] not in done:
            done.add(SOURCE_KINDS[suffix])
            indexes = [i for s, group in by_kind.items() if SOURCE_KINDS[s] == SOURCE_KINDS[suffix] for i in group]
            batched.update(zip(indexes, source_kind(suffix)([items[i] for i in indexes], jobs)))
    streamed = iter(source_kind(STREAMED)([items[i] for i in by_kind.get(STREAMED, [])], jobs))
    for index in range(len(items)):
        yield batched.pop(index) if index in batched else next(streamed)


def lint_paths(items: Items, jobs: int = 0) -> list[FileReport]:
    return list(iter_lint_paths(items, jobs))


FILES_PER_WORKER = 50  # JSON files: below this many per worker, starting one costs more than it saves


def lint_json_paths(items: Items, jobs: int = 0) -> Iterator[FileReport]:
    """Lint JSON files in worker processes (``-j``, :mod:`migrator.workers`); reports in input
    order. Standard input is read here."""
    if any(path == "-" for path, _ in items):
        jobs = 1
    return map_in_pool(lint_json_path, items, jobs, per_worker=FILES_PER_WORKER, warm=_warm)


def _warm() -> None:
    from migrator import recognise, rulebook, schemas
    from migrator.lint.payload import schema_for, schema_index

    rulebook.families()
    recognise.candidates({})
    for endpoint in schema_index():
        schemas.is_valid(schema_for(endpoint), {})  # compiles the validator


def lint_json_path(path: str, options: LintOptions) -> FileReport:
    try:
        return lint_json_file(path, options)
    except MigrationError as exc:  # e.g. the fixed file could not be written
        report = FileReport("<stdin>" if path == "-" else path, unreadable=True)
        report.diagnostics.append(exc.diagnostic().located(report.path, None, None))
        return report

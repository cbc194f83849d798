"""``psmigrate codemod``: rewrite Python code that calls v1 endpoints.

``rewrite_bytes`` does one file in memory; ``runner.run`` walks trees in parallel;
``runner.rewrite_each`` is what ``psmigrate lint`` uses for Python files (``migrator/lint/python.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from migrator.codemod.findings import FIXED_CODES
from migrator.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Options:
    """How to rewrite; light to import, so a run with nothing to parse never loads libcst."""

    add_todos: bool = False
    run_files: frozenset[str] | None = None  # files this run covers; None: any file
    disabled: frozenset[str] = frozenset()  # codes neither reported nor applied (lint's --ignore)


@dataclass
class FileResult:
    path: str
    before: bytes
    after: bytes
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False

    @property
    def changed(self) -> bool:
        return self.after != self.before

    @property
    def findings(self) -> list[Diagnostic]:
        """What a person must look at: everything except the changes the codemod makes itself."""
        return [d for d in self.diagnostics if d.code not in FIXED_CODES]

    @property
    def blocking(self) -> list[Diagnostic]:
        return [d for d in self.findings if d.severity is not Severity.INFO]


def rewrite_bytes(data: bytes, path: str, options=None) -> FileResult:
    import libcst as cst

    from migrator.codemod.findings import CODES
    from migrator.codemod.source import SourceModule
    from migrator.codemod.apply import Apply, add_json_import
    from migrator.codemod.rewrite import Planner

    options = options or Options()
    try:
        module = cst.parse_module(data)
    except cst.ParserSyntaxError as exc:
        message = f"{CODES['PS709']}: {' '.join(exc.message.split())}"
        return FileResult(path, data, data, [Diagnostic("PS709", message, Severity.ERROR, path=path,
                                                        line=exc.raw_line, col=exc.raw_column + 1)], failed=True)
    except (UnicodeDecodeError, LookupError) as exc:
        return FileResult(path, data, data, [Diagnostic("PS709", f"{CODES['PS709']}: cannot decode: {exc}",
                                                        Severity.ERROR, path=path)], failed=True)
    plan = Planner(SourceModule(module, path), options).run()
    if not plan.replacements and not plan.todos:
        return FileResult(path, data, data, plan.diagnostics)
    new_module = module.visit(Apply(plan))
    for name in sorted(plan.json_names):
        new_module = add_json_import(new_module, name)
    after = new_module.bytes
    if after != data:
        try:
            cst.parse_module(after)
        except cst.ParserSyntaxError as exc:
            problem = Diagnostic("PS715", f"{CODES['PS715']} ({exc.message})", Severity.ERROR, path=path, line=1, col=1)
            return FileResult(path, data, data, [*plan.diagnostics, problem], failed=True)
    return FileResult(path, data, after, plan.diagnostics)


def rewrite_file(path: str, options=None) -> FileResult:
    return rewrite_bytes(Path(path).read_bytes(), path, options)

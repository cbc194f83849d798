"""``psmigrate codemod``: rewrite Python code that calls v1 endpoints.

``rewrite_bytes`` does one file in memory; ``runner.run`` walks trees in parallel;
``runner.rewrite_each`` is what ``psmigrate lint`` uses for Python files (``migrator/lint/python.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from migrator.codemod.findings import FIXED_CODES
from migrator.diagnostics import Diagnostic, Severity
from migrator.javascript.findings import JS_FIXED
from migrator.shell.findings import SHELL_FIXED
from migrator.sizecap import DEFAULT_MAX_FILE_SIZE


@dataclass(frozen=True)
class Options:
    """How to rewrite; light to import, so a run with nothing to parse never loads libcst."""

    add_todos: bool = False
    run_files: frozenset[str] | None = None  # files this run covers; None: any file
    disabled: frozenset[str] = frozenset()  # codes neither reported nor applied (lint's --ignore)
    unsafe_fixes: bool = False  # also apply the fixes that may change behaviour (ruff's --unsafe-fixes)
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE  # a larger file is PS018, not parsed (migrator/sizecap.py)


UNPARSED = frozenset({"PS008", "PS018"})


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
    def parsed(self) -> bool:
        """False for a file left unread (PS008) or over max-file-size (PS018): never parsed."""
        return not any(d.code in UNPARSED for d in self.diagnostics)

    @property
    def findings(self) -> list[Diagnostic]:
        """What a person must look at: everything except the changes the codemod makes itself (a
        fixable code it does not apply, kept by ``# noqa`` on another line, has no ``fix``)."""
        return [d for d in self.diagnostics if not is_change(d)]

    @property
    def blocking(self) -> list[Diagnostic]:
        return [d for d in self.findings if d.severity is not Severity.INFO]


def is_change(diagnostic: Diagnostic) -> bool:
    """A change the codemod makes (and ``lint --fix`` applies), rather than a finding."""
    return (diagnostic.code in FIXED_CODES or diagnostic.code in SHELL_FIXED
            or diagnostic.code in JS_FIXED) and diagnostic.fix is not None


def rewrite_bytes(data: bytes, path: str, options=None) -> FileResult:
    import libcst as cst

    from migrator.codemod.findings import CODES
    from migrator.codemod.source import SourceModule
    from migrator.codemod import apply as apply_module
    from migrator.codemod.apply import add_json_import, apply, splice
    from migrator.codemod.rewrite import Planner

    from migrator.codemod import guard

    options = options or Options()

    def unparsable(message: str, line: int | None = None, col: int | None = None) -> FileResult:
        return FileResult(path, data, data, [Diagnostic("PS709", f"{CODES['PS709']}: {message}", Severity.ERROR,
                                                        path=path, line=line, col=col)], failed=True)

    verdict = guard.check(data)  # libcst's native parser must never see what would crash it
    if verdict.hazard is not None:
        return unparsable(verdict.hazard.message, verdict.hazard.line, verdict.hazard.col)
    try:
        module, footer = _parse(data)
    except cst.ParserSyntaxError as exc:
        python = verdict.syntax_error
        if python is not None and python.lineno is not None:  # CPython says where a person looks (print "x")
            return unparsable(python.msg, python.lineno, python.offset)
        message = _ERROR_AT.sub("", " ".join(exc.message.split()))  # its L:C is 0-based; ours is not
        return unparsable(message, exc.raw_line, exc.raw_column + 1)
    except (UnicodeDecodeError, LookupError, SyntaxError) as exc:  # SyntaxError: an unknown coding cookie
        return unparsable(f"cannot decode: {exc}", *_cookie_position(data))
    source = SourceModule(module, path, data)
    plan = Planner(source, options).run()
    if not plan.replacements and not plan.todos:
        return FileResult(path, data, data, plan.diagnostics)
    code = splice(source, plan)
    if code is None or apply_module.VERIFY:
        new_module = apply(module, plan, source.parents)
        for name in sorted(plan.json_names):
            new_module = add_json_import(new_module, name)
        assert code is None or code == new_module.code, (path, code, new_module.code)
        code = new_module.code
    after = code.encode(module.encoding) + footer
    if after != data and not (verdict.syntax_error is None and _python_parses(after)):
        try:  # libcst's parser has the last word where Python's says no or could not judge the input
            cst.parse_module(after)
        except cst.ParserSyntaxError as exc:
            problem = Diagnostic("PS715", f"{CODES['PS715']} ({exc.message})", Severity.ERROR, path=path, line=1, col=1)
            return FileResult(path, data, data, [*plan.diagnostics, problem], failed=True)
    return FileResult(path, data, after, plan.diagnostics)


def _parse(data: bytes):
    """The parsed file without its footer (:func:`split_footer`), and the footer."""
    import libcst as cst

    body, footer = split_footer(data)
    if footer:
        try:
            return cst.parse_module(body), footer
        except cst.ParserSyntaxError:
            pass  # a line taken for a comment is inside a string or after a backslash: parse it all
    return cst.parse_module(data), b""


def split_footer(data: bytes) -> tuple[bytes, bytes]:
    """The file without its trailing lines that hold no code (blank, whitespace or comments
    only), and those lines. libcst does not write such lines back as they were (``"x = 1\n\n
    \n"`` comes back without its blank line), so the codemod parses the file without them and
    puts them back byte for byte: a rewrite never touches them."""
    end = len(data)
    while end:
        start = data.rfind(b"\n", 0, end - 1) + 1 if end > 1 else 0
        line = data[start:end].strip()
        if line and not line.startswith(b"#"):
            break
        end = start
    return data[:end], data[end:]


def _python_parses(data: bytes) -> bool:
    """Whether CPython's parser accepts the rewritten file: the check that it still parses, for a
    file whose input it accepted (``guard``), at a third of the cost of parsing it with libcst."""
    import ast
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning on a user's invalid escape is not ours to print
        try:
            ast.parse(data)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True


_ERROR_AT = re.compile(r"^parser error: error at \d+:\d+: ")
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")  # PEP 263


def _cookie_position(data: bytes) -> tuple[int | None, int | None]:
    """line:col of the encoding a PEP 263 comment names (first or second line), if there is one."""
    for number, line in enumerate(data.splitlines()[:2], 1):
        match = _COOKIE.match(line)
        if match:
            return number, match.start(1) + 1
    return None, None


def rewrite_file(path: str, options=None) -> FileResult:
    return rewrite_bytes(Path(path).read_bytes(), path, options)

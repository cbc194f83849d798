"""Diagnostics shared by every command: what went wrong or changed, and where. Printed text is
redacted where it leaves the process (``migrator.output``), whatever the format."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    severity: Severity = Severity.WARNING
    pointer: str = ""
    path: str | None = None
    line: int | None = None
    col: int | None = None
    fix: str | None = None

    def located(self, path: str | None, line: int | None, col: int | None) -> Diagnostic:
        return replace(self, path=path, line=line, col=col)

    def render_text(self) -> str:
        where = self.path or "-"
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        pointer = f" [{self.pointer}]" if self.pointer else ""
        fix = f" (fix: {self.fix})" if self.fix else ""
        return f"{where}: {self.code} {self.message}{pointer}{fix}"

    def to_json(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def render(diagnostics: list[Diagnostic], output_format: str) -> str:
    if output_format == "json":
        return json.dumps([d.to_json() for d in diagnostics], indent=2) + "\n"
    return "".join(d.render_text() + "\n" for d in diagnostics)


class MigrationError(Exception):
    """A body that cannot be migrated. Carries a stable code; nothing is written."""

    def __init__(self, code: str, message: str, pointer: str = "", candidates: list[str] | None = None):
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message
        self.pointer = pointer
        self.candidates = candidates or []

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.code, self.message, Severity.ERROR, self.pointer)


class InputError(MigrationError):
    """The input itself is unusable: unreadable, not UTF-8, empty, malformed JSON."""

    def __init__(self, code: str, message: str, line: int | None = None, col: int | None = None, pointer: str = ""):
        super().__init__(code, message, pointer)
        self.line = line
        self.col = col

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.code, self.message, Severity.ERROR, self.pointer, line=self.line, col=self.col)

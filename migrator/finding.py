"""A code that a source kind reports (Python, shell, JavaScript), with its own examples, as Fixit's
rules carry VALID/INVALID: the suite runs every example (``tests/*/test_finding_examples.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.diagnostics import Severity


# The Adobe guide sections most codes cite, worded once for every kind's table.
ENDPOINT_MAP = ("llm-migration-reference.md (Complete V1 to V2 endpoint mapping; Core architectural changes › "
                "1. Base URL changes)")
REQUEST_STRUCTURE = "llm-migration-reference.md (Core architectural changes › 2. Request structure changes)"
RESPONSES = ("status-migration.md (Response format); llm-migration-reference.md (V2 status response output "
             "patterns › Key structural changes from V1)")


@dataclass(frozen=True)
class Example:
    """Source of a kind's file; for an INVALID example ``line`` is where the code is reported.
    ``suffix``: the file name's (the grammar a JavaScript example is read with); ``siblings``:
    other modules written next to it, as (file name, source)."""

    source: str
    line: int | None = None
    suffix: str = ""
    siblings: tuple[tuple[str, str], ...] = ()
    in_run: bool = False  # the siblings are files of the same run (else beside it, outside the run)


@dataclass(frozen=True)
class Finding:
    name: str
    summary: str
    rationale: str
    source: str  # the Adobe guide section, or why there is none
    invalid: tuple[Example, ...]
    valid: tuple[Example, ...]
    severity: Severity = Severity.WARNING
    fixable: bool = False  # the change is made by psmigrate itself; every other code needs a person
    unsafe: bool = False  # a fixable code whose fix is applied only with --unsafe-fixes (as ruff's)
    no_example: str = ""  # why a code has no INVALID example

"""Every PS8xx code's own examples (migrator/shell/findings.py): INVALID text produces the code at
its line, VALID text does not; a fixable code's INVALID example is rewritten into text that no
longer produces it."""

from __future__ import annotations

import pytest

from migrator import codes
from migrator.shell.apply import rewrite_shell_bytes
from migrator.shell.findings import SHELL_FINDINGS

INVALID = [(code, example) for code, finding in SHELL_FINDINGS.items() for example in finding.invalid]
VALID = [(code, example) for code, finding in SHELL_FINDINGS.items() for example in finding.valid]


def _run(example, data: bytes | None = None):
    return rewrite_shell_bytes(data if data is not None else example.source.encode(), "example" + example.suffix)


@pytest.mark.parametrize(("code", "example"), INVALID, ids=[c for c, _ in INVALID])
def test_invalid_example_produces_its_code_at_its_line(code, example):
    result = _run(example)
    assert (code, example.line) in {(d.code, d.line) for d in result.diagnostics}, result.diagnostics
    if SHELL_FINDINGS[code].fixable:
        assert result.changed
        assert code not in {d.code for d in _run(example, result.after).diagnostics}


@pytest.mark.parametrize(("code", "example"), VALID, ids=[c for c, _ in VALID])
def test_valid_example_does_not(code, example):
    result = _run(example)
    assert code not in {d.code for d in result.diagnostics}
    assert not result.changed


def test_every_code_has_examples_or_says_why():
    for code, finding in SHELL_FINDINGS.items():
        assert finding.invalid or finding.no_example, code
        assert codes.get(code).kind == "shell"
        assert 801 <= int(code[2:]) <= 849

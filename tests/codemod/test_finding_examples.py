"""Every PS7xx code's own examples: INVALID Python produces the code on the stated line (and,
for codes the codemod fixes, changes the file); VALID Python does not produce it."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.codemod import rewrite_bytes
from migrator.codemod.findings import CODES, FINDINGS, FIXED_CODES
from migrator.finding import Example
from migrator.codemod import Options
from migrator.codemod.urls import GUIDE_MAP, target


def run(example: Example, directory: Path):
    """Rewrite the example as ``example.py`` in ``directory``, its siblings beside it but outside
    the run, as ``psmigrate codemod example.py`` would."""
    for name, source in example.siblings:
        (directory / name).write_text(source)
    path = directory / "example.py"
    path.write_text(example.source)
    return rewrite_bytes(example.source.encode(), str(path), Options(run_files=frozenset({str(path.resolve())})))


INVALID = [(code, n, e) for code, f in FINDINGS.items() for n, e in enumerate(f.invalid, 1)]
VALID = [(code, n, e) for code, f in FINDINGS.items() for n, e in enumerate(f.valid, 1)]


@pytest.mark.parametrize(("code", "n", "example"), INVALID, ids=[f"{c}-invalid-{n}" for c, n, _ in INVALID])
def test_invalid_example_produces_its_code_on_its_line(code, n, example, tmp_path):
    result = run(example, tmp_path)
    assert (code, example.line) in [(d.code, d.line) for d in result.diagnostics], result.diagnostics
    assert [d.severity for d in result.diagnostics if d.code == code][0] is FINDINGS[code].severity
    if code in FIXED_CODES:
        assert result.changed and rewrite_bytes(result.after, "example.py").after == result.after


@pytest.mark.parametrize(("code", "n", "example"), VALID, ids=[f"{c}-valid-{n}" for c, n, _ in VALID])
def test_valid_example_does_not_produce_its_code(code, n, example, tmp_path):
    result = run(example, tmp_path)
    assert code not in {d.code for d in result.diagnostics}, result.diagnostics
    assert not result.failed


def test_every_code_has_examples_or_says_why_not():
    for code, finding in FINDINGS.items():
        assert finding.valid, code
        assert bool(finding.invalid) != bool(finding.no_example), code
        assert all(e.line for e in finding.invalid), code


def test_codes_and_fixed_codes_come_from_the_records():
    assert CODES["PS709"] == FINDINGS["PS709"].summary
    assert FIXED_CODES == {"PS706", "PS720", "PS721"}


def test_ps705_has_no_example_because_every_mapped_endpoint_has_rules():
    # If this fails, an endpoint lost its rules: give PS705 an INVALID example that calls it.
    assert [path for path in GUIDE_MAP if not target(path).has_rules] == []

"""Every PS9xx code's own examples (migrator/javascript/findings.py): INVALID code produces the
code at its line, VALID code does not; a fixable code's INVALID example is rewritten into code
that no longer produces it and still parses."""

from __future__ import annotations

import pytest

from migrator import codes
from migrator.javascript.apply import rewrite_js_bytes
from migrator.javascript.findings import JS_FINDINGS
from migrator.javascript.parse import parse

INVALID = [(code, example) for code, finding in JS_FINDINGS.items() for example in finding.invalid]
VALID = [(code, example) for code, finding in JS_FINDINGS.items() for example in finding.valid]


def _run(example, data: bytes | None = None, unsafe: bool = False):
    """The example alone, or with its sibling modules in a fresh directory: one run over them
    all when the example says so (a piece another module holds is decided over the run's files)."""
    import tempfile
    from pathlib import Path

    from migrator.codemod import Options

    data = data if data is not None else example.source.encode()
    if not example.siblings:
        return rewrite_js_bytes(data, "example" + example.suffix, Options(unsafe_fixes=unsafe))
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder).resolve()
        path = here / ("example" + example.suffix)
        path.write_bytes(data)
        for name, source in example.siblings:
            (here / name).write_text(source, encoding="utf-8")
        run = frozenset(str(p) for p in here.iterdir()) if example.in_run else frozenset({str(path)})
        return rewrite_js_bytes(data, str(path), Options(unsafe_fixes=unsafe, run_files=run))


@pytest.mark.parametrize(("code", "example"), INVALID, ids=[c for c, _ in INVALID])
def test_invalid_example_produces_its_code_at_its_line(code, example):
    result = _run(example)
    assert (code, example.line) in {(d.code, d.line) for d in result.diagnostics}, result.diagnostics
    finding = JS_FINDINGS[code]
    if finding.fixable:
        if finding.unsafe:  # applied with --unsafe-fixes only; without it, the finding says so
            assert not result.changed
            assert "--unsafe-fixes" in next(d.message for d in result.diagnostics if d.code == code)
            result = _run(example, unsafe=True)
        assert result.changed
        assert not parse(result.after, "x" + example.suffix).root_node.has_error
        assert code not in {d.code for d in _run(example, result.after, finding.unsafe).diagnostics}


@pytest.mark.parametrize(("code", "example"), VALID, ids=[c for c, _ in VALID])
def test_valid_example_does_not(code, example):
    result = _run(example, unsafe=True)
    assert code not in {d.code for d in result.diagnostics}, result.diagnostics
    assert not result.changed, result.after.decode()


def test_every_code_has_examples_or_says_why():
    for code, finding in JS_FINDINGS.items():
        assert finding.invalid or finding.no_example, code
        assert codes.get(code).kind == "javascript"
        assert 901 <= int(code[2:]) <= 949

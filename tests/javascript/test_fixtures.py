"""Before/after pairs (plain JS, ESM, CommonJS, TypeScript with types, TSX, JSX): each fixture is
migrated to its expected text with its expected findings; a second run changes nothing and still
reports what a person must change; the result parses without error nodes."""

from __future__ import annotations

import pytest

from migrator.codemod import is_change
from migrator.javascript.parse import parse
from tests.javascript.fixture_tool import after_of, befores, findings_of, migrate, render

FIXTURES = befores()


def test_there_are_enough_pairs_in_every_style():
    assert len(FIXTURES) >= 25
    assert {".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx"} <= {p.suffix for p in FIXTURES}
    assert sum(after_of(p).read_bytes() != p.read_bytes() for p in FIXTURES) >= 20


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_is_migrated_as_expected(path):
    result = migrate(path.read_bytes(), path)
    assert result.after == after_of(path).read_bytes()
    assert render(result) == findings_of(path).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_second_run_changes_nothing_and_keeps_the_findings(path):
    first = migrate(path.read_bytes(), path)
    second = migrate(first.after, path)
    assert second.after == first.after
    assert not [d for d in second.diagnostics if is_change(d)]
    left = {d.code for d in first.diagnostics if not is_change(d) and d.code.startswith("PS9")}
    assert left <= {d.code for d in second.diagnostics}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_result_parses_without_error_nodes(path):
    assert not parse(after_of(path).read_bytes(), path.name).root_node.has_error
    assert not parse(path.read_bytes(), path.name).root_node.has_error


def test_line_endings_and_tabs_survive():
    after = after_of(next(p for p in FIXTURES if p.name == "crlf_tabs.js")).read_bytes()
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert b"\n\t\timage: " in after and b"\n\t}, { headers });" in after

"""Before/after pairs: each fixture is migrated to its expected text with its expected findings;
a second run changes nothing and reports only what a person must still do; the result parses
without error nodes."""

from __future__ import annotations

import pytest

from migrator.codemod import is_change
from migrator.shell.apply import regions, rewrite_shell_bytes
from migrator.shell.parse import parse
from tests.shell.fixture_tool import after_of, befores, findings_of, render

FIXTURES = befores()


def test_there_are_enough_pairs():
    assert len(FIXTURES) >= 20
    assert {p.suffix for p in FIXTURES} == {".sh", ".md"}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_is_migrated_as_expected(path):
    result = rewrite_shell_bytes(path.read_bytes(), path.name)
    assert result.after == after_of(path).read_bytes()
    assert render(result) == findings_of(path).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_second_run_changes_nothing_and_keeps_the_findings(path):
    first = rewrite_shell_bytes(path.read_bytes(), path.name)
    second = rewrite_shell_bytes(first.after, path.name)
    assert second.after == first.after
    assert not [d for d in second.diagnostics if is_change(d)]
    # what a person must change is still reported: same codes (the conversion's own notes, such as a
    # field it removed, are told once, when it happens, except a v1 output location v2 no longer
    # writes, which stays as a TODO: see below)
    left = {d.code for d in first.diagnostics if not is_change(d) and d.code.startswith("PS8")}
    assert left <= {d.code for d in second.diagnostics}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_result_parses_without_error_nodes(path):
    before = [parse(r.data).root_node.has_error for r in regions(path.read_bytes(), path.name)]
    after = [parse(r.data).root_node.has_error for r in regions(after_of(path).read_bytes(), path.name)]
    assert len(before) == len(after)
    assert all(a <= b for a, b in zip(after, before))


def test_only_shell_blocks_change_in_a_document_with_tabs():
    path = next(p for p in FIXTURES if p.name == "tabs.md")
    before, after = path.read_text().splitlines(), after_of(path).read_text().splitlines()
    python_block = before.index("```python")
    assert before[:before.index("```bash")] == after[:after.index("```bash")]
    assert "image.adobe.io/pie/psdService/renditionCreate" in after[python_block + 2]


def test_an_output_location_v2_no_longer_writes_is_reported_on_every_run():
    path = next(p for p in FIXTURES if p.name == "cutout_then_actions.sh")
    first = rewrite_shell_bytes(path.read_bytes(), path.name)
    assert b"# TODO(psmigrate): PS384 " in first.after
    second = rewrite_shell_bytes(first.after, path.name)
    assert "PS384" in {d.code for d in second.diagnostics} and second.after == first.after

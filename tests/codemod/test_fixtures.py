"""Before/after pairs: each ``fixtures/<name>.before.py`` rewrites to ``<name>.after.py`` and
reports exactly the findings in ``<name>.findings.txt`` (``line:col: CODE``, none if absent)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.codemod import rewrite_bytes
from migrator.codemod.prefilter import may_call_api
from migrator.codemod import Options
from migrator.codemod.runner import select_candidates
from migrator.diagnostics import Severity

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_name(before: Path) -> str:
    return before.name.removesuffix(".before.py")


def finding_lines(result) -> list[str]:
    return [f"{d.line}:{d.col}: {d.code}" for d in result.findings]


PAIRS = sorted(FIXTURES.glob("*.before.py"))


def test_there_are_enough_pairs():
    assert len(PAIRS) >= 25


@pytest.mark.parametrize("before", PAIRS, ids=fixture_name)
def test_pair(before):
    name = fixture_name(before)
    result = rewrite_bytes(before.read_bytes(), str(before))
    assert result.after.decode() == (FIXTURES / f"{name}.after.py").read_text()
    findings = FIXTURES / f"{name}.findings.txt"
    expected = findings.read_text().splitlines() if findings.exists() else []
    assert finding_lines(result) == expected


@pytest.mark.parametrize("before", PAIRS, ids=fixture_name)
def test_after_is_a_fixed_point(before):
    after = (FIXTURES / f"{fixture_name(before)}.after.py").read_bytes()
    assert rewrite_bytes(after, str(before)).after == after


def test_prefilter_has_no_false_negatives_on_the_fixtures():
    def findings(before):
        return rewrite_bytes(before.read_bytes(), str(before)).diagnostics

    touched = [b for b in PAIRS if findings(b)
               or (FIXTURES / f"{fixture_name(b)}.after.py").read_bytes() != b.read_bytes()]
    missed = [b.name for b in touched if not may_call_api(b.read_bytes())]
    # files that only import their URL from a sibling are candidates through that import
    assert missed == ["module_attribute.before.py", "sibling_import.before.py"]
    chosen = select_candidates([str(p) for p in sorted(FIXTURES.glob("*.py"))])
    assert all(str(b) in chosen for b in touched)


def needs_a_person(result) -> set[str]:
    """The codes of findings that ask for a change (not the notes on what a rewrite did)."""
    return {d.code for d in result.findings if d.severity is not Severity.INFO
            and (d.code.startswith(("PS0", "PS7")) or d.code == "PS129")}


@pytest.mark.parametrize("before", PAIRS, ids=fixture_name)
def test_a_finding_that_asks_for_a_change_survives_the_rewrite(before):
    """The trust invariant: what the first run leaves to a person is still reported once the
    rewrite is written (the URL names the v2 host now), on this run and every later one."""
    first = rewrite_bytes(before.read_bytes(), str(before))
    second = rewrite_bytes(first.after, str(before))
    assert bool(needs_a_person(first)) <= bool(needs_a_person(second)), (needs_a_person(first),
                                                                          needs_a_person(second))


FILLER = [
    "import os\n",
    "def helper(x):\n    return x * 2\n",
    "class Empty:\n    pass\n",
    "VALUE = {'inputs': 1}\n",
    "# https://image.adobe.io/pie/psdService/actionJSON in a comment\n",
]


@settings(max_examples=60, deadline=None)
@given(before=st.sampled_from(PAIRS), crlf=st.booleans(), todos=st.booleans(),
       filler=st.lists(st.sampled_from(FILLER), max_size=3))
def test_codemod_output_parses_and_is_idempotent(before, crlf, todos, filler):
    source = before.read_text()
    lines = source.splitlines(keepends=True)
    # filler goes after the imports block's first line so `from __future__` stays first
    cut = 2 if lines and lines[0].startswith('"""') else 0
    text = "".join(lines[:cut]) + "".join(filler) + "".join(lines[cut:])
    if crlf:
        text = text.replace("\n", "\r\n")
    options = Options(add_todos=todos)
    once = rewrite_bytes(text.encode(), str(before), options)
    assert not once.failed
    cst.parse_module(once.after)
    twice = rewrite_bytes(once.after, str(before), options)
    assert twice.after == once.after
    if crlf:
        assert b"\n" not in once.after.replace(b"\r\n", b"")

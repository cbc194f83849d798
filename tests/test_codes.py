"""The index of every code (migrator/codes.py): complete, consistent, and its own examples hold."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from migrator import codes
from migrator.codes import MACHINERY, BodyExample, InputExample
from migrator.convert import convert
from migrator.diagnostics import InputError, MigrationError
from migrator.lint.catalog import INPUT_CODES, matching
from migrator.merge import Step, merge
from migrator.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"\bPS\d{3}\b")


def codes_written_in(*folders: str) -> dict[str, str]:
    """Every ``PSnnn`` written in the folders' Python and rule files (strings, YAML keys, comments),
    with one file that writes it."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".yaml", ".yml", ".json") and "_data" not in path.parts:
                for code in CODE.findall(path.read_text(encoding="utf-8")):
                    found.setdefault(code, str(path.relative_to(ROOT)))
    return found


def test_every_code_written_in_the_code_or_the_rules_is_in_the_index():
    written = codes_written_in("migrator", "rules")
    missing = {code: where for code, where in written.items() if code not in codes.index()}
    assert not missing, f"codes without an entry in migrator/codes.py's index: {missing}"
    assert len(written) > 150  # the search really looked


def test_every_entry_is_documented():
    for entry in codes.all_codes():
        assert entry.kind in codes.KINDS, entry.code
        assert CODE.fullmatch(entry.code) and re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*", entry.name), entry.code
        assert entry.summary and entry.rationale and entry.source, entry.code
        assert entry.severity in ("error", "warning", "info"), entry.code


def test_kinds_follow_the_code_ranges():
    kinds = {e.code: e.kind for e in codes.all_codes()}
    assert {c for c, k in kinds.items() if k == "input"} == set(INPUT_CODES)
    assert all(kinds[c] == "python" for c in kinds if c.startswith("PS7"))
    assert all(kinds[c] == "shell" for c in kinds if c.startswith("PS8"))
    assert all(kinds[c] == "javascript" for c in kinds if c.startswith("PS9"))
    assert all(kinds[c] == "lint" for c in kinds if c[2] in "456")
    assert all(kinds[c] == "convert" for c in kinds if c[2] in "123")
    assert kinds["PS129"] == kinds["PS330"] == kinds["PS324"] == kinds["PS009"] == "convert"


def test_get_is_case_insensitive_and_refuses_unknown_codes():
    assert codes.get(" ps706 ").fixable
    with pytest.raises(KeyError):
        codes.get("PS999")


def test_lint_code_selection_accepts_every_indexed_code():
    assert list(matching([e.code for e in codes.all_codes()] + ["PS7", "ps72"])) == []
    assert list(matching(["PS999", "PS98"])) == ["PS999", "PS98"]  # PS9xx: JavaScript (migrator/javascript/)


def test_input_codes_have_their_rationale_here_and_their_name_in_lint():
    assert {c for c, m in MACHINERY.items() if m.kind == "input"} == set(INPUT_CODES)
    assert all(not m.summary for m in MACHINERY.values() if m.kind == "input")


INPUT = [c for c, m in MACHINERY.items() if isinstance(m.example, InputExample)]
BODY = [c for c, m in MACHINERY.items() if isinstance(m.example, BodyExample)]


@pytest.mark.parametrize("code", INPUT)
def test_input_example_is_rejected_with_its_code_at_its_place(code, tmp_path):
    example = MACHINERY[code].example
    with pytest.raises(InputError) as raised:
        if example.data is None:
            SourceText.read(str(tmp_path / "missing.json"))
        else:
            SourceText.from_bytes("example.json", example.data).parse()
    assert (raised.value.code, raised.value.line, raised.value.col) == (code, example.line, example.col)


@pytest.mark.parametrize("code", BODY)
def test_body_example_gives_its_code(code):
    example = MACHINERY[code].example
    try:
        if example.steps:
            merged = merge([Step(f"call {n}", copy.deepcopy(body), endpoint)
                            for n, (endpoint, body) in enumerate(example.steps, 1)])
            reported = [d.code for _, d in merged.diagnostics]
        else:
            reported = [d.code for d in convert(copy.deepcopy(example.body), example.endpoint).diagnostics]
    except MigrationError as exc:
        reported = [exc.code]
    assert code in reported

"""Every lint rule carries VALID and INVALID example bodies (Fixit style); each runs here."""

from __future__ import annotations

import copy
import re

import pytest

from migrator.lint.catalog import Selection, all_rules
from migrator.lint.runner import fix_body, lint_body

RULES = all_rules()
VALID = [pytest.param(r, e, id=f"{r.code}-{r.name}-valid{n}") for r in RULES for n, e in enumerate(r.valid)]
INVALID = [pytest.param(r, e, id=f"{r.code}-{r.name}-invalid{n}") for r in RULES for n, e in enumerate(r.invalid)]
FIXED = [p for p in INVALID if p.values[1].fixed is not None]


@pytest.mark.parametrize(("rule", "example"), VALID)
def test_valid_example_lints_clean_under_every_rule(rule, example):
    assert lint_body(copy.deepcopy(example.body), example.endpoint) == []


@pytest.mark.parametrize(("rule", "example"), INVALID)
def test_invalid_example_is_reported(rule, example):
    found = [d for d in lint_body(copy.deepcopy(example.body), example.endpoint) if d.code == rule.code]
    assert found, f"{rule.code} did not fire"
    if example.pointer is not None:
        assert found[0].pointer == example.pointer


@pytest.mark.parametrize(("rule", "example"), FIXED)
def test_fix_gives_the_expected_body_and_is_idempotent(rule, example):
    only = Selection(select=(rule.code,))
    fixed, result = fix_body(copy.deepcopy(example.body), example.endpoint, only)
    assert fixed == example.fixed
    assert rule.code in result.applied and not result.failed
    again, _ = fix_body(copy.deepcopy(fixed), example.endpoint, only)
    assert again == fixed
    assert [d for d in lint_body(copy.deepcopy(fixed), example.endpoint) if d.code == rule.code] == []


def test_every_rule_is_documented_and_has_examples():
    names = set()
    for rule in RULES:
        assert re.fullmatch(r"PS[4-6]\d\d", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name) and rule.name not in names, rule.name
        names.add(rule.name)
        assert rule.summary and rule.rationale and rule.source, rule.code
        assert re.search(r"\.(md|json)\b", rule.source), f"{rule.code} must name its Adobe source document"
        assert rule.valid and rule.invalid, f"{rule.code} needs VALID and INVALID examples"
        if rule.fixable:
            assert any(e.fixed is not None for e in rule.invalid), f"{rule.code} is fixable: show a fixed body"


def test_rule_sources_name_real_documents(reference):
    adobe = reference / "adobe"
    for rule in RULES:
        for name in set(re.findall(r"[\w./-]+\.(?:md|json)\b", rule.source)):
            assert list(adobe.rglob(name.rsplit("/", 1)[-1])), f"{rule.code} cites {name}, not among Adobe's documents"


def test_fixes_name_conversion_rules_that_exist():
    from migrator import rulebook
    from migrator.lint.fixes import FIXERS

    codes = {r.code for f in rulebook.families() for r in f.rules}
    for rule in RULES:
        assert set(rule.fix_with) <= codes, f"{rule.code} fixes with unknown conversion rules"
        assert rule.fix in (None, "convert", *FIXERS), rule.code

"""Every rule carries its own before/after examples; each one runs here as a test."""

from __future__ import annotations

import copy

import pytest

from migrator import rulebook, transforms
from migrator.diagnostics import MigrationError
from migrator.engine import Context, applies, run_rules
from migrator.rulebook import Transform

CASES = [
    pytest.param(family, rule, example, id=f"{rule.code}-{rule.name}-{n}")
    for family in rulebook.families()
    for rule in family.rules
    for n, example in enumerate(rule.examples)
]


def _endpoint(family, rule, example):
    if example.endpoint:
        return rulebook.find_endpoint(example.endpoint)[1]
    return next(e for e in family.endpoints if applies(rule, e))


def _apply(family, rule, example, body):
    ctx = Context(family, _endpoint(family, rule, example))
    return run_rules(body, ctx, rules=(rule,))


@pytest.mark.parametrize(("family", "rule", "example"), CASES)
def test_rule_example(family, rule, example):
    if example.error:
        with pytest.raises(MigrationError) as raised:
            _apply(family, rule, example, copy.deepcopy(example.v1))
        assert raised.value.code == example.error
    else:
        assert _apply(family, rule, example, copy.deepcopy(example.v1)) == example.v2


@pytest.mark.parametrize(("family", "rule", "example"), [c for c in CASES if not c.values[2].error])
def test_rule_leaves_its_own_output_alone(family, rule, example):
    assert _apply(family, rule, example, copy.deepcopy(example.v2)) == example.v2


def test_every_rule_is_documented():
    for family in rulebook.families():
        for rule in family.rules:
            assert rule.summary.strip() and rule.rationale.strip() and rule.source.strip(), rule.code
            assert ".md" in rule.source, f"{rule.code} must name the Adobe guide it comes from"


def test_every_named_transform_exists():
    for family in rulebook.families():
        for rule in family.rules:
            if isinstance(rule, Transform):
                transforms.get(rule.transform)


def test_rule_sources_name_real_guides(reference):
    guides = reference / "adobe"
    for family in rulebook.families():
        for rule in family.rules:
            name = rule.source.split()[0]
            assert list(guides.rglob(name)), f"{rule.code} cites {name}, which is not among Adobe's guides"

"""``psmigrate rules`` lists both catalogs; ``psmigrate explain CODE`` documents any code."""

from __future__ import annotations

import json

from click.testing import CliRunner

from migrator import rulebook
from migrator.cli import main
from migrator.lint.catalog import all_rules


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_rules_lists_lint_and_conversion_codes():
    code, out, _ = invoke("rules", "--output-format", "json")
    listed = {row["code"] for row in json.loads(out)}
    assert code == 0
    assert {r.code for r in all_rules()} <= listed
    assert {r.code for f in rulebook.families() for r in f.rules} <= listed


def test_explain_a_lint_rule_shows_rationale_source_and_examples():
    code, out, _ = invoke("explain", "ps610")
    assert code == 0
    assert out.startswith("PS610 numeric-jpeg-quality (lint, error)")
    assert "Source: execute-actions-v1-reference.md §9" in out
    assert "Invalid example 1: (finding at /outputs/0/quality)" in out and "after --fix:" in out


def test_explain_a_conversion_rule():
    code, out, _ = invoke("explain", "PS105")
    assert code == 0 and "jpeg-quality-enum" in out and "Source: execute-actions-v1-reference.md §9" in out


def test_explain_shortens_long_examples():
    _, out, _ = invoke("explain", "PS507")
    assert "characters)" in out and len(out) < 20_000


def test_explain_unknown_code_is_a_usage_error():
    code, _, err = invoke("explain", "PS999")
    assert code == 2 and "unknown rule code" in err

"""``psmigrate rules`` lists every code psmigrate prints; ``psmigrate explain CODE`` documents each."""

from __future__ import annotations

import json

from click.testing import CliRunner

from migrator import codes, rulebook
from migrator.cli import main
from migrator.lint.catalog import all_rules


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_rules_lists_every_code_with_its_kind():
    code, out, _ = invoke("rules", "--output-format", "json")
    rows = {row["code"]: row for row in json.loads(out)}
    assert code == 0
    assert list(rows) == [e.code for e in codes.all_codes()]
    assert {r.code for r in all_rules()} <= set(rows)
    assert {r.code for f in rulebook.families() for r in f.rules} <= set(rows)
    assert {rows[c]["kind"] for c in ("PS001", "PS129", "PS610", "PS706")} == {"input", "convert", "lint", "python"}
    assert rows["PS706"]["fixable"] and not rows["PS707"]["fixable"]
    assert rows["PS105"]["family"] == "execute-actions" and "family" not in rows["PS610"]


def test_rules_text_has_one_line_per_code():
    code, out, _ = invoke("rules")
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(codes.all_codes())
    assert any(line.startswith("PS720  python ") and line.endswith("[fix]") for line in lines)
    assert any(line.startswith("PS004  input ") for line in lines)


def test_explain_knows_every_code():
    for entry in codes.all_codes():
        code, out, err = invoke("explain", entry.code.lower())
        assert code == 0, (entry.code, err)
        assert out.startswith(f"{entry.code} {entry.name} ({entry.kind}"), out[:80]
        assert entry.summary in out and f"Source: {entry.source}" in out


def test_explain_a_python_code_shows_its_examples():
    code, out, _ = invoke("explain", "PS706")
    assert code == 0 and out.startswith("PS706 v1-response-read-rewritten (python, warning)")
    assert "Invalid example 1: (finding on line 6)" in out and '        return data["outputs"][0]["status"]' in out
    assert "Valid example 1:" in out and "Fix: `psmigrate codemod --write` rewrites it" in out


def test_explain_says_why_a_code_has_no_example():
    _, out, _ = invoke("explain", "PS715")
    assert "No invalid example: no known input produces it" in out


def test_explain_an_input_code_and_a_merge_code():
    _, out, _ = invoke("explain", "PS003")
    assert out.startswith("PS003 not-utf-8 (input, error)") and "(finding at 1:14)" in out
    _, out, _ = invoke("explain", "PS324")
    assert "psmigrate convert --merge with these calls" in out and "call 2 (autoStraighten):" in out


def test_explain_an_unsupported_endpoint():
    _, out, _ = invoke("explain", "PS129")
    assert out.startswith("PS129 unsupported-depthBlur (convert, execute-actions: unsupported endpoint, error)")
    assert "Opt in: --allow-unsupported" in out


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

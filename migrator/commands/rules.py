"""``psmigrate rules`` and ``psmigrate explain CODE``: the rule catalogs, lint and conversion."""

from __future__ import annotations

import json

import click

EXAMPLE_WIDTH = 2000  # characters of one example body shown; limit examples are long by nature


@click.command("rules")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(output_format):
    """List every rule: lint rules (PS4xx–PS6xx) and conversion rules (PS1xx–PS3xx)."""
    rows = _lint_rows() + _conversion_rows()
    rows.sort(key=lambda r: r["code"])
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        fix = " [fix]" if row["kind"] == "lint" and row["fixable"] else ""
        click.echo(f"{row['code']}  {row['kind']:<7} {row['name']:<38} {row['summary']}{fix}")


def _lint_rows() -> list[dict]:
    from migrator.lint.catalog import all_rules

    return [{"code": r.code, "kind": "lint", "name": r.name, "summary": r.summary, "severity": r.severity.value,
             "fixable": r.fixable, "source": r.source} for r in all_rules()]


def _conversion_rows() -> list[dict]:
    from migrator import rulebook

    return [{"code": r.code, "kind": "convert", "name": r.name, "summary": r.summary,
             "fixable": False, "source": r.source, "family": f.family}
            for f in rulebook.families() for r in f.rules]


@click.command("explain")
@click.argument("code")
def explain_command(code):
    """Print a rule's summary, rationale, Adobe source and examples (e.g. PS105, PS610)."""
    code = code.strip().upper()
    text = _explain_lint(code) or _explain_conversion(code)
    if text is None:
        raise click.UsageError(f"unknown rule code {code!r}; see `psmigrate rules`")
    click.echo(text, nl=False)


def _explain_lint(code: str) -> str | None:
    from migrator.lint.catalog import get

    try:
        rule = get(code)
    except KeyError:
        return None
    where = ("whole v1 bodies" if rule.v1_body else "every v2 endpoint" if rule.endpoints is None
             else ", ".join(sorted(rule.endpoints)))
    fix = " and ".join(_fix_descriptions(rule))
    lines = [f"{rule.code} {rule.name} (lint, {rule.severity.value})", "", rule.summary, "",
             _wrap(rule.rationale), "", f"Source: {rule.source}", f"Applies to: {where}",
             f"Fix: {'--fix ' + fix if fix else 'none (reported only)'}"]
    for title, examples in (("Invalid", rule.invalid), ("Valid", rule.valid)):
        for n, example in enumerate(examples, 1):
            lines += ["", f"{title} example {n}:" + (f" (finding at {example.pointer or '/'})"
                                                      if example.pointer is not None else ""),
                      _show(example.body)]
            if example.fixed is not None:
                lines += ["after --fix:", _show(example.fixed)]
    return "\n".join(lines) + "\n"


def _fix_descriptions(rule) -> list[str]:
    from migrator.lint.fixes import FIXERS

    found = []
    if rule.fix == "convert":
        found.append("converts the whole body with `psmigrate convert`'s rules")
    elif rule.fix:
        found.append(FIXERS[rule.fix].__doc__.split("\n\n")[0].strip().replace("\n    ", " "))
    if rule.fix_with:
        found.append(f"applies the conversion rules {', '.join(rule.fix_with)}")
    return found


def _explain_conversion(code: str) -> str | None:
    from migrator import rulebook

    for family in rulebook.families():
        for rule in family.rules:
            if rule.code == code:
                lines = [f"{rule.code} {rule.name} (convert, {family.family}: {rule.op})", "", rule.summary, "",
                         _wrap(rule.rationale), "", f"Source: {rule.source}"]
                for n, example in enumerate(rule.examples, 1):
                    lines += ["", f"Example {n}:", "v1:", _show(example.v1)]
                    lines += ["v2:", _show(example.v2)] if not example.error else [f"stops with {example.error}"]
                return "\n".join(lines) + "\n"
    return None


def _show(body) -> str:
    text = json.dumps(body, indent=2, ensure_ascii=False)
    return text if len(text) <= EXAMPLE_WIDTH else text[:EXAMPLE_WIDTH] + f"\n... ({len(text):,} characters)"


def _wrap(text: str) -> str:
    import textwrap

    return textwrap.fill(text, 96)

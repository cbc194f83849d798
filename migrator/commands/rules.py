"""``psmigrate rules`` and ``psmigrate explain CODE``: every code psmigrate prints (migrator/codes.py)."""

from __future__ import annotations

import json

import click

EXAMPLE_WIDTH = 2000  # characters of one example body shown; limit examples are long by nature


@click.command("rules")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(output_format):
    """List every code: input (PS00x), conversion (PS1xx–PS3xx), lint (PS4xx–PS6xx), Python (PS7xx),
    shell and Markdown (PS8xx), JavaScript/TypeScript (PS9xx)."""
    from migrator.codes import all_codes

    entries = all_codes()
    if output_format == "json":
        click.echo(json.dumps([e.to_json() for e in entries], indent=2, ensure_ascii=False))
        return
    for e in entries:
        click.echo(f"{e.code}  {e.kind:<7} {e.name:<38} {e.summary}{' [fix]' if e.fixable else ''}")


def complete_code(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Shell completion for ``explain``: the codes starting with what was typed, with their summary."""
    from click.shell_completion import CompletionItem

    from migrator.codes import all_codes

    typed = incomplete.strip().upper()
    return [CompletionItem(e.code, help=e.summary) for e in all_codes() if e.code.startswith(typed)]


@click.command("explain")
@click.argument("code", shell_complete=complete_code)
def explain_command(code):
    """Print a code's summary, rationale, Adobe source and examples (e.g. PS105, PS610, PS706)."""
    from migrator import codes

    try:
        entry = codes.get(code)
    except KeyError:
        raise click.UsageError(f"unknown rule code {code.strip().upper()!r}; see `psmigrate rules`") from None
    explain = {"lint": _explain_lint, "rule": _explain_conversion, "endpoint": _explain_unsupported,
               "python": _explain_python, "shell": _explain_shell,
               "javascript": _explain_javascript, "machinery": _explain_machinery}[entry.registry]
    click.echo("\n".join(explain(entry)) + "\n", nl=False)


def _about(entry) -> list[str]:
    return ["", entry.summary, "", _wrap(entry.rationale), "", f"Source: {entry.source}"]


def _explain_lint(entry) -> list[str]:
    from migrator.lint.catalog import get

    rule = get(entry.code)
    where = ("whole v1 bodies" if rule.v1_body else "every v2 endpoint" if rule.endpoints is None
             else ", ".join(sorted(rule.endpoints)))
    fix = " and ".join(_fix_descriptions(rule))
    lines = [f"{rule.code} {rule.name} (lint, {rule.severity.value})", *_about(entry), f"Applies to: {where}",
             f"Fix: {'--fix ' + fix if fix else 'none (reported only)'}"]
    for title, examples in (("Invalid", rule.invalid), ("Valid", rule.valid)):
        for n, example in enumerate(examples, 1):
            lines += ["", f"{title} example {n}:" + (f" (finding at {example.pointer or '/'})"
                                                      if example.pointer is not None else ""),
                      _show(example.body)]
            if example.fixed is not None:
                lines += ["after --fix:", _show(example.fixed)]
    return lines


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


def _explain_conversion(entry) -> list[str]:
    from migrator import rulebook

    family = next(f for f in rulebook.families() if f.family == entry.family)
    rule = next(r for r in family.rules if r.code == entry.code)
    lines = [f"{rule.code} {rule.name} (convert, {family.family}: {rule.op})", *_about(entry)]
    for n, example in enumerate(rule.examples, 1):
        lines += ["", f"Example {n}:", "v1:", _show(example.v1)]
        lines += ["v2:", _show(example.v2)] if not example.error else [f"stops with {example.error}"]
    return lines


def _explain_unsupported(entry) -> list[str]:
    from migrator import rulebook

    endpoint = next(e for f in rulebook.endpoint_map() for e in f.endpoints
                    if e.unsupported and e.unsupported.code == entry.code)
    opt_in = endpoint.unsupported.opt_in
    return [f"{entry.code} {entry.name} (convert, {entry.family}: unsupported endpoint, {entry.severity})",
            *_about(entry), f"Endpoint: {endpoint.v1}",
            f"Opt in: {opt_in} converts it anyway" if opt_in else "Opt in: none; the call needs a person"]


def _explain_python(entry) -> list[str]:
    from migrator.codemod.findings import FINDINGS

    return _explain_finding(entry, FINDINGS[entry.code], "python")


def _explain_shell(entry) -> list[str]:
    from migrator.shell.findings import SHELL_FINDINGS

    return _explain_finding(entry, SHELL_FINDINGS[entry.code], "shell")


def _explain_javascript(entry) -> list[str]:
    from migrator.javascript.findings import JS_FINDINGS

    return _explain_finding(entry, JS_FINDINGS[entry.code], "javascript")


def _explain_finding(entry, finding, kind: str) -> list[str]:
    """A source kind's code (``migrator/finding.py``) with its examples."""
    lines = [f"{entry.code} {entry.name} ({kind}, {entry.severity})", *_about(entry),
             ("Fix: `psmigrate codemod --write --unsafe-fixes` (or `lint --fix --unsafe-fixes`) rewrites it; without "
              "the flag it is reported" if finding.unsafe else "Fix: `psmigrate codemod --write` rewrites it")
             if finding.fixable else "Fix: none (reported only)"]
    if finding.no_example:
        lines += ["", f"No invalid example: {finding.no_example}."]
    for title, examples in (("Invalid", finding.invalid), ("Valid", finding.valid)):
        for n, example in enumerate(examples, 1):
            where = f" (finding on line {example.line})" if example.line else ""
            file = f", a {example.suffix} file" if example.suffix else ""
            lines += ["", f"{title} example {n}{file}:{where}", *_indented(example.source)]
            for name, source in example.siblings:
                lines += [f"{name}, {'in the same run' if example.in_run else 'beside it but not in the run'}:",
                          *_indented(source)]
    return lines


def _explain_machinery(entry) -> list[str]:
    from migrator.codes import MACHINERY, SourceExample, WriteExample

    example = MACHINERY[entry.code].example
    lines = [f"{entry.code} {entry.name} ({entry.kind}, {entry.severity})", *_about(entry), "", "Example:"]
    if isinstance(example, WriteExample):
        return lines + [f"    {example.scenario}"]
    if isinstance(example, SourceExample):
        for title, files in (("Invalid (finding at 1:1)", example.invalid), ("Valid", example.valid)):
            for name, source in files:
                lines += [f"{title}, {name} ({len(source.encode())} bytes) with max-file-size = "
                          f"{example.max_file_size}:", *_indented(source)]
        return lines
    if entry.kind == "input":
        if example.data is None:
            return lines + ["    a path that does not exist or cannot be read"]
        return lines + [f"    the bytes {example.data!r} (finding at {example.line}:{example.col})"]
    if example.steps:
        lines.append("psmigrate convert --merge with these calls, in order:")
        for n, (endpoint, body) in enumerate(example.steps, 1):
            lines += [f"call {n} ({endpoint}):", _show(body)]
        return lines
    return lines + [_show(example.body)]


def _indented(source: str) -> list[str]:
    return ["    " + line if line else "" for line in source.splitlines()]


def _show(body) -> str:
    text = json.dumps(body, indent=2, ensure_ascii=False)
    return text if len(text) <= EXAMPLE_WIDTH else text[:EXAMPLE_WIDTH] + f"\n... ({len(text):,} characters)"


def _wrap(text: str) -> str:
    import textwrap

    return textwrap.fill(text, 96)

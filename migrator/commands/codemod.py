"""``psmigrate codemod``: rewrite Python code that calls v1 endpoints."""

from __future__ import annotations

import sys

import click

from migrator.diagnostics import MigrationError, render
from migrator.sizecap import max_file_size_option
from migrator.workers import jobs_option


@click.command("codemod")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--diff", "mode", flag_value="diff", default=True,
              help="Print a unified diff of what would change; write nothing (the default).")
@click.option("--check", "mode", flag_value="check",
              help="List the files that would change and the findings; write nothing. Exit 1 if a file would "
                   "change or a finding needs a person (informational findings do not count).")
@click.option("--write", "mode", flag_value="write", help="Rewrite the files in place.")
@jobs_option
@click.option("--add-todos", is_flag=True,
              help="Insert `# TODO(psmigrate): CODE message` above each line that needs a person.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Also apply the fixes that may change what the code does (as ruff names them): a call of Adobe's "
                   "v1 JavaScript SDK rewritten to a v2 `fetch` and poll. Without it such a finding says that a fix is "
                   "available.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format of the findings report (on standard error).")
@click.option("--config", "config_start", type=click.Path(exists=True), metavar="PATH",
              help="A pyproject.toml to read, or a directory to look for one from (default: the current one).")
@max_file_size_option
def codemod_command(paths, mode, jobs, add_todos, unsafe_fixes, output_format, config_start, max_file_size):
    """Rewrite Python, JavaScript/TypeScript, shell scripts and Markdown calling Photoshop/Lightroom API v1 to v2.

    PATHS are .py, .js/.mjs/.cjs/.jsx/.ts/.tsx, .sh/.bash/.zsh, .md or plain-text files, or
    directories (every such file below them; in Markdown, the fenced sh/bash/shell/console/curl/zsh and
    cmd blocks), skipping .git, virtual
    environments, node_modules, build output, what .gitignore excludes and the `exclude` globs of
    [tool.psmigrate] in pyproject.toml, whose select, ignore and per-file-ignores apply as in
    lint). URLs, dict-literal request bodies and unambiguous reads of v1 response fields are
    rewritten; everything else is reported as `path:line:col: CODE message`. The report goes to
    standard error in every mode; standard output has the diff (--diff) or the files that would
    change (--check).

    Exit codes: 0 nothing to change (or, with --write, everything changed) and no finding that
    needs a person; 1 a file would change (--diff, --check) or such a finding is left;
    2 usage error or a file that could not be read, parsed or written. Informational findings (PS708, PS732)
    never change the exit code.
    """
    from pathlib import Path

    from migrator.codemod import Options
    from migrator.codemod.findings import FINDINGS
    from migrator.javascript.findings import JS_FINDINGS
    from migrator.shell.findings import SHELL_FINDINGS
    from migrator.codemod.runner import run, show_progress
    from migrator.files import unified_diff, write_output
    from migrator.lint import config as config_module
    from migrator.lint.catalog import matching

    try:
        config = config_module.load(Path(config_start) if config_start else None)
    except config_module.ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    unknown = list(matching(config.selection_codes()))
    if unknown:
        raise click.UsageError(f"{config.path}: unknown rule code(s): {', '.join(unknown)}; see `psmigrate rules`")

    def disabled_for(path: str) -> frozenset[str]:
        selection = config.selection_for(path)
        return frozenset(code for code in (*FINDINGS, *SHELL_FINDINGS, *JS_FINDINGS) if not selection.enabled(code))

    options = Options(add_todos=add_todos, unsafe_fixes=unsafe_fixes,
                      max_file_size=config.max_file_size if max_file_size is None else max_file_size)
    bar = None

    def start(total: int) -> None:
        nonlocal bar
        if show_progress() and total >= 50:
            bar = click.progressbar(length=total, label="psmigrate codemod", file=sys.stderr)
            bar.__enter__()

    try:
        summary = run(paths, options, jobs, progress=lambda n: bar.update(n) if bar else None, on_total=start,
                      excluded=config.excluded, disabled_for=disabled_for)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    _add_text_kinds(summary, paths, options, jobs, config, disabled_for)

    changed = failed = 0
    findings = []
    for result in sorted(summary.results, key=lambda r: r.path):
        failed += result.failed
        selection = config.selection_for(result.path)
        findings.extend(d for d in result.findings if selection.enabled(d.code))
        if not result.changed:
            continue
        if mode == "diff":
            before, after = _text(result.before, result.path), _text(result.after, result.path)
            sys.stdout.write(unified_diff(result.path, before, after))
        elif mode == "check":
            sys.stdout.write(f"would rewrite {result.path}\n")
        else:
            try:
                write_output(result.path, result.after, expected=result.before)
            except MigrationError as exc:  # PS010, PS011, PS016: reported, not counted as rewritten
                failed += 1
                findings.append(exc.diagnostic().located(result.path, None, None))
                continue
        changed += 1
    sys.stderr.write(render(findings, output_format))
    verb = {"diff": "would rewrite", "check": "would rewrite", "write": "rewrote"}[mode]
    if output_format == "text":  # a JSON report is the whole of standard error, for machines
        parsed = len(summary.candidates) - sum(not result.parsed for result in summary.results)
        click.echo(f"psmigrate codemod: {summary.scanned} files scanned, {parsed} parsed, "
                   f"{verb} {changed}, {len(findings)} findings, {failed} failed", err=True)
    if failed:
        sys.exit(2)
    blocking = any(d.severity.value != "info" for d in findings)
    sys.exit(1 if blocking or (changed and mode != "write") else 0)


def _add_text_kinds(summary, paths, options, jobs, config, disabled_for) -> None:
    """Shell scripts and Markdown, JavaScript and TypeScript (``migrator/textkinds.py``): found,
    rewritten and reported with the Python files of the run, under the same configuration."""
    import os
    from dataclasses import replace

    from migrator import textkinds

    named = set(paths)
    for name in textkinds.MODULES:
        files = [f for f in textkinds.files_of(name, paths) if f in named or not config.excluded(f)]
        if not files:
            continue
        summary.scanned += len(files)
        # covered: the files whose requests decide a URL piece another one holds (javascript/shared.py),
        # as the Python kind's run_files: those the pre-filter lets through, and the files importing one
        candidates, covered = textkinds.kind(name).survey(files)
        summary.candidates += candidates
        read = {*candidates, *(f for f in files if os.path.realpath(f) in covered)}  # the rest changes nothing
        work = [(f, replace(options, disabled=options.disabled | disabled_for(f), run_files=covered))
                for f in files if f in read]
        summary.results += textkinds.rewrite_all(name, work, jobs)


def _text(data: bytes, path: str) -> str:
    from migrator.files import python_text
    from migrator.javascript import is_js_path
    from migrator.shell import is_shell_path

    plain = is_shell_path(path, named=True) or is_js_path(path)
    return data.decode("utf-8", errors="replace") if plain else python_text(data)

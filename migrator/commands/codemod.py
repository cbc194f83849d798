"""``psmigrate codemod``: rewrite Python code that calls v1 endpoints."""

from __future__ import annotations

import sys

import click

from migrator.diagnostics import MigrationError, render


@click.command("codemod")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--diff", "mode", flag_value="diff", default=True,
              help="Print a unified diff of what would change; write nothing (the default).")
@click.option("--check", "mode", flag_value="check", help="Exit 1 if any file would change; write nothing.")
@click.option("--write", "mode", flag_value="write", help="Rewrite the files in place.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Parallel worker processes (default: the number of CPUs).")
@click.option("--add-todos", is_flag=True,
              help="Insert `# TODO(psmigrate): CODE message` above each line that needs a person.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format of the findings report.")
def codemod_command(paths, mode, jobs, add_todos, output_format):
    """Rewrite Python code that calls Photoshop/Lightroom API v1 endpoints to v2.

    PATHS are .py files or directories (every *.py below them, skipping .git, virtual
    environments, node_modules, build output, what .gitignore excludes and the `exclude` globs of
    [tool.psmigrate] in pyproject.toml). URLs, dict-literal
    request bodies and unambiguous reads of v1 response fields are rewritten; everything else is
    reported as `path:line:col: CODE message`. The report goes to standard error with --diff
    (the diff is on standard output) and to standard output otherwise.

    Exit codes: 0 nothing to change and no findings, 1 changes (--diff, --check) or findings,
    2 usage error or a file that could not be parsed.
    """
    from migrator.codemod import Options
    from migrator.codemod.runner import run, show_progress
    from migrator.files import python_text, unified_diff, write_output
    from migrator.lint import config as config_module

    try:
        config = config_module.load()
    except config_module.ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    options = Options(add_todos=add_todos)
    bar = None

    def start(total: int) -> None:
        nonlocal bar
        if show_progress() and total >= 50:
            bar = click.progressbar(length=total, label="psmigrate codemod", file=sys.stderr)
            bar.__enter__()

    try:
        summary = run(paths, options, jobs, progress=lambda n: bar.update(n) if bar else None, on_total=start,
                      excluded=config.excluded)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)

    report_stream = sys.stderr if mode == "diff" else sys.stdout
    changed = failed = 0
    findings = []
    for result in sorted(summary.results, key=lambda r: r.path):
        failed += result.failed
        findings.extend(result.findings)
        if not result.changed:
            continue
        if mode == "diff":
            sys.stdout.write(unified_diff(result.path, python_text(result.before), python_text(result.after)))
        elif mode == "check":
            sys.stdout.write(f"would rewrite {result.path}\n")
        else:
            try:
                write_output(result.path, result.after)
            except MigrationError as exc:  # reported with the findings; not counted as rewritten
                failed += 1
                findings.append(exc.diagnostic().located(result.path, None, None))
                continue
        changed += 1
    report_stream.write(render(findings, output_format))
    verb = {"diff": "would rewrite", "check": "would rewrite", "write": "rewrote"}[mode]
    click.echo(f"psmigrate codemod: {summary.scanned} files scanned, {len(summary.candidates)} parsed, "
               f"{verb} {changed}, {len(findings)} findings, {failed} failed", err=True)
    if failed:
        sys.exit(2)
    blocking = any(d.severity.value != "info" for d in findings)
    sys.exit(1 if blocking or (changed and mode != "write") else 0)

"""``psmigrate lint``: check request bodies against the rule catalog (``migrator/lint/``)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import click

from migrator.lint.report import FORMATS


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


@dataclass
class LintJob:
    output_format: str = "text"
    fix: bool = False
    endpoint: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    config_start: str | None = None
    jobs: int = 0
    force_exclude: bool = False
    diff: bool = False
    reports: list = field(default_factory=list)

    class UsageError(Exception):
        pass

    def run(self, paths: tuple[str, ...]) -> int:
        from migrator.lint import config as config_module
        from migrator.lint.catalog import Selection, matching
        from migrator.lint.runner import LintOptions, lint_paths

        try:
            config = config_module.load(_start(self.config_start))
        except config_module.ConfigError as exc:
            raise self.UsageError(str(exc)) from None
        given = [*(self.select or ()), *self.ignore, *self.extend_select, *config.selection_codes()]
        unknown = list(matching(given))
        if unknown:
            raise self.UsageError(f"unknown rule code(s): {', '.join(unknown)}; see `psmigrate rules`")
        if self.diff and self.output_format != "text":
            raise self.UsageError("--diff prints unified diffs; it takes no --output-format")
        if self.fix and "-" in paths and self.output_format != "text":
            raise self.UsageError("--fix on standard input writes the fixed body to standard output; "
                                  "use the default --output-format text")
        flags = Selection(self.select, self.ignore, self.extend_select)
        endpoints = {name: self._endpoint(name, config) for name in {self.endpoint, *config.per_file_endpoint.values()}}
        items = [(path, LintOptions(config.selection_for(path, flags),
                                    *endpoints[self.endpoint or config.endpoint_for(path)],
                                    self.fix or self.diff, explicit, self.diff))
                 for path, explicit in self._inputs(paths, config)]
        self.reports = lint_paths(items, self.jobs)
        return self._print()

    def _endpoint(self, name: str | None, config) -> tuple[str | None, str | None]:
        """For --endpoint or a per-file-endpoint NAME: the v2 path to lint against and, when NAME
        is a v1 endpoint, that name for --fix."""
        if name is None:
            return None, None
        from migrator import rulebook
        from migrator.lint.payload import resolve_endpoint

        try:
            v2 = resolve_endpoint(name)
        except KeyError as exc:
            where = "" if name == self.endpoint else f"{config.path}: [tool.psmigrate] per-file-endpoint: "
            raise self.UsageError(where + exc.args[0]) from None
        try:
            return v2, rulebook.find_endpoint(name)[1].name
        except KeyError:
            return v2, None

    def _inputs(self, paths, config):
        from migrator.files import expand
        from migrator.lint.runner import SOURCE_KINDS

        for raw in paths:
            if raw != "-" and os.path.isdir(raw):
                for path, _ in expand([raw], tuple(SOURCE_KINDS)):
                    if not config.excluded(path):
                        yield path, False
            elif not self.force_exclude:
                yield raw, True
            elif raw == "-" or not config.excluded(raw):
                yield raw, False

    def _print(self) -> int:
        if self.diff:
            return self._print_diffs()
        from migrator.lint.report import render

        diagnostics = [d for r in self.reports for d in r.diagnostics]
        for report in self.reports:
            if report.output is not None:
                sys.stdout.write(report.output)
        stream = sys.stderr if any(r.output is not None for r in self.reports) else sys.stdout
        # What --fix did (fields the conversion rules removed, say) is told too: on standard
        # error beside the summary for people, in the report itself for machines.
        notes = [n for r in self.reports for n in r.notes]
        if self.output_format == "text":
            stream.write(render(diagnostics, "text"))
            sys.stderr.write(render(notes, "text") + self._summary(diagnostics))
        else:
            stream.write(render(diagnostics + notes, self.output_format))
        if any(r.unreadable for r in self.reports):
            return 2
        return 1 if diagnostics else 0

    def _print_diffs(self) -> int:
        """As ruff's --diff: the fixes as unified diffs on standard output, nothing written, exit 1
        when there is one."""
        from migrator.lint.catalog import INPUT_CODES
        from migrator.redact import redact

        unreadable = {*INPUT_CODES, "PS709"}  # input errors, and Python that does not parse
        changed = [r for r in self.reports if r.diff]
        for report in changed:
            sys.stdout.write(report.diff)
        for report in self.reports:
            for diagnostic in report.diagnostics:
                if diagnostic.code in unreadable:
                    sys.stderr.write(diagnostic.render_text() + "\n")
        fixes = sum(r.fixed_count for r in changed)
        sys.stderr.write(redact(f"Would fix {_count(fixes, 'problem')} in {_count(len(changed), 'file')}.\n"
                                if changed else "No fixes available.\n"))
        if any(r.unreadable for r in self.reports) or any(d.code in unreadable for r in self.reports
                                                          for d in r.diagnostics):
            return 2  # a file that cannot be read or parsed has no diff to show: an input error
        return 1 if changed else 0

    def _summary(self, diagnostics) -> str:
        from migrator.redact import redact

        checked = [r for r in self.reports if not r.skipped]
        skipped = len(self.reports) - len(checked)
        rewritten = [r for r in self.reports if r.fixed and (r.changed or r.output is not None)]
        fixed = sum(r.fixed_count for r in rewritten)
        parts = []
        if rewritten:
            parts.append(f"Fixed {_count(fixed, 'problem')} in {_count(len(rewritten), 'file')}.")
        if diagnostics:
            fixable = sum(1 for d in diagnostics if d.fix)
            hint = f" ({fixable} fixable with --fix)" if fixable and not self.fix else ""
            parts.append(f"Found {len(diagnostics)} problem{'s' if len(diagnostics) != 1 else ''} in "
                         f"{len({d.path for d in diagnostics})} of {len(checked)} file(s){hint}.")
        elif checked:
            parts.append(f"All {len(checked)} file(s) passed.")
        else:
            parts.append("No request bodies found.")
        if skipped:
            parts.append(f"Skipped {skipped} JSON file(s) that are not request bodies.")
        return redact(" ".join(parts) + "\n")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _start(config_start: str | None):
    from pathlib import Path

    return Path(config_start) if config_start else None


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--output-format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text (path:line:col: CODE message), json, sarif (2.1.0) or github (workflow annotations).")
@click.option("--select", metavar="CODES",
              help="Comma-separated codes or prefixes to check (replaces the configured set).")
@click.option("--ignore", metavar="CODES", help="Comma-separated codes or prefixes not to report.")
@click.option("--extend-select", metavar="CODES", help="Codes or prefixes to check on top of the configured set.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes (v1 body → v2, renames, the codemod on Python "
              "files) and write the files back.")
@click.option("--diff", is_flag=True, help="Print what --fix would change as unified diffs; write nothing; exit 1 "
              "if there is a change.")
@click.option("--endpoint", metavar="NAME", help="The v2 endpoint the bodies are for (execute-actions, "
              "/v2/edit, or a v1 endpoint name). Default: inferred from each body's shape.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for large trees (0: one per CPU; used from 100 files on).")
@click.option("--force-exclude", is_flag=True,
              help="Treat named files as a directory walk does: apply `exclude`, skip JSON that is not a request "
                   "body and Python files that do not name Adobe's API (for pre-commit, which names every file).")
@click.option("--config", "config_start", type=click.Path(exists=True), metavar="PATH",
              help="A pyproject.toml to read, or a directory to look for one from (default: the current one).")
def lint_command(paths, output_format, select, ignore, extend_select, fix, diff, endpoint, jobs, force_exclude,
                 config_start):
    """Check JSON request bodies and Python code for v1 leftovers, v2 limits and schema errors.

    PATHS are files, directories (every *.json and *.py below them; JSON that is not a request
    body is skipped) or - for a JSON body on standard input. In Python files every v1 call site
    psmigrate codemod finds is a finding; a noqa comment on its line (# noqa: PS720) silences it.
    --fix converts v1 bodies and applies the codemod; --diff shows what --fix would change. Configure with [tool.psmigrate] in pyproject.toml (select,
    ignore, extend-select, per-file-ignores, exclude). Exit codes: 0 clean, 1 findings,
    2 usage error or unreadable input.
    """
    job = LintJob(output_format, fix, endpoint, _codes(select), _codes(ignore) or (), _codes(extend_select) or (),
                  config_start, jobs, force_exclude, diff)
    try:
        sys.exit(job.run(paths))
    except LintJob.UsageError as exc:
        raise click.UsageError(str(exc)) from None

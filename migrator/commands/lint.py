"""``psmigrate lint``: check request bodies against the rule catalog (``migrator/lint/``)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import click

from migrator.lint.report import FORMATS
from migrator.output import write_data
from migrator.sizecap import max_file_size_option
from migrator.workers import jobs_option


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


@dataclass(eq=False)
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
    unsafe_fixes: bool = False
    max_file_size: int | None = None  # --max-file-size; None: the configuration's

    class UsageError(Exception):
        pass

    def run(self, paths: tuple[str, ...]) -> int:
        from migrator.lint import config as config_module
        from migrator.lint.catalog import Selection, matching
        from migrator.lint.runner import LintOptions, iter_lint_paths

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
                                    self.fix or self.diff, explicit, self.diff, self.unsafe_fixes,
                                    config.max_file_size if self.max_file_size is None else self.max_file_size))
                 for path, explicit in self._inputs(paths, config)]
        reports = iter_lint_paths(items, self.jobs)
        if self.diff:
            return self._print_diffs(reports)
        return self._print(reports, filtering="-" in paths and self.fix)

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
        from migrator.lint.runner import NAMED_ONLY, SOURCE_KINDS

        for raw in paths:
            if raw != "-" and os.path.isdir(raw):
                for path, _ in expand([raw], tuple(s for s in SOURCE_KINDS if s not in NAMED_ONLY)):
                    if not config.excluded(path):
                        yield path, False
            elif not self.force_exclude:
                yield raw, True
            elif raw == "-" or not config.excluded(raw):
                yield raw, False

    def _print(self, reports, filtering: bool) -> int:
        """Print each file's findings as its report comes in (text and github), or all at the end
        (json and sarif, one document); only counts are kept, not the reports."""
        from migrator.lint.report import render

        tally = _Tally()
        held: list = []  # json/sarif findings; notes, which follow the findings
        notes: list = []
        # A filter (--fix on standard input) writes the body on standard output, so findings go beside it.
        stream = sys.stderr if filtering else sys.stdout
        streamed = self.output_format in ("text", "github")
        for report in reports:
            tally.add(report)
            if report.output is not None:
                write_data(report.output)
            if streamed and report.diagnostics:
                stream.write(render(report.diagnostics, self.output_format))
            elif not streamed:
                held += report.diagnostics
            notes += report.notes
        # What --fix did (fields the conversion rules removed, say) is told too: on standard
        # error beside the summary for people, in the report itself for machines.
        if self.output_format == "text":
            sys.stderr.write(render(notes, "text") + self._summary(tally))
        elif streamed:
            stream.write(render(notes, self.output_format))
        else:
            stream.write(render(held + notes, self.output_format))
        if tally.unreadable:
            return 2
        return 1 if tally.diagnostics else 0

    def _print_diffs(self, reports) -> int:
        """As ruff's --diff: the fixes as unified diffs on standard output, nothing written, exit 1
        when there is one."""
        from migrator.lint.catalog import INPUT_CODES
        unreadable_codes = {*INPUT_CODES, "PS709"}  # input errors, and Python that does not parse
        changed = fixes = 0
        unreadable = capped = False
        for report in reports:
            if report.diff:
                sys.stdout.write(report.diff)
                changed += 1
                fixes += report.fixed_count
            for diagnostic in report.diagnostics:
                if diagnostic.code in unreadable_codes:
                    sys.stderr.write(diagnostic.render_text() + "\n")
                    unreadable = True  # a file that cannot be read or parsed has no diff to show
                elif diagnostic.code == "PS018":  # over max-file-size: not parsed, so no diff either
                    sys.stderr.write(diagnostic.render_text() + "\n")
                    capped = True
            unreadable |= report.unreadable
        sys.stderr.write(f"Would fix {_count(fixes, 'problem')} in {_count(changed, 'file')}.\n"
                         if changed else "No fixes available.\n")
        if unreadable:
            return 2
        return 1 if changed or capped else 0

    def _summary(self, tally: _Tally) -> str:
        parts = []
        if tally.rewritten:
            parts.append(f"Fixed {_count(tally.fixed, 'problem')} in {_count(tally.rewritten, 'file')}.")
        if tally.diagnostics:
            hint = f" ({tally.fixable} fixable with --fix)" if tally.fixable and not self.fix else ""
            if tally.unsafe and not self.unsafe_fixes:  # as ruff says of its hidden fixes
                hint += f" ({tally.unsafe} more fixable with --fix --unsafe-fixes)"
            parts.append(f"Found {tally.diagnostics} problem{'s' if tally.diagnostics != 1 else ''} in "
                         f"{tally.files_with_findings} of {tally.checked} file(s){hint}.")
        elif tally.checked:
            parts.append(f"All {tally.checked} file(s) passed.")
        else:
            parts.append("No request bodies found.")
        if tally.skipped:
            parts.append(f"Skipped {tally.skipped} JSON file(s) that are not request bodies.")
        return " ".join(parts) + "\n"


@dataclass(eq=False)
class _Tally:
    """What the summary line and the exit code need, counted report by report."""

    checked: int = 0
    skipped: int = 0
    diagnostics: int = 0
    fixable: int = 0
    files_with_findings: int = 0
    fixed: int = 0  # kinds of problem fixed, over the files rewritten
    rewritten: int = 0
    unreadable: bool = False
    unsafe: int = 0  # findings whose fix --unsafe-fixes would apply

    def add(self, report) -> None:
        if report.diagnostics:  # a clean run does not load the JavaScript kind's findings
            from migrator.javascript.findings import JS_UNSAFE

            self.unsafe += sum(1 for d in report.diagnostics if d.code in JS_UNSAFE and not d.fix)
        self.skipped += report.skipped
        self.checked += not report.skipped
        self.diagnostics += len(report.diagnostics)
        self.fixable += sum(1 for d in report.diagnostics if d.fix)
        self.files_with_findings += bool(report.diagnostics)
        if report.fixed and (report.changed or report.output is not None):
            self.fixed += report.fixed_count
            self.rewritten += 1
        self.unreadable |= report.unreadable


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
@click.option("--unsafe-fixes", is_flag=True, help="Also apply the fixes that may change what the code does (as "
              "ruff names them): a v1 SDK call rewritten to a v2 `fetch` and poll. Without it such a finding says "
              "that a fix is available.")
@click.option("--endpoint", metavar="NAME", help="The v2 endpoint the bodies are for (execute-actions, "
              "/v2/edit, or a v1 endpoint name). Default: inferred from each body's shape.")
@jobs_option
@click.option("--force-exclude", is_flag=True,
              help="Treat named files as a directory walk does: apply `exclude`, skip JSON that is not a request "
                   "body and Python files that do not name Adobe's API (for pre-commit, which names every file).")
@click.option("--config", "config_start", type=click.Path(exists=True), metavar="PATH",
              help="A pyproject.toml to read, or a directory to look for one from (default: the current one).")
@max_file_size_option
def lint_command(paths, output_format, select, ignore, extend_select, fix, diff, unsafe_fixes, endpoint, jobs,
                 force_exclude, config_start, max_file_size):
    """Check JSON request bodies, Python, JavaScript/TypeScript, shell scripts and Markdown for v1 leftovers, v2 limits and schema errors.

    PATHS are files, directories (every *.json, *.py, *.js/.mjs/.cjs/.jsx/.ts/.tsx, *.sh, *.bash,
    *.zsh and *.md below them; JSON that is not a request body is skipped) or - for a JSON body
    on standard input; a .txt file named is read as shell. In Python and JavaScript/TypeScript
    files, and in the curl commands of shell scripts and Markdown's shell blocks, every v1 call
    site psmigrate codemod finds is a finding; a noqa comment on its line (# noqa: PS720,
    // noqa: PS902) silences it.
    --fix converts v1 bodies and applies the codemod; --diff shows what --fix would change. Configure with [tool.psmigrate] in pyproject.toml (select,
    ignore, extend-select, per-file-ignores, exclude, max-file-size). Exit codes: 0 clean, 1 findings,
    2 usage error or unreadable input.
    """
    job = LintJob(output_format, fix, endpoint, _codes(select), _codes(ignore) or (), _codes(extend_select) or (),
                  config_start, jobs, force_exclude, diff, unsafe_fixes, max_file_size)
    try:
        sys.exit(job.run(paths))
    except LintJob.UsageError as exc:
        raise click.UsageError(str(exc)) from None

"""``psmigrate convert``: v1 payload files → v2 request bodies."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import click

from migrator.diagnostics import Diagnostic, MigrationError, render
from migrator.files import OutputCollision, WriteRefused, expand, output_targets, unified_diff, write_output
from migrator.output import write_data
from migrator.source import SourceText
from migrator.workers import jobs_option, map_in_pool


@dataclass
class ConvertJob:
    output: str | None = None
    in_place: bool = False
    diff: bool = False
    check: bool = False
    endpoint: str | None = None
    allow_unsupported: bool = False
    validate: bool = True
    output_format: str = "text"
    merge: bool = False
    jobs: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _current: SourceText | None = None  # the file being converted, to place errors in it
    _targets: dict[str, Path] = field(default_factory=dict)  # -o: where each input is written
    skipped: int = 0  # JSON files a walk found that are not request bodies

    class UsageError(Exception):
        pass

    def run(self, paths: tuple[str, ...]) -> int:
        if self.merge:
            return self._run_merge(paths)
        from migrator.shell import is_shell_path

        shell = [p for p in paths if is_shell_path(p, named=True)]
        if shell:  # not a payload: say which curl commands it holds, and which command migrates them
            from migrator.shell.found import convert_refusal

            sys.stderr.write(render([d for p in shell for d in convert_refusal(p)], self.output_format))
            return 2
        inputs = list(expand(paths, (".json",)))
        to_stdout = not (self.output or self.in_place or self.diff or self.check)
        self._check_usage(paths, inputs, to_stdout)
        if self.output:
            try:
                self._targets = output_targets(inputs, self.output)
            except OutputCollision as exc:
                raise self.UsageError(f"-o {self.output}: {exc}") from None
        failed = changed = False
        named = set(paths)
        settings = replace(self, diagnostics=[])  # what each worker needs, without the findings so far
        work = [(settings, path, to_stdout, path not in named) for path, _ in inputs]
        jobs = 1 if "-" in paths else self.jobs
        for outcome in map_in_pool(_convert_file, work, jobs, per_worker=FILES_PER_WORKER, warm=_warm):
            if outcome.body:
                write_data(outcome.body)  # the body the user asked for, whole (messages are redacted)
            sys.stdout.write(outcome.stdout)
            self.diagnostics += outcome.diagnostics
            self.skipped += outcome.skipped
            changed |= outcome.changed
            failed |= outcome.failed
        if self.diagnostics:
            sys.stderr.write(render(self.diagnostics, self.output_format))
        if self.skipped and self.output_format == "text":
            sys.stderr.write(f"psmigrate convert: skipped {self.skipped} JSON file(s) that are not request bodies "
                             "(name a file to convert it anyway)\n")
        if failed:
            return 2
        return 1 if changed and (self.check or self.diff) else 0

    def _check_usage(self, paths, inputs, to_stdout: bool) -> None:
        if sum(map(bool, (self.output, self.in_place, self.diff or self.check))) > 1:
            raise self.UsageError("choose one of -o/--output, --in-place, --diff/--check")
        if not inputs:
            raise self.UsageError("no .json files found in " + ", ".join(paths))
        if to_stdout and len(inputs) > 1:
            raise self.UsageError("several inputs: pass -o DIR, --in-place, --diff or --check")
        if self.in_place and "-" in paths:
            raise self.UsageError("--in-place cannot rewrite standard input")
        if self.endpoint:
            from migrator import rulebook

            try:
                rulebook.find_endpoint(self.endpoint)
            except KeyError as exc:
                raise self.UsageError(exc.args[0]) from None

    def one(self, path: str, to_stdout: bool, walked: bool) -> Outcome:
        """Convert one file; what to print comes back (this may run in a worker process)."""
        outcome = Outcome()
        self._current = None
        self.skipped = 0
        try:
            outcome.changed, outcome.stdout, outcome.body = self._one(path, to_stdout, walked)
        except MigrationError as exc:
            outcome.failed = True
            self._add(exc.diagnostic(), path, self._current)
        outcome.diagnostics, self.diagnostics = self.diagnostics, []
        outcome.skipped = self.skipped
        return outcome

    def _one(self, path: str, to_stdout: bool, walked: bool) -> tuple[bool, str, str]:
        """Convert one file: (changed, text to print, body to print unredacted); a file a
        directory walk found that is not a request body (``package.json``) is skipped, as lint
        skips it."""
        from migrator.convert import convert  # the rules and the engine, only once there is work
        from migrator.engine import Options

        source = SourceText.read(path)
        body = source.parse()
        self._current = source
        if walked:
            from migrator.lint.payload import looks_like_payload

            if not looks_like_payload(body):
                self.skipped += 1
                return False, "", ""
        result = convert(body, self.endpoint, Options(allow_unsupported=self.allow_unsupported), self.validate)
        for diagnostic in sorted(result.diagnostics, key=lambda d: source.locate(d.pointer)):
            self._add(diagnostic, path, source)
        new_text = source.text if result.already_v2 else source.render(result.body)
        changed = new_text != source.text
        if to_stdout:
            return changed, "", new_text
        if self.diff:
            return changed, unified_diff(path, source.text, new_text), ""
        if self.check:
            return changed, f"would convert {path}\n" if changed else "", ""
        else:
            target = Path(path) if self.in_place else self._targets[path]
            original = source.encode(source.text) if self.in_place else None  # what was read, byte for byte
            try:
                write_output(target, source.encode(new_text), name_it=not self.in_place, expected=original)
            except WriteRefused as exc:
                raise exc if self.in_place else MigrationError(exc.code, f"{target} {exc.message}") from None
        return changed, "", ""

    def _run_merge(self, paths: tuple[str, ...]) -> int:
        """--merge: one /v2/edit body from v1 Lightroom calls on the same image (migrator.merge)."""
        from migrator.engine import Options
        from migrator.merge import Step, StepError, merge, split_endpoint_prefix

        if self.in_place or self.diff or self.check or self.endpoint:
            raise self.UsageError("--merge writes one body to -o FILE or standard output; name a body's "
                                  "endpoint with NAME=PATH instead of --endpoint")
        sources: list[tuple[str, SourceText | None]] = []
        try:
            steps = []
            for endpoint, path in map(split_endpoint_prefix, paths):
                sources.append((path, None))
                source = SourceText.read(path)
                sources[-1] = (path, source)
                steps.append(Step(path, source.parse(), endpoint))
            merged = merge(steps, Options(allow_unsupported=self.allow_unsupported), self.validate)
            for index, diagnostic in merged.diagnostics:
                self._add(diagnostic, *sources[index])
            text = sources[0][1].render(merged.body)
            if self.output:
                try:
                    write_output(Path(self.output), sources[0][1].encode(text), name_it=True)
                except MigrationError as exc:
                    self._add(exc.diagnostic(), self.output)
            else:
                write_data(text)
        except StepError as exc:
            self._add(exc.diagnostic(), *sources[exc.index])
        except WriteRefused as exc:
            self._add(exc.diagnostic(), self.output)
        except MigrationError as exc:
            self._add(exc.diagnostic(), *sources[-1])
        failed = any(d.severity == "error" for d in self.diagnostics)
        if self.diagnostics:
            sys.stderr.write(render(self.diagnostics, self.output_format))
        return 2 if failed else 0

    def _add(self, diagnostic: Diagnostic, path: str, source=None) -> None:
        line, col = diagnostic.line, diagnostic.col
        if line is None and isinstance(source, SourceText):
            line, col = source.locate(diagnostic.pointer)
        self.diagnostics.append(diagnostic.located("<stdin>" if path == "-" else path, line, col))


@dataclass
class Outcome:
    changed: bool = False
    failed: bool = False
    stdout: str = ""
    body: str = ""  # a converted body for standard output: printed whole, not redacted
    skipped: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


FILES_PER_WORKER = 50  # below this many files per worker, starting one costs more than it saves


def _convert_file(job: ConvertJob, path: str, to_stdout: bool, walked: bool) -> Outcome:
    return job.one(path, to_stdout, walked)


def _warm() -> None:
    """Load the rules, transforms, recognisers and validators once, before workers fork."""
    import migrator.convert  # noqa: F401  (the engine)
    from migrator import recognise, rulebook, schemas, transforms

    transforms.names()
    recognise.candidates({})
    for family in rulebook.families():
        schemas.is_valid(family.schema_, {})


@click.command("convert")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(), help="Write to this file (one input) or directory.")
@click.option("--in-place", is_flag=True, help="Rewrite the input files.")
@click.option("--diff", is_flag=True, help="Print a unified diff; write nothing.")
@click.option("--check", is_flag=True, help="Exit 1 if any file would change; write nothing.")
@click.option("--endpoint", metavar="NAME", help="The v1 endpoint, as a path (/pie/psdService/productCrop) "
              "or its last segment (productCrop). Default: inferred from each body.")
@click.option("--allow-unsupported", is_flag=True, help="Convert endpoints with no supported v2 equivalent "
              "(depthBlur) to Adobe's reference ActionJSON anyway, with a warning.")
@click.option("--merge", is_flag=True, help="Combine v1 Lightroom bodies applied to the same image, in order, "
              "into one /v2/edit body. Name a body's endpoint as NAME=PATH when it fits several.")
@click.option("--no-validate", is_flag=True, help="Skip validating the result against the v2 schema.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format of the diagnostics (printed on standard error).")
@jobs_option
def convert_command(paths, output, in_place, diff, check, endpoint, allow_unsupported, merge, no_validate,
                    output_format, jobs):
    """Convert v1 JSON request bodies to v2.

    PATHS are files, directories (every *.json below them) or - for standard input. With one
    input and no -o, --in-place, --diff or --check, the v2 body goes to standard output.
    """
    job = ConvertJob(output=output, in_place=in_place, diff=diff, check=check, endpoint=endpoint,
                     allow_unsupported=allow_unsupported, validate=not no_validate, output_format=output_format,
                     merge=merge, jobs=jobs)
    try:
        sys.exit(job.run(paths))
    except ConvertJob.UsageError as exc:
        raise click.UsageError(str(exc)) from None

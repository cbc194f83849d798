"""The ``psmigrate`` command line. Each command imports what it needs when it runs, so that
start-up stays cheap (no libcst or jsonschema unless the command uses them)."""

from __future__ import annotations

import sys

import click

from migrator import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="psmigrate")
def main() -> None:
    """Migrate Adobe Photoshop API v1 payloads and code to v2."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(), help="Write to this file (one input) or directory.")
@click.option("--in-place", is_flag=True, help="Rewrite the input files.")
@click.option("--diff", is_flag=True, help="Print a unified diff; write nothing.")
@click.option("--check", is_flag=True, help="Exit 1 if any file would change; write nothing.")
@click.option("--endpoint", metavar="NAME", help="The v1 endpoint, as a path (/pie/psdService/productCrop) "
              "or its last segment (productCrop). Default: inferred from each body.")
@click.option("--allow-unsupported", is_flag=True, help="Convert endpoints with no supported v2 equivalent "
              "(depthBlur) to Adobe's reference ActionJSON anyway, with a warning.")
@click.option("--no-validate", is_flag=True, help="Skip validating the result against the v2 schema.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format of the diagnostics (printed on standard error).")
def convert(paths, output, in_place, diff, check, endpoint, allow_unsupported, no_validate, output_format):
    """Convert v1 JSON request bodies to v2.

    PATHS are files, directories (every *.json below them) or - for standard input. With one
    input and no -o, --in-place, --diff or --check, the v2 body goes to standard output.
    """
    from migrator.commands.convert import ConvertJob

    job = ConvertJob(output=output, in_place=in_place, diff=diff, check=check, endpoint=endpoint,
                     allow_unsupported=allow_unsupported, validate=not no_validate, output_format=output_format)
    try:
        sys.exit(job.run(paths))
    except job.UsageError as exc:
        raise click.UsageError(str(exc)) from None


if __name__ == "__main__":
    main(prog_name="psmigrate")

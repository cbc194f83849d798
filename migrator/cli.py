"""The ``psmigrate`` command line.

Commands live in ``migrator/commands/<name>.py``, each a click command, and are imported only
when invoked, so start-up stays cheap (no libcst or jsonschema unless the command uses them).
To add a command, write its module and add one line to ``COMMANDS``.
"""

from __future__ import annotations

import importlib
import io
import os
import sys

import click

from migrator import __version__

COMMANDS = {
    "codemod": "migrator.commands.codemod:codemod_command",
    "convert": "migrator.commands.convert:convert_command",
    "endpoints": "migrator.commands.endpoints:endpoints_command",
    "explain": "migrator.commands.rules:explain_command",
    "lint": "migrator.commands.lint:lint_command",
    "rules": "migrator.commands.rules:rules_command",
    "sandbox": "migrator.commands.sandbox:sandbox_command",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)

    def main(self, *args, **kwargs):
        """Every run prints through :mod:`migrator.output` (redaction, a reader that goes away);
        click's own errors are shown through it too. Ctrl-C exits 130, as shells report SIGINT."""
        from migrator.output import redacted_streams

        kwargs["standalone_mode"] = False
        with redacted_streams():
            try:
                code = super().main(*args, **kwargs)
            except click.ClickException as exc:
                message = io.StringIO()
                exc.show(file=message)
                sys.stderr.write(message.getvalue())
                code = exc.exit_code
            except (click.Abort, KeyboardInterrupt):
                sys.stderr.write("psmigrate: interrupted\n")
                code = 130
        sys.exit(code or 0)

    def invoke(self, ctx: click.Context):
        """A bug in psmigrate exits 2 with one line naming it, never 1, which means "findings";
        PSMIGRATE_DEBUG=1 shows the traceback."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("PSMIGRATE_DEBUG"):
                raise
            click.echo(f"psmigrate: internal error: {type(exc).__name__}: {exc}. Please report it with "
                       "the command you ran; PSMIGRATE_DEBUG=1 shows the traceback.", err=True)
            ctx.exit(2)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="psmigrate")
def main() -> None:
    """Migrate Adobe Photoshop API v1 payloads and code to v2.

    Exit codes: 0 clean, 1 findings or changes, 2 usage or input error, 130 interrupted.
    """


if __name__ == "__main__":
    main(prog_name="psmigrate")

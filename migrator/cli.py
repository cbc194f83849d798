"""The ``psmigrate`` command line.

Commands live in ``migrator/commands/<name>.py``, each a click command, and are imported only
when invoked, so start-up stays cheap (no libcst or jsonschema unless the command uses them).
To add a command, write its module and add one line to ``COMMANDS``.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import os
import sys

# Start-up creates tens of thousands of objects that live as long as the process (modules,
# classes, click's options) and no garbage; the cyclic collector would walk them again and again
# while they load (4% of a clean lint's instructions). It is off until the command is loaded,
# then on, with what is loaded by then frozen out of its walks.
gc.disable()

import click  # noqa: E402

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
        command = getattr(importlib.import_module(module), attr)
        _collect_from_now_on()
        return command

    def main(self, *args, **kwargs):
        """Every run prints through :mod:`migrator.output` (redaction, a reader that goes away);
        click's own errors are shown through it too. Ctrl-C exits 130, as shells report SIGINT."""
        from migrator.output import redacted_streams

        kwargs["standalone_mode"] = False
        with redacted_streams(), _collecting_at_the_end():
            try:
                code = super().main(*args, **kwargs)
            except click.ClickException as exc:
                message = io.StringIO()
                exc.show(file=message)
                sys.stderr.write(message.getvalue())
                code = exc.exit_code
            except (click.Abort, KeyboardInterrupt):
                workers = sys.modules.get("migrator.workers")
                if workers is not None:
                    workers.stop_all()
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


def _collect_from_now_on() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


@contextlib.contextmanager
def _collecting_at_the_end():
    """Whatever way a run ends (``--help``, a usage error), the collector is on after it."""
    try:
        yield
    finally:
        _collect_from_now_on()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="psmigrate")
def main() -> None:
    """Migrate Adobe Photoshop API v1 payloads and code to v2.

    Exit codes: 0 clean, 1 findings or changes, 2 usage or input error, 130 interrupted.
    """
    _escape_what_streams_cannot_encode()


def _escape_what_streams_cannot_encode() -> None:
    """A standard output that is not UTF-8 (PYTHONIOENCODING=ascii, a Windows code page) gets
    ``\\uXXXX`` for what it cannot encode instead of a UnicodeEncodeError on "—" or "→". The
    escapes are JSON's own (astral characters as surrogate pairs), so a v2 body printed to such a
    stream is still the same JSON."""
    import codecs
    import sys

    codecs.register_error("psmigrate-escape", _json_escapes)
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="psmigrate-escape")


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


if __name__ == "__main__":
    main(prog_name="psmigrate")

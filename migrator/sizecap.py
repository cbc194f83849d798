"""The size cap on source files: ``max-file-size`` in ``[tool.psmigrate]`` (``--max-file-size``
on lint and codemod), as Biome's ``files.maxSize``.

Parsing and planning cost grows with a file; a 14 MB bundle would take minutes and gigabytes. A
source file over the cap is not parsed. It is not skipped silently either: when its bytes pass
the kind's pre-filter (it may call Adobe's API), it gets PS018 at 1:1 on every run, counted as a
finding; a file over the cap that never mentions the API stays quiet, as it would under the cap.
JSON payloads are not capped: their limits are checked cheaply first (``convert.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from migrator.diagnostics import Diagnostic, Severity

# Biome's default (1 MiB). Hand-written sources are far below it (the scripts and clients calling
# Adobe's API are hundreds of lines); what exceeds it is generated: bundles, vendored builds, data.
DEFAULT_MAX_FILE_SIZE = 1024 * 1024


def over_cap(path: str, data: bytes, cap: int | None) -> Diagnostic | None:
    """PS018 for ``data`` (a file the pre-filter lets through) when it is larger than ``cap``
    bytes (None or 0: no cap), else None."""
    if not cap or len(data) <= cap:
        return None
    message = (f"file of {len(data):,} bytes is over max-file-size ({cap:,} bytes) and may call Adobe's API: not "
               f"parsed; raise `max-file-size` in [tool.psmigrate] (or pass --max-file-size {len(data)}) to migrate "
               f"it, or `exclude` it if it is generated")
    return Diagnostic("PS018", message, Severity.ERROR, path=path, line=1, col=1)


def max_file_size_option(function: Callable) -> Callable:
    """``--max-file-size BYTES``, alike on lint and codemod; None when not given (the
    configuration's value, or the default, holds)."""
    import click

    return click.option("--max-file-size", type=click.IntRange(min=0), default=None, metavar="BYTES",
                        help="Source files larger than this are not parsed; one that names Adobe's API is reported "
                             f"(PS018). 0: no cap. Overrides max-file-size in [tool.psmigrate] "
                             f"(default {DEFAULT_MAX_FILE_SIZE:,}, 1 MiB).")(function)

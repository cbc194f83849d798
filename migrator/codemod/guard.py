"""Keep libcst's native parser from taking the whole run down with one file.

libcst parses in native code that recurses once per level of nesting: on a few thousand chained
``+`` or attribute accesses, or a few thousand brackets, it overflows the C stack and the process
dies with SIGSEGV, which no ``except`` catches. CPython's own parser guards its stack and costs
about 1% of what the codemod spends on a file, so it looks first:

- code it refuses as nested too deeply is reported without ever reaching libcst;
- code it parses is within what libcst survives (measured with libcst 1.9: libcst survives 3,000
  chained operators and 1,000 brackets where CPython stops at about 3,000 and 200);
- code it cannot vouch for (a syntax error, syntax newer than this Python) is parsed once by libcst
  in a forked child first; if the child dies, the file is reported and the run goes on.
"""

from __future__ import annotations

import ast
import os
import signal
import warnings
from dataclasses import dataclass

TOO_DEEP = "nested too deeply to parse"
_DEPTH_MESSAGES = ("too many nested parentheses", "too many statically nested blocks",
                   "too many levels of indentation")


@dataclass(frozen=True)
class Hazard:
    """Why libcst must not parse a file, and where, when that is known."""

    message: str
    line: int | None = None
    col: int | None = None


@dataclass(frozen=True)
class Verdict:
    hazard: Hazard | None = None  # set: do not parse
    syntax_error: SyntaxError | None = None  # what CPython said when it could not parse the file


def check(data: bytes) -> Verdict:
    """Whether libcst may parse ``data`` in this process."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning on a user's invalid escape is not ours to print
        try:
            ast.parse(data)
        except (RecursionError, MemoryError):
            return Verdict(Hazard(f"{TOO_DEEP} (Python's own parser gives up on it); simplify the deepest "
                                  "expression"))
        except SyntaxError as exc:
            if any(m in (exc.msg or "") for m in _DEPTH_MESSAGES):
                return Verdict(Hazard(f"{TOO_DEEP}: {exc.msg}", exc.lineno, exc.offset))
            return Verdict(_probe_in_child(data), exc)
        except ValueError as exc:  # e.g. "source code string cannot contain null bytes"
            return Verdict(_probe_in_child(data), SyntaxError(str(exc)))
    return Verdict()


def _probe_in_child(data: bytes) -> Hazard | None:
    """Parse ``data`` with libcst in a forked child; a Hazard when the child dies of a signal."""
    if not hasattr(os, "fork"):
        return None  # nowhere to isolate the parse: parse in-process, as before
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; coverage does not follow it
        try:
            import faulthandler

            faulthandler.disable()  # its death is expected and reported; no dump on the user's terminal
            import libcst

            libcst.parse_module(data)
        except BaseException:  # noqa: BLE001 - an exception is the parent's parse to report
            pass
        os._exit(0)
    try:
        _, status = os.waitpid(pid, 0)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    return crash_hazard(status)


def crash_hazard(status: int) -> Hazard | None:
    """A Hazard for a child's wait status when a signal ended it."""
    if not os.WIFSIGNALED(status):
        return None
    number = os.WTERMSIG(status)
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    return Hazard(f"the parser crashed on this file ({name}, most likely a stack overflow on deeply nested "
                  "code); simplify the deepest expression")

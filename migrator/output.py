"""The one exit of everything psmigrate prints.

While a command runs (:func:`redacted_streams`, entered by ``migrator.cli``), standard output
and standard error are wrapped: every line written to them, by psmigrate, by click (usage errors,
"does not exist"), by a library, passes through :func:`migrator.redact.redact` on its way out.
Only a converted body, the data the user asked for, goes out unchanged, through
:func:`write_data` (``convert`` to standard output, ``lint --fix -``): those must keep the
user's URLs intact.

A reader that goes away (``psmigrate rules | head -1``) is not an error: what is left to print
is dropped, the run finishes, and its exit code is the one it would have had (0 there), with no
"Broken pipe" message. This is SIGPIPE's outcome for the pipeline without its exit status 141.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterator

from migrator.redact import redact


class RedactingStream:
    """A text stream that redacts whole lines before passing them on; a partial line waits for
    its end or for ``flush`` (click flushes after each ``echo``, a progress bar after each step)."""

    def __init__(self, stream):
        self._stream = stream
        self._pending = ""
        self._gone = False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._pending += text
        cut = self._pending.rfind("\n") + 1
        if cut:
            ready, self._pending = self._pending[:cut], self._pending[cut:]
            self._send(redact(ready))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._pending:
            ready, self._pending = self._pending, ""
            self._send(redact(ready))
        self._guard(self._stream.flush)

    def write_data(self, text: str) -> None:
        """Write ``text`` as it is: a body the user asked for, not a message about one."""
        self.flush()
        self._send(text)

    @property
    def buffer(self) -> _RedactingBuffer:
        return _RedactingBuffer(self)

    @property
    def wrapped(self):
        return self._stream

    def isatty(self) -> bool:
        return self._stream.isatty()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    def _send(self, text: str) -> None:
        if text and not self._gone:
            self._guard(self._stream.write, text)

    def _guard(self, action, *args) -> None:
        if self._gone:
            return
        try:
            action(*args)
        except OSError as exc:
            if not isinstance(exc, BrokenPipeError) and exc.errno not in (errno.EPIPE, errno.EINVAL):
                raise
            self._reader_gone()

    def _reader_gone(self) -> None:
        """Point the descriptor at /dev/null, so that what the stream still buffers (and the
        interpreter flushes at exit) goes nowhere instead of failing again."""
        self._gone = True
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)


class _RedactingBuffer(io.RawIOBase):
    """``sys.stdout.buffer`` for code that writes bytes: decoded, redacted, encoded again."""

    def __init__(self, text: RedactingStream):
        super().__init__()
        self._text = text

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        encoding = getattr(self._text.wrapped, "encoding", None) or "utf-8"
        text = redact(bytes(data).decode(encoding, "surrogateescape"))
        self._text.flush()
        raw = getattr(self._text.wrapped, "buffer", None)
        if raw is None:
            self._text.write_data(text)
        else:
            self._text._guard(raw.write, text.encode(encoding, "surrogateescape"))
            self._text._guard(raw.flush)
        return len(data)


@contextlib.contextmanager
def redacted_streams() -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, RedactingStream):
        sys.stdout = RedactingStream(sys.stdout)
    if not isinstance(sys.stderr, RedactingStream):
        sys.stderr = RedactingStream(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdout, sys.stderr = saved


def write_data(text: str) -> None:
    """A converted body to standard output, unredacted (see the module's docstring)."""
    stream = sys.stdout
    if isinstance(stream, RedactingStream):
        stream.write_data(text)
    else:
        stream.write(text)

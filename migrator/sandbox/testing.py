"""Run the real ``psmigrate sandbox`` server in a subprocess, for tests.

::

    with running_server("--fail-rate", "0.1", lifetime=120) as base_url:
        requests.post(f"{base_url}/v2/execute-actions", ...)

The server listens on a free loopback port and its lifetime is bounded: it stops by itself after
``lifetime`` seconds (``--stop-after``) even if the test process dies, and leaving the ``with``
block stops it (SIGTERM, then SIGKILL after a grace period).
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator

STARTUP_TIMEOUT = 60.0
GRACE = 10.0


class ServerError(RuntimeError):
    pass


@contextlib.contextmanager
def running_server(*args: str, lifetime: float = 300.0, startup_timeout: float = STARTUP_TIMEOUT,
                   env: dict[str, str] | None = None) -> Iterator[str]:
    """Start ``psmigrate sandbox --host 127.0.0.1 --port 0 ARGS...``; yield its base URL."""
    command = [sys.executable, "-m", "migrator.cli", "sandbox", "--host", "127.0.0.1", "--port", "0",
               "--stop-after", str(lifetime), *args]
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL,
                                   text=True, env={**os.environ, **(env or {})})
        try:
            yield _base_url(process, stderr, startup_timeout)
        finally:
            _stop(process)


def _base_url(process: subprocess.Popen, stderr, timeout: float) -> str:
    lines: queue.Queue[str] = queue.Queue()

    def drain() -> None:  # keeps reading so that `--log -` can never fill the pipe
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=drain, daemon=True).start()
    try:
        first = lines.get(timeout=timeout).strip()
    except queue.Empty:
        first = ""
    if not first.startswith("http://"):
        _stop(process)
        stderr.seek(0)
        raise ServerError(f"psmigrate sandbox did not start (exit {process.returncode}): {stderr.read().strip()}")
    return first


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

"""Run the real ``psmigrate sandbox`` server in a subprocess, for tests.

::

    with running_server("--fail-rate", "0.1", lifetime=120) as base_url:
        requests.post(f"{base_url}/v2/execute-actions", ...)

The server listens on a free loopback port and its lifetime is bounded: it stops by itself after
``lifetime`` seconds (``--stop-after``) even if the test process dies, and leaving the ``with``
block stops it (SIGTERM, then SIGKILL after a grace period). :func:`run_load` drives it with
concurrent clients (the load test and ``bench/sandbox_bench.py``).
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
import time
from collections.abc import Iterator
from dataclasses import dataclass

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


@dataclass
class LoadResult:
    submissions: int
    requests: int  # submissions + status polls
    seconds: float
    errors: list[str]  # one line per unexpected answer or exception
    job_ids: list[str]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run_load(base_url: str, body: dict, *, submissions: int = 1000, clients: int = 20,
             headers: dict[str, str] | None = None, endpoint: str = "/v2/execute-actions",
             max_polls: int = 10, timeout: float = 10.0, deadline: float = 300.0) -> LoadResult:
    """``clients`` threads, each with its own ``requests.Session``, share ``submissions`` jobs:
    submit one, poll its statusUrl until it is done, take the next. Bounded by ``deadline``
    seconds overall and ``timeout`` per request; stops early on the deadline and says so."""
    import requests

    headers = headers or {"Authorization": "Bearer load-test-token", "x-api-key": "load-test-key"}
    work = iter(range(submissions))
    lock = threading.Lock()
    errors: list[str] = []
    job_ids: list[str] = []
    counted = [0]
    started = time.monotonic()

    def take() -> int | None:
        with lock:
            if time.monotonic() - started > deadline:
                return None
            return next(work, None)

    def client() -> None:
        sent = 0
        with requests.Session() as session:
            while take() is not None:
                try:
                    accepted = session.post(base_url + endpoint, json=body, headers=headers, timeout=timeout)
                    sent += 1
                    if accepted.status_code != 202:
                        raise RuntimeError(f"submission: {accepted.status_code} {accepted.text[:200]}")
                    job = accepted.json()
                    for _ in range(max_polls):
                        status = session.get(job["statusUrl"], headers=headers, timeout=timeout)
                        sent += 1
                        if status.status_code != 200:
                            raise RuntimeError(f"poll: {status.status_code} {status.text[:200]}")
                        if status.json()["status"] in ("succeeded", "failed"):
                            break
                    if status.json()["status"] != "succeeded":
                        raise RuntimeError(f"job {job['jobId']} ended {status.json()['status']}")
                    with lock:
                        job_ids.append(job["jobId"])
                except Exception as exc:  # noqa: BLE001 - every failure is a reported error
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
        with lock:
            counted[0] += sent

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(deadline + timeout)
    seconds = time.monotonic() - started
    if len(job_ids) + len(errors) < submissions:
        errors.append(f"deadline: {len(job_ids) + len(errors)} of {submissions} submissions done in {seconds:.0f} s")
    return LoadResult(submissions, counted[0], seconds, errors, job_ids)

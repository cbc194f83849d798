"""Worker processes for the commands that use them (codemod, lint): Ctrl-C belongs to the parent.

Workers ignore SIGINT, so that one key press does not print a traceback from every worker; the
parent gets KeyboardInterrupt, cancels what is queued, stops the workers and exits 130
(``migrator.cli``). SIGINT is blocked while the workers start, so that none of them can catch
the key press before it ignores it (a worker dying then breaks the pool), and the pool's own
threads never take the signal from the main thread. Workers stopped that way (SIGTERM) remove
the temporary file of a write under way (lint's workers write their fixes): every file is left
whole, old or new, and no temporary file stays behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor


def ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_now)


def _stop_now(signum, frame) -> None:
    from migrator.files import abandon_write

    abandon_write()
    os._exit(128 + signum)


@contextlib.contextmanager
def process_pool(jobs: int, mp_context=None) -> Iterator[ProcessPoolExecutor]:
    pool = ProcessPoolExecutor(jobs, mp_context=mp_context, initializer=ignore_interrupts)
    try:
        with _interrupts_held():
            pool.submit(int).result()  # starts the workers (all of them where they are forked)
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        _stop(pool)
        raise
    pool.shutdown()


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT blocked in this thread: threads and processes started meanwhile inherit the mask; a
    key press waits and is delivered when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks, workers start with the initializer
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop(pool: ProcessPoolExecutor) -> None:
    if hasattr(pool, "terminate_workers"):  # Python 3.14
        pool.terminate_workers()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()

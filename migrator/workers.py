"""One meaning of ``-j/--jobs`` for every command, and the one process pool they share.

``-j N`` asks for at most N worker processes; 0 (the default) means one per idle CPU (the CPUs
less the load average, as ``make -l`` reads it: on CPUs other work keeps busy, a second worker
only adds its own start-up and copying). Either way the count is capped by the CPUs this process
may run on and by the work: a worker is started only
for every ``per_worker`` files, since below that starting it costs more than it saves (one file
of a kind: no pool at all). ``-j 5000`` on 77 files therefore starts at most min(CPUs, 77).

Ctrl-C belongs to the parent. Workers ignore SIGINT, so that one key press does not print a
traceback from every worker; the parent gets KeyboardInterrupt, cancels what is queued, stops the
workers and exits 130 (``migrator.cli``). SIGINT is blocked while the workers start, so that none
of them can catch the key press before it ignores it (a worker dying then breaks the pool), and
the pool's own threads never take the signal from the main thread. Workers stopped that way
(SIGTERM) remove the temporary file of a write under way (lint's workers write their fixes):
every file is left whole, old or new, and no temporary file stays behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Result = TypeVar("Result")

JOBS_HELP = "Worker processes: at most N, never more than the CPUs or the files (0: one per idle CPU)."


def jobs_option(function: Callable) -> Callable:
    """The ``-j/--jobs`` option, worded and checked alike for every command."""
    return click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True, metavar="N",
                        help=JOBS_HELP)(function)


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity mask, which containers and ``taskset`` set)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def idle_cpus() -> int:
    """The CPUs this process may run on that other work does not keep busy (at least one)."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # not measurable here
        load = 0.0
    return max(1, cpu_count() - int(load))


def worker_count(jobs: int | None, items: int, per_worker: int = 1) -> int:
    """Workers for ``items`` pieces of work: ``jobs`` (0 or None: one per idle CPU), capped by
    the CPUs and by one worker per ``per_worker`` items; 1 means run in this process."""
    wanted = jobs or idle_cpus()
    return max(1, min(wanted, cpu_count(), items // max(1, per_worker)))


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def map_in_pool(function: Callable[..., Result], work: Iterable[tuple[Any, ...]], jobs: int | None, *,
                per_worker: int = 1, warm: Callable[[], None] | None = None) -> Iterator[Result]:
    """``function(*args)`` for each ``args`` in ``work``, results in order and yielded as they
    come (so a caller can print and drop each). Workers are forked after ``warm()`` has loaded
    what they share (rules, schemas, libcst), so none of them loads it again; where processes
    cannot be forked the work runs here."""
    work = list(work)
    workers = worker_count(jobs, len(work), per_worker)
    if workers <= 1 or not can_fork():
        for args in work:
            yield function(*args)
        return
    if warm is not None:
        warm()
    import gc
    import multiprocessing

    chunk = max(1, min(64, len(work) // (workers * 8)))
    # What is loaded now is shared with the workers page by page; frozen, the collector in each
    # worker does not touch (and so copy) every page of it.
    gc.freeze()
    try:
        with process_pool(workers, multiprocessing.get_context("fork")) as pool:
            yield from pool.map(function, *zip(*work), chunksize=chunk)
    finally:
        gc.unfreeze()

def ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_now)


def _stop_now(signum, frame) -> None:
    from migrator.files import abandon_write

    abandon_write()
    os._exit(128 + signum)


@contextlib.contextmanager
def process_pool(jobs: int, mp_context=None) -> Iterator[ProcessPoolExecutor]:
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, mp_context=mp_context, initializer=ignore_interrupts)
    _LIVE.append(pool)
    try:
        with _interrupts_held():
            pool.submit(int).result()  # starts the workers (all of them where they are forked)
        yield pool
        pool.shutdown()
    except BaseException:
        stop(pool)
        raise
    finally:
        if pool in _LIVE:
            _LIVE.remove(pool)


# Pools not yet shut down. A caller reading results from ``map_in_pool`` (a generator) gets Ctrl-C
# in its own frame, with the generator left suspended inside the pool: it would be closed only
# while the interpreter exits, racing the exit's wake-up of the pool's manager thread.
_LIVE: list[ProcessPoolExecutor] = []


def stop_all() -> None:
    """Stop every pool still running (``migrator.cli`` on Ctrl-C, before it exits)."""
    while _LIVE:
        stop(_LIVE.pop())


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


def stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued, stop the workers, and wait for the pool's manager thread. (What
    is read of the pool is read before ``shutdown``, which forgets its manager and workers.)"""
    manager = getattr(pool, "_executor_manager_thread", None)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:  # a worker SIGTERM did not end within a second (seen now and then) is killed
        process.join(timeout=1)
        if process.is_alive():
            with contextlib.suppress(Exception):
                process.kill()
    _forget_manager(manager)


def _forget_manager(manager) -> None:
    """Let the pool's manager thread see its workers gone and close its pipe now, then take it
    off the list the interpreter wakes at exit: before 3.12 that wake-up can race the thread
    closing the pipe and print an ``OSError: Bad file descriptor`` traceback after Ctrl-C."""
    if manager is None:
        return
    from concurrent.futures import process

    manager.join(timeout=5)
    getattr(process, "_threads_wakeups", {}).pop(manager, None)

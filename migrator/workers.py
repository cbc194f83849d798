"""One meaning of ``-j/--jobs`` for every command, and the one process pool they share.

``-j N`` asks for at most N worker processes; 0 (the default) means one per idle CPU (the CPUs
less the load average, as ``make -l`` reads it: on CPUs other work keeps busy, a second worker
only adds its own start-up and copying). Either way the count is capped by the CPUs this process
may run on and by the work: a worker is started only
for every ``per_worker`` files, since below that starting it costs more than it saves (one file
of a kind: no pool at all). ``-j 5000`` on 77 files therefore starts at most min(CPUs, 77).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

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
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(work) // (workers * 8)))
    # What is loaded now is shared with the workers page by page; frozen, the collector in each
    # worker does not touch (and so copy) every page of it.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(function, *zip(*work), chunksize=chunk)
    finally:
        gc.unfreeze()

"""One meaning of ``-j/--jobs`` for every command, and the one process pool they share.

``-j N`` asks for at most N worker processes; 0 (the default) means one per idle CPU (the CPUs
less the tasks other work is running at that moment: on CPUs other work keeps busy, a second
worker only adds its own start-up and copying). Either way the count is capped by the CPUs this process
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

A run that reads many files before it knows its work (the codemod's pre-filter) can start its
workers' warm-up beside that reading (``warmed``): one process is forked at once and loads what
the work needs while this one reads; it is then handed the work and runs it as ``map_in_pool``
does, forking the workers from its loaded state, and sends the results back in order. Given no
work, it is stopped. It ignores SIGINT as the workers do; stopped (SIGTERM), it stops its own
workers first.
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
    return max(1, cpu_count() - int(busy_elsewhere()))


LOADAVG = "/proc/loadavg"  # "0.52 0.58 0.59 2/190 4242": the fourth field is running/all tasks


def busy_elsewhere() -> float:
    """How many CPUs other work keeps busy now: the tasks running at this moment but this one
    (Linux's /proc/loadavg), else the one-minute load average. The average lags by a minute, so
    a psmigrate run that just ended (a pre-commit hook before this one) would count as busy."""
    try:
        with open(LOADAVG, encoding="ascii") as f:
            return max(0, int(f.read().split()[3].split("/")[0]) - 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.getloadavg()[0]
    except OSError:  # not measurable here
        return 0.0


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

    # small chunks where the work is small: the last chunk of a worker is what the others wait for
    chunk = max(1, min(64, len(work) // (workers * 32)))
    # What is loaded now is shared with the workers page by page; frozen, the collector in each
    # worker does not touch (and so copy) every page of it.
    gc.freeze()
    try:
        with process_pool(workers, multiprocessing.get_context("fork")) as pool:
            yield from pool.map(function, *zip(*work), chunksize=chunk)
    finally:
        gc.unfreeze()


# Where a pre-filter reads at least this many files, loading the workers' modules beside it pays
# for the process that does it (about 15 microseconds a file read and scanned, against a fork).
FILES_TO_WARM_BESIDE = 500


@contextlib.contextmanager
def warmed(warm: Callable[[], None], jobs: int | None, files: int) -> Iterator[Beside]:
    """A :class:`Beside`: ``start()`` forks a :class:`Warmed` process running ``warm()`` (the
    caller calls it once it knows there is work: a run with nothing to parse pays nothing), where
    that can pay: ``FILES_TO_WARM_BESIDE`` files or more to read meanwhile, two CPUs to run both at
    once (not ``-j 1``, nor one idle CPU under ``-j 0``), and fork. The process is stopped on the
    way out unless it finished the work it was given."""
    beside = Beside(warm, files >= FILES_TO_WARM_BESIDE and min(jobs or idle_cpus(), cpu_count()) >= 2
                    and can_fork())
    try:
        yield beside
    finally:
        if beside.process is not None:
            beside.process.stop()


class Beside:
    """``process``: the :class:`Warmed` process once ``start`` has forked it, else None."""

    def __init__(self, warm: Callable[[], None], allowed: bool) -> None:
        self._warm, self._allowed = warm, allowed
        self.process: Warmed | None = None

    def start(self) -> None:
        if self._allowed and self.process is None:
            self.process = Warmed(self._warm)


class Warmed:
    """One process forked now, running ``warm()``; :meth:`map` later gives it the work."""

    def __init__(self, warm: Callable[[], None]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        with _interrupts_held():  # as a pool's workers: no key press reaches it before it ignores them
            self._process = context.Process(target=_serve, args=(theirs, warm), name="psmigrate-warmed")
            self._process.start()
        theirs.close()
        self._done = False
        _LIVE.append(self)

    def map(self, function: Callable[..., Result], work: Iterable[tuple[Any, ...]], jobs: int | None, *,
            per_worker: int = 1) -> Iterator[Result]:
        """``map_in_pool(function, work, jobs, per_worker=per_worker)``, run in the warmed process."""
        self._connection.send((function, list(work), jobs, per_worker))
        while True:
            try:
                kind, value = self._connection.recv()
            except EOFError:
                raise RuntimeError("a worker process ended before its work was done") from None
            if kind == _RESULT:
                yield value
            elif kind == _END:
                self._done = True
                return
            else:
                raise value

    def stop(self) -> None:
        """Wait for it where it finished its work; else stop it (and its workers) now."""
        if self in _LIVE:
            _LIVE.remove(self)
        if self._done:
            self._process.join()
        else:
            with contextlib.suppress(Exception):
                self._process.terminate()
            self._process.join(timeout=5)
            if self._process.is_alive():
                with contextlib.suppress(Exception):
                    self._process.kill()
                self._process.join()
        self._connection.close()


_RESULT, _END, _ERROR = "result", "end", "error"


def _serve(connection, warm: Callable[[], None]) -> None:
    """The warmed process: warm up, then run the one piece of work it is sent."""
    _LIVE.clear()  # the run's pools are not this process's to stop
    ignore_interrupts(on_stop=_stop_workers_now)
    try:
        warm()
    except Exception:  # noqa: BLE001 - the work itself reports what it cannot load
        pass
    try:
        task = connection.recv()
    except EOFError:  # the run has no work for it
        return
    function, work, jobs, per_worker = task
    try:
        for result in map_in_pool(function, work, jobs, per_worker=per_worker):
            connection.send((_RESULT, result))
    except Exception as exc:  # noqa: BLE001 - raised again in the run, as map_in_pool would
        connection.send((_ERROR, exc))
        return
    connection.send((_END, None))


def _stop_workers_now(signum, frame) -> None:
    """SIGTERM in the warmed process: its workers are stopped (each removes a write under way),
    then it ends."""
    for pool in list(_LIVE):
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                process.terminate()
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                process.join(timeout=1)
                if process.is_alive():
                    process.kill()
    _stop_now(signum, frame)


def ignore_interrupts(on_stop=None) -> None:
    """What a worker runs first: SIGINT ignored; SIGTERM (held until now, ``_interrupts_held``)
    stops it through ``on_stop``, by default removing a write under way."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, on_stop or _stop_now)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


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
_LIVE: list[ProcessPoolExecutor | Warmed] = []


def stop_all() -> None:
    """Stop every pool still running (``migrator.cli`` on Ctrl-C, before it exits)."""
    while _LIVE:
        pool = _LIVE.pop()
        if isinstance(pool, Warmed):
            pool.stop()
        else:
            stop(pool)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT and SIGTERM blocked in this thread: threads and processes started meanwhile inherit
    the mask; a key press waits and is delivered when the block ends. SIGTERM is held too for the
    warmed process, which is stopped with it: stopped while it forks its workers, it would miss
    the one being forked (left waiting, without a parent, on the queue lock of a stopped one);
    each worker takes SIGTERM again once it can stop itself (``ignore_interrupts``)."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks, workers start with the initializer
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
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

"""``-j`` means one thing for every command: at most N workers, never more than the CPUs or the
files (``migrator.workers``). A worker pool that records its size stands in for the real one."""

from __future__ import annotations

import concurrent.futures
import json

import pytest
from click.testing import CliRunner

from migrator import workers
from migrator.cli import main

V1_BODY = {"inputs": [{"href": "https://in.example/a.psd", "storage": "external"}],
           "options": {"actions": [{"href": "https://in.example/a.atn", "storage": "external"}]},
           "outputs": [{"href": "https://out.example/a.png", "storage": "external", "type": "image/png"}]}
V1_CALL = 'import requests\n\nrequests.post("https://image.adobe.io/pie/psdService/photoshopActions", json={})\n'
V1_CURL = 'curl -X POST "https://image.adobe.io/pie/psdService/photoshopActions" -d "{}"\n'
V1_FETCH = 'fetch("https://image.adobe.io/pie/psdService/photoshopActions", {method: "POST", body: "{}"});\n'


class RecordingPool:
    """Runs the work in this process and remembers how many workers it was asked for."""

    sizes: list[int] = []

    def __init__(self, max_workers, mp_context=None, initializer=None):
        RecordingPool.sizes.append(max_workers)

    def submit(self, function, *args):
        future = concurrent.futures.Future()
        future.set_result(function(*args))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, function, *iterables, chunksize=1):
        return map(function, *iterables)


@pytest.fixture
def pool(monkeypatch):
    RecordingPool.sizes = []
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", RecordingPool)
    return RecordingPool.sizes


def cpus(monkeypatch, count: int, load: float = 0.0) -> None:
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: set(range(count)), raising=False)
    monkeypatch.setattr(workers, "busy_elsewhere", lambda: load)


@pytest.mark.parametrize(("jobs", "items", "per_worker", "cpu", "expected"), [
    (5000, 77, 1, 2, 2),  # capped by the CPUs
    (5000, 77, 1, 128, 77),  # capped by the files
    (0, 77, 1, 4, 4),  # 0: one per idle CPU
    (3, 77, 1, 4, 3),  # as asked, within both caps
    (0, 120, 50, 8, 2),  # a worker only for every 50 files
    (0, 49, 50, 8, 1),  # too few to pay for a pool: run here
    (1, 10_000, 50, 8, 1),
])
def test_worker_count_is_capped_by_cpus_and_by_the_work(monkeypatch, jobs, items, per_worker, cpu, expected):
    cpus(monkeypatch, cpu)
    assert workers.worker_count(jobs, items, per_worker) == expected


@pytest.mark.parametrize(("load", "expected"), [(0.3, 4), (2.6, 2), (9.0, 1)])
def test_by_default_cpus_busy_with_other_work_get_no_worker(monkeypatch, load, expected):
    cpus(monkeypatch, 4, load)
    assert workers.worker_count(0, 1000) == expected
    assert workers.worker_count(4, 1000) == 4  # asked for: the CPUs and the files still cap it


def test_results_keep_their_order_through_the_pool(monkeypatch, pool):
    cpus(monkeypatch, 4)
    assert list(workers.map_in_pool(pow, [(n, 2) for n in range(100)], 0)) == [n * n for n in range(100)]
    assert pool == [4]


def _tree(tmp_path, count: int, suffix: str, text: str):
    for n in range(count):
        (tmp_path / f"f{n:03}{suffix}").write_text(text, encoding="utf-8")
    return str(tmp_path)


@pytest.mark.parametrize(("args", "suffix", "text", "count", "per_worker"), [
    (["lint"], ".json", json.dumps(V1_BODY), 120, 50),
    (["convert", "--check"], ".json", json.dumps(V1_BODY), 120, 50),
    (["codemod", "--check"], ".py", V1_CALL, 77, 8),
    (["codemod", "--check"], ".sh", V1_CURL, 77, 8),
    (["lint"], ".js", V1_FETCH, 77, 8),
    (["codemod", "--check"], ".ts", V1_FETCH, 77, 8),
])
def test_j_5000_starts_no_more_workers_than_cpus_or_files_in_every_command(
        monkeypatch, pool, tmp_path, args, suffix, text, count, per_worker):
    cpus(monkeypatch, 1024)
    tree = _tree(tmp_path, count, suffix, text)
    result = CliRunner().invoke(main, [*args, "-j", "5000", tree])
    assert result.exit_code == 1, result.output  # v1 everywhere: findings or changes
    assert pool == [count // per_worker]


def test_every_command_documents_and_checks_j_alike():
    helps = set()
    for name in ("lint", "convert", "codemod"):
        option = next(p for p in main.get_command(None, name).params if p.name == "jobs")
        helps.add((option.help, option.default, option.type.min))
    assert helps == {(workers.JOBS_HELP, 0, 0)}


def _slow(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


@pytest.mark.skipif(not workers.can_fork(), reason="the pool forks")
def test_ctrl_c_in_the_caller_of_map_in_pool_stops_its_workers_and_manager_before_exit():
    """The caller, not the suspended generator, gets Ctrl-C: ``stop_all`` (what the CLI calls)
    must end the workers and the pool's manager thread, and take the manager off the list the
    interpreter wakes at exit (the exit's wake-up raced the manager closing its pipe)."""
    import concurrent.futures.process as futures_process

    results = workers.map_in_pool(_slow, [(0.01,), (30,), (30,), (30,)], 2)
    assert next(results) == 0.01  # the generator now waits inside the pool, workers busy
    [pool] = workers._LIVE
    manager = pool._executor_manager_thread
    processes = list(pool._processes.values())
    workers.stop_all()
    assert not workers._LIVE and not manager.is_alive()
    assert manager not in futures_process._threads_wakeups
    for process in processes:
        process.join(timeout=5)
        assert not process.is_alive()
    results.close()


# ---- the warm-up beside the pre-filter (workers.warmed) -----------------------------------------

_WARMED_IN: list[int] = []


def _record_warm_up() -> None:
    import os

    _WARMED_IN.append(os.getpid())


def _pid_and_square(n: int) -> tuple[int, int, list[int]]:
    import os
    import time

    time.sleep(0.02)  # long enough that both workers take a share
    return os.getpid(), n * n, list(_WARMED_IN)


@pytest.mark.parametrize(("jobs", "files", "cpu", "load"), [
    (0, 499, 4, 0.0),  # too few files to read meanwhile
    (1, 10_000, 4, 0.0),  # -j 1: one process
    (0, 10_000, 4, 3.5),  # -j 0 with one idle CPU
    (4, 10_000, 1, 0.0),  # one CPU
])
def test_no_warmed_process_where_it_cannot_pay(monkeypatch, jobs, files, cpu, load):
    cpus(monkeypatch, cpu, load)
    with workers.warmed(_record_warm_up, jobs, files) as beside:
        beside.start()
        assert beside.process is None
    assert _WARMED_IN == []


@pytest.mark.skipif(not workers.can_fork(), reason="the warmed process is forked")
@pytest.mark.parametrize("jobs", [2, 0])
def test_the_warmed_process_warms_up_once_and_runs_the_work_in_order(monkeypatch, jobs):
    import os

    cpus(monkeypatch, 2)
    with workers.warmed(_record_warm_up, jobs, 10_000) as beside:
        beside.start()
        results = list(beside.process.map(_pid_and_square, [(n,) for n in range(40)], jobs, per_worker=8))
    assert [square for _, square, _ in results] == [n * n for n in range(40)]
    assert _WARMED_IN == []  # not here: in the warmed process, which its workers were forked from
    assert all(len(warmed_in) == 1 and warmed_in[0] != os.getpid() for _, _, warmed_in in results)
    assert len({pid for pid, _, _ in results}) == 2 and os.getpid() not in {pid for pid, _, _ in results}
    assert not workers._LIVE


@pytest.mark.skipif(not workers.can_fork(), reason="the warmed process is forked")
def test_a_warmed_process_given_no_work_is_stopped(monkeypatch):
    cpus(monkeypatch, 2)
    with workers.warmed(_slow_warm_up, 2, 10_000) as beside:
        beside.start()
        process = beside.process._process
    assert not process.is_alive() and not workers._LIVE


def _slow_warm_up() -> None:
    import time

    time.sleep(60)


@pytest.mark.skipif(not workers.can_fork(), reason="the warmed process is forked")
def test_ctrl_c_in_the_caller_stops_the_warmed_process_and_its_workers():
    """As for a pool: the caller gets Ctrl-C while the warmed process's workers are busy;
    ``stop_all`` ends the process and, through its SIGTERM, its workers."""
    import os
    import signal
    from pathlib import Path

    with workers.warmed(lambda: None, 2, 10_000) as beside:
        beside.start()
        warm = beside.process
        results = warm.map(_slow, [(0.01,), (30,), (30,), (30,)], 2)
        assert next(results) == 0.01
        pid = warm._process.pid
        children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                    for c in (task / "children").read_text().split()] if Path(f"/proc/{pid}/task").exists() else []
        workers.stop_all()
        assert not workers._LIVE and not warm._process.is_alive()
        for child in children:  # its workers went with it
            for _ in range(100):
                try:
                    os.kill(child, 0)
                except ProcessLookupError:
                    break
                import time

                time.sleep(0.05)
            else:
                os.kill(child, signal.SIGKILL)
                raise AssertionError(f"worker {child} outlived the warmed process")
        results.close()


def test_busy_cpus_are_the_tasks_running_now_but_this_one(monkeypatch, tmp_path):
    loadavg = tmp_path / "loadavg"
    loadavg.write_text("1.90 1.80 1.70 3/200 4242\n")  # a minute's average of 1.9: a run that just ended
    monkeypatch.setattr(workers, "LOADAVG", str(loadavg))
    assert workers.busy_elsewhere() == 2
    loadavg.write_text("1.90 1.80 1.70 1/200 4242\n")  # only this process runs now
    assert workers.busy_elsewhere() == 0
    monkeypatch.setattr(workers, "LOADAVG", str(tmp_path / "missing"))  # not Linux: the average
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (1.5, 1.0, 0.5))
    assert workers.busy_elsewhere() == 1.5

"""The codemod's run over a tree: a large tree's warm-up runs beside its pre-filter
(``runner.warmed_beside``), and what the run reports is the same as a serial run's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator import workers
from migrator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def _tree(root: Path) -> Path:
    """Every fixture's v1 file, and filler enough that the warm-up runs beside the pre-filter."""
    for n, before in enumerate(sorted(FIXTURES.glob("*.before.py"))):
        package = root / f"pkg{n % 3}"
        package.mkdir(exist_ok=True)
        shutil.copy(before, package / before.name.replace(".before", ""))
    for n in range(workers.FILES_TO_WARM_BESIDE):
        (root / f"pkg{n % 3}" / f"filler{n:04}.py").write_text(f"def f{n}(x):\n    return x + {n}\n")
    return root


@pytest.fixture
def warmed_count(monkeypatch):
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(workers, "busy_elsewhere", lambda: 0.0)
    started = []
    real = workers.Warmed.__init__

    def counting(self, warm):
        started.append(warm)
        real(self, warm)

    monkeypatch.setattr(workers.Warmed, "__init__", counting)
    return started


@pytest.mark.skipif(not workers.can_fork(), reason="the warmed process is forked")
@pytest.mark.parametrize("command", [["codemod", "--check"], ["codemod", "--diff"], ["lint"],
                                     ["lint", "--output-format", "json"]])
def test_a_run_warmed_beside_its_prefilter_reports_what_a_serial_run_does(tmp_path, warmed_count, command):
    tree = str(_tree(tmp_path))
    serial = CliRunner().invoke(main, [*command, "-j", "1", tree])
    assert warmed_count == []
    warm = CliRunner().invoke(main, [*command, "-j", "2", tree])
    assert len(warmed_count) == 1
    assert (warm.exit_code, warm.stdout, warm.stderr) == (serial.exit_code, serial.stdout, serial.stderr)
    assert serial.exit_code == 1 and serial.stdout + serial.stderr
    assert not workers._LIVE


@pytest.mark.skipif(not workers.can_fork(), reason="the warmed process is forked")
def test_a_large_tree_with_nothing_to_parse_starts_no_warmed_process(tmp_path, warmed_count):
    for n in range(workers.FILES_TO_WARM_BESIDE):
        (tmp_path / f"filler{n:04}.py").write_text(f"X = {n}\n")
    for command in (["codemod", "--check"], ["lint"]):
        result = CliRunner().invoke(main, [*command, "-j", "2", str(tmp_path)])
        assert result.exit_code == 0 and warmed_count == [] and not workers._LIVE


@pytest.mark.slow
@pytest.mark.skipif(not (workers.can_fork() and Path("/proc/self/task").exists()), reason="watches /proc")
@pytest.mark.parametrize("command", [["codemod", "--write"], ["lint", "--fix"]])
def test_ctrl_c_while_the_warmed_process_runs_the_work_exits_130_and_leaves_every_file_whole(tmp_path, command):
    import os
    import signal
    import subprocess
    import sys
    import time

    v1 = (FIXTURES / "actions_inline_requests.before.py").read_text()
    originals = {f"f{n:04}.py": v1 if n % 2 else f"X = {n}\n" for n in range(workers.FILES_TO_WARM_BESIDE + 800)}
    for name, text in originals.items():
        (tmp_path / name).write_text(text)

    def grandchildren(pid: int) -> list[str]:
        found = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                for grand in Path(f"/proc/{child}/task").iterdir():
                    found += (grand / "children").read_text().split()
        return found

    process = subprocess.Popen([sys.executable, "-m", "migrator", *command, "-j", "2", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while process.poll() is None:  # the warmed process's workers are at work
        try:
            if grandchildren(process.pid):
                break
        except OSError:
            pass
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130 and "Traceback" not in err and "psmigrate: interrupted" in err
    for name, text in originals.items():
        now = (tmp_path / name).read_text()
        assert now == text or "/v2/" in now, name
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".psmigrate-tmp")]
    time.sleep(0.5)
    assert subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True).stdout == b""  # nobody left

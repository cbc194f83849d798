"""A bounded load test on loopback: 1,000 submissions and their status polls from 20
concurrent clients against the real server, with no error and no lost record. The throughput
is printed (``-s`` shows it); figures to compare live in ``bench/sandbox_bench.py``."""

from __future__ import annotations

import json

import pytest
import requests

from migrator.sandbox.testing import run_load, running_server
from tests.sandbox.conftest import ACTIONS_BODY

SUBMISSIONS, CLIENTS, DEADLINE = 1000, 20, 240.0


@pytest.mark.slow
def test_load_1000_submissions_from_20_clients(tmp_path):
    log = tmp_path / "exchanges.jsonl"
    with running_server("--log", str(log), lifetime=DEADLINE + 60) as base:
        result = run_load(base, ACTIONS_BODY, submissions=SUBMISSIONS, clients=CLIENTS, deadline=DEADLINE)
        records = requests.get(f"{base}/_sandbox/requests", timeout=60).json()
        jobs = requests.get(f"{base}/_sandbox/jobs", timeout=60).json()
    print(f"\nsandbox load: {result.submissions} submissions, {result.requests} requests from {CLIENTS} clients "
          f"in {result.seconds:.1f} s: {result.per_second:.0f} requests/s")
    assert result.errors == []
    assert len(result.job_ids) == SUBMISSIONS == len(set(result.job_ids))
    assert result.requests == 4 * SUBMISSIONS  # one submission and three polls per job
    assert len(records) == result.requests  # no lost record, in memory
    assert sum(1 for line in log.read_text(encoding="utf-8").splitlines() if json.loads(line)) == result.requests
    assert set(jobs) == set(result.job_ids) and set(jobs.values()) == {"succeeded"}
    assert {r["status"] for r in records} == {200, 202}

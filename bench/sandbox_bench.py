#!/usr/bin/env python3
"""Throughput of ``psmigrate sandbox`` under concurrent clients, against a bare aiohttp server.

Usage::

    .venv/bin/python bench/sandbox_bench.py [--submissions 1000] [--clients 20] [--repeat 3]

Each round starts the real server (``migrator.sandbox.testing.running_server``: a subprocess on
a free loopback port, with a JSONL log) and drives it with ``run_load``: ``--clients`` threads,
each with its own ``requests.Session``, submit ``--submissions`` execute-actions jobs in all and
poll each until it succeeds (one submission and three polls per job). The baseline is an aiohttp
server in a subprocess that answers the same requests with a fixed JSON body and checks nothing:
the same client, the same stack, none of the sandbox's work (routing, auth, lint on the body,
jobs, the record and the log). Rounds alternate between the two; medians are printed, with the
core's own cost per submission and per poll measured in process.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from migrator.sandbox.testing import run_load, running_server  # noqa: E402

BODY = {"image": {"source": {"url": "https://bucket.example/in.psd"}},
        "options": {"actions": [{"source": {"url": "https://bucket.example/a.atn"}}]},
        "outputs": [{"destination": {"url": "https://bucket.example/out.jpg"}, "mediaType": "image/jpeg"}]}
AUTH = {"Authorization": "Bearer bench-token", "x-api-key": "bench-key", "Content-Type": "application/json"}

BARE = """
import itertools, sys
from aiohttp import web
ids = itertools.count()
polls = {}
async def handle(request):
    await request.read()
    if request.method == "POST":
        job = str(next(ids))
        return web.json_response({"jobId": job, "statusUrl": f"http://{request.host}/v2/status/{job}"}, status=202)
    job = request.path.rsplit("/", 1)[1]
    polls[job] = polls.get(job, 0) + 1
    return web.json_response({"jobId": job, "status": ("pending", "running", "succeeded")[min(polls[job], 3) - 1]})
app = web.Application()
app.router.add_route("*", "/{tail:.*}", handle)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""


@contextlib.contextmanager
def bare_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-c", BARE, str(port)])
    try:
        for _ in range(200):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.1):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def core_costs(rounds: int = 300) -> tuple[float, float]:
    from migrator.sandbox import Sandbox

    sandbox, raw = Sandbox(), json.dumps(BODY).encode()
    url = "https://photoshop-api.adobe.io/v2/execute-actions"
    status_url = sandbox.handle("POST", url, AUTH, raw).body["statusUrl"]  # warm: rules, schemas
    started = time.perf_counter()
    for _ in range(rounds):
        sandbox.handle("POST", url, AUTH, raw)
    submitted = time.perf_counter()
    for _ in range(rounds):
        sandbox.handle("GET", status_url, AUTH)
    return (submitted - started) / rounds * 1000, (time.perf_counter() - submitted) / rounds * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sandbox_rates, bare_rates = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder, \
                running_server("--log", str(Path(folder) / "log.jsonl"), lifetime=600) as base:
            result = run_load(base, BODY, submissions=args.submissions, clients=args.clients)
            if result.errors:
                sys.exit(f"sandbox: {len(result.errors)} errors, first: {result.errors[0]}")
            sandbox_rates.append(result.per_second)
        with bare_server() as base:
            result = run_load(base, BODY, submissions=args.submissions, clients=args.clients)
            if result.errors:
                sys.exit(f"bare server: {len(result.errors)} errors, first: {result.errors[0]}")
            bare_rates.append(result.per_second)
    submit_ms, poll_ms = core_costs()
    sandbox_rate, bare_rate = statistics.median(sandbox_rates), statistics.median(bare_rates)
    print(f"{args.submissions} submissions + {3 * args.submissions} polls, {args.clients} clients, "
          f"median of {args.repeat}")
    print(f"bare aiohttp server   {bare_rate:7.0f} requests/s")
    print(f"psmigrate sandbox     {sandbox_rate:7.0f} requests/s   ({sandbox_rate / bare_rate:.2f}x the bare server)")
    print(f"sandbox core in process: {submit_ms:.2f} ms per submission (lint on the body), {poll_ms:.2f} ms per poll")


if __name__ == "__main__":
    main()

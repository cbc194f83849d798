"""The real ``psmigrate sandbox`` server, in a subprocess on a free loopback port, with the real
``requests``: answers, hosts, auth, fault injection, the record, start and stop."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests

from migrator.sandbox.testing import running_server
from tests.sandbox.conftest import ACTIONS_BODY, AUTH, REMOVE_BACKGROUND_BODY

TIMEOUT = 10


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("sandbox") / "exchanges.jsonl"
    with running_server("--log", str(log), lifetime=300) as base_url:
        yield base_url, log


def _post(url: str, body, headers=AUTH, **kwargs) -> requests.Response:
    return requests.post(url, json=body, headers=headers, timeout=TIMEOUT, **kwargs)


def test_a_job_runs_from_submission_to_success(server):
    base, _ = server
    accepted = _post(f"{base}/v2/execute-actions", ACTIONS_BODY)
    assert accepted.status_code == 202
    job_id, status_url = accepted.json()["jobId"], accepted.json()["statusUrl"]
    assert status_url == f"{base}/v2/status/{job_id}"
    polls = [requests.get(status_url, headers=AUTH, timeout=TIMEOUT).json() for _ in range(3)]
    assert [p["status"] for p in polls] == ["pending", "running", "succeeded"]
    assert set(polls[-1]) == {"jobId", "status", "createdTime", "modifiedTime", "result"}
    assert polls[-1]["result"]["outputs"] == [{"destination": ACTIONS_BODY["outputs"][0]["destination"],
                                               "mediaType": "image/jpeg"}]


def test_a_placeholder_source_is_accepted_and_its_job_fails_naming_the_pointer(server):
    base, _ = server
    body = {**ACTIONS_BODY, "image": {"source": {"url": "<EDITED_IMAGE_URL>"}}}
    accepted = _post(f"{base}/v2/execute-actions", body)
    assert accepted.status_code == 202
    polls = [requests.get(accepted.json()["statusUrl"], headers=AUTH, timeout=TIMEOUT).json() for _ in range(3)]
    assert [p["status"] for p in polls] == ["pending", "running", "failed"]
    [detail] = polls[-1]["errorDetails"]
    assert detail["errorCode"] == "400401" and detail["message"].startswith("/image/source/url: ")


def test_v1_call_is_gone(server):
    base, _ = server
    gone = _post(f"{base}/pie/psdService/photoshopActions", {"inputs": []})
    assert gone.status_code == 410
    message = gone.json()["message"]
    assert "/v2/execute-actions" in message and "psmigrate codemod" in message
    status = requests.get(f"{base}/lrService/status/123", headers=AUTH, timeout=TIMEOUT)
    assert status.status_code == 410 and "/v2/status/{jobId}" in status.json()["message"]


def test_eleven_actions_get_400_with_the_pointer(server):
    base, _ = server
    body = json.loads(json.dumps(ACTIONS_BODY))
    body["options"]["actions"] = body["options"]["actions"] * 11
    refused = _post(f"{base}/v2/execute-actions", body)
    assert refused.status_code == 400
    error = refused.json()
    assert error["error_code"] == "validation_error"
    assert error["message"].startswith("/options/actions: ") and "PS501" in error["message"]
    assert [e["error_code"] for e in error["errors"]] == ["validation_error"]


@pytest.mark.parametrize(("headers", "status", "code"), [
    ({"Authorization": "Bearer sandbox-test-token"}, 403, "403000"),
    ({"x-api-key": "sandbox-test-key"}, 401, "401013"),
    ({"x-api-key": "sandbox-test-key", "Authorization": "Basic dXNlcjpwYXNz"}, 401, "401013"),
    ({"x-api-key": "sandbox-test-key", "Authorization": "Bearer "}, 401, "401013"),
])
def test_missing_credentials(server, headers, status, code):
    base, _ = server
    refused = _post(f"{base}/v2/execute-actions", ACTIONS_BODY, headers=headers)
    assert (refused.status_code, refused.json()["error_code"]) == (status, code)
    poll = requests.get(f"{base}/v2/status/nope", headers=headers, timeout=TIMEOUT)
    assert poll.status_code == status


def test_an_adobe_host_header_holds_the_request_to_that_hosts_operations(server):
    base, _ = server
    wrong = _post(f"{base}/v2/execute-actions", ACTIONS_BODY, headers={**AUTH, "Host": "image.adobe.io"})
    assert wrong.status_code == 404 and wrong.json()["error_code"] == "not_found"
    right = _post(f"{base}/v2/remove-background", REMOVE_BACKGROUND_BODY, headers={**AUTH, "Host": "image.adobe.io"})
    assert right.status_code == 202
    assert right.json()["statusUrl"].startswith("http://image.adobe.io/v2/status/")
    job_id = right.json()["jobId"]
    elsewhere = requests.get(f"{base}/v2/status/{job_id}", headers={**AUTH, "Host": "photoshop-api.adobe.io"},
                             timeout=TIMEOUT)
    assert elsewhere.status_code == 404 and elsewhere.json()["error_code"] == "unknown_job_id"


def test_every_exchange_is_recorded_and_logged_with_secrets_redacted(server):
    base, log = server
    signed = json.loads(json.dumps(ACTIONS_BODY))
    signed["image"]["source"]["url"] = "https://bucket.example/in.psd?X-Amz-Signature=topsecret987"
    accepted = _post(f"{base}/v2/execute-actions?token=querysecret654", signed)
    assert accepted.status_code == 202
    records = requests.get(f"{base}/_sandbox/requests", timeout=TIMEOUT).json()
    mine = [r for r in records if r["job_id"] == accepted.json()["jobId"]]
    assert len(mine) == 1 and mine[0]["status"] == 202 and mine[0]["path"] == "/v2/execute-actions"
    deadline = time.monotonic() + 5
    while len(log.read_text(encoding="utf-8").splitlines()) < len(records) and time.monotonic() < deadline:
        time.sleep(0.05)
    logged = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert logged[:len(records)] == records
    text = log.read_text(encoding="utf-8") + json.dumps(records)
    for secret in ("topsecret987", "querysecret654", "sandbox-test-token", "sandbox-test-key"):
        assert secret not in text


def test_faults_429_with_retry_after_and_5xx():
    with running_server("--throttle-rate", "1", "--retry-after", "7", lifetime=60) as base:
        throttled = _post(f"{base}/v2/execute-actions", ACTIONS_BODY)
        assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "7"
        assert throttled.json()["error_code"] == "unauthorized_rate_limited"
    with running_server("--error-rate", "1", "--seed", "3", lifetime=60) as base:
        codes = {_post(f"{base}/v2/execute-actions", ACTIONS_BODY).status_code for _ in range(12)}
        assert codes <= {500, 502, 503, 504} and len(codes) > 1


def test_rate_limit_and_latency():
    with running_server("--rate-limit", "2/60", "--latency", "0.3", lifetime=60) as base:
        started = time.monotonic()
        answers = [_post(f"{base}/v2/execute-actions", ACTIONS_BODY) for _ in range(3)]
        assert time.monotonic() - started >= 0.9
        assert [a.status_code for a in answers] == [202, 202, 429]
        assert 1 <= int(answers[2].headers["Retry-After"]) <= 60
        # polls are not submissions: the limit leaves them alone
        poll = requests.get(answers[0].json()["statusUrl"], headers=AUTH, timeout=TIMEOUT)
        assert poll.status_code == 200


def test_fail_rate_ends_jobs_failed_with_error_details():
    with running_server("--fail-rate", "1", lifetime=60) as base:
        status_url = _post(f"{base}/v2/execute-actions", ACTIONS_BODY).json()["statusUrl"]
        job = [requests.get(status_url, headers=AUTH, timeout=TIMEOUT).json() for _ in range(3)][-1]
        assert job["status"] == "failed" and "result" not in job
        assert set(job["errorDetails"][0]) == {"errorCode", "message"}


def test_time_based_jobs():
    with running_server("--job-seconds", "0.6", lifetime=60) as base:
        status_url = _post(f"{base}/v2/execute-actions", ACTIONS_BODY).json()["statusUrl"]
        first = requests.get(status_url, headers=AUTH, timeout=TIMEOUT).json()["status"]
        time.sleep(0.7)
        last = requests.get(status_url, headers=AUTH, timeout=TIMEOUT).json()["status"]
        assert (first, last) == ("pending", "succeeded")


def _start(*args: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "migrator.cli", "sandbox", "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, process.stdout.readline().strip()


@pytest.mark.parametrize(("sig", "exit_code"), [(signal.SIGINT, 130), (signal.SIGTERM, 0)])
def test_stops_cleanly_on_a_signal(sig, exit_code):
    process, url = _start("--stop-after", "60")
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert requests.get(f"{url}/_sandbox/jobs", timeout=TIMEOUT).json() == {}
        process.send_signal(sig)
        _, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == exit_code, err
    assert "stopped" in err and "Traceback" not in err


def test_stops_by_itself_after_its_lifetime():
    process, url = _start("--stop-after", "0.5")
    _, err = process.communicate(timeout=30)
    assert url.startswith("http://127.0.0.1:") and process.returncode == 0, err


def test_port_in_use_is_a_usage_error(server):
    base, _ = server
    port = base.rsplit(":", 1)[1]
    run = subprocess.run([sys.executable, "-m", "migrator.cli", "sandbox", "--port", port, "--stop-after", "5"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in run.stderr


BLOCK_AIOHTTP = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "aiohttp" or name.startswith("aiohttp."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
from migrator.cli import main
main(args=["sandbox", "--port", "0"], prog_name="psmigrate")
"""


def test_without_the_extra_it_says_how_to_install_it():
    run = subprocess.run([sys.executable, "-c", BLOCK_AIOHTTP], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "photoshop-api-migrator[sandbox]" in run.stderr and "aiohttp" in run.stderr


def test_a_signal_stops_it_promptly_while_an_answer_waits_out_its_latency():
    process, url = _start("--latency", "30", "--stop-after", "60")
    try:
        waiting = threading.Thread(target=lambda: _quietly(requests.get, f"{url}/v2/status/x", timeout=40), daemon=True)
        waiting.start()
        deadline = time.monotonic() + 10
        while not requests.get(f"{url}/_sandbox/requests", timeout=TIMEOUT).json() and time.monotonic() < deadline:
            time.sleep(0.05)  # the request is in, its answer waiting
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert time.monotonic() - started < 10  # not the 30 s of latency (aiohttp's default grace was 60 s)
    assert "Traceback" not in err


def _quietly(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except requests.RequestException:
        pass  # the server closed the connection as it stopped

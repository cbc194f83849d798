"""The ``psmigrate_sandbox`` fixture routes requests, httpx (sync and async) and aiohttp traffic
for Adobe's hosts to the sandbox in process, and lets every other request through."""

from __future__ import annotations

import asyncio
import http.server
import threading

import aiohttp
import httpx
import pytest
import requests

from tests.sandbox.conftest import AUTH, IMAGE_HOST, PS_HOST, REMOVE_BACKGROUND_BODY


def _poll_requests(session, url: str) -> dict:
    for _ in range(10):
        job = session.get(url, headers=AUTH, timeout=5).json()
        if job["status"] in ("succeeded", "failed"):
            return job
    raise AssertionError(f"job never finished: {job}")


def test_requests_job_runs_to_success(psmigrate_sandbox, actions_body):
    accepted = requests.post(f"{PS_HOST}/v2/execute-actions", json=actions_body, headers=AUTH, timeout=5)
    assert accepted.status_code == 202
    job = _poll_requests(requests, accepted.json()["statusUrl"])
    assert job["status"] == "succeeded"
    assert job["result"]["outputs"] == [{"destination": actions_body["outputs"][0]["destination"],
                                         "mediaType": "image/jpeg"}]
    assert psmigrate_sandbox.jobs == {accepted.json()["jobId"]: "succeeded"}
    first = psmigrate_sandbox.requests[0]
    assert {k: first[k] for k in ("method", "host", "path", "status")} == {
        "method": "POST", "host": "photoshop-api.adobe.io", "path": "/v2/execute-actions", "status": 202}
    assert first["response_json"] == accepted.json()
    # presigned-URL signatures and credentials never reach the record
    assert "deadbeef1234" not in str(first) and "secret123" not in str(first)
    assert first["request_headers"]["authorization"] == "REDACTED"
    assert psmigrate_sandbox.sandbox.requests == psmigrate_sandbox.requests


def test_httpx_sync_client(psmigrate_sandbox, actions_body):
    with httpx.Client() as client:
        accepted = client.post(f"{PS_HOST}/v2/execute-actions", json=actions_body, headers=AUTH)
        assert accepted.status_code == 202
        states = [client.get(accepted.json()["statusUrl"], headers=AUTH).json()["status"] for _ in range(3)]
    assert states == ["pending", "running", "succeeded"]


def test_httpx_async_client(psmigrate_sandbox):
    async def run() -> tuple[int, str]:
        async with httpx.AsyncClient() as client:
            accepted = await client.post(f"{IMAGE_HOST}/v2/remove-background", json=REMOVE_BACKGROUND_BODY,
                                         headers=AUTH)
            for _ in range(3):
                job = (await client.get(accepted.json()["statusUrl"], headers=AUTH)).json()
            return accepted.status_code, job["status"]

    assert asyncio.run(run()) == (202, "succeeded")
    assert psmigrate_sandbox.requests[0]["host"] == "image.adobe.io"


def test_aiohttp_session_headers_and_json(psmigrate_sandbox, actions_body):
    async def run() -> tuple[int, str, int]:
        async with aiohttp.ClientSession(headers=AUTH) as session:
            async with session.post(f"{PS_HOST}/v2/execute-actions", json=actions_body) as accepted:
                status_url = (await accepted.json())["statusUrl"]
                code = accepted.status
            for _ in range(3):
                async with session.get(status_url) as poll:
                    job = await poll.json()
            async with session.post(f"{PS_HOST}/pie/psdService/photoshopActions", json={}) as gone:
                return code, job["status"], gone.status

    assert asyncio.run(run()) == (202, "succeeded", 410)


def test_wrong_host_is_an_unknown_route(psmigrate_sandbox, actions_body):
    wrong = requests.post(f"{IMAGE_HOST}/v2/execute-actions", json=actions_body, headers=AUTH, timeout=5)
    assert wrong.status_code == 404
    assert wrong.json()["error_code"] == "not_found"


@pytest.mark.psmigrate_sandbox(fail_rate=1.0)
def test_marker_sets_the_options(psmigrate_sandbox, actions_body):
    accepted = requests.post(f"{PS_HOST}/v2/execute-actions", json=actions_body, headers=AUTH, timeout=5)
    job = _poll_requests(requests, accepted.json()["statusUrl"])
    assert job["status"] == "failed" and job["errorDetails"][0]["errorCode"]
    assert psmigrate_sandbox.options.fail_rate == 1.0


@pytest.fixture
def local_server():
    class Hello(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_other_traffic_passes_through(psmigrate_sandbox, local_server):
    assert requests.get(local_server, timeout=5).text == "hello"
    assert httpx.get(local_server).text == "hello"

    async def fetch() -> str:
        async with aiohttp.ClientSession() as session, session.get(local_server) as response:
            return await response.text()

    assert asyncio.run(fetch()) == "hello"
    assert psmigrate_sandbox.requests == []

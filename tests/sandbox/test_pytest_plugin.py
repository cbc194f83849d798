"""The ``psmigrate_sandbox`` fixture routes requests, httpx (sync and async) and aiohttp traffic
for Adobe's hosts to the sandbox in process, and lets every other request through."""

from __future__ import annotations

import asyncio
import http.server
import threading
import time

import aiohttp
import httpx
import pytest
import requests
import responses
import respx

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


LATENCY = 0.2


async def _ticks_while(awaitable) -> tuple[int, object]:
    """How often another task ran (every 10 ms) while ``awaitable`` was awaited."""
    ticks = 0

    async def tick():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0)
    try:
        result = await awaitable
        return ticks, result
    finally:
        ticker.cancel()


@pytest.mark.psmigrate_sandbox(latency=LATENCY)
def test_latency_under_httpx_async_does_not_block_the_event_loop(psmigrate_sandbox):
    async def run():
        async with httpx.AsyncClient() as client:
            ticks, answer = await _ticks_while(client.get(f"{PS_HOST}/v2/status/nothing", headers=AUTH))
            return ticks, answer.status_code

    ticks, status = asyncio.run(run())
    assert status == 404
    assert ticks >= 5  # a blocking sleep would have let the ticker run not once during the wait


@pytest.mark.psmigrate_sandbox(latency=LATENCY)
def test_latency_under_httpx_sync_still_waits_even_inside_a_coroutine(psmigrate_sandbox):
    started = time.monotonic()
    assert httpx.get(f"{PS_HOST}/v2/status/nothing", headers=AUTH).status_code == 404
    assert time.monotonic() - started >= LATENCY

    async def sync_call_in_async_code():  # the sync path, with an event loop running
        return httpx.get(f"{PS_HOST}/v2/status/nothing", headers=AUTH).status_code

    assert asyncio.run(sync_call_in_async_code()) == 404


def test_httpx_async_traffic_for_other_hosts_passes_through(psmigrate_sandbox, local_server):
    async def fetch() -> str:
        async with httpx.AsyncClient() as client:
            return (await client.get(local_server)).text

    assert asyncio.run(fetch()) == "hello"
    assert psmigrate_sandbox.requests == []


@pytest.mark.psmigrate_sandbox(latency=0.01)
def test_a_users_own_respx_routes_keep_working_beside_the_sandbox(respx_mock, psmigrate_sandbox):
    respx_mock.get("https://api.example/ping").respond(201)

    async def run():
        async with httpx.AsyncClient() as client:
            ours = await client.get(f"{PS_HOST}/v2/status/nothing", headers=AUTH)
            theirs = await client.get("https://api.example/ping")
            return ours.status_code, theirs.status_code

    assert asyncio.run(run()) == (404, 201)
    assert httpx.get("https://api.example/ping").status_code == 201
    assert [r["path"] for r in psmigrate_sandbox.requests] == ["/v2/status/nothing"]


# -- a test's own mocks beside the fixture -------------------------------------------------------


@responses.activate
def test_a_users_responses_activate_inside_the_fixture(psmigrate_sandbox, actions_body):
    responses.add(responses.GET, "https://api.example/ping", status=201)
    assert requests.get("https://api.example/ping", timeout=5).status_code == 201
    accepted = requests.post(f"{PS_HOST}/v2/execute-actions", json=actions_body, headers=AUTH, timeout=5)
    assert accepted.status_code == 202  # not "Connection refused by Responses"
    assert _poll_requests(requests, accepted.json()["statusUrl"])["status"] == "succeeded"
    assert len(responses.calls) == 1  # the Adobe calls are not the user's mock's


@pytest.fixture
def users_requests_mock():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add(responses.GET, "https://api.example/ping", status=201)
        yield mock


def test_a_users_responses_mock_started_before_the_fixture(users_requests_mock, psmigrate_sandbox, actions_body):
    # the fixture passes other traffic on to the user's mock, not to the network
    assert requests.get("https://api.example/ping", timeout=5).status_code == 201
    assert requests.post(f"{PS_HOST}/v2/execute-actions", json=actions_body, headers=AUTH,
                         timeout=5).status_code == 202
    assert len(users_requests_mock.calls) == 1


def test_a_users_own_adobe_route_answers_before_the_sandbox(psmigrate_sandbox, actions_body):
    with responses.RequestsMock() as mock:
        mock.add(responses.POST, f"{PS_HOST}/v2/execute-actions", status=503)
        assert requests.post(f"{PS_HOST}/v2/execute-actions", json=actions_body, headers=AUTH,
                             timeout=5).status_code == 503
        assert requests.get(f"{PS_HOST}/v2/status/nothing", headers=AUTH, timeout=5).status_code == 404
    assert [r["path"] for r in psmigrate_sandbox.requests] == ["/v2/status/nothing"]


def test_a_users_respx_router_started_inside_the_fixture(psmigrate_sandbox, actions_body):
    with respx.mock(assert_all_called=True) as router:
        router.get("https://api.example/ping").respond(201)
        assert httpx.get("https://api.example/ping").status_code == 201
        assert httpx.post(f"{PS_HOST}/v2/execute-actions", json=actions_body, headers=AUTH).status_code == 202
    assert [r["path"] for r in psmigrate_sandbox.requests] == ["/v2/execute-actions"]


def test_aiohttp_stubs_of_a_test_go_on_the_fixtures_aioresponses(psmigrate_sandbox, actions_body):
    psmigrate_sandbox.mocks["aiohttp"].get("https://api.example/ping", status=201)

    async def run() -> tuple[int, int]:
        async with aiohttp.ClientSession(headers=AUTH) as session:
            async with session.get("https://api.example/ping") as ping:
                theirs = ping.status
            async with session.post(f"{PS_HOST}/v2/execute-actions", json=actions_body) as accepted:
                return theirs, accepted.status

    assert asyncio.run(run()) == (201, 202)
    assert psmigrate_sandbox.clients == ["requests", "httpx", "aiohttp"]

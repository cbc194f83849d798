"""A POST without ``Content-Type: application/json`` gets 415 saying which header to add, and the
record says so too; ``json=`` of requests, httpx and aiohttp passes, on the wire and in process."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import aiohttp
import httpx
import pytest
import requests

from migrator.sandbox.testing import running_server
from tests.sandbox.conftest import ACTIONS_BODY, AUTH, PS_HOST

ADD = "Add the header `Content-Type: application/json`"


def _requests(url, **kwargs):
    answer = requests.post(url, headers={**AUTH, **kwargs.pop("headers", {})}, timeout=10, **kwargs)
    return answer.status_code, answer.json()


def _httpx(url, **kwargs):
    with httpx.Client(timeout=10) as client:
        answer = client.post(url, headers={**AUTH, **kwargs.pop("headers", {})}, **kwargs)
        return answer.status_code, answer.json()


def _aiohttp(url, **kwargs):
    async def run():
        async with aiohttp.ClientSession(headers=AUTH) as session:
            async with session.post(url, **kwargs) as answer:
                return answer.status, await answer.json()
    return asyncio.run(run())


CLIENTS = {"requests": _requests, "httpx": _httpx, "aiohttp": _aiohttp}
TEXT = json.dumps(ACTIONS_BODY)
# (client, keyword arguments, what the request's Content-Type was, as the 415 message names it)
REFUSED = [
    ("requests", {"data": TEXT}, "no Content-Type header"),
    ("httpx", {"content": TEXT}, "no Content-Type header"),
    ("aiohttp", {"data": TEXT}, "`Content-Type: text/plain; charset=utf-8`"),
    ("requests", {"data": TEXT, "headers": {"Content-Type": "text/plain"}}, "`Content-Type: text/plain`"),
]


@pytest.fixture(scope="module")
def server():
    with running_server(lifetime=120) as base_url:
        yield base_url


@pytest.fixture(params=["on the wire", "in process"])
def target(request) -> tuple[str, Callable[[], list[dict]]]:
    """Where requests go (the real server, or an Adobe host the fixture intercepts) and its record."""
    if request.param == "on the wire":
        base = request.getfixturevalue("server")
        return base, lambda: requests.get(f"{base}/_sandbox/requests", timeout=10).json()
    handle = request.getfixturevalue("psmigrate_sandbox")
    return PS_HOST, lambda: handle.requests


@pytest.mark.parametrize("client", CLIENTS)
def test_the_json_keyword_passes(target, client):
    status, body = CLIENTS[client](f"{target[0]}/v2/execute-actions", json=ACTIONS_BODY)
    assert status == 202, body


@pytest.mark.parametrize(("client", "kwargs", "got"), REFUSED)
def test_without_the_header_the_answer_names_it(target, client, kwargs, got):
    base, records = target
    status, body = CLIENTS[client](f"{base}/v2/execute-actions", **kwargs)
    assert status == 415 and body["error_code"] == "invalid_content_type"
    assert f"sent with {got}." in body["message"] and ADD in body["message"]
    assert records()[-1]["status"] == 415
    assert records()[-1]["note"] == f"sent {got}; add the header `Content-Type: application/json`"

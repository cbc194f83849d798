"""Route a test process's HTTP traffic for Adobe's hosts to a :class:`Sandbox`, in process.

Built on the transport-mocking library of each client rather than on patches of our own:
``responses`` for ``requests``, ``respx`` for ``httpx`` (sync and async), ``aioresponses`` for
``aiohttp``. Every request to ``photoshop-api.adobe.io`` or ``image.adobe.io`` (the hosts of
``rules/*.yaml``; http or https, any port, any path) is answered by the sandbox; every other
request passes through to the network untouched, as it would without the sandbox.

A client library that is not installed is simply not intercepted.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import sys
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from migrator.sandbox.service import Answer, Sandbox

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


def host_pattern(sandbox: Sandbox) -> re.Pattern:
    """A URL on one of the sandbox's Adobe hosts, http or https, any port and path."""
    hosts = "|".join(re.escape(h) for h in sorted(sandbox.hosts))
    return re.compile(rf"^https?://(?:{hosts})(?::\d+)?(?:[/?#].*)?$", re.IGNORECASE)


def other_hosts_pattern(sandbox: Sandbox) -> re.Pattern:
    hosts = "|".join(re.escape(h) for h in sorted(sandbox.hosts))
    return re.compile(rf"^(?!https?://(?:{hosts})(?::\d+)?(?:[/?#]|$))", re.IGNORECASE)


@contextlib.contextmanager
def intercept(sandbox: Sandbox) -> Iterator[dict[str, Any]]:
    """While active, the clients installed here send Adobe-bound requests to ``sandbox``.
    Yields the client intercepted → its mock (a ``responses.RequestsMock``, a respx router, an
    ``aioresponses``), to which a test may add stubs of its own for other hosts."""
    with contextlib.ExitStack() as stack:
        active = {}
        for name, start in (("requests", _requests), ("httpx", _httpx), ("aiohttp", _aiohttp)):
            try:
                active[name] = stack.enter_context(start(sandbox))
            except ImportError:
                continue
        if not active:
            raise ImportError("none of responses, respx and aioresponses is installed: "
                              "pip install 'photoshop-api-migrator[sandbox]'")
        yield active


@contextlib.contextmanager
def _requests(sandbox: Sandbox):
    import responses

    def callback(request):
        answer = sandbox.handle(request.method, request.url, dict(request.headers), _bytes(request.body))
        _wait(answer)
        return answer.status, answer.headers, answer.content()

    import requests.adapters

    # other traffic goes on to whatever sends it now: the network, or a user's mock started earlier
    mock = responses.RequestsMock(assert_all_requests_are_fired=False,
                                  real_adapter_send=requests.adapters.HTTPAdapter.send)
    pattern = host_pattern(sandbox)
    for method in METHODS:
        mock.add_callback(method, pattern, callback=callback, content_type=None)
    mock.add_passthru(other_hosts_pattern(sandbox))
    with mock, _beside_other_mocks(responses.RequestsMock, mock, pattern):
        yield mock


@contextlib.contextmanager
def _beside_other_mocks(mock_class, ours, pattern: re.Pattern):
    """A user's own ``responses`` mock (``@responses.activate``, ``responses.RequestsMock()``)
    started inside the fixture patches ``requests`` over ours and would refuse every Adobe
    request it has no route for. While the fixture is active, such a mock hands ours the
    requests for Adobe's hosts that none of its own routes matches; its routes, passthroughs and
    ``calls`` stay its own. (responses has no nesting of its own; ``unbound_on_send`` is what
    its ``start`` patches ``requests`` with.)"""
    original = mock_class.unbound_on_send

    def unbound_on_send(self):
        theirs = original(self)
        if self is ours:
            return theirs
        sandbox_send = original(ours)

        def send(adapter, request, *args, **kwargs):
            if pattern.match(str(request.url)) and not _has_route_for(self, request):
                return sandbox_send(adapter, request, *args, **kwargs)
            return theirs(adapter, request, *args, **kwargs)

        return send

    mock_class.unbound_on_send = unbound_on_send
    try:
        yield
    finally:
        mock_class.unbound_on_send = original


def _has_route_for(mock, request) -> bool:
    """Whether one of ``mock``'s own routes matches ``request`` (method, URL and matchers)."""
    for route in mock.registered():
        try:
            if route.matches(request)[0]:
                return True
        except Exception:  # noqa: BLE001 - a matcher wanting what responses adds later: theirs to decide
            return True
    return False


@contextlib.contextmanager
def _httpx(sandbox: Sandbox):
    import httpx
    import respx

    def callback(request: httpx.Request):
        try:
            content = request.content
        except httpx.RequestNotRead:
            content = request.read()
        answer = sandbox.handle(request.method, str(request.url), dict(request.headers), content)
        response = httpx.Response(answer.status, headers=answer.headers, content=answer.content())
        if answer.delay and _awaited_by_respx():
            return _after(answer.delay, response)
        _wait(answer)  # httpx.Client: a blocking wait is what a slow server means to it
        return response

    def other_traffic(request: httpx.Request):
        # None is respx's "no match": the next active router (a user's own) decides, as it
        # would without the sandbox; with no other router, the request goes on to the network.
        return None if _other_routers(router) else request

    router = respx.mock(assert_all_called=False, assert_all_mocked=True)
    router.route(url__regex=host_pattern(sandbox).pattern).mock(side_effect=callback)
    router.route().mock(side_effect=other_traffic)
    with router:
        yield router


def _other_routers(ours) -> bool:
    from respx.mocks import Mocker

    return any(router is not ours for mocker in Mocker.registry.values() for router in mocker.routers)


async def _after(seconds: float, response):
    await asyncio.sleep(seconds)
    return response


def _awaited_by_respx() -> bool:
    """Whether respx's async resolver called this side effect: it awaits an awaitable result
    (lundberg/respx#147), so ``httpx.AsyncClient`` waits with ``asyncio.sleep`` and latency never
    blocks the event loop, while ``httpx.Client`` (even called from a coroutine) gets a response.
    One router serves both, so a user's own respx routes keep working beside the sandbox's."""
    from respx.router import Router

    resolver = getattr(getattr(Router, "aresolve", None), "__code__", None)
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is resolver:
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def _aiohttp(sandbox: Sandbox):
    from aioresponses import CallbackResult, aioresponses

    def for_method(method: str):
        async def callback(url, **kwargs: Any):
            headers, content = _aiohttp_request(kwargs)
            answer = sandbox.handle(method, str(url), headers, content)
            if answer.delay:
                await asyncio.sleep(answer.delay)
            return CallbackResult(status=answer.status, body=answer.content(), headers=answer.headers,
                                  content_type=answer.headers.get("Content-Type", "application/json"),
                                  response_class=response_class)
        return callback

    response_class = _aiohttp_response_class()

    class SandboxAioresponses(aioresponses):
        """A test's own stubs on this mock get the same response class as the sandbox's."""

        def add(self, url, method="GET", *args: Any, **kwargs: Any):
            if len(args) < 7 and kwargs.get("response_class") is None:  # not given (the 7th after method)
                kwargs["response_class"] = response_class
            return super().add(url, method, *args, **kwargs)

    mock = SandboxAioresponses(passthrough_unmatched=True)
    with mock:
        pattern = host_pattern(sandbox)
        for method in METHODS:
            mock.add(pattern, method=method, callback=for_method(method), repeat=True)
        yield mock


def _aiohttp_response_class():
    """aiohttp 3.14 added a required ``stream_writer`` argument to ``ClientResponse`` that
    aioresponses 0.7.9 does not pass (pnuckowski/aioresponses#289, open): supply a finished
    upload (the request was never sent) so interception works on either side of 3.14."""
    import inspect

    from aiohttp import ClientResponse

    if "stream_writer" not in inspect.signature(ClientResponse.__init__).parameters:
        return ClientResponse

    class Sent:
        output_size = 0  # what ClientResponse reads from the writer of a request already sent

    class SandboxResponse(ClientResponse):
        def __init__(self, *args: Any, **kwargs: Any):
            kwargs.setdefault("stream_writer", Sent())
            super().__init__(*args, **kwargs)

    return SandboxResponse


def _aiohttp_request(kwargs: dict) -> tuple[dict[str, str], bytes]:
    """The headers and body bytes aiohttp would send for ``session.request(**kwargs)``."""
    headers = {k: v for k, v in (kwargs.get("headers") or {}).items()}
    lower = {k.lower() for k in headers}
    if kwargs.get("json") is not None:
        if "content-type" not in lower:
            headers["Content-Type"] = "application/json"
        return headers, json.dumps(kwargs["json"]).encode("utf-8")
    data = kwargs.get("data")
    if isinstance(data, dict):
        if "content-type" not in lower:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers, urlencode(data).encode("utf-8")
    if data is not None and "content-type" not in lower:  # what aiohttp's payloads declare on the wire
        headers["Content-Type"] = "text/plain; charset=utf-8" if isinstance(data, str) else "application/octet-stream"
    return headers, _bytes(data)


def _bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if hasattr(body, "read"):
        return _bytes(body.read())
    return b"".join(_bytes(chunk) for chunk in body)  # a generator of chunks


def _wait(answer: Answer) -> None:
    if answer.delay:
        time.sleep(answer.delay)

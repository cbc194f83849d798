"""The sandbox on a real HTTP server: aiohttp's web server around :class:`Sandbox`.

Why aiohttp: one well-kept package (aio-libs) that is both the server and one of the clients
the pytest plugin intercepts, with its own HTTP parser in C, public hooks for what this command
needs (``AppRunner``/``TCPSite`` bind port 0 and report the address; ``cleanup()`` drains
connections), and no second package for an ASGI server. Every request goes to one catch-all
handler: routing, validation and faults are the core's, so the server and the plugin answer alike.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from collections.abc import Callable
from typing import IO

from aiohttp import web

from migrator.sandbox.service import Sandbox

MAX_BODY = 32 * 1024 * 1024  # inline ActionJSON and many outputs stay far below this
# On Ctrl-C or SIGTERM, answers still waiting (--latency) get this long, then their connections
# close: aiohttp's default (60 s) kept the server up as long as the slowest of them.
SHUTDOWN_GRACE = 1.0


def make_app(sandbox: Sandbox) -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        body = await request.read()
        answer = sandbox.handle(request.method, str(request.url), dict(request.headers), body)
        if answer.delay:
            await asyncio.sleep(answer.delay)
        return web.Response(status=answer.status, body=answer.content(), headers=answer.headers)

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


class JsonlLog:
    """One JSON line per exchange, flushed as it is written (``tail -f`` works)."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def __call__(self, record: dict) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()


async def serve(sandbox: Sandbox, host: str, port: int, *, on_ready: Callable[[str], None],
                stop_after: float | None = None) -> str:
    """Serve until SIGINT or SIGTERM (or ``stop_after`` seconds); returns what stopped it:
    ``"interrupt"``, ``"terminate"`` or ``"timeout"``."""
    runner = web.AppRunner(make_app(sandbox), access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_GRACE)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        port = runner.addresses[0][1]
        # Listening on every address: print one a client on this machine can reach.
        reachable = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
        on_ready(f"http://{_url_host(reachable)}:{port}")
        stopped = asyncio.get_running_loop().create_future()
        loop = asyncio.get_running_loop()
        for sig, why in ((signal.SIGINT, "interrupt"), (signal.SIGTERM, "terminate")):
            try:
                loop.add_signal_handler(sig, lambda why=why: stopped.done() or stopped.set_result(why))
            except (NotImplementedError, RuntimeError):  # not the main thread, or Windows
                pass
        try:
            return await asyncio.wait_for(stopped, stop_after) if stop_after else await stopped
        except asyncio.TimeoutError:
            return "timeout"
    finally:
        await runner.cleanup()


def run(sandbox: Sandbox, host: str, port: int, *, on_ready: Callable[[str], None],
        stop_after: float | None = None) -> str:
    try:
        return asyncio.run(serve(sandbox, host, port, on_ready=on_ready, stop_after=stop_after))
    except KeyboardInterrupt:  # a Ctrl-C before the signal handlers were in place
        return "interrupt"


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


if __name__ == "__main__":  # pragma: no cover - python -m migrator.sandbox.server, for debugging
    run(Sandbox(), "127.0.0.1", 8080, on_ready=lambda url: print(url, file=sys.stderr))

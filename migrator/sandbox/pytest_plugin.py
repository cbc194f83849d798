"""The ``psmigrate_sandbox`` pytest fixture: run your own code against the sandbox, offline.

Registered as a pytest plugin (``pytest11`` entry point) when psmigrate is installed. While a
test holds the fixture, ``requests``, ``httpx`` (sync and async) and ``aiohttp`` requests to
``photoshop-api.adobe.io`` and ``image.adobe.io`` are answered in process by a fresh
:class:`~migrator.sandbox.service.Sandbox`; other traffic passes through unchanged::

    def test_my_integration(psmigrate_sandbox):
        run_my_job()                                   # your code, calling Adobe's v2 URLs
        assert set(psmigrate_sandbox.jobs.values()) == {"succeeded"}

Options (fault injection, seeds, time-based jobs) come from a marker,
``@pytest.mark.psmigrate_sandbox(fail_rate=0.2, seed=1)``, or from overriding the
``psmigrate_sandbox_options`` fixture. The plugin imports nothing heavy until a test uses it,
and needs the ``sandbox`` extra (``pip install 'photoshop-api-migrator[sandbox]'``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

MARKER = "psmigrate_sandbox"
INSTALL_HINT = "pip install 'photoshop-api-migrator[sandbox]'"


def pytest_configure(config):
    config.addinivalue_line("markers", f"{MARKER}(**options): options of the psmigrate_sandbox fixture "
                            "(migrator.sandbox.Options fields: fail_rate, throttle_rate, error_rate, latency, "
                            "rate_limit, job_seconds, seed, ...)")


@dataclass
class SandboxHandle:
    """What the fixture yields: the core sandbox and what it recorded."""

    sandbox: object  # migrator.sandbox.Sandbox
    clients: list[str] = field(default_factory=list)  # the client libraries intercepted
    # client → its mock: "requests" a responses.RequestsMock, "httpx" a respx router, "aiohttp" an
    # aioresponses. aioresponses cannot be nested, so aiohttp stubs of a test's own go on this one.
    mocks: dict = field(default_factory=dict)

    @property
    def requests(self) -> list[dict]:
        """Every exchange, in order: method, url, host, path, status, request_json, response_json,
        job_id, fault, request_headers (credentials redacted)."""
        return self.sandbox.requests

    @property
    def jobs(self) -> dict[str, str]:
        """jobId → the state its last status poll reported."""
        return self.sandbox.jobs

    @property
    def options(self):
        return self.sandbox.options


@pytest.fixture
def psmigrate_sandbox_options(request):
    """The :class:`migrator.sandbox.Options` of ``psmigrate_sandbox``; from the marker by default."""
    try:
        from migrator.sandbox.service import Options
    except ImportError as exc:  # pragma: no cover - migrator itself is what registered this plugin
        pytest.fail(f"psmigrate_sandbox: {exc}")
    marker = request.node.get_closest_marker(MARKER)
    return Options(**(marker.kwargs if marker else {}))


@pytest.fixture
def psmigrate_sandbox(psmigrate_sandbox_options):
    """Answer Adobe-bound ``requests``/``httpx``/``aiohttp`` traffic with a fresh sandbox."""
    from migrator.sandbox.service import Sandbox

    try:
        from migrator.sandbox.intercept import intercept
        sandbox = Sandbox(psmigrate_sandbox_options)
        context = intercept(sandbox)
        mocks = context.__enter__()
    except ImportError as exc:
        pytest.fail(f"psmigrate_sandbox needs the sandbox extra ({INSTALL_HINT}): {exc}", pytrace=False)
    try:
        yield SandboxHandle(sandbox, list(mocks), mocks)
    finally:
        context.__exit__(None, None, None)

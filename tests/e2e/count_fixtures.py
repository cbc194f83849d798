"""The e2e suite's three counts (works / reported / silent) over the codemod's fixtures.

    .venv/bin/python -m tests.e2e.count_fixtures [-v] [--mode codemod|lint-fix] [NAME ...]

The fixtures (``tests/codemod/fixtures/*.before.py``) are snippets, not programs: they have no
``main()``, take their credentials and files as parameters and often only submit a job. So each
migrated fixture is run as far as it can be: every public function, and every public method of
a class whose constructor can be called, is called with made-up arguments (a URL for each file
parameter, a credential for each token or key, a real ``requests``/``httpx``/``aiohttp`` client
for each client parameter, the default where there is one); a function needing something else
(a job id, a body) is not called. Credentials a snippet leaves to its caller (``x-api-key``, a
``Bearer`` token) are added to its requests, since v1 and v2 authenticate alike.

A fixture WORKS when at least one call was made, every call returned, every request to an Adobe
host got a 2xx answer and no job failed; otherwise it is REPORTED when lint on the migrated file
exits 1 with a finding, SILENT when it does not; NOT RUN when nothing in it could be called, or
only failed on the made-up arguments themselves (``ARTEFACTS``), and lint is clean.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from tests.e2e import harness

FIXTURES = Path(__file__).resolve().parent.parent / "codemod" / "fixtures"
SIBLINGS = ("psapi_settings.py",)
FILE_WORDS = ("url", "href", "src", "dst", "psd", "atn", "out", "source", "target", "input", "output",
              "image", "mask", "preset", "xmp", "logo", "art", "template", "path", "file", "photo")
CREDENTIAL_WORDS = ("token", "key", "client_id", "secret", "auth")


# Errors of the made-up arguments, not of the migration: a template file that is not there, a
# model refusing a made-up value, a host the sandbox does not answer (a staging host, say).
ARTEFACTS = ("FileNotFoundError", "ValidationError", "ConnectionError", "ConnectError", "ClientConnectorError")


class Unresolvable(Exception):
    pass


def argument_for(parameter: inspect.Parameter, clients: dict):
    name = parameter.name.lower()
    annotation = str(parameter.annotation)
    if "AsyncClient" in annotation:
        return clients["httpx_async"]()
    if "ClientSession" in annotation:
        return clients["aiohttp"]()
    if "httpx" in annotation or annotation.endswith("Client") or "Client'" in annotation:
        return clients["httpx"]()
    if "Session" in annotation or name in ("session", "sess"):
        return clients["requests"]()
    if parameter.default is not inspect.Parameter.empty:
        return parameter.default
    if any(word in name for word in CREDENTIAL_WORDS):
        return "e2e-test-credential"
    if (name in ("job_id", "status_url", "job", "body", "payload", "data", "inputs", "outputs", "options")
            or "status" in name or "base" in name or "host" in name):
        raise Unresolvable(parameter.name)
    if any(word in name for word in FILE_WORDS):
        return f"https://acme-assets.s3.amazonaws.com/fixtures/{parameter.name}.bin?X-Amz-Signature=f1"
    if name in ("name", "action", "action_name", "layer", "language"):
        return parameter.name
    raise Unresolvable(parameter.name)


def _clients(loop_bound: list) -> dict:
    import requests

    def requests_session():
        return requests.Session()

    def httpx_client():
        import httpx
        return httpx.Client()

    def httpx_async():
        import httpx
        client = httpx.AsyncClient()
        loop_bound.append(client)
        return client

    def aiohttp_session():
        import aiohttp
        session = aiohttp.ClientSession()
        loop_bound.append(session)
        return session

    return {"requests": requests_session, "httpx": httpx_client, "httpx_async": httpx_async, "aiohttp": aiohttp_session}


def call(function) -> bool:
    """Call ``function`` with made-up arguments; False when they cannot be made up."""
    closing: list = []
    clients = _clients(closing)

    async def in_loop():
        try:
            kwargs = {p.name: argument_for(p, clients) for p in inspect.signature(function).parameters.values()
                      if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
            return await function(**kwargs)
        finally:
            for client in closing:
                await (client.aclose() if hasattr(client, "aclose") else client.close())

    if inspect.iscoroutinefunction(function):
        asyncio.run(in_loop())
        return True
    kwargs = {p.name: argument_for(p, clients) for p in inspect.signature(function).parameters.values()
              if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
    function(**kwargs)
    return True


def callables(module) -> list:
    found = []
    for name, value in vars(module).items():
        if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(value):
            found.append(value)
        elif inspect.isclass(value):
            try:
                instance = None
                init = value.__init__
                if init is object.__init__:
                    instance = value()
                else:
                    clients = _clients([])
                    params = list(inspect.signature(init).parameters.values())[1:]
                    instance = value(**{p.name: argument_for(p, clients) for p in params
                                        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)})
            except (Unresolvable, TypeError):
                continue
            for attribute, member in vars(value).items():
                if not attribute.startswith("_") and inspect.isfunction(member):
                    found.append(getattr(instance, attribute))
    return found


def with_credentials(sandbox, monkeypatch) -> None:
    original = sandbox.handle

    def handle(method, url, headers=None, body=b""):
        headers = dict(headers or {})
        lower = {k.lower(): k for k in headers}
        if "x-api-key" not in lower:
            headers["x-api-key"] = "e2e-test-credential"
        auth = headers.get(lower.get("authorization", "Authorization"), "")
        if not auth.lower().startswith("bearer "):
            headers[lower.get("authorization", "Authorization")] = f"Bearer {auth or 'e2e-test-credential'}"
        return original(method, url, headers, body)

    monkeypatch.setattr(sandbox, "handle", handle)


def fixture_outcome(before: Path, workdir: Path, mode: str = "codemod") -> harness.Outcome:
    from migrator.sandbox.intercept import intercept
    from migrator.sandbox.service import Options, Sandbox

    name = before.name.removesuffix(".before.py")
    module_name = f"fixture_{name}"
    target = workdir / f"{module_name}.py"
    shutil.copyfile(before, target)
    paths = [target]
    for sibling in SIBLINGS:
        shutil.copyfile(FIXTURES / sibling, workdir / sibling)
        paths.append(workdir / sibling)
    outcome = harness.Outcome(name, mode)
    harness.migrate(mode, paths)
    lint = harness.lint(paths)
    outcome.findings = lint.findings
    sandbox = Sandbox(Options())
    made = 0
    with pytest.MonkeyPatch.context() as monkeypatch, intercept(sandbox):
        with_credentials(sandbox, monkeypatch)

        def run_all():
            nonlocal made
            module = sys.modules[module_name]
            for function in callables(module):
                try:
                    made += call(function)
                except Unresolvable:
                    continue

        run = harness.run_client(workdir, module_name, sandbox, monkeypatch, entry=run_all)
    outcome.problems = run.problems(require_job=False, failed_jobs_only=True)
    failed_at_adobe = any(not 200 <= int(r["status"]) < 300 for r in run.adobe_requests)
    if made == 0 and not run.error or (run.error and not failed_at_adobe and run.error.startswith(ARTEFACTS)):
        outcome.verdict = "REPORTED" if lint.exit_code == 1 else "NOT RUN"
    elif not outcome.problems:
        outcome.verdict = "WORKS"
    else:
        outcome.verdict = "REPORTED" if lint.exit_code == 1 and lint.findings else "SILENT"
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="fixture names (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="say what broke and what lint said")
    parser.add_argument("--mode", choices=harness.MODES, default="codemod", help="how to migrate (default: codemod)")
    args = parser.parse_args(argv)
    befores = sorted(FIXTURES.glob("*.before.py"))
    if args.names:
        befores = [b for b in befores if b.name.removesuffix(".before.py") in args.names]
    outcomes = []
    for before in befores:
        with tempfile.TemporaryDirectory() as tmp:
            outcome = fixture_outcome(before, Path(tmp), args.mode)
        outcomes.append(outcome)
        print(outcome.explain() if args.verbose else f"{outcome.client:<28} {outcome.verdict}")
    verdicts = [o.verdict for o in outcomes]
    print(", ".join(f"{v.lower()} {verdicts.count(v)}" for v in ("WORKS", "REPORTED", "SILENT", "NOT RUN"))
          + f" (of {len(verdicts)} fixtures, {args.mode})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``psmigrate sandbox``: a local HTTP service that answers as Adobe's Photoshop API v2 does.

The server stack (aiohttp) is the optional ``sandbox`` extra and is imported only when the
server starts, so ``psmigrate --help`` and the other commands never load it.
"""

from __future__ import annotations

import sys

import click

INSTALL_HINT = "pip install 'photoshop-api-migrator[sandbox]'  (from a checkout: pip install '.[sandbox]')"


class RateLimit(click.ParamType):
    name = "N/SECONDS"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        count, _, seconds = str(value).partition("/")
        try:
            parsed = int(count), float(seconds or 1)
        except ValueError:
            self.fail(f"{value!r} is not N/SECONDS (for example 2/3: two submissions every three seconds)", param, ctx)
        if parsed[0] < 1 or parsed[1] <= 0:
            self.fail(f"{value!r}: N must be at least 1 and SECONDS more than 0", param, ctx)
        return parsed


RATE = click.FloatRange(0.0, 1.0)
SECONDS = click.FloatRange(min=0.0)


@click.command("sandbox")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True,
              help="Port to listen on (0: any free port; the URL printed says which).")
@click.option("--fail-rate", type=RATE, default=0.0, metavar="RATE",
              help="Share of jobs (0-1) that end `failed` with errorDetails.")
@click.option("--throttle-rate", type=RATE, default=0.0, metavar="RATE",
              help="Share of requests (0-1) answered 429 with Retry-After.")
@click.option("--error-rate", type=RATE, default=0.0, metavar="RATE",
              help="Share of requests (0-1) answered 500, 502, 503 or 504.")
@click.option("--retry-after", type=click.IntRange(min=0), default=1, show_default=True, metavar="SECONDS",
              help="Retry-After of the 429s --throttle-rate injects.")
@click.option("--rate-limit", type=RateLimit(), default=None,
              help="At most N submissions every SECONDS, then 429 with Retry-After (Adobe's soft limits: "
                   "15/3, remove-background 2/3).")
@click.option("--latency", type=SECONDS, default=0.0, metavar="SECONDS", help="Delay before every answer.")
@click.option("--job-seconds", type=SECONDS, default=None, metavar="SECONDS",
              help="Jobs finish this long after submission (pending, then running from half-way); "
                   "default: one state per status poll (pending, running, succeeded).")
@click.option("--seed", type=int, default=None, help="Seed for job ids and fault injection (repeatable runs).")
@click.option("--api-key", default=None, help="Accept only this x-api-key (default: any).")
@click.option("--token", default=None, help="Accept only this bearer token (default: any).")
@click.option("--log", "log_path", type=click.Path(dir_okay=False, allow_dash=True), default=None, metavar="FILE",
              help="Append every exchange to FILE as JSON lines (secrets redacted); - for standard output.")
@click.option("--stop-after", type=click.FloatRange(min=0.0, min_open=True), default=None, metavar="SECONDS",
              help="Stop by itself after SECONDS.")
def sandbox_command(host, port, fail_rate, throttle_rate, error_rate, retry_after, rate_limit, latency,
                    job_seconds, seed, api_key, token, log_path, stop_after):
    """Run a local service that answers as Adobe's Photoshop API v2 does, to test a migrated
    integration offline.

    Every v2 operation (POST /v2/execute-actions, create-composite, edit, create-artboard,
    generate-manifest, remove-background; GET /v2/status/{jobId}) checks its body with the rules
    `psmigrate lint` uses and answers with Adobe's response shapes; v1 paths answer 410 Gone.
    The base URL goes to standard output; point your client's Adobe hosts at it. GET
    /_sandbox/requests lists every exchange. Ctrl-C stops it (exit 130); SIGTERM or
    --stop-after stops it with exit 0.

    Needs the sandbox extra: pip install 'photoshop-api-migrator[sandbox]'.
    """
    try:
        from migrator.sandbox import server
    except ImportError as exc:
        click.echo(f"psmigrate sandbox: the server needs the `sandbox` extra ({exc.name or exc} is not "
                   f"installed): {INSTALL_HINT}", err=True)
        sys.exit(2)
    from migrator.sandbox.service import Options, Sandbox

    options = Options(fail_rate=fail_rate, throttle_rate=throttle_rate, error_rate=error_rate,
                      retry_after=retry_after, rate_limit=rate_limit, latency=latency, job_seconds=job_seconds,
                      seed=seed, api_key=api_key, token=token)
    log = _open_log(log_path)
    sandbox = Sandbox(options, on_record=server.JsonlLog(log) if log else None)

    def ready(url: str) -> None:
        click.echo(url)
        sys.stdout.flush()
        click.echo(f"psmigrate sandbox: Photoshop API v2 at {url} (for photoshop-api.adobe.io and image.adobe.io); "
                   f"exchanges at {url}/_sandbox/requests" + (f" and in {log_path}" if log_path else "")
                   + "; Ctrl-C stops it", err=True)

    try:
        why = server.run(sandbox, host, port, on_ready=ready, stop_after=stop_after)
    except OSError as exc:
        click.echo(f"psmigrate sandbox: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    finally:
        if log is not None and log is not sys.stdout:
            log.close()
    jobs = sandbox.jobs
    done = sum(1 for state in jobs.values() if state in ("succeeded", "failed"))
    click.echo(f"psmigrate sandbox: stopped ({why}); {len(sandbox.requests)} requests, {len(jobs)} jobs "
               f"({done} polled to the end)", err=True)
    sys.exit(130 if why == "interrupt" else 0)


def _open_log(path: str | None):
    if path is None:
        return None
    if path == "-":
        return sys.stdout
    try:
        return open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed when the server stops
    except OSError as exc:
        raise click.BadParameter(f"cannot open {path}: {exc.strerror or exc}", param_hint="--log") from None

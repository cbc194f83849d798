"""The sandbox core: one object that answers HTTP exchanges as Adobe's v2 API does.

No web framework here: :meth:`Sandbox.handle` takes ``(method, url, headers, body bytes)`` and
returns an :class:`Answer` (status, headers, JSON body, and how long to wait before sending it).
The aiohttp server and the pytest plugin are thin adapters around it, so both answer alike.

What it knows comes from the project's data, never from tables here:

* which host serves which operation, and the v1 → v2 endpoint map: ``rules/*.yaml`` (``host``);
* what a valid body is: the lint catalog over the v2 schemas (:func:`migrator.lint.runner.lint_body`),
  so the sandbox rejects exactly what ``psmigrate lint`` reports as an error;
* which accepted jobs fail: those whose URLs no server could open (:mod:`migrator.sandbox.fetch`),
  as Adobe fails them when the job runs, and a share of the rest with ``--fail-rate``.

Answers follow ``photoshop-v2-openapi.json``: ``JobAcceptedResponse`` (202), ``JobStatusResponse``
(status polls) and ``ErrorResponse`` (``error_code``, ``message``, ``errors[]``) with the error
codes of its reference table. Where Adobe's guides and the spec differ, the comment says which.

Hosts: a request addressed to an Adobe host (the pytest plugin, or a client that kept its
``Host`` header) is held to that host's operations: a v2 operation on the wrong host answers 404,
as an unknown route does, and a job is found only on the host that accepted it. A request
addressed to anything else (``127.0.0.1:8080``: the sandbox's own address) may call every
operation, since one base URL then stands for both Adobe hosts.
"""

from __future__ import annotations

import base64
import copy
import json
import math
import posixpath
import random
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote, urlsplit

from migrator.sandbox.fetch import job_errors

STATUS_PATH = "/v2/status/"
SANDBOX_PREFIX = "/_sandbox/"
PENDING, RUNNING, SUCCEEDED, FAILED = "pending", "running", "succeeded", "failed"
FINAL = (SUCCEEDED, FAILED)
SERVER_ERRORS = (500, 502, 503, 504)  # what technical-usage-notes says Adobe retries (with 429)
SENSITIVE_HEADERS = frozenset({"authorization", "x-api-key", "cookie", "proxy-authorization"})
ONE_PIXEL_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5E"
                 "rkJggg==")


@dataclass(frozen=True)
class Options:
    """How the sandbox behaves. Rates are probabilities in [0, 1], per request (or per job)."""

    fail_rate: float = 0.0  # a job ends `failed` with errorDetails instead of `succeeded`
    throttle_rate: float = 0.0  # a request gets 429 with Retry-After
    error_rate: float = 0.0  # a request gets a 5xx (500, 502, 503 or 504)
    latency: float = 0.0  # seconds before every answer
    rate_limit: tuple[int, float] | None = None  # at most N submissions (POST) per S seconds, then 429
    retry_after: int = 1  # seconds, on an injected 429
    job_seconds: float | None = None  # None: a job advances one state per poll; else by time
    seed: int | None = None  # for repeatable fault injection and job ids
    api_key: str | None = None  # None: any non-empty x-api-key is accepted
    token: str | None = None  # None: any non-empty bearer token is accepted
    max_records: int = 100_000  # exchanges kept in memory (the JSONL log keeps every one)

    def __post_init__(self):
        for name in ("fail_rate", "throttle_rate", "error_rate"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        if self.latency < 0 or (self.job_seconds is not None and self.job_seconds < 0):
            raise ValueError("latency and job_seconds must not be negative")
        if self.rate_limit is not None and (self.rate_limit[0] < 1 or self.rate_limit[1] <= 0):
            raise ValueError("rate_limit is (requests >= 1, seconds > 0)")


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds the adapter waits before sending it (--latency)
    raw: bytes | None = None  # a body that is not JSON (a hosted output's bytes)
    lint: list[dict] | None = None  # a submission's lint findings (errors and warnings), for the record
    note: str | None = None  # why the sandbox refused it, in a word, for the record (a 415)

    def __post_init__(self):
        self.headers.setdefault("Content-Type", "application/json")

    def content(self) -> bytes:
        return self.raw if self.raw is not None else json.dumps(self.body).encode("utf-8")


@dataclass
class Job:
    id: str
    host: str | None  # the Adobe host that accepted it; None when reached at the sandbox's own address
    base: str  # scheme://netloc the submission came to: where statusUrl and hosted outputs point
    operation: str
    body: dict
    final: str
    created: str
    modified: str
    started: float
    state: str = PENDING
    polls: int = 0
    seen: str = PENDING  # the state the last poll reported
    errors: list[dict] = field(default_factory=list)  # the errorDetails of a job that fails


@dataclass(frozen=True)
class Operation:
    path: str
    host: str
    method: str


class Sandbox:
    def __init__(self, options: Options | None = None, *, clock: Callable[[], float] = time.monotonic,
                 on_record: Callable[[dict], None] | None = None):
        self.options = options or Options()
        self._clock = clock
        self._on_record = on_record
        self._rng = random.Random(self.options.seed)
        self._lock = threading.RLock()
        self._jobs: dict[str, Job] = {}
        self._records: deque[dict] = deque(maxlen=self.options.max_records)
        self._submissions: deque[float] = deque()
        self.operations, self.status_host, self._v1_prefixes = _load_routes()
        self.hosts = frozenset({o.host for o in self.operations.values()} | {self.status_host})

    # -- what tests and the /_sandbox routes read ------------------------------------------

    @property
    def requests(self) -> list[dict]:
        with self._lock:
            return list(self._records)

    @property
    def jobs(self) -> dict[str, str]:
        """jobId → the state its last status poll reported (``pending`` if never polled)."""
        with self._lock:
            return {job_id: job.seen for job_id, job in self._jobs.items()}

    def reset(self) -> None:
        with self._lock:
            self._jobs.clear()
            self._records.clear()
            self._submissions.clear()

    # -- the one entry point ----------------------------------------------------------------

    def handle(self, method: str, url: str, headers: dict[str, str] | None = None, body: bytes | str | None = b"") \
            -> Answer:
        """Answer one request. ``url`` is absolute (``https://host/path?q``) or ``host/path``."""
        method = method.upper()
        if "://" not in url:
            url = "https://" + url.lstrip("/")
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        path = unquote(parts.path).rstrip("/") or "/"
        headers = {k.lower(): v for k, v in (headers or {}).items()}
        raw = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        if path.startswith(SANDBOX_PREFIX) or path + "/" == SANDBOX_PREFIX:
            return self._introspect(method, path)
        with self._lock:
            try:
                answer, job_id, fault = self._answer(method, host, f"{parts.scheme}://{parts.netloc}", path,
                                                     headers, raw)
            except Exception as exc:  # noqa: BLE001 - a bug here must not look like Adobe's answer
                answer, job_id, fault = _internal_error(exc), None, "internal-error"
            answer.delay = self.options.latency
            self._record(method, url, host, path, headers, raw, answer, job_id, fault)
        return answer

    def _answer(self, method, host, base, path, headers, raw) -> tuple[Answer, str | None, str | None]:
        strict = host in self.hosts
        route = self._route(method, host if strict else None, path)
        if isinstance(route, Answer):
            return route, None, None
        refused = self._authenticate(headers)
        if refused is not None:
            return refused, None, None
        fault = self._fault(method)
        if fault is not None:
            return fault[0], None, fault[1]
        if route == "status":
            job_id = path[len(STATUS_PATH):]
            return self._status(job_id, host if strict else None), job_id, None
        answer, job_id = self._submit(route, host if strict else None, base, headers, raw)
        return answer, job_id, None

    # -- routing ----------------------------------------------------------------------------

    def _route(self, method: str, host: str | None, path: str) -> Operation | str | Answer:
        """The operation ``path`` names on ``host`` (None: any host), "status", or the error answer."""
        if path.startswith(STATUS_PATH) and "/" not in path[len(STATUS_PATH):]:
            if host is not None and host not in self.hosts:
                return _not_found(method, host, path)
            return "status" if method == "GET" else _not_allowed("GET")
        operation = self.operations.get(path)
        if operation is not None:
            if host is not None and host != operation.host:
                return _not_found(method, host, path, f"{path} is served on {operation.host}")
            if method != operation.method:
                return _not_allowed(operation.method)
            return operation
        gone = self._gone(path)
        return gone if gone is not None else _not_found(method, host, path)

    def _gone(self, path: str) -> Answer | None:
        """v1 paths: 410 Gone, naming the v2 endpoint and `psmigrate codemod`."""
        from migrator import rulebook

        found = rulebook.match_url(path)
        if found is None and not any(path.startswith(p + "/") for p in self._v1_prefixes):
            return None
        if found is None:
            where = "no v2 endpoint is known for it"
        elif found[1].unsupported and not found[1].unsupported.opt_in:
            where = f"it has no v2 equivalent ({found[1].unsupported.code}: {found[1].unsupported.message})"
        else:
            family, endpoint = found
            where = f"use {family.method} https://{family.host_of(endpoint)}{family.v2}"
        return _error(410, "gone", f"{path} is a Photoshop API v1 endpoint, retired on 2026-07-31; {where}. "
                      "Run `psmigrate codemod` on the code that calls it (`psmigrate convert` on a v1 body file).")

    # -- auth, faults -----------------------------------------------------------------------

    def _authenticate(self, headers: dict[str, str]) -> Answer | None:
        # Adobe's gateway checks the API key first (403), then the access token (401). 401013 is in
        # the spec's ErrorResponse table; 403000 is not (no reference file names it): it is the
        # gateway's code for a missing or unknown key, as Adobe I/O answers it.
        key = headers.get("x-api-key", "").strip()
        if not key or (self.options.api_key is not None and key != self.options.api_key):
            return _error(403, "403000", "Api Key is required" if not key else "Api Key is invalid")
        scheme, _, token = headers.get("authorization", "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or (self.options.token is not None and token != self.options.token):
            return _error(401, "401013", "Oauth token is not valid")
        return None

    def _fault(self, method: str) -> tuple[Answer, str] | None:
        options = self.options
        if method == "POST" and options.rate_limit is not None:
            limit, window = options.rate_limit
            now = self._clock()
            while self._submissions and self._submissions[0] <= now - window:
                self._submissions.popleft()
            if len(self._submissions) >= limit:
                wait = max(1, math.ceil(self._submissions[0] + window - now))
                return _throttled(wait), "rate-limit"
            self._submissions.append(now)
        if options.throttle_rate and self._rng.random() < options.throttle_rate:
            return _throttled(options.retry_after), "throttle"
        if options.error_rate and self._rng.random() < options.error_rate:
            status = self._rng.choice(SERVER_ERRORS)
            return _error(status, "runtime_error", "There was a problem while attempting to perform the operation. "
                          "Please try again. (injected by psmigrate sandbox --error-rate)"), "server-error"
        return None

    # -- submissions --------------------------------------------------------------------------

    def _submit(self, operation: Operation, host: str | None, base: str, headers: dict[str, str],
                raw: bytes) -> tuple[Answer, str | None]:
        refused = _not_json(headers.get("content-type"))
        if refused is not None:
            return refused, None
        try:
            body = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            return _error(400, "invalid_json", f"The request payload is having invalid JSON: {reason}"), None
        findings = _lint(operation.path, body)
        problems = [_sentence(d) for d in findings if d["severity"] == "error"]
        if problems:
            errors = [{"error_code": "validation_error", "message": m} for m in problems]
            return Answer(400, {"error_code": "validation_error", "message": problems[0], "errors": errors},
                          lint=findings), None
        job_id = str(uuid.UUID(int=self._rng.getrandbits(128), version=4))
        now = _timestamp()
        final = FAILED if self.options.fail_rate and self._rng.random() < self.options.fail_rate else SUCCEEDED
        # Adobe opens the URLs only when the job runs: one it cannot open fails the job, not the request
        errors = job_errors(operation.path, body) or (_INJECTED_FAILURE if final == FAILED else [])
        job = Job(job_id, host, base, operation.path, body, FAILED if errors else SUCCEEDED, now, now, self._clock(),
                  errors=errors)
        self._jobs[job_id] = job
        return Answer(202, {"jobId": job_id, "statusUrl": f"{base}{STATUS_PATH}{job_id}"}, lint=findings), job_id

    # -- status -------------------------------------------------------------------------------

    def _status(self, job_id: str, host: str | None) -> Answer:
        job = self._jobs.get(job_id)
        if job is None:
            return _error(404, "unknown_job_id", "Job not found")
        if host is not None and job.host is not None and job.host != host:  # Adobe says no more than this
            return _error(404, "unknown_job_id", f"Job not found (psmigrate sandbox: job {job_id} was accepted on "
                          f"{job.host}; poll it there)")
        job.polls += 1
        self._advance(job)
        job.seen = job.state
        body: dict[str, Any] = {"jobId": job.id, "status": job.state, "createdTime": job.created,
                                "modifiedTime": job.modified}
        if job.state == SUCCEEDED:
            body["result"] = {"outputs": _outputs(job)}
        elif job.state == FAILED:
            body["errorDetails"] = copy.deepcopy(job.errors)
        return Answer(200, body)

    def _advance(self, job: Job) -> None:
        order = (PENDING, RUNNING, job.final)
        if self.options.job_seconds is None:  # one state per poll: pending, running, then done
            state = order[min(job.polls - 1, 2)]
        else:
            elapsed, total = self._clock() - job.started, self.options.job_seconds
            state = job.final if elapsed >= total else RUNNING if elapsed >= total / 2 else PENDING
        if state != job.state:
            job.state, job.modified = state, _timestamp()

    # -- introspection and recording ------------------------------------------------------------

    def _introspect(self, method: str, path: str) -> Answer:
        if method == "GET" and path == "/_sandbox/requests":
            return Answer(200, self.requests)
        if method == "GET" and path == "/_sandbox/jobs":
            return Answer(200, self.jobs)
        if method == "POST" and path == "/_sandbox/reset":
            self.reset()
            return Answer(200, {"reset": True})
        if method == "GET" and path.startswith(OUTPUTS):
            job_id = path[len(OUTPUTS):].split("/", 1)[0]
            with self._lock:
                job = self._jobs.get(job_id)
            if job is not None and job.state == SUCCEEDED:
                media = _media_of(path)
                data = base64.b64decode(ONE_PIXEL_PNG) if media == "image/png" else b"psmigrate sandbox output"
                return Answer(200, None, {"Content-Type": media}, raw=data)
        return _error(404, "not_found", f"the sandbox has {', '.join(INTROSPECTION)}")

    def _record(self, method, url, host, path, headers, raw, answer: Answer, job_id, fault) -> None:
        from migrator.redact import redact

        try:
            request_json = json.loads(raw.decode("utf-8"), parse_constant=_no_constants) if raw else None
            request_text = None
        except (UnicodeDecodeError, ValueError, RecursionError):  # kept as text, the start of it
            request_json = None
            request_text = redact(raw[:TEXT_KEPT].decode("utf-8", "replace"))
            if len(raw) > TEXT_KEPT:
                request_text += f"... ({len(raw)} bytes in all)"
        record = {
            "time": _timestamp(), "method": method, "url": redact(url), "host": host, "path": path,
            "status": answer.status, "job_id": job_id, "fault": fault,
            "request_headers": {k: ("REDACTED" if k in SENSITIVE_HEADERS else redact(v)) for k, v in headers.items()},
            "request_json": _redacted(request_json), "response_json": _redacted(answer.body),
        }
        if request_text is not None:
            record["request_text"] = request_text
        if answer.lint is not None:
            record["lint"] = answer.lint
        if answer.note is not None:
            record["note"] = redact(answer.note)
        self._records.append(record)
        if self._on_record is not None:
            self._on_record(record)


# 500600: "Internal server error" in status-migration.md's table of failed-job error codes
_INJECTED_FAILURE = [{"errorCode": "500600", "message": "Internal server error (injected by psmigrate sandbox "
                      "--fail-rate)"}]
TEXT_KEPT = 4096  # bytes of a body that is not JSON kept in the record
OUTPUTS = "/_sandbox/outputs/"  # hosted outputs of succeeded jobs
INTROSPECTION = ("GET /_sandbox/requests", "GET /_sandbox/jobs", "POST /_sandbox/reset", f"GET {OUTPUTS}...")


def _lint(endpoint: str, body: Any) -> list[dict]:
    """What ``psmigrate lint`` reports for this body on this endpoint. Its errors refuse the
    request; its warnings do not (Adobe accepts such a body) and are only recorded."""
    from migrator.lint.runner import lint_body
    from migrator.redact import redact

    return [{"code": d.code, "severity": d.severity.value, "pointer": d.pointer, "message": redact(d.message)}
            for d in lint_body(copy.deepcopy(body), endpoint)]


def _sentence(finding: dict) -> str:
    """One error, naming the JSON pointer and the psmigrate code."""
    code = finding["code"]
    return f"{finding['pointer'] or '(the body)'}: {finding['message']} ({code}; see `psmigrate explain {code}`)"


def _outputs(job: Job) -> list[dict]:
    """``result.outputs``: one per requested output, with its destination and mediaType.

    The spec types ``Result.outputs`` as an object; status-migration.md ("Successful job
    response", "Output handling") and every guide show an array of outputs: the guides are followed,
    as clients written from them index ``result.outputs[0]``."""
    body = job.body
    if job.operation == "/v2/remove-background":
        # v2 stores the result itself (PS384): one output, of the requested media type.
        wanted = body.get("output") if isinstance(body.get("output"), dict) else {}
        media = wanted.get("mediaType") or _media_of(body.get("image", {}).get("source", {}).get("url", ""))
        return [{"destination": {"url": _hosted(job, 0, media)}, "mediaType": media}]
    requested = body.get("outputs") if isinstance(body.get("outputs"), list) else []
    if job.operation == "/v2/generate-manifest" and not requested:
        requested = [{"destination": {"embedded": "json"}, "mediaType": "application/json"}]
    results = []
    for index, output in enumerate(requested):
        media = output.get("mediaType", "application/octet-stream")
        destination = copy.deepcopy(output.get("destination", {}))
        if "embedded" in destination:
            destination["content"] = _embedded(job, destination["embedded"], media)
        elif "validityPeriod" in destination or not destination:
            destination["url"] = _hosted(job, index, media)
        results.append({"destination": destination, "mediaType": media})
    return results


def _embedded(job: Job, kind: str, media: str) -> Any:
    if job.operation == "/v2/generate-manifest" or kind == "json":
        return manifest(job) if job.operation == "/v2/generate-manifest" else {"jobId": job.id}
    if kind == "base64":
        return ONE_PIXEL_PNG if media == "image/png" else base64.b64encode(b"psmigrate sandbox output").decode()
    return "psmigrate sandbox output"


def _hosted(job: Job, index: int, media: str) -> str:
    # Adobe-hosted storage answers with a temporary URL; the sandbox's points back at itself.
    return f"{job.base}{OUTPUTS}{job.id}/{index}{_extension(media)}"


def _extension(media: str) -> str:
    return {"image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif", "image/webp": ".webp",
            "image/vnd.adobe.photoshop": ".psd", "application/json": ".json"}.get(media, "")


def _media_of(url: str) -> str:
    ext = posixpath.splitext(urlsplit(url).path)[1].lower()
    return {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".tif": "image/tiff",
            ".tiff": "image/tiff", ".psd": "image/vnd.adobe.photoshop", ".json": "application/json"}.get(ext, "image/png")


def manifest(job: Job) -> dict:
    """A plausible v2 layer manifest (manifest-response-migration.md): a document and three layers
    (background, pixel, text), with thumbnails when the request asked for them.

    Visibility is ``visible``, as in manifest-migration.md's "Manifest structure": the response
    guide renames no such field, and ``isVisible`` is the name in edit *requests*
    (llm-migration-reference.md, "Layer Property Locations"). A pixel layer's type is ``layer``
    (manifest-response-migration.md's rename table; llm-migration-reference.md says ``pixel_layer``)."""
    body = job.body
    source = body.get("image", {}).get("source", {}) if isinstance(body.get("image"), dict) else {}
    where = source.get("url") or source.get("creativeCloudPath") or source.get("creativeCloudFileId") or "document.psd"
    title = posixpath.basename(urlsplit(where).path) or "document.psd"
    width, height = 1200, 800
    layers = [
        {"id": 1, "index": 0, "type": "background_layer", "name": "Background", "backgroundLayer": True,
         "background": {"canConvertToLayer": True}, "visible": True, "protection": ["all"],
         "bounds": {"left": 0, "top": 0, "right": width, "bottom": height},
         "blendOptions": {"opacity": 100, "blendMode": "normal"}},
        {"id": 2, "index": 1, "type": "layer", "name": "Product", "visible": True, "protection": ["none"],
         "bounds": {"left": 300, "top": 150, "right": 900, "bottom": 650},
         "blendOptions": {"opacity": 100, "blendMode": "normal"}, "pixelMask": None},
        {"id": 3, "index": 2, "type": "text_layer", "name": "Headline", "visible": True, "protection": ["none"],
         "bounds": {"left": 100, "top": 40, "right": 1100, "bottom": 120},
         "blendOptions": {"opacity": 100, "blendMode": "normal"},
         "text": {"content": "Headline", "characterStyles": [{"fontPostScriptName": "MyriadPro-Regular", "size": 48}]}},
    ]
    if body.get("includeLayerThumbnails"):
        media = (body.get("exportOptions") or {}).get("mediaType", "image/png")
        for layer in layers:
            layer["thumbnail"] = {"mediaType": media,
                                  "url": f"{job.base}/v2/short-url/urn:aaid:ps:{job.id}:{layer['id']}"}
    return {"document": {"title": title, "bounds": {"left": 0, "top": 0, "right": width, "bottom": height},
                         "imageMode": "rgb", "depth": 8, "iccProfile": "sRGB IEC61966-2.1",
                         "resolution": {"value": 72, "unit": "density_unit"}},
            "layers": layers}


def _load_routes() -> tuple[dict[str, Operation], str, tuple[str, ...]]:
    """v2 operations with their host and method, the status host, and the v1 path prefixes."""
    from migrator import rulebook

    operations, status_host, prefixes = {}, None, set()
    for family in rulebook.endpoint_map():
        if family.has_body:
            operations[family.v2] = Operation(family.v2, family.host, family.method)
        else:
            status_host = family.host
        for endpoint in family.endpoints:
            if "{" not in endpoint.v1:
                prefixes.add(endpoint.v1.rsplit("/", 1)[0])
    return operations, status_host or "", tuple(sorted(prefixes))


def _not_json(header: str | None) -> Answer | None:
    """415 unless the body is declared JSON. The spec's ErrorResponse table has the code
    (``invalid_content_type``, "Unsupported media type") but no operation lists a 415 answer:
    what Adobe's gateway does with a body sent without the header is not documented, so the
    sandbox refuses it, naming the one header to add, rather than let a client depend on it."""
    content_type = (header or "").split(";", 1)[0].strip().lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        return None
    got = f"`Content-Type: {header.strip()}`" if header and header.strip() else "no Content-Type header"
    note = f"sent {got}; add the header `Content-Type: application/json`"
    answer = _error(415, "invalid_content_type", f"Unsupported media type: this request was sent with {got}. "
                    "Add the header `Content-Type: application/json` and send the body as JSON. requests, httpx and "
                    "aiohttp add that header themselves when the body is passed as `json=`; with `data=` or "
                    "`content=` set it in `headers=`. (psmigrate sandbox)")
    answer.note = note
    return answer


def _not_found(method: str, host: str | None, path: str, hint: str | None = None) -> Answer:
    where = f"{host}{path}" if host else path
    return _error(404, "not_found", f"Not found: no operation answers {method} {where}"
                  + (f" ({hint}; psmigrate sandbox)" if hint else ""))


def _no_constants(name: str):
    raise ValueError(f"{name} is not JSON")  # Python's json reads NaN and Infinity; JSON has neither


def _internal_error(exc: Exception) -> Answer:
    import traceback

    traceback.print_exception(exc)  # to the server's standard error: a bug in psmigrate to report
    return _error(500, "runtime_error", f"psmigrate sandbox internal error ({type(exc).__name__}: {exc}); "
                  "please report it")


def _not_allowed(allowed: str) -> Answer:
    return _error(405, "unsupported_method", "Method not allowed", {"Allow": allowed})


def _throttled(seconds: int) -> Answer:
    return _error(429, "unauthorized_rate_limited", "The user is unauthorised due to rate limit; retry after "
                  f"{seconds} s (Retry-After)", {"Retry-After": str(seconds)})


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Answer:
    return Answer(status, {"error_code": code, "message": message}, dict(headers or {}))


def _redacted(value: Any) -> Any:
    if value is None:
        return None
    from migrator.redact import redact

    try:
        return json.loads(redact(json.dumps(value)))
    except RecursionError:
        return "(nested too deeply to record)"


def _timestamp() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")

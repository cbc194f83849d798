"""URLs Adobe could not fetch (inputs) or upload to (outputs): they end the job ``failed``.

Adobe checks a body's shape when it is submitted and opens its URLs only when the job runs,
so a body whose URL is a template placeholder (``<EDITED_IMAGE_URL>``, ``{{url}}``,
``${URL}``), empty, or not an absolute http(s) URL is accepted with 202 and its job ends
``failed`` with ``errorDetails``. The sandbox opens no URL (no network, ever): it fails the
jobs whose URLs no server could open, and lets every other URL succeed.

Error codes, from the failed-job tables of status-migration.md ("Common error codes") and
llm-migration-reference.md ("Appendix: Common error codes"); the spec's ``ErrorDetails`` is
``{errorCode, message}`` and lists no codes. No code there is specific to a failed download:

* an input: ``400401``, "Invalid value provided" ("Wrong parameter value/type"), with the
  guides' message "The value provided is not valid.";
* an output destination: ``422404``, "Unable to process outputs" ("Output destination issue:
  check output URLs, storage permissions").
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from migrator.lint.payload import Payload
from migrator.placeholders import template_placeholder
from migrator.tree import split_path

INPUT_ERROR = ("400401", "The value provided is not valid.")
OUTPUT_ERROR = ("422404", "Unable to process outputs.")

def unreachable(url: Any) -> str | None:
    """Why no server could open ``url``, or None when it is an absolute http(s) URL."""
    if not isinstance(url, str):
        return None  # the schema's business: lint refuses it with 400 before any job exists
    placeholder = template_placeholder(url)
    if placeholder is not None:
        return f"`{placeholder}` is a template placeholder, not an address: put the presigned URL there"
    if not url.strip():
        return "the URL is empty"
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "it is not an absolute http(s) URL"
    return None


def job_errors(endpoint: str, body: Any) -> list[dict]:
    """``errorDetails`` for every input and output URL of ``body`` that no server could open,
    each message naming the field's JSON pointer."""
    from migrator.redact import redact

    errors = []
    for pointer, holder, key in Payload(body, endpoint).keys_named("url"):
        tokens = split_path(pointer)
        role = tokens[-2] if len(tokens) >= 2 else ""
        if role not in ("source", "destination"):
            continue
        reason = unreachable(holder[key])
        if reason is None:
            continue
        code, summary = OUTPUT_ERROR if role == "destination" else INPUT_ERROR
        verb = "upload the output to" if role == "destination" else "fetch the input at"
        order = tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in tokens)
        errors.append((order, {"errorCode": code, "message": f"{pointer}: {summary.rstrip('.')}: could not {verb} "
                               f"{redact(holder[key])!r}: {reason} (psmigrate sandbox)"}))
    return [error for _, error in sorted(errors, key=lambda e: e[0])]  # in document order

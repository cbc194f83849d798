"""Small builders for the rules' example bodies, so each example shows only what it is about
while staying a complete request (VALID examples must lint clean under every rule)."""

from __future__ import annotations

from typing import Any

IN_URL = "https://bucket.example/in.psd"
ACTION_URL = "https://bucket.example/actions.atn"


def source(url: str = IN_URL) -> dict:
    return {"source": {"url": url}}


def output(media_type: str = "image/png", url: str = "https://bucket.example/out.png", **extra: Any) -> dict:
    return {"destination": {"url": url}, "mediaType": media_type, **extra}


def hosted_output(media_type: str = "application/json", **extra: Any) -> dict:
    return {"destination": {"validityPeriod": 3600}, "mediaType": media_type, **extra}


def actions_body(options: dict | None = None, outputs: list | None = None) -> dict:
    """A /v2/execute-actions body."""
    return {"image": source(), "options": options if options is not None else {"actions": [source(ACTION_URL)]},
            "outputs": outputs if outputs is not None else [output()]}


def composite_body(outputs: list | None = None, **extra: Any) -> dict:
    """A /v2/create-composite body."""
    return {"image": source(), **extra, "outputs": outputs if outputs is not None else [output()]}


def artboard_body(outputs: list | None = None) -> dict:
    """A /v2/create-artboard body."""
    return {"images": [source()], "outputs": outputs if outputs is not None else [output()]}


def inline_action(steps: str = '[{"_obj":"flattenImage"}]', **extra: Any) -> dict:
    return {"source": {"content": steps, "contentType": "application/json", **extra}}


def inline_uxp(script: str = "const { app } = require('photoshop');", **extra: Any) -> dict:
    return {"source": {"content": script, "contentType": "application/javascript", **extra}}

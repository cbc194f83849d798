"""Transforms for ``/pie/psdService/documentManifest`` → ``/v2/generate-manifest``
(manifest-migration.md)."""

from __future__ import annotations

from typing import Any

from migrator.diagnostics import Severity
from migrator.transforms import UNCHANGED, transform

# v1 returned the manifest in the job status; an embedded JSON output keeps it there in v2
# (manifest-migration.md "Accessing the manifest" › "With embedded storage").
EMBEDDED_MANIFEST = {"destination": {"embedded": "json"}, "mediaType": "application/json"}


@transform
def thumbnails_to_layer_thumbnails(body: Any, ctx, rule) -> Any:
    """``options.thumbnails: {type}`` → ``includeLayerThumbnails: true`` + ``exportOptions.mediaType``."""
    options = body.get("options") if isinstance(body, dict) else None
    if not isinstance(options, dict) or "thumbnails" not in options:
        return UNCHANGED
    thumbnails = options["thumbnails"]
    if not isinstance(thumbnails, dict):
        raise ctx.fail(rule.code, "`options.thumbnails` must be a literal object like {\"type\": \"image/jpeg\"}",
                       options, "thumbnails")
    for v2_key in ("includeLayerThumbnails", "exportOptions"):
        if v2_key in body:
            raise ctx.fail(rule.code, f"both `options.thumbnails` (v1) and `{v2_key}` (v2) are set; keep one",
                           options, "thumbnails")
    body["includeLayerThumbnails"] = True
    if "type" in thumbnails:
        body["exportOptions"] = {"mediaType": thumbnails.pop("type")}
        ctx.moved(thumbnails, "type", body["exportOptions"], "mediaType")
    if not thumbnails:  # anything else stays where it was, so validation names it
        del options["thumbnails"]
    return UNCHANGED


@transform
def embedded_manifest_output(body: Any, ctx, rule) -> Any:
    """v1 had no outputs: add one embedded JSON output, so the manifest still arrives in the
    job status, and say so."""
    if not isinstance(body, dict) or "outputs" in body:
        return UNCHANGED
    body["outputs"] = [{"destination": dict(EMBEDDED_MANIFEST["destination"]),
                        "mediaType": EMBEDDED_MANIFEST["mediaType"]}]
    ctx.report(rule.code, "v2 writes the manifest to an output: added an embedded JSON output, so it arrives "
               "in the job status (`result.outputs[0].destination.content`) as before; use a `url` or "
               "`creativeCloudPath` destination to store it instead", body, severity=Severity.INFO)
    return UNCHANGED

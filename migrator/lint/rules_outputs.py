"""PS61x: outputs — v1 quality and compression values, destinations, UXP output patterns."""

from __future__ import annotations


from migrator.lint.bodies import ACTION_URL, actions_body, composite_body, hosted_output, inline_uxp, output, source
from migrator.lint.catalog import Example, rule
from migrator.lint.payload import EDIT, EXECUTE_ACTIONS, OUTPUT_ARRAYS, PHOTOSHOP_OUTPUTS
from migrator.wording import show

OUTPUT_GUIDE = "output-types-migration.md"


def media_type(out: dict):
    return out.get("mediaType", out.get("type"))  # `type` is PS403's business, but says what was meant


@rule(
    "PS610", "numeric-jpeg-quality",
    summary="numeric JPEG `quality` (v1) instead of a named level",
    rationale="v2 rejects numbers for JPEG quality and takes one of `very_poor`, `poor`, `low`, "
    "`medium`, `high`, `maximum`, `photoshop_max`. `--fix` maps 1–12 with the conversion rule "
    "PS105 (the guide's table pairs two names with 1–2 and 3–4; PS105 picks one per number).",
    source=f"execute-actions-v1-reference.md §9 (JPEG quality mapping); {OUTPUT_GUIDE} (Numeric JPEG quality)",
    valid=[actions_body(outputs=[output("image/jpeg", quality="maximum")])],
    invalid=[Example(actions_body(outputs=[output("image/jpeg", quality=7)]), pointer="/outputs/0/quality",
                     fixed=actions_body(outputs=[output("image/jpeg", quality="maximum")])),
             Example(composite_body([output("image/jpeg", quality=12)]), pointer="/outputs/0/quality",
                     fixed=composite_body([output("image/jpeg", quality="photoshop_max")]))],
    endpoints=PHOTOSHOP_OUTPUTS | {EDIT},
    fix_with=("PS105",),
)
def numeric_jpeg_quality(payload):
    for pointer, out in payload.outputs():
        quality = out.get("quality")
        if media_type(out) == "image/jpeg" and isinstance(quality, (int, float)) and not isinstance(quality, bool):
            yield f"{pointer}/quality", (f"JPEG `quality` {quality} is a v1 number; v2 takes a name such as "
                                         "\"high\", \"maximum\" or \"photoshop_max\"")


V1_PNG_WORDS = {"small": "maximum", "large": "low"}  # "medium" means the same in both versions


@rule(
    "PS611", "v1-png-compression",
    summary="PNG `compression` `small`/`large` (v1 words)",
    rationale="v1 named the file size (`small` = most compressed); v2 names the compression level "
    "on a 10-step scale. `small` becomes `maximum` and `large` becomes `low`.",
    source=f"execute-actions-v1-reference.md §10 (PNG compression mapping); {OUTPUT_GUIDE} (Invalid PNG compression)",
    valid=[actions_body(outputs=[output(compression="medium")])],
    invalid=[Example(actions_body(outputs=[output(compression="small")]), pointer="/outputs/0/compression",
                     fixed=actions_body(outputs=[output(compression="maximum")]))],
    endpoints=PHOTOSHOP_OUTPUTS | {EDIT},
    fix_with=("PS106",),
)
def v1_png_compression(payload):
    for pointer, out in payload.outputs():
        word = out.get("compression")
        if media_type(out) == "image/png" and word in V1_PNG_WORDS:
            yield f"{pointer}/compression", (f"PNG `compression` \"{word}\" is a v1 value; "
                                             f"v2 calls it \"{V1_PNG_WORDS[word]}\"")


@rule(
    "PS612", "unknown-storage-type",
    summary="`destination.storageType` other than `azure` or `dropbox`",
    rationale="`storageType` exists only to flag Azure Blob Storage and Dropbox URLs; S3, "
    "Frame.io, Google Drive and other presigned HTTPS URLs go without it.",
    source=f"{OUTPUT_GUIDE} (When to use storageType); format-conversion-migration.md",
    valid=[actions_body(outputs=[{"destination": {"url": "https://a.blob.core.windows.net/c/o.png",
                                                  "storageType": "azure"}, "mediaType": "image/png"}])],
    invalid=[Example(actions_body(outputs=[{"destination": {"url": "https://bucket.example/o.png",
                                                            "storageType": "external"}, "mediaType": "image/png"}]),
                     pointer="/outputs/0/destination/storageType")],
    endpoints=OUTPUT_ARRAYS,
)
def unknown_storage_type(payload):
    for pointer, value in payload.walk("/outputs/*/destination/storageType"):
        if value not in ("azure", "dropbox"):
            yield pointer, (f"`storageType` {show(value)} is not a v2 value: use \"azure\" or \"dropbox\", "
                            "or leave it out for any other presigned URL")


UXP = {"uxp": {"source": {"url": "https://bucket.example/script.psjs"}}}


@rule(
    "PS613", "script-output-pattern-destination",
    summary="`scriptOutputPattern` with a URL or Creative Cloud destination",
    rationale="Files a UXP script writes are collected only into hosted (`validityPeriod`) or "
    "`embedded` destinations; external storage is not supported for script outputs.",
    source="actions-migration.md (Script-based output discovery); execute-actions-v1-reference.md §8",
    valid=[actions_body(UXP, [hosted_output(scriptOutputPattern="*.json")]),
           actions_body(UXP, [{"destination": {"embedded": "json"}, "mediaType": "application/json",
                               "scriptOutputPattern": "result.json"}])],
    invalid=[Example(actions_body(UXP, [output(scriptOutputPattern="*.png")]),
                     pointer="/outputs/0/scriptOutputPattern")],
    endpoints=PHOTOSHOP_OUTPUTS,
)
def script_output_pattern_destination(payload):
    for pointer, out in payload.outputs():
        destination = out.get("destination")
        if "scriptOutputPattern" in out and isinstance(destination, dict) \
                and not {"embedded", "validityPeriod"} & destination.keys():
            yield f"{pointer}/scriptOutputPattern", ("`scriptOutputPattern` works only with hosted "
                                                     "(`validityPeriod`) or `embedded` destinations")


@rule(
    "PS614", "script-output-pattern-without-uxp",
    summary="`scriptOutputPattern` without a UXP script",
    rationale="The pattern selects files a UXP script wrote; with no `options.uxp` there are "
    "none, and the output gets nothing.",
    source="execute-actions-v1-reference.md §8 (Output fields: UXP only); "
    "actions-migration.md (UXP output configuration)",
    valid=[actions_body({"uxp": inline_uxp()}, [hosted_output(scriptOutputPattern="result.json")])],
    invalid=[Example(actions_body({"actions": [source(ACTION_URL)]}, [hosted_output(scriptOutputPattern="*.json")]),
                     pointer="/outputs/0/scriptOutputPattern"),
             Example(composite_body([hosted_output(scriptOutputPattern="*.json")]),
                     pointer="/outputs/0/scriptOutputPattern")],
    endpoints=PHOTOSHOP_OUTPUTS,
)
def script_output_pattern_without_uxp(payload):
    if payload.endpoint == EXECUTE_ACTIONS and payload.has_uxp:
        return
    for pointer, out in payload.outputs():
        if "scriptOutputPattern" in out:
            yield f"{pointer}/scriptOutputPattern", "`scriptOutputPattern` needs a UXP script in `options.uxp`"


@rule(
    "PS615", "insecure-destination-url",
    summary="an output destination URL that is not HTTPS",
    rationale="v2 uploads results only to pre-signed HTTPS URLs; `http://` and other schemes are "
    "refused (and would expose the signature in transit).",
    source="photoshop-v2-openapi.json UrlDestination.url (\"Must be HTTPS\"); "
    "llm-migration-reference.md (External storage)",
    valid=[actions_body()],
    invalid=[Example(actions_body(outputs=[output(url="http://bucket.example/out.png")]),
                     pointer="/outputs/0/destination/url")],
    endpoints=OUTPUT_ARRAYS,
)
def insecure_destination_url(payload):
    for pointer, url in payload.walk("/outputs/*/destination/url"):
        scheme = url.split("://", 1)[0] if isinstance(url, str) and "://" in url else "https"
        if scheme.lower() != "https":  # not urlsplit: it raises on a malformed host (`http://[`)
            yield pointer, f"destination URL uses `{scheme}:`; v2 accepts only `https:` URLs"

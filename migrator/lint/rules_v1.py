"""PS4xx: v1 leftovers — a whole v1 body, or v1 fields, placeholders and URLs inside a v2 body."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from migrator.diagnostics import Severity
from migrator.lint.bodies import ACTION_URL, actions_body, composite_body, inline_action, output, source
from migrator.lint.catalog import Example, rule
from migrator.lint.payload import EXECUTE_ACTIONS, OUTPUT_ARRAYS, is_v1_body, recognised_v1_endpoint

V1_ACTIONS = {
    "inputs": [{"href": "https://bucket.example/in.psd", "storage": "external"}],
    "options": {"actions": [{"href": ACTION_URL, "storage": "external"}]},
    "outputs": [{"href": "https://bucket.example/out.png", "storage": "external", "type": "image/png"}],
}


@rule(
    "PS401", "v1-body",
    summary="the whole body is a v1 request; run `psmigrate convert`",
    rationale="v2 takes one `image` object instead of the `inputs` array and names files in "
    "`source`/`destination` objects instead of `href` + `storage`, so a v1 body is rejected "
    "outright. `--fix` converts it with the same rules as `psmigrate convert`.",
    source="index.md (What are the breaking changes?); execute-actions-v1-reference.md §2 (Request envelope)",
    valid=[actions_body()],
    invalid=[Example(V1_ACTIONS, pointer="/inputs", fixed=actions_body())],
    fix="convert",
    v1_body=True,
)
def v1_body(payload):
    body = payload.body
    if is_v1_body(body):
        endpoint = recognised_v1_endpoint(body)
        named = f" (v1 `{endpoint}`)" if endpoint else ""
        where = next((f"/{k}" for k in ("inputs", "input", "outputs") if k in body), "")
        yield where, f"this is a v1 request body{named}; v2 rejects it — run `psmigrate convert` or `--fix`"


@rule(
    "PS402", "v1-file-reference",
    summary="`href`/`storage` inside a v2 body",
    rationale="v2 names an input file in a `source` object (`url`, `creativeCloudPath`, "
    "`creativeCloudFileId`) and an output in a `destination` object; `storage` is implied by "
    "the location (`storageType` only for Azure and Dropbox). No v2 schema has `href` or "
    "`storage`.",
    source="execute-actions-v1-reference.md §2, §3, §6 and §8",
    valid=[actions_body()],
    invalid=[
        Example(actions_body({"actions": [{"href": ACTION_URL, "storage": "external"}]}),
                pointer="/options/actions/0/href", fixed=actions_body()),
        Example(actions_body(outputs=[{"href": "https://bucket.example/out.png", "mediaType": "image/png"}]),
                pointer="/outputs/0/href", fixed=actions_body()),
        Example(composite_body([{"storage": "azure", "destination": {"url": "https://a.blob.core.windows.net/c/o.png"},
                                 "mediaType": "image/png"}]), pointer="/outputs/0/storage"),
    ],
    fix_with=("PS102", "PS111", "PS115", "PS117", "PS118", "PS119"),
)
def v1_file_reference(payload):
    seen = set()
    for pointer, obj, key in sorted(payload.keys_named("href", "storage")):
        parent = pointer.rsplit("/", 1)[0]
        if parent in seen:
            continue
        seen.add(parent)
        key = "href" if "href" in obj else key
        yield f"{parent}/{key}", (
            "`href`/`storage` is the v1 way to name a file; v2 uses `source` (`url`, `creativeCloudPath` "
            "or `creativeCloudFileId`) for inputs and `destination` for outputs")


@rule(
    "PS403", "v1-output-type",
    summary="output `type` instead of `mediaType`",
    rationale="v2 renamed the output format field to `mediaType` and made it required; `type` is "
    "rejected.",
    source="execute-actions-v1-reference.md §8 (Output fields); output-types-migration.md (Using V1 field names)",
    valid=[actions_body()],
    invalid=[Example(actions_body(outputs=[{"destination": {"url": "https://bucket.example/out.png"},
                                            "type": "image/png"}]), pointer="/outputs/0/type", fixed=actions_body()),
             Example(actions_body(outputs=[output(type="image/png")]), pointer="/outputs/0/type",
                     fixed=actions_body())],
    endpoints=OUTPUT_ARRAYS,
    fix_with=("PS103", "PS104"),
    fix="redundant_type",
)
def v1_output_type(payload):
    for pointer, out in payload.outputs():
        if "type" in out:
            yield f"{pointer}/type", "`type` is the v1 name; v2 calls the output format `mediaType`"


@rule(
    "PS404", "v1-overwrite",
    summary="output `overwrite` instead of `shouldOverwrite`",
    rationale="v2 renamed the flag to `shouldOverwrite`; the meaning is unchanged.",
    source="execute-actions-v1-reference.md §8 (Output fields)",
    valid=[actions_body(outputs=[output(shouldOverwrite=True)])],
    invalid=[Example(actions_body(outputs=[output(overwrite=True)]), pointer="/outputs/0/overwrite",
                     fixed=actions_body(outputs=[output(shouldOverwrite=True)]))],
    endpoints=OUTPUT_ARRAYS,
    fix_with=("PS107",),
)
def v1_overwrite(payload):
    for pointer, out in payload.outputs():
        if "overwrite" in out:
            yield f"{pointer}/overwrite", "`overwrite` is the v1 name; v2 calls it `shouldOverwrite`"


@rule(
    "PS405", "v1-action-json",
    summary="`options.actionJSON` instead of an inline action",
    rationale="v2 takes ActionJSON as JSON text in `options.actions[].source.content` with "
    "`contentType: application/json`; the v1 `actionJSON` array is rejected.",
    source="execute-actions-v1-reference.md §4 (ActionJSON)",
    valid=[actions_body({"actions": [inline_action()]})],
    invalid=[Example(actions_body({"actionJSON": [{"_obj": "flattenImage"}]}), pointer="/options/actionJSON",
                     fixed=actions_body({"actions": [inline_action()]}))],
    endpoints={EXECUTE_ACTIONS},
    fix_with=("PS112", "PS113"),
)
def v1_action_json(payload):
    for pointer, _ in payload.walk("/options/actionJSON"):
        yield pointer, ("`actionJSON` is v1; v2 wants the steps as JSON text in "
                        "`options.actions[].source.content` with `contentType: application/json`")


@rule(
    "PS406", "v1-additional-images",
    summary="`options.additionalImages` instead of `additionalContents`",
    rationale="v2 renamed the list to `additionalContents` (items are `{source: {...}}`); the "
    "placeholder index still counts from 0 in array order.",
    source="execute-actions-v1-reference.md §5 (Additional images / contents)",
    valid=[actions_body({"additionalContents": [source()], "actions": [source(ACTION_URL)]})],
    invalid=[Example(actions_body({"additionalImages": [source()], "actions": [source(ACTION_URL)]}),
                     pointer="/options/additionalImages",
                     fixed=actions_body({"additionalContents": [source()], "actions": [source(ACTION_URL)]}))],
    endpoints={EXECUTE_ACTIONS},
    fix_with=("PS114", "PS115"),
)
def v1_additional_images(payload):
    for pointer, _ in payload.walk("/options/additionalImages"):
        yield pointer, "`additionalImages` is the v1 name; v2 calls the list `additionalContents`"


@rule(
    "PS407", "v1-fonts",
    summary="`options.fonts` instead of `fontOptions.additionalFonts`",
    rationale="v2 groups custom fonts with the missing-font strategy under "
    "`options.fontOptions.additionalFonts`.",
    source="execute-actions-v1-reference.md §6 (Additional resources)",
    valid=[actions_body({"actions": [source(ACTION_URL)], "fontOptions": {"additionalFonts": [source()]}})],
    invalid=[Example(actions_body({"actions": [source(ACTION_URL)], "fonts": [source()]}),
                     pointer="/options/fonts",
                     fixed=actions_body({"actions": [source(ACTION_URL)],
                                         "fontOptions": {"additionalFonts": [source()]}}))],
    fix_with=("PS116", "PS117"),
)
def v1_fonts(payload):
    for pointer, _ in payload.walk("/options/fonts"):
        yield pointer, "`fonts` is the v1 name; v2 takes custom fonts in `fontOptions.additionalFonts`"


LEGACY_PLACEHOLDER = re.compile(r"ACTION_JSON_OPTIONS_ADDITIONAL_IMAGES_(\d+)")


@rule(
    "PS408", "v1-placeholder",
    summary="legacy placeholder `ACTION_JSON_OPTIONS_ADDITIONAL_IMAGES_N`",
    rationale="v2 still accepts the v1 placeholder for backward compatibility but documents "
    "`__ADDITIONAL_CONTENTS_PATH_N__` as the form to use; the index is unchanged.",
    source="execute-actions-v1-reference.md §5 (Additional images / contents)",
    valid=[actions_body({"additionalContents": [source()], "actions": [
        inline_action('[{"_obj":"placeEvent","null":{"_path":"__ADDITIONAL_CONTENTS_PATH_0__","_kind":"local"}}]')]})],
    invalid=[Example(
        actions_body({"additionalContents": [source()], "actions": [inline_action(
            '[{"_obj":"placeEvent","null":{"_path":"ACTION_JSON_OPTIONS_ADDITIONAL_IMAGES_0","_kind":"local"}}]')]}),
        pointer="/options/actions/0/source/content",
        fixed=actions_body({"additionalContents": [source()], "actions": [
            inline_action('[{"_obj":"placeEvent","null":{"_path":"__ADDITIONAL_CONTENTS_PATH_0__",'
                          '"_kind":"local"}}]')]}),
    )],
    severity=Severity.WARNING,
    fix="placeholders",
)
def v1_placeholder(payload):
    for pointer, text in payload.strings():
        for match in LEGACY_PLACEHOLDER.finditer(text):
            yield pointer, (f"`{match[0]}` is the v1 placeholder; write `__ADDITIONAL_CONTENTS_PATH_{match[1]}__`")


V1_HOST = re.compile(r"image(?:-[a-z0-9]+)?\.adobe\.io", re.IGNORECASE)
V1_PATHS = ("/pie/psdService/", "/lrService/", "/sensei/")


def v1_url_part(text: str) -> str | None:
    """The v1 host, or the v1 path of an Adobe (or host-less) URL, in ``text``. A customer's
    own bucket may well have a ``/sensei/`` folder, so paths count only on Adobe hosts."""
    if "://" not in text and not text.startswith("/"):
        return None
    try:
        parts = urlsplit(text.strip())
        host = (parts.hostname or "").lower()
    except ValueError:  # not a URL after all (e.g. an unclosed IPv6 bracket)
        return None
    if V1_HOST.fullmatch(host):
        return host
    if host == "" or host.endswith(".adobe.io"):
        return next((p for p in V1_PATHS if parts.path.startswith(p)), None)
    return None


@rule(
    "PS409", "v1-api-url",
    summary="a v1 API host (`image*.adobe.io`) or path (`/pie/psdService/`, `/lrService/`, `/sensei/`) in a URL",
    rationale="v2 is served from `photoshop-api*.adobe.io` under `/v2/`; v1 hosts and paths stop "
    "working when v1 is retired (a status or callback URL built from them is a v1 leftover).",
    source="index.md (What are the breaking changes?: Base URL change); llm-migration-reference.md (Base URL changes)",
    valid=[actions_body(outputs=[output(url="https://bucket.example/sensei/out.png")])],
    invalid=[Example(actions_body(outputs=[output(url="https://image.adobe.io/pie/psdService/status/1")]),
                     pointer="/outputs/0/destination/url"),
             Example(actions_body(outputs=[output(url="https://photoshop-api.adobe.io/sensei/cutout")]),
                     pointer="/outputs/0/destination/url")],
    severity=Severity.WARNING,
)
def v1_api_url(payload):
    for pointer, text in payload.strings():
        if part := v1_url_part(text):
            yield pointer, f"`{part}` belongs to the v1 API; v2 uses `photoshop-api.adobe.io/v2/...`"


REMOVED = {
    "includeMetadata": "v2 handles metadata implicitly",
    "embedICCProfiles": "use an `iccProfile` object to choose the profile",
    "costOptimization": "v2 optimises internally",
}


@rule(
    "PS410", "v1-removed-field",
    summary="a v1 field v2 removed (`includeMetadata`, `embedICCProfiles`, `costOptimization`)",
    rationale="These v1 fields have no v2 equivalent and v2 rejects them; `--fix` removes them "
    "and says so, as `psmigrate convert` does.",
    source="execute-actions-v1-reference.md §7 (Removed V1 options)",
    valid=[actions_body()],
    invalid=[
        Example(actions_body(outputs=[output(includeMetadata=True)]), pointer="/outputs/0/includeMetadata",
                fixed=actions_body()),
        Example(actions_body({"actions": [source(ACTION_URL)], "costOptimization": True}),
                pointer="/options/costOptimization", fixed=actions_body()),
    ],
    fix_with=("PS108", "PS109", "PS110"),
)
def v1_removed_field(payload):
    for pattern in ("/outputs/*/includeMetadata", "/outputs/*/embedICCProfiles", "/options/costOptimization"):
        for pointer, _ in payload.walk(pattern):
            name = pointer.rsplit("/", 1)[-1]
            yield pointer, f"`{name}` was removed in v2 ({REMOVED[name]})"

"""PS60x: inline content, placeholders and what `options` must hold (execute-actions)."""

from __future__ import annotations

import re

from migrator.diagnostics import InputError, Severity
from migrator.lint.bodies import ACTION_URL, actions_body, composite_body, inline_action, inline_uxp, source
from migrator.lint.catalog import Example, rule
from migrator.lint.payload import CREATE_COMPOSITE, EXECUTE_ACTIONS
from migrator.lint.rules_v1 import LEGACY_PLACEHOLDER
from migrator.wording import json_type
from migrator.source import SourceText

INLINE_ALLOWED = re.compile(r"^/options/(?:actions/\d+|uxp)/source$")
ACTION_CONTENT = "/options/actions/*/source/content"
GUIDE = "actions-migration.md (Inline content usage)"


def inline_sources(payload):
    """``(pointer of the source object, the object)`` for every source holding ``content``."""
    for pointer, obj, _ in payload.keys_named("content"):
        parent = pointer.rsplit("/", 1)[0]
        if parent.endswith("/source"):
            yield parent, obj


@rule(
    "PS601", "inline-content-not-allowed",
    summary="inline `content` where only a file reference is accepted",
    rationale="Only actions (ActionJSON) and UXP scripts may be sent inline; images, fonts, "
    "brushes, patterns and additional contents are binary and must be external references "
    "(URL or Creative Cloud).",
    source=f"{GUIDE}; execute-actions-v1-reference.md §6 (Additional resources)",
    valid=[actions_body({"actions": [inline_action()]}), actions_body({"uxp": inline_uxp()})],
    invalid=[
        Example(actions_body({"actions": [source(ACTION_URL)], "brushes": [{"source": {"content": "abr"}}]}),
                pointer="/options/brushes/0/source/content"),
        Example(composite_body(image={"source": {"content": "iVBORw0KGgo="}}), endpoint=CREATE_COMPOSITE,
                pointer="/image/source/content"),
    ],
)
def inline_content_not_allowed(payload):
    for pointer, _ in inline_sources(payload):
        if payload.endpoint != EXECUTE_ACTIONS or not INLINE_ALLOWED.match(pointer):
            yield f"{pointer}/content", ("inline `content` is accepted only for actions and UXP scripts; "
                                         "pass this file by `url` or Creative Cloud path")


@rule(
    "PS602", "inline-content-without-content-type",
    summary="inline `content` without `contentType`",
    rationale="The guide asks for `contentType` on inline content (`application/json` for "
    "ActionJSON, `application/javascript` for UXP) so the service knows how to read it; the spec "
    "calls it optional but recommended, so this is a warning.",
    source=f"execute-actions-v1-reference.md §4 (ActionJSON); {GUIDE}",
    valid=[actions_body({"actions": [inline_action()]})],
    invalid=[Example(actions_body({"actions": [{"source": {"content": '[{"_obj":"flattenImage"}]'}}]}),
                     pointer="/options/actions/0/source",
                     fixed=actions_body({"actions": [inline_action()]}))],
    severity=Severity.WARNING,
    endpoints={EXECUTE_ACTIONS},
    fix="content_type",
)
def inline_content_without_content_type(payload):
    for pointer, obj in inline_sources(payload):
        if INLINE_ALLOWED.match(pointer) and "contentType" not in obj:
            expected = "application/javascript" if pointer.startswith("/options/uxp") else "application/json"
            yield pointer, f"inline `content` needs `contentType: {expected}`"


@rule(
    "PS603", "action-json-content-not-text",
    summary="ActionJSON `content` given as an array or object instead of JSON text",
    rationale="v2 takes inline ActionJSON as a string holding the JSON array (what "
    "`JSON.stringify` returns), not the array itself. `--fix` stringifies it.",
    source="execute-actions-v1-reference.md §4 (ActionJSON); "
    "actions-migration.md (Supported: Actions and UXP scripts)",
    valid=[actions_body({"actions": [inline_action()]})],
    invalid=[Example(actions_body({"actions": [inline_action([{"_obj": "flattenImage"}])]}),
                     pointer="/options/actions/0/source/content",
                     fixed=actions_body({"actions": [inline_action()]}))],
    endpoints={EXECUTE_ACTIONS},
    fix="stringify",
)
def action_json_content_not_text(payload):
    for pointer, content in payload.walk(ACTION_CONTENT):
        if isinstance(content, (list, dict)):
            yield pointer, (f"ActionJSON `content` is a JSON {'array' if isinstance(content, list) else 'object'}; "
                            "v2 wants it as text (a string holding the JSON array)")


@rule(
    "PS604", "action-json-content-not-array",
    summary="ActionJSON `content` text that is not a JSON array",
    rationale="An inline action's `content` must parse as a JSON array of ActionJSON steps; "
    "malformed JSON or a single object fails only when the job runs.",
    source="execute-actions-v1-reference.md §4 (ActionJSON)",
    valid=[actions_body({"actions": [inline_action('[{"_obj":"flattenImage"}]')]})],
    invalid=[Example(actions_body({"actions": [inline_action('{"_obj":"flattenImage"}')]}),
                     pointer="/options/actions/0/source/content"),
             Example(actions_body({"actions": [inline_action('[{"_obj":"flattenImage"]')]}),
                     pointer="/options/actions/0/source/content")],
    endpoints={EXECUTE_ACTIONS},
)
def action_json_content_not_array(payload):
    for pointer, content in payload.walk(ACTION_CONTENT):
        if not isinstance(content, str):
            continue
        try:
            steps = SourceText("content", content).parse()  # as a payload file: depth, NaN, long numbers
        except InputError as exc:
            where = f"; line {exc.line}, column {exc.col} of the text" if exc.line is not None else ""
            yield pointer, f"ActionJSON `content` is not valid JSON ({exc.message.removeprefix('malformed JSON: ')}" \
                           f"{where})"
            continue
        if not isinstance(steps, list):
            yield pointer, f"ActionJSON `content` holds a JSON {json_type(steps)}; v2 wants a JSON array of steps"


PLACEHOLDER = re.compile(r"__ADDITIONAL_CONTENTS_PATH_(\d+)__")


@rule(
    "PS605", "placeholder-out-of-range",
    summary="`__ADDITIONAL_CONTENTS_PATH_N__` with no `additionalContents[N]`",
    rationale="The placeholder is replaced by the path of `options.additionalContents[N]` "
    "(0-based); an index past the end of the list has nothing to point at.",
    source="actions-migration.md (Additional contents in actions); execute-actions-v1-reference.md §5",
    valid=[actions_body({"additionalContents": [source()],
                         "uxp": inline_uxp('open("__ADDITIONAL_CONTENTS_PATH_0__")')})],
    invalid=[Example(actions_body({"additionalContents": [source()],
                                   "uxp": inline_uxp('open("__ADDITIONAL_CONTENTS_PATH_1__")')}),
                     pointer="/options/uxp/source/content")],
    endpoints={EXECUTE_ACTIONS},
)
def placeholder_out_of_range(payload):
    contents = next((v for _, v in payload.walk("/options/additionalContents")), [])
    count = len(contents) if isinstance(contents, list) else 0
    for pointer, text in payload.strings():
        for match in [*PLACEHOLDER.finditer(text), *LEGACY_PLACEHOLDER.finditer(text)]:
            if int(match[1]) >= count:
                have = (f"only {count} additional content{'s' if count != 1 else ''}" if count
                        else "no `additionalContents`")
                yield pointer, f"`{match[0]}` points at `additionalContents[{match[1]}]`, but the body has {have}"


NEAR_PLACEHOLDER = re.compile(r"_*(?:ADDITIONAL_*CONTENTS?_*PATH_*(\d+)|UXP_*OUTPUT_*PATH)_*", re.IGNORECASE)


def canonical_placeholder(match: re.Match) -> str:
    return f"__ADDITIONAL_CONTENTS_PATH_{match[1]}__" if match[1] is not None else "__UXP_OUTPUT_PATH__"


def misspelt_placeholders(text: str):
    for match in NEAR_PLACEHOLDER.finditer(text):
        if match[0].count("_") >= 2 and match[0] != canonical_placeholder(match):
            yield match


@rule(
    "PS606", "misspelt-placeholder",
    summary="a misspelt placeholder (wrong case, missing or extra underscores)",
    rationale="The worker replaces only the exact forms `__ADDITIONAL_CONTENTS_PATH_N__` and "
    "`__UXP_OUTPUT_PATH__`; anything else reaches Photoshop as a literal path.",
    source="actions-migration.md (Additional contents in actions; Additional contents in UXP scripts); "
    "photoshop-v2-openapi.json ResourceInput (__UXP_OUTPUT_PATH__)",
    valid=[actions_body({"additionalContents": [source()], "uxp": inline_uxp(
        'const a = "__ADDITIONAL_CONTENTS_PATH_0__"; const out = "__UXP_OUTPUT_PATH__";')})],
    invalid=[Example(actions_body({"additionalContents": [source()],
                                   "uxp": inline_uxp('const a = "__additional_contents_path_0__";')}),
                     pointer="/options/uxp/source/content",
                     fixed=actions_body({"additionalContents": [source()],
                                         "uxp": inline_uxp('const a = "__ADDITIONAL_CONTENTS_PATH_0__";')})),
             Example(actions_body({"uxp": inline_uxp('const out = "_UXP_OUTPUT_PATH_";')}),
                     pointer="/options/uxp/source/content")],
    severity=Severity.ERROR,
    fix="misspelt_placeholders",
)
def misspelt_placeholder(payload):
    for pointer, text in payload.strings():
        for match in misspelt_placeholders(text):
            yield pointer, f"`{match[0]}` looks like a misspelt `{canonical_placeholder(match)}`"


@rule(
    "PS607", "options-without-actions-or-uxp",
    summary="`options` holds neither actions nor a UXP script",
    rationale="An execute-actions request must run something: at least one action in "
    "`options.actions` or a script in `options.uxp`. Resources alone (fonts, brushes, contents) "
    "do nothing.",
    source="photoshop-v2-openapi.json ActionsOptions (\"At least one of actions or uxp is required\")",
    valid=[actions_body(), actions_body({"uxp": inline_uxp()})],
    invalid=[Example(actions_body({"brushes": [source()]}), pointer="/options"),
             Example(actions_body({"actions": []}), pointer="/options/actions")],
    endpoints={EXECUTE_ACTIONS},
)
def options_without_actions_or_uxp(payload):
    for pointer, options in payload.objects("/options"):
        if "uxp" in options or "actionJSON" in options:  # PS405 covers a v1 actionJSON
            continue
        if options.get("actions") == []:
            yield f"{pointer}/actions", "`options.actions` is empty and there is no `options.uxp`: nothing would run"
        elif "actions" not in options:
            yield pointer, "`options` needs `actions` or `uxp`: without either nothing would run"

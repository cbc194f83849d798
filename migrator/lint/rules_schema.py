"""PS69x: what the v2 JSON Schema rejects and no specific rule explained.

These run after every other rule (highest codes): a schema error at a place a specific rule
already reported is left out, so each problem is told once, in the specific rule's words.
"""

from __future__ import annotations

from migrator.lint.bodies import actions_body, output
from migrator.lint.catalog import Example, rule
from migrator.lint.payload import EXECUTE_ACTIONS, schema_for
from migrator.tree import escape_token

SPEC = "photoshop-v2-openapi.json"


@rule(
    "PS698", "unknown-endpoint",
    summary="a body whose v2 endpoint cannot be told from its shape",
    rationale="Each v2 endpoint has its own request schema; a body that is not a JSON object, or "
    "whose keys fit none of them, cannot be checked. Pass `--endpoint NAME` to say which it is.",
    source=f"{SPEC} (request bodies of /v2/*); index.md (Service migration reference)",
    valid=[actions_body()],
    invalid=[Example({"imagen": {"source": {"url": "https://bucket.example/in.psd"}}}, pointer=""),
             Example([actions_body()], pointer="")],
)
def unknown_endpoint(payload):
    if payload.endpoint is None:
        if not isinstance(payload.body, dict):
            yield "", f"a request body is a JSON object, not a JSON {_json_type(payload.body)}"
        else:
            yield "", ("cannot tell which v2 endpoint this body is for (no key fits any v2 request); "
                       "pass --endpoint NAME")


@rule(
    "PS699", "schema-violation",
    summary="the body breaks the v2 JSON Schema of its endpoint",
    rationale="Adobe rejects a request that does not match the endpoint's schema, with error text "
    "Adobe itself calls a work in progress. Each error is told here in one sentence with the "
    "pointer to the offending value; errors a specific rule already reported are left out.",
    source=f"{SPEC} (components/schemas, as generated into schemas/ by tools/gen_schemas.py)",
    valid=[actions_body()],
    invalid=[Example(actions_body(outputs=[output(cropMode="tight")]), pointer="/outputs/0/cropMode"),
             Example({"image": {"source": {"url": "https://bucket.example/in.psd"}}, "options": {"actions": []}},
                     endpoint=EXECUTE_ACTIONS, pointer="")],
)
def schema_violation(payload):
    if payload.endpoint is None:
        return
    from migrator import schemas

    reported = {p for _, p in payload.findings}
    seen = set()
    body = _within_counts(payload.body, [p for code, p in payload.findings if code in COUNT_LIMITS])
    for error in schemas.iter_errors(schema_for(payload.endpoint), body):
        pointer, sentence = schemas.explain(error)
        if (pointer, sentence) not in seen and not _covered(error, pointer, reported):
            seen.add((pointer, sentence))
            yield pointer, sentence


COUNT_LIMITS = {"PS501", "PS502", "PS503", "PS504", "PS505", "PS506", "PS508"}
KEPT_ITEMS = 100  # at least every count limit: what v2 could accept is still checked item by item


def _within_counts(body, pointers: list[str]):
    """``body`` with each array a count limit already flagged cut to its first KEPT_ITEMS items
    (copies along the way; the body itself is untouched): the count finding says the array must
    be split, and validating 200,000 outputs one by one would take minutes to say little more."""
    from migrator.tree import split_path

    for pointer in pointers:
        tokens = split_path(pointer)
        body = node = dict(body) if isinstance(body, dict) else body
        for token in tokens[:-1]:
            key = int(token) if isinstance(node, list) else token
            child = node[key]
            node[key] = child = dict(child) if isinstance(child, dict) else list(child)
            node = child
        if tokens:
            key = int(tokens[-1]) if isinstance(node, list) else tokens[-1]
            if isinstance(node[key], list) and len(node[key]) > KEPT_ITEMS:
                node[key] = node[key][:KEPT_ITEMS]
    return body


def _covered(error, pointer: str, reported: set[str]) -> bool:
    """Whether a finding of another rule already explains this schema error."""
    from jsonschema.exceptions import best_match

    outer = "".join(f"/{escape_token(token)}" for token in error.absolute_path)
    inner = best_match(error.context) if error.validator in ("oneOf", "anyOf") and error.context else error
    for found in reported:
        parent = found.rsplit("/", 1)[0] if found else None
        if found == pointer:
            return True
        if parent == pointer and inner.validator == "required":
            return True
        if outer and error.validator in ("oneOf", "anyOf") and found.startswith(outer + "/"):
            return True
    if inner.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(inner.instance, dict):
        extra = set(inner.instance) - set(inner.schema.get("properties", {}))
        return bool(extra) and all(f"{pointer}/{escape_token(key)}" in reported for key in extra)
    return False


def _json_type(value) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")

"""Validate v2 bodies against the JSON Schemas shipped in ``schemas/``.

The hot path (is this body valid?) runs on ``jsonschema-rs``, a compiled validator, built once
per schema and process. ``jsonschema`` is loaded only when a body fails, to word the failure:
raw ``oneOf`` messages are unreadable ("… is not valid under any of the given schemas"), so
:func:`explain` turns each error into one sentence naming the offending value and what v2
expects there, descending into the branch that came closest.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from migrator.resources import data_dir
from migrator.tree import join_pointer
from migrator.wording import json_type, json_types, show


@cache
def schema(schema_name: str) -> dict:
    path = data_dir("schemas") / f"{schema_name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _compiled(schema_name: str):
    import jsonschema_rs

    # Formats are annotations in 2020-12 (as for the jsonschema validator below): the schemas'
    # OpenAPI formats (int32, double) constrain nothing beyond their `type`.
    return jsonschema_rs.Draft202012Validator(schema(schema_name), validate_formats=False)


@cache
def _wording_validator(schema_name: str):
    import jsonschema_rs
    from jsonschema import Draft202012Validator  # imported only to word a failure

    # With every $ref inlined jsonschema finds the same errors in half the time (it resolves a
    # $ref at each visit); a schema that refers to itself (layers in layers) keeps its $refs.
    inlined = jsonschema_rs.dereference(schema(schema_name))
    return Draft202012Validator(schema(schema_name) if "$ref" in json.dumps(inlined) else inlined)


def is_valid(schema_name: str, body: Any) -> bool:
    verdict = compiled_verdict(schema_name, body)
    # None: a leaf that is not JSON (a codemod expression): the pure-Python validator judges
    return _wording_validator(schema_name).is_valid(body) if verdict is None else verdict


def compiled_verdict(schema_name: str, body: Any) -> bool | None:
    """The compiled validator's verdict, or None where it met a leaf that is not JSON. It reads
    the body as far as it validates it: True means every value it had to judge was JSON."""
    try:
        return _compiled(schema_name).is_valid(body)
    except ValueError:
        return None


def iter_errors(schema_name: str, body: Any):
    """jsonschema's errors for ``body`` (none, without loading jsonschema, when it is valid)."""
    if is_valid(schema_name, body):
        return iter(())
    return _wording_validator(schema_name).iter_errors(body)


def errors(schema_name: str, body: Any) -> list[tuple[str, str]]:
    """``(json_pointer, sentence)`` for each problem, best first; empty when valid."""
    found = sorted(iter_errors(schema_name, body), key=lambda e: (list(e.absolute_path), e.message))
    return [explain(e) for e in found]


def _pointer(path) -> str:
    from migrator.tree import join_pointer

    pointer = ""
    for token in path:
        pointer = join_pointer(pointer, token)
    return pointer


def explain(error) -> tuple[str, str]:
    from jsonschema.exceptions import best_match

    while error.validator in ("oneOf", "anyOf") and error.context:
        error = best_match(_closest_branch(error))
    pointer = _pointer(error.absolute_path)
    where = f"`{pointer}`" if pointer else "the body"
    value = error.instance
    kind = error.validator
    if kind in ("additionalProperties", "unevaluatedProperties"):
        extra = sorted(set(value) - set(error.schema.get("properties", {}))) if isinstance(value, dict) else []
        names = ", ".join(f"`{k}`" for k in extra) or "a field"
        allowed = ", ".join(f"`{k}`" for k in error.schema.get("properties", {})) or "no fields"
        if len(extra) == 1:  # point at the offending key itself, not its object
            pointer = join_pointer(pointer, extra[0])
        return pointer, f"{where} has {names}, which v2 does not accept here (allowed: {allowed})"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return pointer, f"{where} is missing the required field `{missing}`"
    if kind == "enum":
        options = ", ".join(json.dumps(v) for v in error.validator_value)
        return pointer, f"{where} is {show(value)}; v2 expects one of {options}"
    if kind == "const":
        return pointer, f"{where} is {show(value)}; v2 expects {show(error.validator_value)}"
    if kind == "type":
        return pointer, f"{where} is {json_type(value)} {show(value)}; v2 expects {json_types(error.validator_value)}"
    if kind in ("maxItems", "minItems"):
        bound = "at most" if kind == "maxItems" else "at least"
        return pointer, f"{where} has {len(value)} items; v2 allows {bound} {error.validator_value}"
    if kind in ("maxLength", "minLength"):
        bound = "at most" if kind == "maxLength" else "at least"
        return pointer, f"{where} is {len(value)} characters long; v2 allows {bound} {error.validator_value}"
    if kind in ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum"):
        return pointer, f"{where} is {show(value)}; v2 requires {kind} {show(error.validator_value)}"
    if kind == "pattern":
        return pointer, f"{where} is {show(value)}; v2 expects text matching {error.validator_value}"
    return pointer, f"{where}: {error.message}"


# Errors on the value itself that say a oneOf branch is the wrong shape for it, not a wrong detail.
_MISFIT = {"required", "additionalProperties", "unevaluatedProperties", "type", "const", "enum", "not"}


def _closest_branch(error) -> list:
    """The errors of the oneOf/anyOf branch the value came closest to: fewest shape misfits on the
    value itself, then fewest errors. jsonschema's own ``best_match`` prefers the shallowest
    error, which names the last branch's missing field (`creativeCloudFileId` for an inline
    `content` that is merely too long or of the wrong type)."""
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    return min(branches.values(), key=lambda errs: (sum(1 for e in errs if not e.relative_path and e.validator
                                                        in _MISFIT), len(errs)))


def _short(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."

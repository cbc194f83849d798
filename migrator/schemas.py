"""Validate v2 bodies against the JSON Schemas shipped in ``schemas/``.

Raw jsonschema messages for ``oneOf`` failures are unreadable ("… is not valid under any of the
given schemas"); :func:`explain` turns each error into one sentence naming the offending value
and what v2 expects there, descending into the branch that came closest.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from migrator.resources import data_dir
from migrator.tree import join_pointer


@cache
def _validator(schema_name: str):
    from jsonschema import Draft202012Validator  # imported only when validating

    path = data_dir("schemas") / f"{schema_name}.json"
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


@cache
def schema(schema_name: str) -> dict:
    return _validator(schema_name).schema


def errors(schema_name: str, body: Any) -> list[tuple[str, str]]:
    """``(json_pointer, sentence)`` for each problem, best first; empty when valid."""
    found = sorted(_validator(schema_name).iter_errors(body), key=lambda e: (list(e.absolute_path), e.message))
    return [explain(e) for e in found]


def is_valid(schema_name: str, body: Any) -> bool:
    return _validator(schema_name).is_valid(body)


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
        return pointer, f"{where} is {json.dumps(value)}; v2 expects one of {options}"
    if kind == "const":
        return pointer, f"{where} is {json.dumps(value)}; v2 expects {json.dumps(error.validator_value)}"
    if kind == "type":
        return pointer, f"{where} is {type(value).__name__} {_short(value)}; v2 expects {error.validator_value}"
    if kind in ("maxItems", "minItems"):
        bound = "at most" if kind == "maxItems" else "at least"
        return pointer, f"{where} has {len(value)} items; v2 allows {bound} {error.validator_value}"
    if kind in ("maxLength", "minLength"):
        bound = "at most" if kind == "maxLength" else "at least"
        return pointer, f"{where} is {len(value)} characters long; v2 allows {bound} {error.validator_value}"
    if kind in ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum"):
        return pointer, f"{where} is {value}; v2 requires {kind} {error.validator_value}"
    if kind == "pattern":
        return pointer, f"{where} is {json.dumps(value)}; v2 expects text matching {error.validator_value}"
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

"""Merge a sequence of v1 Lightroom calls on one image into a single ``/v2/edit`` body.

v1 needed one call per operation (autoTone, then autoStraighten, then edit); v2 takes them all
in one ``edits`` object (edit-operations.md "Combining multiple operations",
llm-migration-reference.md "Example 2: Complex edit"). Each body is converted on its own, then:

* every body must read the same image, or the merge is refused (PS324);
* their ``edits`` are combined in order: objects merge key by key, preset lists are chained,
  and the same setting with two different values is refused (PS325);
* the outputs are the last call's, the final result; earlier calls' outputs that differ are
  reported (PS326), since in a chain they only carried the image to the next call.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from migrator import rulebook, schemas
from migrator.convert import Conversion, convert
from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.engine import Options
from migrator.tree import iter_matches, join_pointer, reorder
from migrator.wording import show

FAMILY = "edit"
NOT_LIGHTROOM, INPUTS_DIFFER, EDITS_CONFLICT, OUTPUTS_REPLACED = "PS323", "PS324", "PS325", "PS326"
CHAINED_LISTS = {"presets"}  # applied one after another in v1, so both calls' lists are kept


@dataclass
class Step:
    """One v1 call of the sequence: a label for messages (its file name), the body and, when
    the body alone cannot tell, its endpoint."""

    label: str
    body: Any
    endpoint: str | None = None


@dataclass
class Merged:
    body: dict
    conversions: list[Conversion]
    diagnostics: list[tuple[int, Diagnostic]] = field(default_factory=list)  # (step index, diagnostic)


class StepError(MigrationError):
    """A MigrationError that also says which step of the sequence it is about."""

    def __init__(self, index: int, error: MigrationError):
        super().__init__(error.code, error.message, error.pointer, error.candidates)
        self.index = index


def split_endpoint_prefix(argument: str) -> tuple[str | None, str]:
    """``autoTone=tone.json`` → ``("autoTone", "tone.json")``: names the endpoint of a body that
    fits several (autoTone and autoStraighten bodies look alike). An existing file wins."""
    name, sep, path = argument.partition("=")
    if not sep or os.path.exists(argument):
        return None, argument
    try:
        rulebook.find_endpoint(name)
    except KeyError:
        return None, argument
    return name, path


def merge(steps: list[Step], options: Options | None = None, validate: bool = True) -> Merged:
    if not steps:
        raise MigrationError(NOT_LIGHTROOM, "--merge needs at least one body")
    conversions = []
    for index, step in enumerate(steps):
        try:
            conversion = convert(step.body, step.endpoint, options, validate=False)
        except MigrationError as exc:
            raise StepError(index, exc) from None
        if conversion.family.family != FAMILY:
            raise StepError(index, MigrationError(NOT_LIGHTROOM, f"--merge combines Lightroom bodies (/v2/edit) only; "
                                                  f"this is a {conversion.family.v2} body"))
        conversions.append(conversion)
    first = conversions[0].body
    merged: dict = {"image": first.get("image"), "edits": {}, "outputs": conversions[-1].body.get("outputs")}
    result = Merged(merged, conversions)
    for index, conversion in enumerate(conversions):
        body = conversion.body
        result.diagnostics += [(index, d) for d in conversion.diagnostics]
        if body.get("image") != first.get("image"):
            raise StepError(index, MigrationError(
                INPUTS_DIFFER, f"this call reads {_show(body.get('image'))} but {steps[0].label} reads "
                f"{_show(first.get('image'))}; --merge combines calls on the same image only", "/inputs"))
        try:
            _merge_into(merged["edits"], body.get("edits", {}), "/edits")
        except MigrationError as exc:
            raise StepError(index, exc) from None
        if index < len(conversions) - 1 and body.get("outputs") != merged["outputs"]:
            result.diagnostics.append((index, Diagnostic(
                OUTPUTS_REPLACED, f"this call's outputs are dropped: the merged call writes only the last call's "
                f"outputs ({steps[-1].label}), the final result", Severity.WARNING, "/outputs")))
    if not merged["edits"]:
        del merged["edits"]
    _order(merged)
    if validate:
        problems = schemas.errors(conversions[0].family.schema_, merged)
        if problems:
            pointer, sentence = problems[0]
            raise MigrationError("PS009", f"the merged body is not valid v2: {sentence}", pointer)
    return result


def _merge_into(target: dict, addition: Any, pointer: str) -> None:
    if not isinstance(addition, dict):
        raise MigrationError(EDITS_CONFLICT, f"`{pointer}` is not an object; cannot merge it", pointer)
    for key, value in addition.items():
        where = join_pointer(pointer, key)
        if key not in target:
            target[key] = value
        elif target[key] == value:
            continue
        elif isinstance(target[key], dict) and isinstance(value, dict):
            _merge_into(target[key], value, where)
        elif key in CHAINED_LISTS and isinstance(target[key], list) and isinstance(value, list):
            target[key] = target[key] + value
        else:
            raise MigrationError(EDITS_CONFLICT, f"`{where}` is {_show(value)} here but {_show(target[key])} in an "
                                 "earlier call; one v2 call takes one value: keep one", where)


def _order(body: dict) -> None:
    family = next(f for f in rulebook.families() if f.family == FAMILY)
    for pattern, order in family.key_order.items():
        for _, _, node in iter_matches(body, pattern):
            if isinstance(node, dict):
                reorder(node, list(order))


def _show(value: Any) -> str:
    return show(value, 80)

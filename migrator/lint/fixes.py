"""The safe fixes behind ``psmigrate lint --fix``.

Three kinds, all reusing the conversion machinery where it exists:

* ``convert``: a whole v1 body goes through :func:`migrator.convert.convert`, exactly as
  ``psmigrate convert`` would;
* ``fix_with``: named conversion rules from ``rules/*.yaml`` run through the engine on a v2 body
  (they are no-ops on what is already v2), e.g. PS103 renames a leftover output ``type``;
* a few payload-level fixers below for what lives only in v2 bodies (placeholders inside
  inline content, stringified ActionJSON, a missing ``contentType``).

Fixes change the body in place. A conversion rule that cannot apply raises
:class:`MigrationError`; its reason is kept and shown beside the finding that stays.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from migrator.diagnostics import Diagnostic, MigrationError
from migrator.lint.catalog import LintRule
from migrator.lint.payload import Payload


@dataclass(eq=False)
class FixResult:
    body: Any
    applied: list[str] = field(default_factory=list)  # lint codes whose fix ran
    failed: dict[str, str] = field(default_factory=dict)  # lint code → why it could not be fixed
    notes: list[Diagnostic] = field(default_factory=list)  # what the conversion rules reported
    found: list[str] = field(default_factory=list)  # codes of the fixable findings before any fix


def apply(body: Any, rules: list[LintRule], v1_endpoint: str | None = None) -> FixResult:
    """Apply the fixes of ``rules`` (each at most once) and return the new body. ``v1_endpoint``
    tells ``convert`` which v1 endpoint a v1 body is for, when its shape fits several."""
    result = FixResult(body)
    for rule in rules:
        if rule.fix == "convert":
            _convert(result, rule, v1_endpoint)
    for rule in rules:
        if rule.fix and rule.fix != "convert":
            payload = Payload(result.body, None)
            FIXERS[rule.fix](payload)
            result.body = payload.body
            if rule.code not in result.applied:
                result.applied.append(rule.code)
    engine_codes = {code: rule.code for rule in rules for code in rule.fix_with}
    if engine_codes and isinstance(result.body, dict):
        _run_conversion_rules(result, engine_codes)
    return result


def _convert(result: FixResult, rule: LintRule, v1_endpoint: str | None) -> None:
    from migrator.convert import convert

    try:
        conversion = convert(result.body, v1_endpoint)
    except MigrationError as exc:
        hint = " (or name it per file in [tool.psmigrate] per-file-endpoint)" if exc.code == "PS006" else ""
        result.failed[rule.code] = f"{exc.code} {exc.message}{hint}"
        return
    except Exception as exc:  # a bug in a conversion rule must not end a run over many files
        result.failed[rule.code] = _internal(exc)
        return
    result.body = conversion.body
    result.applied.append(rule.code)
    result.notes.extend(conversion.diagnostics)


def _run_conversion_rules(result: FixResult, wanted: dict[str, str]) -> None:
    """Run the conversion rules named in ``wanted`` (conversion code → lint code) in rule-file
    order, each on its own, so one that cannot apply does not stop the others."""
    from migrator import rulebook
    from migrator.engine import Context, applies, apply_rule
    from migrator.tree import iter_matches, reorder

    root = {"": result.body}
    ordered: dict[str, Any] = {}
    for family in rulebook.families():
        for conversion_rule in family.rules:
            lint_code = wanted.get(conversion_rule.code)
            if lint_code is None:
                continue
            endpoint = next((e for e in family.endpoints if applies(conversion_rule, e)), None)
            if endpoint is None:
                continue
            ctx = Context(family, endpoint)
            ctx.remember_origins(root[""])
            try:
                apply_rule(conversion_rule, root, ctx)
            except MigrationError as exc:
                result.failed.setdefault(lint_code, f"{exc.code} {exc.message}")
                continue
            except Exception as exc:  # as in _convert: report the bug, go on with the next rule
                result.failed.setdefault(lint_code, _internal(exc, conversion_rule.code))
                continue
            result.notes.extend(ctx.diagnostics)
            if lint_code not in result.applied:
                result.applied.append(lint_code)
            ordered.setdefault(family.family, family)
    result.body = root[""]
    for family in ordered.values():  # moved keys land last; put them where convert would
        for pattern, order in family.key_order.items():
            for _, _, node in iter_matches(result.body, pattern):
                if isinstance(node, dict):
                    reorder(node, list(order))


def _internal(exc: Exception, code: str | None = None) -> str:
    where = f"conversion rule {code}" if code else "the conversion"
    return f"internal error in {where} ({type(exc).__name__}: {exc}); please report it"


def _rewrite_strings(payload: Payload, rewrite: Callable[[str], str]) -> None:
    def walk(node: Any) -> Any:
        if isinstance(node, str):
            return rewrite(node)
        if isinstance(node, dict):
            for key, value in node.items():
                node[key] = walk(value)
        elif isinstance(node, list):
            node[:] = [walk(v) for v in node]
        return node

    payload.body = walk(payload.body)


def legacy_placeholders(payload: Payload) -> None:
    """rewrites `ACTION_JSON_OPTIONS_ADDITIONAL_IMAGES_N` as `__ADDITIONAL_CONTENTS_PATH_N__`"""
    from migrator.lint.rules_v1 import LEGACY_PLACEHOLDER

    _rewrite_strings(payload, lambda s: LEGACY_PLACEHOLDER.sub(r"__ADDITIONAL_CONTENTS_PATH_\1__", s))


def misspelt_placeholders(payload: Payload) -> None:
    """rewrites a misspelt placeholder in its exact form (same index)"""
    from migrator.lint.rules_inline import NEAR_PLACEHOLDER, canonical_placeholder

    def fix(text: str) -> str:
        return NEAR_PLACEHOLDER.sub(lambda m: canonical_placeholder(m) if m[0].count("_") >= 2 else m[0], text)

    _rewrite_strings(payload, fix)


def content_type(payload: Payload) -> None:
    """adds `contentType` (application/json for actions, application/javascript for UXP)"""
    from migrator.lint.rules_inline import INLINE_ALLOWED, inline_sources

    for pointer, source in list(inline_sources(payload)):
        if INLINE_ALLOWED.match(pointer) and "contentType" not in source:
            source["contentType"] = "application/javascript" if pointer.startswith("/options/uxp") \
                else "application/json"


def stringify(payload: Payload) -> None:
    """turns an ActionJSON array or object into compact JSON text"""
    for _, action in payload.objects("/options/actions/*"):
        source = action.get("source")
        if isinstance(source, dict) and isinstance(source.get("content"), (list, dict)):
            source["content"] = json.dumps(source["content"], separators=(",", ":"), ensure_ascii=False)


def redundant_type(payload: Payload) -> None:
    """removes `type` where it equals `mediaType` (PS103 stops on two values, as it cannot tell
    which to keep; two equal ones lose nothing)"""
    for _, out in payload.outputs():
        if "type" in out and out.get("mediaType") == out["type"]:
            del out["type"]


FIXERS: dict[str, Callable[[Payload], None]] = {
    "placeholders": legacy_placeholders,
    "misspelt_placeholders": misspelt_placeholders,
    "content_type": content_type,
    "stringify": stringify,
    "redundant_type": redundant_type,
}

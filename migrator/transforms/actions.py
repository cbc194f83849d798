"""Transforms for the execute-actions family (execute-actions-v1-reference.md §3–5)."""

from __future__ import annotations

import json
from typing import Any

from migrator.transforms import UNCHANGED, transform
from migrator.tree import JsonText, Opaque, contains_opaque


def action_json_text(value: Any) -> Any:
    """ActionJSON as v2 wants it: compact JSON text (``JSON.stringify`` style)."""
    if isinstance(value, (str, JsonText)):
        return value
    if contains_opaque(value):
        return JsonText(value)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


@transform
def action_json_to_action(node: Any, ctx, rule) -> Any:
    """``options.actionJSON: [...]`` → one inline action at the end of ``options.actions``."""
    if not isinstance(node, dict) or "actionJSON" not in node:
        return UNCHANGED
    steps = node["actionJSON"]
    if not isinstance(steps, (list, Opaque, JsonText, str)):
        raise ctx.fail(rule.code, "`actionJSON` must be an array of ActionJSON steps", node, "actionJSON")
    action = {"source": {"content": action_json_text(steps), "contentType": "application/json"}}
    actions = node.get("actions", [])
    if not isinstance(actions, list):
        raise ctx.fail(rule.code, "`actions` must be a literal array to add the ActionJSON step to", node, "actions")
    items = []
    for key, value in node.items():
        if key == "actionJSON":
            if "actions" not in node:
                items.append(("actions", [action]))
        elif key == "actions":
            items.append((key, [*actions, action]))
        else:
            items.append((key, value))
    node.clear()
    node.update(items)
    return UNCHANGED

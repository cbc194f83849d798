"""Text layer transforms for the create-composite family.

Sources: create-composite-v1-reference.md §7g (character/paragraph style mapping, text frame);
layer-operations-text.md §2–3 (style ranges) and "Font color structure" (field renames and the
v2 maxima).
"""

from __future__ import annotations

from typing import Any

from migrator.diagnostics import Severity
from migrator.transforms import UNCHANGED, transform
from migrator.tree import Opaque

ALIGNMENTS = {"justifyLeft": "justify_left", "justifyCenter": "justify_center", "justifyRight": "justify_right"}
# v1 component → (v2 component, v2 maximum); layer-operations-text.md "Font color structure".
COLOR_MODELS = {
    "rgb": {"red": ("red", 32768), "green": ("green", 32768), "blue": ("blue", 32768)},
    "cmyk": {"cyan": ("cyan", 32768), "magenta": ("magenta", 32768), "yellowColor": ("yellow", 32768),
             "black": ("black", 32768)},
    "lab": {"luminance": ("l", 32768), "a": ("a", 16384), "b": ("b", 16384)},
    "gray": {"gray": ("gray", 32768)},
}
V2_COLOR_KEYS = {"red", "green", "blue", "cyan", "magenta", "yellow", "black", "l", "a", "b", "gray"}


@transform
def text_styles(node: Any, ctx, rule) -> Any:
    """v1 ``characterStyles`` / ``paragraphStyles`` items → v2 ``{apply, characterStyle}`` /
    ``{apply, paragraphStyle}``; per-style ``orientation`` → ``text.textOrientation``."""
    if not isinstance(node, dict):
        return UNCHANGED
    orientations: list[tuple[dict, Any]] = []
    for key, style_key in (("characterStyles", "characterStyle"), ("paragraphStyles", "paragraphStyle")):
        styles = node.get(key)
        if not isinstance(styles, list):
            continue
        converted = False
        for index, item in enumerate(styles):
            if isinstance(item, dict) and style_key not in item and "apply" not in item:
                styles[index] = _style_range(item, style_key, node, ctx, rule, orientations)
                converted = True
        if converted and any("apply" in s for s in styles if isinstance(s, dict)):
            ctx.report(rule.code, f"`{key}` ranges: v2 `apply.to` is the index of the last character, so it "
                       "is v1 `to` − 1 (create-composite-v1-reference.md §7g); check the styled text",
                       node, key, Severity.INFO)
    _text_orientation(node, orientations, ctx, rule)
    return UNCHANGED


def _style_range(item: dict, style_key: str, text: dict, ctx, rule, orientations: list) -> dict:
    result: dict = {}
    if "from" in item or "to" in item:
        result["apply"] = _apply(item, text, ctx, rule)
    style: dict = {}
    for key, value in item.items():
        if key in ("from", "to"):
            continue
        if key == "orientation" and style_key == "characterStyle":
            orientations.append((item, value))
        elif key == "fontName" and style_key == "characterStyle":
            style["font"] = {"postScriptName": value}
            ctx.moved(item, key, style["font"], "postScriptName")
        elif key == "fontAvailable" and style_key == "characterStyle":
            # create-composite-v1-reference.md maps it to `font.isAvailable`; the v2 spec's Font has
            # only postScriptName, so the flag (a manifest output in v1) is dropped.
            ctx.report(rule.code, "`fontAvailable` has no place in a v2 request (the spec's `font` holds only "
                       "`postScriptName`); removed", item, key, Severity.INFO)
        elif key == "fontColor" and style_key == "characterStyle":
            style["fontColor"] = font_color(value, item, ctx, rule)
        elif key == "alignment" and style_key == "paragraphStyle":
            style[key] = ALIGNMENTS.get(value, value) if isinstance(value, str) else value
            ctx.moved(item, key, style, key)
        else:
            style[key] = value
            ctx.moved(item, key, style, key)
    if style:
        result[style_key] = style
    ctx.remember_origins(result, ctx.origin(item))
    return result


def _apply(item: dict, text: dict, ctx, rule) -> dict:
    """v1 ``from`` / ``to`` → v2 ``apply {from, to}`` with ``to`` made inclusive.

    The guides call v1 ``to`` a length, but their own examples (``from: 9, to: 15`` for the six
    letters of "Italic") read it as an exclusive end; both agree with llm-migration-reference.md
    ("subtract 1") when ``from`` is 0, which is every example but that one. Adobe's v1 schema
    text.schema.json describes ``to`` as inclusive. psmigrate follows the migration guides.
    """
    start, end = item.get("from", 0), item.get("to")
    if isinstance(start, Opaque) or isinstance(end, Opaque):
        raise ctx.fail(rule.code, "a style range computed at run time must be converted by hand: v2 "
                       "`apply.to` = v1 `to` − 1", item, "to" if isinstance(end, Opaque) else "from")
    if not isinstance(start, int) or isinstance(start, bool) or end is not None and (
            not isinstance(end, int) or isinstance(end, bool)):
        raise ctx.fail(rule.code, "style range `from` and `to` must be whole numbers", item)
    if end is None:
        content = text.get("content")
        if not isinstance(content, str):
            raise ctx.fail(rule.code, "a style range with only `from` runs to the end of the text; v2 needs "
                           "`to`, which psmigrate can only work out from literal `content`", item, "from")
        last = len(content) - 1
    else:
        last = end - 1
    if last < start:
        raise ctx.fail(rule.code, f"the style range from {start} to {end} covers no character", item, "to")
    apply = {"from": start, "to": last}
    for key in ("from", "to"):
        if key in item:
            ctx.moved(item, key, apply, key)
    return apply


def font_color(value: Any, item: dict, ctx, rule) -> Any:
    """``{rgb: {red, green, blue}}`` → ``{red, green, blue}`` with v2's field names and maxima.

    create-composite-v1-reference.md §7g and layer-operations-text.md keep the v1 nesting
    (``fontColor.rgb``); the v2 spec's CharacterStyle.fontColor is oneOf FontRgb / FontCmyk /
    FontLab / FontGray, each a flat object. We emit the spec's shape.
    """
    if isinstance(value, Opaque):
        return value
    if not isinstance(value, dict):
        raise ctx.fail(rule.code, "`fontColor` must be an object", item, "fontColor")
    if set(value) <= V2_COLOR_KEYS:
        return value
    if len(value) != 1 or next(iter(value)) not in COLOR_MODELS:
        raise ctx.fail(rule.code, "`fontColor` must hold exactly one of rgb, cmyk, lab, gray", item, "fontColor")
    (model, components), = value.items()
    if not isinstance(components, dict):
        raise ctx.fail(rule.code, f"`fontColor.{model}` must be an object", value, model)
    fields = COLOR_MODELS[model]
    flat: dict = {}
    for key, number in components.items():
        if key not in fields:
            raise ctx.fail(rule.code, f"`fontColor.{model}.{key}` is not a {model} component", components, key)
        v2_key, maximum = fields[key]
        if isinstance(number, (int, float)) and not isinstance(number, bool) and number > maximum:
            ctx.report(rule.code, f"`fontColor.{model}.{key}` {number} is above v2's maximum; capped at "
                       f"{maximum}", components, key)
            number = maximum
        flat[v2_key] = number
        ctx.moved(components, key, flat, v2_key)
    return flat


def _text_orientation(text: dict, orientations: list, ctx, rule) -> None:
    if not orientations:
        return
    item, value = orientations[0]
    computed = any(isinstance(v, Opaque) for _, v in orientations)
    if computed and len(orientations) > 1 or len({v for _, v in orientations if not computed}) > 1:
        raise ctx.fail(rule.code, "v2 sets one `textOrientation` per text layer; these character styles "
                       "disagree", item, "orientation")
    if "textOrientation" in text and text["textOrientation"] != value:
        raise ctx.fail(rule.code, "`orientation` disagrees with `textOrientation`", item, "orientation")
    text["textOrientation"] = value
    ctx.moved(item, "orientation", text, "textOrientation")

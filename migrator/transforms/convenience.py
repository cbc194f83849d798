"""The v1 convenience endpoints → ``/v2/execute-actions`` with the ActionJSON Adobe published.

v1 ran a fixed action on the server for productCrop, splitView, sideBySide and depthBlur; v2
takes that action inline. The actions are data in ``rules/published-actions/`` (provenance in
its README). ``text`` has no fixed action: its ActionJSON is built per layer from the field
tables of convenience-apis/text-layer-operations.md (see :data:`CHARACTER_ROWS`).

Every transform here puts the action as a *structure* at ``options.actions[-1].source.content``
and leaves it to the family's ``stringify`` rule to turn it into JSON text, so opaque leaves
(values the codemod only knows at run time) travel inside untouched and come out as a JsonText.
A v1 option with no place in the action is reported, never dropped silently.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from migrator.diagnostics import Severity
from migrator.resources import data_dir
from migrator.transforms import UNCHANGED, transform
from migrator.tree import Opaque
from migrator.wording import show

CONTENT_TYPE = "application/json"


@cache
def _published(name: str) -> list:
    path = data_dir("rules") / "published-actions" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def published_action(name: str) -> list:
    """A fresh copy of one published action (callers substitute into it)."""
    return copy.deepcopy(_published(name))


def _options_without_actions(body: Any, ctx, rule) -> dict | None:
    """The body's ``options`` to put an action in (created when v1 had none); None when it
    already holds ``actions``, i.e. the body was converted before."""
    if not isinstance(body, dict):
        return None
    options = body.setdefault("options", {})
    if not isinstance(options, dict):
        raise ctx.fail(rule.code, "`options` must be a literal object", body, "options")
    return None if "actions" in options else options


def _add_action(options: dict, steps: list) -> None:
    options["actions"] = [{"source": {"content": steps, "contentType": CONTENT_TYPE}}]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Opaque)) and not isinstance(value, bool)


# --- productCrop (convenience-apis/product-crop.md) ----------------------------------------

# v1 CropOptions.unit (v1 OpenAPI UnitType, post_product_crop_action_json.schema.json) → the
# `_unit` of the published canvasSize step ("Change to percentage-based padding").
PADDING_UNITS = {"Pixels": "pixelsUnit", "Percent": "percentUnit"}


@transform
def product_crop_action(node: Any, ctx, rule) -> Any:
    """v1 ``options {unit, width, height}`` (the padding) → the published 8-step action with
    ``width``/``height`` as the relative canvasSize step's ``_value`` and ``unit`` as its ``_unit``."""
    options = _options_without_actions(node, ctx, rule)
    if options is None:
        return UNCHANGED
    unit = options.get("unit", "Pixels")
    if isinstance(unit, Opaque):
        raise ctx.fail(rule.code, "padding `unit` is computed at run time; choose the canvasSize `_unit` "
                       "(pixelsUnit or percentUnit) by hand", options, "unit")
    if not isinstance(unit, str) or unit not in PADDING_UNITS:
        raise ctx.fail(rule.code, f"padding `unit` must be Pixels or Percent, found {show(unit)}", options, "unit")
    for side in ("width", "height"):
        if side in options and not _is_number(options[side]):
            raise ctx.fail(rule.code, f"padding `{side}` must be a number, found {show(options[side])}", options, side)
    missing = [key for key in ("unit", "width", "height") if key not in options]
    if missing:
        ctx.report(rule.code, f"v1 padding {', '.join(missing)} not given: the published action's default "
                   "(10 pixels) is kept; llm-migration-reference.md says v1 padded 50 pixels by default, "
                   "so check the result", node, "options", Severity.INFO)
    steps = published_action("product-crop")
    canvas = next(step for step in steps if step["_obj"] == "canvasSize")
    canvas["width"]["_unit"] = canvas["height"]["_unit"] = PADDING_UNITS[unit]
    options.pop("unit", None)
    for side in ("width", "height"):
        if side in options:
            canvas[side]["_value"] = options.pop(side)
    _add_action(options, steps)
    return UNCHANGED


# --- splitView, sideBySide (convenience-apis/split-view.md, side-by-side.md) ---------------

# Both actions place two more images, by index ("Additional Contents Placeholder Mapping").
# v1 supplied them on the server and its request carries neither; the URLs shown in the
# guides' v2 examples stand in until the user fills them in.
COMPARISON_CONTENTS = (
    ("the edited (after) image", "<EDITED_IMAGE_URL>"),
    ("the product logo", "<PRODUCT_LOGO_URL>"),
)


@transform
def comparison_action(node: Any, ctx, rule, action: str) -> Any:
    """The published split-view or side-by-side action, plus ``options.additionalContents[0..1]``
    (kept when the v1 body sent them as ``options.additionalImages``, placeholders otherwise)."""
    options = _options_without_actions(node, ctx, rule)
    if options is None:
        return UNCHANGED
    contents = options.setdefault("additionalContents", [])
    if not isinstance(contents, list):
        raise ctx.fail(rule.code, "`additionalContents` must be a literal array", options, "additionalContents")
    for index in range(len(contents), len(COMPARISON_CONTENTS)):
        what, placeholder = COMPARISON_CONTENTS[index]
        contents.append({"source": {"url": placeholder}})
        ctx.report(rule.code, f"v1 {ctx.endpoint.name} added {what} on the server; v2 takes it as "
                   f"`options.additionalContents[{index}]` (`__ADDITIONAL_CONTENTS_PATH_{index}__` in the "
                   f"published action): {placeholder} stands in for its URL", node, "options",
                   fix=f"replace {placeholder} with a presigned URL of {what}")
    if len(contents) > len(COMPARISON_CONTENTS):
        ctx.report(rule.code, f"the {action} action uses only the first {len(COMPARISON_CONTENTS)} additional "
                   f"contents; the other {len(contents) - len(COMPARISON_CONTENTS)} are passed along unused",
                   options, "additionalContents", Severity.INFO)
    _add_action(options, published_action(action))
    return UNCHANGED


# --- depthBlur (convenience-apis/depth-blur.md) -------------------------------------------

# v1 DepthBlurDetails (v1 OpenAPI) → the reference parameter whose description in the guide's
# "Customizable parameters" table reads alike. The guide does not pair them and the ranges
# differ (v1 temp/tint/saturation/brightness: -50..50; spl:: sliders: -100..100), so these are
# hints in the diagnostic, never substituted.
DEPTH_BLUR_HINTS = {
    "focalDistance": "spl::slideFocalDist (focal distance, 0-100)",
    "focalRange": "spl::slideFocalRange (focal range, 0-100)",
    "focalSelector": "spl::focalSelector (\"auto\" or \"manual\"; v1's x/y point has no counterpart)",
    "focusSubject": "spl::selectSubjectUsage (0 off, 1 on)",
    "blurStrength": "spl::slideAperture (blur strength, 0-100)",
    "haze": "spl::sliderHaze (-100 to 100)",
    "temp": "spl::sliderWarmness (colour temperature, -100 to 100)",
    "tint": "spl::sliderTint (-100 to 100)",
    "saturation": "spl::sliderSaturation (-100 to 100)",
    "brightness": "spl::sliderBrightness (-100 to 100)",
    "grain": "spl::sliderNoise (grain/noise, 0-100)",
}


@transform
def depth_blur_reference_action(node: Any, ctx, rule) -> Any:
    """Only reached with --allow-unsupported: Adobe's reference Neural Filters action with its
    default values; each v1 option is reported with the reference parameter that reads alike."""
    options = _options_without_actions(node, ctx, rule)
    if options is None:
        return UNCHANGED
    ctx.report(rule.code, "Neural Filters are unavailable in v2: this is Adobe's reference depth-blur "
               "ActionJSON, emitted because --allow-unsupported was given; v2 cannot run it yet", node)
    for key in [k for k in options if k in DEPTH_BLUR_HINTS]:
        ctx.report(rule.code, f"`{key}` is not carried into the reference action: the guide does not say how "
                   "v1 options map to its spl:: parameters", options, key,
                   fix=f"set {DEPTH_BLUR_HINTS[key]} in the action by hand")
        del options[key]
    _add_action(options, published_action("depth-blur"))
    return UNCHANGED


# --- text (convenience-apis/text-layer-operations.md, "Complete V1 field reference") ------
#
# Each layer becomes: `select` by `_id` (llm-migration-reference.md: names need not be unique)
# or else by `_name` (the text guide's examples), with makeVisible true when the layer's text
# changes and false for visibility-only edits ("Bounds and visibility-only edits"); then one
# `set` step per row of the guide's tables, in table order (text → textLayer, characterStyles →
# textStyle, paragraphStyles → paragraphStyle); then `show`/`hide` for v1 `visible`.


class _Unfit(Exception):
    """A v1 value the guide's tables cannot express; the caller raises it with a code and pointer."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _number(key: str, value: Any) -> Any:
    if not _is_number(value):
        raise _Unfit(key, f"`{key}` must be a number, found {show(value)}")
    return value


def _flag(key: str, value: Any) -> Any:
    if not isinstance(value, (bool, Opaque)):
        raise _Unfit(key, f"`{key}` must be true or false, found {show(value)}")
    return value


def _string(key: str, value: Any) -> Any:
    if not isinstance(value, (str, Opaque)):
        raise _Unfit(key, f"`{key}` must be a string, found {show(value)}")
    return value


def _named(key: str, value: Any, allowed: tuple[str, ...]) -> Any:
    """Enum values that ActionJSON spells as v1 did (an opaque one passes through)."""
    if not isinstance(value, Opaque) and value not in allowed:
        raise _Unfit(key, f"`{key}` must be one of {', '.join(allowed)}, found {show(value)}")
    return value


def _mapped(key: str, value: Any, table: dict) -> Any:
    """Enum values that ActionJSON spells differently (an opaque one cannot be mapped here)."""
    if isinstance(value, Opaque):
        raise _Unfit(key, f"`{key}` is computed at run time; its ActionJSON value is one of "
                     f"{', '.join(dict.fromkeys(table.values()))} and must be chosen by hand")
    if not isinstance(value, str) or value not in table:
        raise _Unfit(key, f"`{key}` {show(value)} has no ActionJSON value in the text guide; expected one of "
                     f"{', '.join(map(str, table))}")
    return table[value]


def _switch(key: str, value: Any, on: str, off: str) -> str:
    """v1 booleans that ActionJSON spells as an enum."""
    if not isinstance(value, bool):
        raise _Unfit(key, f"`{key}` must be true or false, found {show(value)}" +
                     (" (computed at run time; choose the value by hand)" if isinstance(value, Opaque) else ""))
    return on if value else off


def _rgb(value: Any) -> dict:
    if not isinstance(value, dict) or set(value) != {"red", "green", "blue"}:
        raise _Unfit("color", "`color` must be an object with exactly red, green and blue")
    for channel in ("red", "green", "blue"):
        level = value[channel]
        if isinstance(level, Opaque):
            continue
        if not isinstance(level, int) or isinstance(level, bool) or level < 0:
            raise _Unfit("color", f"`color.{channel}` must be a whole number, found {show(level)}")
        if level > 255:
            raise _Unfit("color", f"`color.{channel}` is {level}: v1 accepted 16-bit levels (0-65535) but "
                         "ActionJSON RGBColor takes 0-255; scale the colour by hand")
    return {"_obj": "RGBColor", "red": value["red"], "green": value["green"], "blue": value["blue"]}


# The guide's value lists ("Notes" column) and how v1's spellings (post_text.schema.json) map.
ORIENTATIONS = ("horizontal", "vertical")
ANTI_ALIAS = {"antiAliasNone": "antiAliasNone", "antiAliasCrisp": "antiAliasCrisp",
              "antiAliasStrong": "antiAliasStrong", "antiAliasSmooth": "antiAliasSmooth",
              "antiAliasPlatformLCD": "antiAliasLCD"}  # v1 antiAliasSharp, antiAliasPlatformGray: none
FONT_CAPS = ("allCaps", "smallCaps", "normal")
BASELINES = ("subScript", "superScript", "normal")
AUTO_KERN = ("metricsKern", "opticalKern", "manualKern")
ALIGNMENTS = {"left": "alignLeft", "center": "alignCenter", "right": "alignRight", "justifyLeft": "justifyLeft",
              "justifyCenter": "justifyCenter", "justifyRight": "justifyRight", "justifyAll": "justifyAll"}
# v1 `strikethrough` is a boolean; the guide lists classicStrikeThrough and xHeightStrikeThrough.
# true becomes xHeightStrikeThrough, what Photoshop's Character panel toggle records, and says so.
STRIKE_ON = "xHeightStrikeThrough"

# `text` rows → one `set textLayer` step each.
TEXT_LAYER_ROWS = (
    ("content", lambda v: {"textKey": _string("content", v)}),
    ("orientation", lambda v: {"orientation": {"_enum": "orientation",
                                               "_value": _named("orientation", v, ORIENTATIONS)}}),
    ("antiAlias", lambda v: {"antiAlias": {"_enum": "antiAliasType", "_value": _mapped("antiAlias", v, ANTI_ALIAS)}}),
)

# `characterStyles` rows → one `set textStyle` step each; a row's fields go in one step.
# post_text.schema.json calls v1 `size` pixels; the guide maps it to pointsUnit unchanged, as here.
CHARACTER_ROWS = (
    (("size",), lambda s: {"size": {"_unit": "pointsUnit", "_value": _number("size", s["size"])},
                           "textOverrideFeatureName": 808465458, "typeStyleOperationType": 3}),
    (("fontPostScriptName", "fontName", "fontStyleName"), lambda s: {k: _string(k, v) for k, v in s.items()}),
    (("color",), lambda s: {"color": _rgb(s["color"])}),
    (("leading",), lambda s: {"autoLeading": False,
                              "leading": {"_unit": "pointsUnit", "_value": _number("leading", s["leading"])}}),
    (("tracking",), lambda s: {"tracking": _number("tracking", s["tracking"])}),
    (("syntheticBold",), lambda s: {"syntheticBold": _flag("syntheticBold", s["syntheticBold"])}),
    (("syntheticItalic",), lambda s: {"syntheticItalic": _flag("syntheticItalic", s["syntheticItalic"])}),
    (("fontCaps",), lambda s: {"fontCaps": {"_enum": "fontCaps", "_value": _named("fontCaps", s["fontCaps"], FONT_CAPS)}}),
    (("baseline",), lambda s: {"baselineDirection": {"_enum": "baselineDirection",
                                                     "_value": _named("baseline", s["baseline"], BASELINES)}}),
    (("strikethrough",), lambda s: {"strikeThrough": {"_enum": "strikeThrough", "_value": _switch(
        "strikethrough", s["strikethrough"], STRIKE_ON, "noStrikeThrough")}}),
    (("underline",), lambda s: {"underline": {"_enum": "underline", "_value": _switch(
        "underline", s["underline"], "underlineOnLeft", "noUnderline")}}),
    (("verticalScale",), lambda s: {"verticalScale": _number("verticalScale", s["verticalScale"])}),
    (("horizontalScale",), lambda s: {"horizontalScale": _number("horizontalScale", s["horizontalScale"])}),
    (("ligature",), lambda s: {"ligature": _flag("ligature", s["ligature"])}),
    (("autoKern",), lambda s: {"autoKern": {"_enum": "autoKern", "_value": _named("autoKern", s["autoKern"], AUTO_KERN)}}),
)

# v1 fields the guide gives no ActionJSON for: reported and left out.
NOT_CARRIED = {
    "layer": {
        "bounds": "v1 bounds are absolute, the guide's `move` step is an offset from where the layer is now; "
                  "add a `move` step by hand",
        "locked": "the text guide has no ActionJSON for locking a layer",
    },
    "text": {
        "rotate": "the text guide's `text` table has no row for it",
        "eastAsianFeatures": "the text guide's `text` table has no row for it",
        "textType": "the text guide's `text` table has no row for it (point or paragraph text stays as it is)",
    },
    "characterStyles": {
        "stylisticAlternates": "the guide recommends a UXP script: its ActionJSON is not standardised",
        "fractions": "the guide's characterStyles table has no row for it",
        "orientation": "the guide's characterStyles table has no row for it (`text.orientation` sets the layer's)",
        "from": "ActionJSON `set textStyle` styles the whole layer, not a character range",
        "to": "ActionJSON `set textStyle` styles the whole layer, not a character range",
    },
    "paragraphStyles": {key: "the guide's paragraphStyles table maps only `alignment`" for key in
                        ("startIndent", "endIndent", "hyphenate", "firstLineIndent", "spaceBefore", "spaceAfter")},
}
KNOWN = {
    "layer": {"name", "id", "text", "visible"},
    "text": {"content", "contents"} | {field for field, _ in TEXT_LAYER_ROWS} | {"characterStyles", "paragraphStyles"},
    "characterStyles": {field for fields, _ in CHARACTER_ROWS for field in fields},
    "paragraphStyles": {"alignment", "align"},
}


def _this_text_layer() -> dict:
    return {"_enum": "ordinal", "_ref": "textLayer", "_value": "targetEnum"}


def _set_step(what: str, properties: dict) -> dict:
    return {"_obj": "set", "_target": [{"_property": what, "_ref": "property"}, _this_text_layer()],
            "to": {"_obj": what, **properties}}


class _Layers:
    """Builds the ActionJSON of one v1 ``options.layers`` array, reporting through ``ctx``."""

    def __init__(self, ctx, rule) -> None:
        self.ctx, self.rule = ctx, rule

    def fail(self, message: str, container: Any, key: Any = None):
        return self.ctx.fail(self.rule.code, message, container, key)

    def object(self, value: Any, what: str, container: Any, key: Any) -> dict:
        if not isinstance(value, dict):
            raise self.fail(f"a v1 {what} must be a literal object", container, key)
        unknown = [k for k in value if k not in KNOWN[what] and k not in NOT_CARRIED[what]]
        if unknown:
            raise self.fail(f"`{unknown[0]}` is not a v1 {what} field of /pie/psdService/text; known: "
                            f"{', '.join(sorted(KNOWN[what] | set(NOT_CARRIED[what])))}", value, unknown[0])
        for field, why in NOT_CARRIED[what].items():
            if field in value:
                self.ctx.report(self.rule.code, f"`{field}` is not carried over: {why}", value, field)
        return value

    def build(self, builder, value: Any, container: dict) -> dict:
        try:
            return builder(value)
        except _Unfit as unfit:
            raise self.fail(str(unfit), container, unfit.key) from None

    def items(self, value: Any, container: dict, key: str) -> list:
        if not isinstance(value, list):
            raise self.fail(f"`{key}` must be a literal array", container, key)
        return value

    def layer(self, layer: Any, container: list, index: int) -> list:
        layer = self.object(layer, "layer", container, index)
        edits = self.text(layer["text"], layer) if "text" in layer else []
        steps = [{"_obj": "select", "_target": [self.reference(layer, container, index)], "makeVisible": bool(edits)},
                 *edits]
        if "visible" in layer:
            visible = self.build(lambda v: _switch("visible", v, "show", "hide"), layer["visible"], layer)
            steps.append({"_obj": visible, "_target": [{"_ref": "layer", "_enum": "ordinal", "_value": "targetEnum"}]})
        return steps

    def reference(self, layer: dict, container: list, index: int) -> dict:
        if "id" in layer:
            if "name" in layer:
                self.ctx.report(self.rule.code, "both `id` and `name` are set: the layer is selected by `id` "
                                "(names need not be unique)", layer, "name", Severity.INFO)
            if isinstance(layer["id"], bool) or not isinstance(layer["id"], (int, Opaque)):
                raise self.fail(f"layer `id` must be a whole number, found {show(layer['id'])}", layer, "id")
            return {"_id": layer["id"], "_ref": "layer"}
        if "name" in layer:
            return {"_name": self.build(lambda v: _string("name", v), layer["name"], layer), "_ref": "layer"}
        raise self.fail("a v1 text layer needs `name` or `id` to be selected by", container, index)

    def text(self, text: Any, layer: dict) -> list:
        text = self.object(text, "text", layer, "text")
        if "contents" in text and "content" in text:
            raise self.fail("both `content` and its deprecated spelling `contents` are set; keep one", text, "contents")
        steps = []
        for field, build in TEXT_LAYER_ROWS:
            key = "contents" if field == "content" and "contents" in text else field
            if key in text:
                steps.append(_set_step("textLayer", self.build(build, text[key], text)))
        styles = self.items(text.get("characterStyles", []), text, "characterStyles")
        if len(styles) > 1:
            self.ctx.report(self.rule.code, f"{len(styles)} character styles: each becomes `set textStyle` steps on the "
                            "whole layer, in order, so the last one wins where they overlap", text, "characterStyles")
        for index, style in enumerate(styles):
            steps += self.character(self.object(style, "characterStyles", styles, index))
        paragraphs = self.items(text.get("paragraphStyles", []), text, "paragraphStyles")
        for index, paragraph in enumerate(paragraphs):
            steps += self.paragraph(self.object(paragraph, "paragraphStyles", paragraphs, index))
        return steps

    def character(self, style: dict) -> list:
        if style.get("strikethrough") is True:
            self.ctx.report(self.rule.code, f"`strikethrough: true` becomes {STRIKE_ON}; the guide also lists "
                            "classicStrikeThrough", style, "strikethrough", Severity.INFO)
        steps = []
        for fields, build in CHARACTER_ROWS:
            present = {field: style[field] for field in fields if field in style}
            if present:
                steps.append(_set_step("textStyle", self.build(build, present, style)))
        return steps

    def paragraph(self, paragraph: dict) -> list:
        if "align" in paragraph and "alignment" in paragraph:
            raise self.fail("both `alignment` and its deprecated spelling `align` are set; keep one", paragraph, "align")
        key = "alignment" if "alignment" in paragraph else "align"
        if key not in paragraph:
            return []
        align = self.build(lambda v: _mapped(key, v, ALIGNMENTS), paragraph[key], paragraph)
        return [_set_step("paragraphStyle", {"align": {"_enum": "alignmentType", "_value": align}})]


@transform
def text_layers_action(node: Any, ctx, rule) -> Any:
    """v1 ``options.layers`` (text edits) → one inline ActionJSON action with a select + set
    sequence per layer, appended to ``options.actions``."""
    if not isinstance(node, dict) or "layers" not in node:
        return UNCHANGED
    builder = _Layers(ctx, rule)
    layers = builder.items(node["layers"], node, "layers")
    if not layers:
        raise builder.fail("`layers` is empty: v2 needs at least one action step", node, "layers")
    steps = [step for index, layer in enumerate(layers) for step in builder.layer(layer, layers, index)]
    actions = builder.items(node.get("actions", []), node, "actions")
    del node["layers"]
    node["actions"] = [*actions, {"source": {"content": steps, "contentType": CONTENT_TYPE}}]
    return UNCHANGED

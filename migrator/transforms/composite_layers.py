"""Layer transforms for the create-composite family (v1 ``options.layers[]`` → v2 ``edits.layers[]``).

Sources: create-composite-v1-reference.md §2 (processing order), §5 (operation model and
placement table), §6 (common properties), §7 (per-layer types); layer-operations-*.md;
convenience-apis/smart-object-replace.md (Key Field Mapping).
"""

from __future__ import annotations

from typing import Any

from migrator.diagnostics import Severity
from migrator.transforms import UNCHANGED, transform
from migrator.transforms.resources import resource_to_source
from migrator.tree import Opaque

OPERATIONS = ("add", "edit", "move", "delete")
PLACEMENTS = {"insertTop": "top", "insertBottom": "bottom", "insertAbove": "above",
              "insertBelow": "below", "insertInto": "into"}
LOCATORS = ("id", "name")
# A v1 layer's content says what kind of v2 layer it is (create-composite-v1-reference.md §7).
CONTENT_KINDS = {"text": "text_layer", "adjustments": "adjustment_layer", "fill": "solid_color_layer",
                 "smartObject": "smart_object_layer", "children": "group_layer"}


def replace_key(node: dict, old: str, new: str, value: Any) -> None:
    """Put ``value`` under ``new`` where ``old`` stood, in place (identity and order kept)."""
    items = [(new, value) if k == old else (k, v) for k, v in node.items() if k != new or k == old]
    node.clear()
    node.update(items)


def file_source(resource: Any, container: dict, key: str, ctx, rule) -> dict:
    """A v1 file reference ``{href, storage}`` → its v2 ``{source: {...}}`` wrapper (in place)."""
    resource = _literal(resource, container, key, ctx, rule, f"`{key}`")
    if not isinstance(resource, dict):
        raise ctx.fail(rule.code, f"`{key}` must be a file reference {{href, storage}}", container, key)
    resource_to_source(resource, ctx, rule)
    if "source" not in resource:
        raise ctx.fail(rule.code, f"`{key}` needs `href`", container, key)
    extra = [k for k in resource if k != "source"]
    if extra:
        raise ctx.fail(rule.code, f"`{key}.{extra[0]}` has no v2 equivalent", resource, extra[0])
    return resource


def _literal(value: Any, node: dict, key: str, ctx, rule, what: str) -> Any:
    if isinstance(value, Opaque):
        raise ctx.fail(rule.code, f"{what} is computed at run time; convert it by hand", node, key)
    return value


def _placement(spec: Any, layer: dict, op: str, ctx, rule) -> dict:
    """``{insertAbove: {name: X}}`` → ``{type: above, referenceLayer: {name: X}}`` (§5 table)."""
    spec = _literal(spec, layer, op, ctx, rule, f"`{op}`")
    if not isinstance(spec, dict):
        raise ctx.fail(rule.code, f"`{op}` must be an object naming where the layer goes", layer, op)
    unknown = [k for k in spec if k not in PLACEMENTS]
    if unknown:
        raise ctx.fail(rule.code, f"`{op}.{unknown[0]}` is not a v1 placement; expected one of "
                       + ", ".join(PLACEMENTS), spec, unknown[0])
    if len(spec) > 1:
        raise ctx.fail(rule.code, f"`{op}` names {len(spec)} placements ({', '.join(spec)}); v2 takes one", layer, op)
    if not spec:
        ctx.report(rule.code, f"`{op}` names no placement; v2 requires one, so psmigrate uses "
                   "`top` (the v2 default)", layer, op, Severity.INFO)
        return {"type": "top"}
    (key, value), = spec.items()
    value = _literal(value, spec, key, ctx, rule, f"`{op}.{key}`")
    if key in ("insertTop", "insertBottom"):
        if value is not True:
            raise ctx.fail(rule.code, f"`{op}.{key}` must be true; name another placement instead", spec, key)
        return {"type": PLACEMENTS[key]}
    if not isinstance(value, dict) or not value or any(k not in LOCATORS for k in value):
        raise ctx.fail(rule.code, f"`{op}.{key}` must name the reference layer by `id` or `name`", spec, key)
    return {"type": PLACEMENTS[key], "referenceLayer": value}


def _delete_operation(spec: Any, layer: dict, ctx, rule) -> dict:
    spec = _literal(spec, layer, "delete", ctx, rule, "`delete`")
    if not isinstance(spec, dict):
        raise ctx.fail(rule.code, "`delete` must be an object", layer, "delete")
    operation: dict = {"type": "delete"}
    for key, value in spec.items():
        if key == "includeChildren":
            operation["shouldIncludeChildren"] = value
            ctx.moved(spec, key, operation, "shouldIncludeChildren")
        elif key in LOCATORS and key not in layer:
            layer[key] = value  # v1 let `delete` carry the locator itself
        else:
            raise ctx.fail(rule.code, f"`delete.{key}` has no v2 equivalent", spec, key)
    return operation


def _operation(layer: dict, op: str, ctx, rule) -> dict:
    if op == "edit":
        spec = _literal(layer["edit"], layer, "edit", ctx, rule, "`edit`")
        if spec not in ({}, None):
            raise ctx.fail(rule.code, "v1 `edit` must be empty; the layer's own fields say what changes", layer, "edit")
        return {"type": "edit"}
    if op == "delete":
        return _delete_operation(layer["delete"], layer, ctx, rule)
    return {"type": op, "placement": _placement(layer[op], layer, op, ctx, rule)}


@transform
def layer_operation(node: Any, ctx, rule, missing: dict | None = None) -> Any:
    """``add`` / ``edit`` / ``move`` / ``delete`` blocks → one ``operation`` object (§5).

    ``missing`` maps an endpoint name to the operation its v1 layers implied when they had no
    block (documentCreate layers are all new; smartObject replaces when there is no ``add``).
    """
    if not isinstance(node, dict):
        return UNCHANGED
    found = [op for op in OPERATIONS if op in node]
    if "operation" in node:
        if found:
            raise ctx.fail(rule.code, f"both `{found[0]}` (v1) and `operation` (v2) are set; keep one", node, found[0])
        return UNCHANGED
    if len(found) > 1:
        raise ctx.fail(rule.code, f"this layer has both `{found[0]}` and `{found[1]}`; v2 takes one operation "
                       "per entry, so split it into two entries", node, found[1])
    if not found:
        implied = (missing or {}).get(ctx.endpoint.name)
        if implied is None:
            raise ctx.fail(rule.code, "this v1 layer has no `add`, `edit`, `move` or `delete` block, so v1 "
                           "ignored it; add the block that says what v2 should do, or remove the layer", node)
        node["operation"] = {"type": "add", "placement": {"type": "top"}} if implied == "add" else {"type": implied}
        return UNCHANGED
    op = found[0]
    replace_key(node, op, "operation", _operation(node, op, ctx, rule))
    ctx.remember_origins(node["operation"], ctx.origin(node, op))
    if op == "move":
        _only_locators(node, ctx, rule, keep=("type",), what="moved")
        if "type" in node:
            ctx.report(rule.code, "v2 move entries carry no layer `type`; removed", node, "type", Severity.INFO)
            del node["type"]
    elif op == "delete":
        _only_locators(node, ctx, rule, keep=("type",), what="deleted", drop=True)
    return UNCHANGED


def _only_locators(node: dict, ctx, rule, keep: tuple, what: str, drop: bool = False) -> None:
    extra = [k for k in node if k not in (*LOCATORS, "operation", *keep)]
    for key in extra:
        if not drop:
            raise ctx.fail(rule.code, f"a {what} layer cannot also change `{key}` in v2; put the change in "
                           "a separate entry with `edit: {}`", node, key)
        ctx.report(rule.code, f"`{key}` on a {what} layer has no effect; removed", node, key)
        del node[key]


@transform
def infer_layer_type(node: Any, ctx, rule, untyped: dict | None = None) -> Any:
    """Give each added or edited layer its v2 ``type`` where the v1 body implies it (§7)."""
    if not isinstance(node, dict) or not isinstance(node.get("operation"), dict):
        return UNCHANGED
    op = node["operation"].get("type")
    if op not in ("add", "edit"):
        return UNCHANGED
    kinds = sorted({kind for key, kind in CONTENT_KINDS.items() if key in node})
    if "type" in node:
        if node["type"] == "layer" and kinds == ["text_layer"]:
            node["type"] = "text_layer"
            ctx.report(rule.code, "v1 `type: layer` with `text` is a text layer in v2 (`text_layer`)",
                       node, "type", Severity.INFO)
        return UNCHANGED
    implied = (untyped or {}).get(ctx.endpoint.name)
    if len(kinds) == 1:
        kind = kinds[0]
    elif implied:
        kind = implied
    elif op == "add" or "input" in node:
        kind = "layer"
        if "input" in node and op == "edit":
            ctx.report(rule.code, "`input` on an untyped v1 edit replaces pixels (`type: layer`); if the "
                       "layer is a smart object, set `type: smartObject` or convert with --endpoint "
                       "smartObject", node, "input")
    else:
        ctx.report(rule.code, "v2 documents `type` as required on every layer, but this v1 edit does not "
                   "say what kind of layer it changes; add the layer's v2 type by hand", node, None)
        return UNCHANGED
    node["type"] = kind
    return UNCHANGED


@transform
def layers_to_edits(node: Any, ctx, rule) -> Any:
    """``options.layers`` → ``edits.layers`` in reverse order: v1 processed the array bottom-up
    (last entry first), v2 processes it top-down (create-composite-v1-reference.md §2, Layer
    processing order), so the v2 array lists the same steps in the order they ran."""
    options = node.get("options") if isinstance(node, dict) else None
    if not isinstance(options, dict) or "layers" not in options:
        return UNCHANGED
    edits = node.setdefault("edits", {})
    if not isinstance(edits, dict) or "layers" in edits:
        raise ctx.fail(rule.code, "both `options.layers` (v1) and `edits.layers` (v2) are set; keep one",
                       options, "layers")
    layers = options.pop("layers")
    if isinstance(layers, list) and len(layers) > 1:
        layers.reverse()
        ctx.report(rule.code, f"the {len(layers)} layers are listed in reverse order: v1 processed the last "
                   "entry first, v2 processes the first entry first", options, "layers", Severity.INFO)
    edits["layers"] = layers
    ctx.moved(options, "layers", edits, "layers")
    return UNCHANGED


@transform
def locked_to_protection(node: Any, ctx, rule) -> Any:
    """``locked: true|false`` → ``protection: ["all"] | ["none"]`` (§6 Lock / protection)."""
    if not isinstance(node, dict) or "locked" not in node:
        return UNCHANGED
    if "protection" in node:
        raise ctx.fail(rule.code, "both `locked` (v1) and `protection` (v2) are set; keep one", node, "locked")
    locked = _literal(node["locked"], node, "locked", ctx, rule, "`locked`")
    if not isinstance(locked, bool):
        raise ctx.fail(rule.code, "`locked` must be true or false", node, "locked")
    replace_key(node, "locked", "protection", ["all" if locked else "none"])
    return UNCHANGED


def _integer(value: Any, container: dict, key: str, ctx, rule) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        ctx.report(rule.code, f"`{key}` {value} rounded to {round(value)}: v2 takes whole pixels", container, key)
        return round(value)
    if isinstance(value, (int, Opaque)) and not isinstance(value, bool):
        return value
    raise ctx.fail(rule.code, f"`{key}` must be a number of pixels", container, key)


@transform
def bounds_to_transform(node: Any, ctx, rule) -> Any:
    """``bounds {left, top, width, height}`` → ``transform {offset, dimension}`` with
    ``transformMode: custom``; on text layers → ``text.frame`` (area: right/bottom = left/top +
    width/height). create-composite-v1-reference.md §6 and §7g."""
    if not isinstance(node, dict) or "bounds" not in node:
        return UNCHANGED
    bounds = _literal(node["bounds"], node, "bounds", ctx, rule, "`bounds`")
    if not isinstance(bounds, dict) or any(k not in ("left", "top", "width", "height") for k in bounds):
        raise ctx.fail(rule.code, "`bounds` must hold only left, top, width and height", node, "bounds")
    values = {k: _integer(v, bounds, k, ctx, rule) for k, v in bounds.items()}
    if node.get("type") == "text_layer":
        _bounds_to_frame(node, values, ctx, rule)
        return UNCHANGED
    if "transform" in node:
        raise ctx.fail(rule.code, "both `bounds` (v1) and `transform` (v2) are set; keep one", node, "bounds")
    result: dict = {}
    for v1_key, (group, v2_key) in {"left": ("offset", "horizontal"), "top": ("offset", "vertical"),
                                    "width": ("dimension", "width"), "height": ("dimension", "height")}.items():
        if v1_key in values:
            result.setdefault(group, {})[v2_key] = values[v1_key]
    replace_key(node, "bounds", "transform", result)
    node.setdefault("transformMode", "custom")
    for v1_key, (group, v2_key) in {"left": ("offset", "horizontal"), "top": ("offset", "vertical"),
                                    "width": ("dimension", "width"), "height": ("dimension", "height")}.items():
        if v1_key in values:
            ctx.moved(bounds, v1_key, result[group], v2_key)
    return UNCHANGED


def _bounds_to_frame(node: dict, values: dict, ctx, rule) -> None:
    text = node.setdefault("text", {})
    if not isinstance(text, dict) or "frame" in text:
        raise ctx.fail(rule.code, "both `bounds` (v1) and `text.frame` (v2) are set; keep one", node, "bounds")
    # v1's default text area was (0, 0, 4, 4) (create-composite-v1-reference.md §7g Text frame).
    left, top = values.get("left", 0), values.get("top", 0)
    width, height = values.get("width", 4), values.get("height", 4)
    if any(isinstance(v, Opaque) for v in (left, top, width, height)):
        raise ctx.fail(rule.code, "text `bounds` computed at run time cannot be turned into a frame here; "
                       "write `text.frame` by hand (right = left + width, bottom = top + height)", node, "bounds")
    text["frame"] = {"type": "area", "bounds": {"top": top, "left": left, "right": left + width,
                                                "bottom": top + height}}
    ctx.remember_origins(text["frame"], ctx.origin(node, "bounds"))
    del node["bounds"]


@transform
def mask_to_pixel_mask(node: Any, ctx, rule) -> Any:
    """``mask {input, linked, enabled, offset {x, y}, clip}`` → ``pixelMask {source, isLinked,
    isEnabled, offset {horizontal, vertical}}`` and layer-level ``isClipped`` (§6 Mask fields)."""
    if not isinstance(node, dict) or "mask" not in node:
        return UNCHANGED
    mask = _literal(node["mask"], node, "mask", ctx, rule, "`mask`")
    if not isinstance(mask, dict):
        raise ctx.fail(rule.code, "`mask` must be an object", node, "mask")
    if "pixelMask" in node:
        raise ctx.fail(rule.code, "both `mask` (v1) and `pixelMask` (v2) are set; keep one", node, "mask")
    pixel: dict = {}
    renames = {"linked": "isLinked", "enabled": "isEnabled"}
    for key, value in mask.items():
        if key == "clip":
            node["isClipped"] = value
            ctx.moved(mask, key, node, "isClipped")
        elif key in renames:
            pixel[renames[key]] = value
            ctx.moved(mask, key, pixel, renames[key])
        elif key == "input":
            pixel["source"] = file_source(value, mask, key, ctx, rule)["source"]
        elif key == "offset":
            pixel["offset"] = _mask_offset(value, mask, ctx, rule)
        else:
            raise ctx.fail(rule.code, f"`mask.{key}` has no v2 equivalent", mask, key)
    if pixel:
        replace_key(node, "mask", "pixelMask", pixel)
    else:
        del node["mask"]
    return UNCHANGED


def _mask_offset(offset: Any, mask: dict, ctx, rule) -> dict:
    offset = _literal(offset, mask, "offset", ctx, rule, "`mask.offset`")
    if not isinstance(offset, dict) or any(k not in ("x", "y") for k in offset):
        raise ctx.fail(rule.code, "`mask.offset` must hold only x and y", mask, "offset")
    result = {{"x": "horizontal", "y": "vertical"}[k]: v for k, v in offset.items()}
    for k in offset:
        ctx.moved(offset, k, result, {"x": "horizontal", "y": "vertical"}[k])
    return result


@transform
def layer_input(node: Any, ctx, rule) -> Any:
    """Layer ``input {href, storage}`` → ``smartObject.smartObjectFile.source`` on smart object
    layers, ``image.source`` on pixel and background layers (§7d, §7f)."""
    if not isinstance(node, dict) or "input" not in node:
        return UNCHANGED
    resource = file_source(node["input"], node, "input", ctx, rule)
    kind = node.get("type")
    if kind == "smart_object_layer":
        smart = node.setdefault("smartObject", {})
        if not isinstance(smart, dict) or "smartObjectFile" in smart:
            raise ctx.fail(rule.code, "both `input` (v1) and `smartObject.smartObjectFile` (v2) are set", node, "input")
        smart["smartObjectFile"] = resource
        del node["input"]
    elif kind in ("layer", "background_layer", None):
        if "image" in node:
            raise ctx.fail(rule.code, "both `input` (v1) and `image` (v2) are set; keep one", node, "input")
        replace_key(node, "input", "image", resource)
    else:
        raise ctx.fail(rule.code, f"a {kind} has no file input in v2", node, "input")
    return UNCHANGED


ADJUSTMENT_TYPES = {"brightnessContrast": "brightness_contrast", "exposure": "exposure",
                    "hueSaturation": "hue_saturation", "colorBalance": "color_balance"}


@transform
def adjustment_type(node: Any, ctx, rule) -> Any:
    """Name the adjustment in ``adjustments.type`` and rename the fields v2 renamed
    (create-composite-v1-reference.md §7a; layer-operations-adjustments.md)."""
    if not isinstance(node, dict):
        return UNCHANGED
    present = [k for k in ADJUSTMENT_TYPES if k in node]
    if "type" not in node:
        if len(present) != 1:
            raise ctx.fail(rule.code, "v2 takes exactly one adjustment per adjustment layer (brightnessContrast, "
                           f"exposure, hueSaturation or colorBalance); found {len(present)}", node)
        items = [("type", ADJUSTMENT_TYPES[present[0]]), *node.items()]
        node.clear()
        node.update(items)
    for key in present:
        payload = node[key]
        if isinstance(payload, dict):
            RENAMES.get(key, lambda *a: None)(payload, ctx, rule)
    return UNCHANGED


def _exposure(payload: dict, ctx, rule) -> None:
    if "exposure" in payload:
        if "exposureValue" in payload:
            raise ctx.fail(rule.code, "both `exposure` (v1) and `exposureValue` (v2) are set", payload, "exposure")
        replace_key(payload, "exposure", "exposureValue", payload["exposure"])
        ctx.moved(payload, "exposure", payload, "exposureValue")


def _color_balance(payload: dict, ctx, rule) -> None:
    # layer-operations-adjustments.md writes `hightoneLevels` in v2 examples too; the v2 spec's
    # ColorBalance names it `highlightLevels` and rejects the other spelling. We follow the spec.
    if "hightoneLevels" in payload and "highlightLevels" not in payload:
        replace_key(payload, "hightoneLevels", "highlightLevels", payload["hightoneLevels"])


def _hue_saturation(payload: dict, ctx, rule) -> None:
    # v1 `channels: [{channel: master, hue, saturation, lightness}]`; v2 lists the same values in
    # `hueSaturationAdjustments`, an entry without `localRange` being the master channel
    # (layer-operations-adjustments.md, Hue/Saturation and Local range).
    if "channels" not in payload:
        return
    channels = _literal(payload["channels"], payload, "channels", ctx, rule, "`channels`")
    if not isinstance(channels, list):
        raise ctx.fail(rule.code, "`hueSaturation.channels` must be an array", payload, "channels")
    for channel in channels:
        if isinstance(channel, dict) and "channel" in channel:
            if channel["channel"] != "master":
                raise ctx.fail(rule.code, "v1 supported only the `master` channel", channel, "channel")
            del channel["channel"]
    replace_key(payload, "channels", "hueSaturationAdjustments", channels)


RENAMES = {"exposure": _exposure, "colorBalance": _color_balance, "hueSaturation": _hue_saturation}


@transform
def child_layers(node: Any, ctx, rule) -> Any:
    """Group ``children`` are layers too: run this family's layer rules on them."""
    if isinstance(node, dict) and node.get("type") == "group_layer" and ctx.endpoint.name == "documentCreate":
        ctx.report(rule.code, "Adobe does not support group layers in a new document yet "
                   "(document-creation-migration.md, Key differences); add the group to the created "
                   "document in a second create-composite request", node, "type")
    if not isinstance(node, dict) or not isinstance(node.get("children"), list):
        return UNCHANGED
    from migrator.engine import applies, apply_rule

    holder = {"": {"edits": {"layers": node["children"]}}}
    for layer_rule in ctx.family.rules:
        if layer_rule.at.startswith("/edits/layers/*") and applies(layer_rule, ctx.endpoint):
            apply_rule(layer_rule, holder, ctx)
    return UNCHANGED

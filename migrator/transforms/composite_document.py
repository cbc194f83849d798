"""Document and output transforms for the create-composite family.

Sources: create-composite-v1-reference.md §3 (document creation), §4 (document operations),
§8 (outputs); document-operations-migration.md (Resize parameters); export-layers-migration.md
(cropMode); create-artboard-v1-reference.md §10 (trimToCanvas → cropMode).
"""

from __future__ import annotations

from typing import Any

from migrator.diagnostics import Severity
from migrator.transforms import UNCHANGED, transform
from migrator.transforms.composite_layers import replace_key
from migrator.tree import Opaque


def _whole_number(value: Any, container: dict, key: str, ctx, rule) -> Any:
    if isinstance(value, Opaque):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ctx.fail(rule.code, f"`{key}` must be a whole number", container, key)
    return value


@transform
def measurement(node: Any, ctx, rule, keys: list, unit: str) -> Any:
    """Each of ``keys`` holding a v1 number → a v2 measurement object ``{unit, value}``
    (resolution: create-composite-v1-reference.md §3–4; resize width/height:
    document-operations-migration.md, Resize parameters)."""
    if not isinstance(node, dict):
        return UNCHANGED
    for key in keys:
        if key in node and not isinstance(node[key], dict):
            value = _whole_number(node[key], node, key, ctx, rule)
            node[key] = {"unit": unit, "value": value}
            ctx.moved(node, key, node[key], "value")
    return UNCHANGED


@transform
def remove_emptied(node: Any, ctx, rule, key: str) -> Any:
    """Remove ``key`` once the rules before have moved everything out of it; a field still in
    it has no v2 home, so the conversion stops there (with that field's v1 location)."""
    if not isinstance(node, dict) or not isinstance(node.get(key), dict):
        return UNCHANGED
    leftover = list(node[key])
    if leftover:
        raise ctx.fail(rule.code, f"`{key}.{leftover[0]}` has no v2 equivalent for this endpoint; remove it or "
                       "convert it by hand", node[key], leftover[0])
    del node[key]
    return UNCHANGED


@transform
def output_layers(node: Any, ctx, rule) -> Any:
    """``outputs[].layers`` entries name a layer by ``id`` or by ``name``, not both, and carry
    nothing else (create-composite-v1-reference.md §8, Layer identifier); PSD output of several
    layers does not exist in v2 (export-layers-migration.md, Key differences)."""
    if not isinstance(node, dict) or not isinstance(node.get("layers"), list):
        return UNCHANGED
    for ref in node["layers"]:
        if not isinstance(ref, dict):
            continue
        if "id" in ref and "name" in ref:
            ctx.report(rule.code, "v2 names an exported layer by `id` or `name`, not both; kept `id`",
                       ref, "name", Severity.INFO)
            del ref["name"]
        for key in [k for k in ref if k not in ("id", "name")]:
            if key == "visible":
                ctx.report(rule.code, "`visible` on an exported layer is implied in v2 (listing the layer "
                           "exports it); removed", ref, key, Severity.INFO)
            else:
                raise ctx.fail(rule.code, f"`{key}` has no place in a v2 exported-layer reference", ref, key)
            del ref[key]
    if len(node["layers"]) > 1 and node.get("mediaType") == "image/vnd.adobe.photoshop":
        raise ctx.fail(rule.code, "v2 cannot export several layers as one PSD (export-layers-migration.md); "
                       "use image/jpeg, image/png or image/tiff, or one output per layer", node, "layers")
    if len(node["layers"]) == 1 and "cropMode" not in node and "trimToCanvas" not in node:
        ctx.report(rule.code, "a single exported layer is sized to the layer in v2 (`layer_bounds`); "
                   "export-layers-migration.md says v1 used the canvas size", node, "layers",
                   Severity.INFO, fix='add "cropMode": "document_bounds" to keep canvas-sized output')
    return UNCHANGED


@transform
def trim_to_canvas(node: Any, ctx, rule) -> Any:
    """``trimToCanvas: true`` → ``cropMode: document_bounds``; ``false`` (the v1 default) →
    nothing. Adobe's v1 schema: true gives canvas-sized renditions, false layer-sized ones;
    create-artboard-v1-reference.md §10 maps true to document_bounds. v2-whats-new.md pairs it
    with trim_to_transparency instead, which contradicts the v1 meaning; we keep the v1 meaning."""
    if not isinstance(node, dict) or "trimToCanvas" not in node:
        return UNCHANGED
    value = node["trimToCanvas"]
    if isinstance(value, Opaque):
        raise ctx.fail(rule.code, "`trimToCanvas` is computed at run time; set `cropMode` by hand "
                       "(true → document_bounds)", node, "trimToCanvas")
    if value is True:
        if "cropMode" in node:
            raise ctx.fail(rule.code, "both `trimToCanvas` (v1) and `cropMode` (v2) are set; keep one",
                           node, "trimToCanvas")
        replace_key(node, "trimToCanvas", "cropMode", "document_bounds")
    elif value is False:
        ctx.report(rule.code, "`trimToCanvas: false` is v2's default behaviour; removed", node, "trimToCanvas",
                   Severity.INFO)
        del node["trimToCanvas"]
    else:
        raise ctx.fail(rule.code, "`trimToCanvas` must be true or false", node, "trimToCanvas")
    return UNCHANGED


@transform
def output_icc_profile(node: Any, ctx, rule) -> Any:
    """v1 ``iccProfile {imageMode, profileName | input}`` → v2 ``{type: standard, name, imageMode}``.

    icc-profile-migration.md says v1 had no ICC support, but Adobe's v1 schema (iccProfile.schema
    .json) and create-artboard-v1-reference.md list it; the v2 standard profile names are the v1
    ``profileName`` enum. A v1 profile file has no name, which a v2 custom profile requires.
    """
    if not isinstance(node, dict) or "type" in node:
        return UNCHANGED
    if "input" in node:
        raise ctx.fail(rule.code, "a v1 custom ICC profile file becomes a v2 custom profile, which needs a "
                       '`name`: write {"type": "custom", "name": ..., "source": {"url": ...}} by hand', node, "input")
    items = [("type", "standard")]
    for key, value in node.items():
        if key == "profileName":
            items.append(("name", value))
            ctx.moved(node, key, node, "name")
        else:
            items.append((key, value))
    node.clear()
    node.update(items)
    return UNCHANGED


"""Transforms for ``/pie/psdService/artboardCreate`` → ``/v2/create-artboard``
(create-artboard-v1-reference.md, artboard-migration.md)."""

from __future__ import annotations

from typing import Any

from migrator.transforms import UNCHANGED, transform
from migrator.transforms.resources import resource_to_source
from migrator.tree import Opaque

# create-artboard-v1-reference.md §10: one enum replaces v1's two trim flags.
CROP_MODES = {"trimToCanvas": "document_bounds", "trimToLayer": "layer_bounds"}


@transform
def artboard_image_source(node: Any, ctx, rule) -> Any:
    """An artboard image ``{href, storage}`` → ``{source: ...}``. Unlike the other families, a
    Creative Cloud Libraries reference given as a ``urn:aaid`` id maps to ``creativeCloudFileId``
    (create-artboard-v1-reference.md §3)."""
    if isinstance(node, dict) and node.get("storage") == "cclib" and "source" not in node:
        href = node.get("href")
        if not isinstance(href, str) or not href.lower().startswith("urn:aaid"):
            raise ctx.fail(rule.code, "a Creative Cloud Libraries image (`storage: cclib`) maps to v2 only by its "
                           "`urn:aaid:...` file id; replace `href` with that id", node, "href")
        node["storage"] = "adobe"  # an Adobe urn id becomes creativeCloudFileId
    return resource_to_source(node, ctx, rule)


@transform
def trim_flags_to_crop_mode(output: Any, ctx, rule) -> Any:
    """``trimToCanvas`` / ``trimToLayer`` → ``cropMode``. A false flag is v1's default and
    v2's absent ``cropMode``; both flags true cannot be expressed."""
    if not isinstance(output, dict):
        return UNCHANGED
    chosen = []
    for flag, mode in CROP_MODES.items():
        if flag not in output:
            continue
        value = output[flag]
        if isinstance(value, Opaque) or not isinstance(value, bool):
            raise ctx.fail(rule.code, f"`{flag}` must be a literal true or false to choose a v2 `cropMode`",
                           output, flag)
        if value:
            chosen.append((flag, mode))
    if len(chosen) > 1:
        raise ctx.fail(rule.code, "`trimToCanvas` and `trimToLayer` are both true; v2 takes one `cropMode` "
                       "(document_bounds or layer_bounds): keep one", output, chosen[1][0])
    if chosen and "cropMode" in output:
        raise ctx.fail(rule.code, f"both `{chosen[0][0]}` (v1) and `cropMode` (v2) are set; keep one",
                       output, chosen[0][0])
    if chosen:
        flag, mode = chosen[0]
        output["cropMode"] = mode
        ctx.moved(output, flag, output, "cropMode")
    for flag in CROP_MODES:
        output.pop(flag, None)
    return UNCHANGED

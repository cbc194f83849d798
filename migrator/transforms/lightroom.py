"""Transforms for the Lightroom endpoints (``/lrService/*`` → ``/v2/edit``; edit-operations.md).

Lightroom bodies differ from Photoshop ones: ``inputs`` is one object, not an array, and the
guides and Adobe's v1 schemas disagree on its shape (``{href, storage}`` in edit-operations.md,
``{source: {href, storage}}`` in adobe-v1-schemas/acr/ and llm-migration-reference.md); both
are accepted. Lightroom storage (``storage: lightroom``) becomes v2's ``lightroomPath``.
"""

from __future__ import annotations

from typing import Any

from migrator.engine import non_object_on_path
from migrator.transforms import UNCHANGED, transform
from migrator.transforms.resources import output_destination, resource_to_source
from migrator.tree import Opaque, get_path, has_path, set_path, split_path


def _is_lightroom(node: dict) -> bool:
    return node.get("storage") == "lightroom"


@transform
def lr_file_source(node: Any, ctx, rule) -> Any:
    """``{href, storage, ...}`` → ``{source: {...}, ...}``; Lightroom storage → ``lightroomPath``."""
    if not isinstance(node, dict) or not _is_lightroom(node) or "source" in node:
        return resource_to_source(node, ctx, rule)
    if "href" not in node:
        raise ctx.fail(rule.code, "a v1 file reference needs `href`", node)
    href = node.pop("href")
    node.pop("storage")
    rest = dict(node)
    node.clear()
    node["source"] = {"lightroomPath": href}
    node.update(rest)
    ctx.moved(node, "href", node["source"], "lightroomPath")
    return UNCHANGED


@transform
def lr_file_resource(node: Any, ctx, rule) -> Any:
    """``{href, storage}`` → the v2 file resource itself (``{url}``, ``{lightroomPath}``, ...),
    without a ``source`` wrapper."""
    if not isinstance(node, dict) or "href" not in node and "storage" not in node:
        return UNCHANGED
    lr_file_source(node, ctx, rule)
    if set(node) != {"source"}:
        extra = next(k for k in node if k != "source")
        raise ctx.fail(rule.code, f"`{extra}` has no place in a v2 file reference", node, extra)
    return node["source"]


@transform
def lr_output_destination(node: Any, ctx, rule) -> Any:
    """Output ``href`` + ``storage`` → ``destination``; v2 cannot write to Lightroom storage."""
    if isinstance(node, dict) and _is_lightroom(node) and "destination" not in node:
        raise ctx.fail(rule.code, "v2 edit outputs cannot be written to Lightroom storage; use a presigned "
                       "URL, a Creative Cloud path or hosted storage (`destination.validityPeriod`)", node, "storage")
    return output_destination(node, ctx, rule)


@transform
def lr_inputs_to_image(body: Any, ctx, rule) -> Any:
    """The body's ``inputs`` object (``{href, storage}`` or ``{source: {href, storage}}``) becomes
    ``image: {source: ...}``."""
    if not isinstance(body, dict) or "inputs" not in body:
        return UNCHANGED
    inputs = body["inputs"]
    if "image" in body:
        raise ctx.fail(rule.code, "both `inputs` (v1) and `image` (v2) are set; keep one", body, "inputs")
    if not isinstance(inputs, dict):
        raise ctx.fail(rule.code, "Lightroom `inputs` must be one literal object: `{href, storage}` or "
                       "`{source: {href, storage}}`", body, "inputs")
    if isinstance(inputs.get("source"), dict) and "href" in inputs["source"]:
        nested = inputs.pop("source")
        lr_file_source(nested, ctx, rule)
        inputs["source"] = nested["source"]
        for key, value in nested.items():
            if key != "source":  # leftovers stay visible, so validation names them
                inputs[key] = value
    else:
        lr_file_source(inputs, ctx, rule)
    items = [("image" if k == "inputs" else k, v) for k, v in body.items()]
    body.clear()
    body.update(items)
    return UNCHANGED


@transform
def ensure_edit(body: Any, ctx, rule, path: str, value: Any) -> Any:
    """Set ``edits/<path>`` to ``value`` where it is not set yet (what the v1 endpoint implied)."""
    if not isinstance(body, dict):
        return UNCHANGED
    edits = body.setdefault("edits", {})
    if not isinstance(edits, dict) or non_object_on_path(edits, path) is not None:
        raise ctx.fail(rule.code, f"cannot set `edits/{path}`: its parent is not an object", body, "edits")
    if not has_path(edits, path):
        set_path(edits, path, value)
    return UNCHANGED


@transform
def group_adjustments(body: Any, ctx, rule, table: dict[str, str]) -> Any:
    """Move v1 PascalCase adjustments (``options.Exposure``) to their v2 group under ``edits``
    (``edits.light.exposure``), following ``table``."""
    options = body.get("options") if isinstance(body, dict) else None
    if not isinstance(options, dict):
        return UNCHANGED
    for name, target in table.items():
        if name not in options:
            continue
        edits = body.setdefault("edits", {})
        if not isinstance(edits, dict) or non_object_on_path(edits, target) is not None:
            raise ctx.fail(rule.code, f"cannot move `{name}` to `edits/{target}`: its parent is not an object",
                           options, name)
        if has_path(edits, target):
            raise ctx.fail(rule.code, f"both `{name}` (v1) and `edits/{target}` (v2) are set; keep one", options, name)
        set_path(edits, target, options.pop(name))
        *parents, last = split_path(target)
        ctx.moved(options, name, get_path(edits, "/".join(parents)), last)
    return UNCHANGED


@transform
def xmp_file_reference(edits: Any, ctx, rule) -> Any:
    """``edits.xmp`` as a v1 file reference → ``{source: ...}``; inline XMP text has no v2 form."""
    if not isinstance(edits, dict) or "xmp" not in edits:
        return UNCHANGED
    xmp = edits["xmp"]
    if isinstance(xmp, (str, Opaque)):
        raise ctx.fail(rule.code, "v2 takes XMP only as a file reference (`edits.xmp.source`), not as inline "
                       "text: upload the XMP and give its URL", edits, "xmp")
    if isinstance(xmp, dict) and "source" not in xmp:
        lr_file_source(xmp, ctx, rule)
    return UNCHANGED


@transform
def remove_if_empty(body: Any, ctx, rule, key: str) -> Any:
    """Remove ``body[key]`` once the rules before have moved everything out of it."""
    if isinstance(body, dict) and body.get(key) == {}:
        del body[key]
    return UNCHANGED


@transform
def drop_unless_media_type(output: Any, ctx, rule, key: str, media_types: list[str]) -> Any:
    """Remove ``output[key]`` (and say so) unless the output's ``mediaType`` is one of ``media_types``."""
    if isinstance(output, dict) and key in output and output.get("mediaType") not in media_types:
        ctx.report(rule.code, f"`{key}` applies to {', '.join(media_types)} outputs only; removed", output, key)
        del output[key]
    return UNCHANGED

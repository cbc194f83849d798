"""v1 file references (``{href, storage}``) → v2 sources and destinations.

Storage kinds, from execute-actions-v1-reference.md §2–3 and §8 and the v1 schema
``file_input.schema.json`` (external, azure, dropbox, adobe, cclib; the guides add acp):

========================  ==========================================  ============================
v1 ``storage``            v2 source                                   v2 output destination
========================  ==========================================  ============================
external (the default)    ``url``                                     ``url``
azure, dropbox            ``url``                                     ``url`` + ``storageType``
acp                       ``url`` (a presigned URL)                   ``url``
adobe, path               ``creativeCloudPath`` (no leading slash)    ``creativeCloudPath``
adobe, ``urn:`` id        ``creativeCloudFileId``                     — (v2 writes to paths only)
cclib                     —                                           —
========================  ==========================================  ============================
"""

from __future__ import annotations

from typing import Any

from migrator.transforms import UNCHANGED, transform
from migrator.tree import Opaque, put_first
from migrator.wording import show

URL_STORAGES = {"external", "acp", "azure", "dropbox"}
STORAGE_TYPES = {"azure", "dropbox"}  # the only kinds v2 wants named (UrlDestination.storageType)


def _storage(node: dict, ctx, rule) -> str:
    storage = node.get("storage", "external")
    if isinstance(storage, Opaque):
        raise ctx.fail(rule.code, "`storage` is computed at run time; pick the v2 source kind by hand", node, "storage")
    if storage == "cclib":
        raise ctx.fail(rule.code, "Creative Cloud Libraries storage (`cclib`) has no v2 equivalent; "
                       "copy the asset to a presigned URL or a Creative Cloud path", node, "storage")
    if not isinstance(storage, str) or storage not in URL_STORAGES | {"adobe"}:
        raise ctx.fail(rule.code, f"unknown v1 storage {show(storage)}; expected one of "
                       "external, azure, dropbox, adobe, acp", node, "storage")
    return storage


def _cloud_reference(href: Any, node: dict, ctx, rule) -> tuple[str, Any]:
    if isinstance(href, Opaque):
        raise ctx.fail(rule.code, "`href` on Adobe storage is computed at run time: choose "
                       "`creativeCloudPath` (a path) or `creativeCloudFileId` (a urn:aaid id) by hand", node, "href")
    if href.lower().startswith("urn:"):
        return "creativeCloudFileId", href
    return "creativeCloudPath", href.lstrip("/")


def _take_href(node: dict, ctx, rule) -> Any:
    if "href" not in node:
        raise ctx.fail(rule.code, "a v1 file reference needs `href`", node)
    href = node.pop("href")
    node.pop("storage", None)
    return href


@transform
def resource_to_source(node: Any, ctx, rule) -> Any:
    """``{href, storage, ...}`` → ``{source: {url | creativeCloudPath | creativeCloudFileId}, ...}``."""
    if not isinstance(node, dict) or "source" in node or "href" not in node and "storage" not in node:
        return UNCHANGED
    storage = _storage(node, ctx, rule)
    href = _take_href(node, ctx, rule)
    kind, value = ("url", href) if storage in URL_STORAGES else _cloud_reference(href, node, ctx, rule)
    put_first(node, "source", {kind: value})
    ctx.moved(node, "href", node["source"], kind)
    return UNCHANGED


@transform
def output_destination(node: Any, ctx, rule) -> Any:
    """``{href, storage, ...}`` → ``{destination: {url[, storageType]} | {creativeCloudPath}, ...}``."""
    if not isinstance(node, dict) or "destination" in node or "href" not in node and "storage" not in node:
        return UNCHANGED
    storage = _storage(node, ctx, rule)
    href = _take_href(node, ctx, rule)
    if storage in URL_STORAGES:
        destination = {"url": href}
        if storage in STORAGE_TYPES:
            destination["storageType"] = storage
    else:
        kind, value = _cloud_reference(href, node, ctx, rule)
        if kind == "creativeCloudFileId":
            raise ctx.fail(rule.code, "v2 writes Creative Cloud outputs by path only "
                           "(`destination.creativeCloudPath`); replace the urn id with a path", node)
        destination = {kind: value}
    put_first(node, "destination", destination)
    ctx.moved(node, "href", destination, next(iter(destination)))
    return UNCHANGED


@transform
def single_input_to_image(node: Any, ctx, rule) -> Any:
    """The body's ``inputs`` array (at most one item) becomes ``image: {source: ...}``."""
    if not isinstance(node, dict) or "inputs" not in node:
        return UNCHANGED
    inputs = node["inputs"]
    if "image" in node:
        raise ctx.fail(rule.code, "both `inputs` (v1) and `image` (v2) are set; keep one", node, "inputs")
    if isinstance(inputs, Opaque) or not isinstance(inputs, list):
        raise ctx.fail(rule.code, "`inputs` must be a literal array of one file reference", node, "inputs")
    if len(inputs) != 1:
        raise ctx.fail(rule.code, f"v2 takes exactly one input image; this body has {len(inputs)}", node, "inputs")
    image = inputs[0]
    resource_to_source(image, ctx, rule)
    items = [("image" if k == "inputs" else k, image if k == "inputs" else v) for k, v in node.items()]
    node.clear()
    node.update(items)
    return UNCHANGED

"""Transforms for ``/sensei/cutout`` and ``/sensei/mask`` → ``/v2/remove-background``
(v1-guides/guides/remove-background/index.md; v1 body: adobe-v1-schemas/ic/post_cutout.schema.json)."""

from __future__ import annotations

from typing import Any

from migrator.transforms import UNCHANGED, transform
from migrator.wording import show

URL_STORAGES = {"external", "azure", "dropbox"}


@transform
def cutout_input_to_image(body: Any, ctx, rule) -> Any:
    """``input: {href, storage}`` → ``image: {source: {url}}``; v2 reads images from URLs only."""
    if not isinstance(body, dict) or "input" not in body:
        return UNCHANGED
    if "image" in body:
        raise ctx.fail(rule.code, "both `input` (v1) and `image` (v2) are set; keep one", body, "input")
    node = body["input"]
    if not isinstance(node, dict) or "href" not in node:
        raise ctx.fail(rule.code, "`input` must be a literal object with `href` and `storage`", body, "input")
    storage = node.get("storage", "external")
    if not isinstance(storage, str) or storage not in URL_STORAGES:
        raise ctx.fail(rule.code, f"v2 remove-background reads the image from a presigned URL only; storage "
                       f"{show(storage)} has none: copy the file to external, Azure or Dropbox storage", node, "storage")
    href = node.pop("href")
    node.pop("storage", None)
    source = {"url": href}
    ctx.moved(node, "href", source, "url")
    rest = dict(node)  # leftovers stay visible, so validation names them
    node.clear()
    node["source"] = source
    node.update(rest)
    items = [("image" if k == "input" else k, v) for k, v in body.items()]
    body.clear()
    body.update(items)
    return UNCHANGED

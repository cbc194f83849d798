"""Named Python transforms that rule files refer to with ``op: transform``.

A transform is ``fn(node, ctx, rule, **args)``: it gets the value at each match of the rule's
``at`` path and returns its replacement, or :data:`UNCHANGED` after changing it in place. It
reports through ``ctx`` with ``rule.code``. Register with :func:`transform`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

UNCHANGED = object()

_REGISTRY: dict[str, Callable[..., Any]] = {}


def transform(fn: Callable[..., Any]) -> Callable[..., Any]:
    _REGISTRY[fn.__name__] = fn
    return fn


def get(name: str) -> Callable[..., Any]:
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"rules refer to an unknown transform {name!r}; known: {sorted(_REGISTRY)}") from None


def names() -> list[str]:
    _load()
    return sorted(_REGISTRY)


_LOADED: list[bool] = []


def _load() -> None:
    # Importing the modules registers their transforms (once: `get` runs for every rule match).
    if _LOADED:
        return
    _LOADED.append(True)
    from migrator.transforms import actions, artboard, composite_document, composite_layers, composite_text, convenience, lightroom, manifest, remove_background, resources  # noqa: F401

"""Which v1 endpoint a body is for, from the ``recognise`` entries in ``rules/``.

The recognisers are built once per process and indexed by the keys each needs at the top of
the body (``options/layers``, ``input``), so a body is tried only against the shapes whose
index key it holds, with each pattern tokenised once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from migrator import rulebook
from migrator.rulebook import Endpoint, Family
from migrator.tree import split_path


@dataclass(frozen=True)
class Shape:
    order: int
    family: Family
    endpoint: Endpoint  # one copy per documented body shape (``Endpoint.shapes``)
    has: tuple[tuple[str, ...], ...]
    lacks: tuple[tuple[str, ...], ...]


Key = tuple[str, ...]  # one root key, or a root key and a key of the object under it


def _key(has: tuple[tuple[str, ...], ...]) -> Key | None:
    """The most selective key every body of the shape holds: a named child of a root key
    (``options/document``), else a root key; None when a ``has`` path starts with ``*``."""
    prefixes = [tokens[:2] for tokens in has if len(tokens) > 1 and "*" not in tokens[:2] and not tokens[1].isdigit()]
    roots = [tokens[:1] for tokens in has if tokens and tokens[0] != "*"]
    return (prefixes or roots or [None])[0]


_BUILT: list = []  # [(the rulebook's endpoint rows, their index)]


def _index() -> tuple[dict[Key, tuple[Shape, ...]], tuple[Shape, ...]]:
    """Shapes by their :func:`_key`, and those with none (tried on every body); built again only
    if the rulebook's rows are not the ones it was built from (tests swap them)."""
    rows = rulebook.all_endpoints()
    if not _BUILT or _BUILT[0][0] is not rows:
        _BUILT[:] = [(rows, _build(rows))]
    return _BUILT[0][1]


def _build(rows) -> tuple[dict[Key, tuple[Shape, ...]], tuple[Shape, ...]]:
    by_key: dict[Key, list[Shape]] = {}
    anywhere: list[Shape] = []
    for order, (family, endpoint) in enumerate(rows):
        if not endpoint.recognise:
            continue
        shape = Shape(order, family, endpoint, tuple(split_path(p) for p in endpoint.recognise.has),
                      tuple(split_path(p) for p in endpoint.recognise.lacks))
        key = _key(shape.has)
        (anywhere if key is None else by_key.setdefault(key, [])).append(shape)
    return {key: tuple(shapes) for key, shapes in by_key.items()}, tuple(anywhere)


def candidates(body: Any) -> dict[str, tuple[Family, Endpoint]]:
    """Endpoint name → (family, the shape that fits) for every endpoint one of whose body shapes
    fits ``body``, in rule-file order; several shapes of one endpoint count once."""
    if not isinstance(body, dict):
        return {}
    by_key, anywhere = _index()
    tried = list(anywhere)
    for key in body:
        shapes = by_key.get((key,))
        if shapes:
            tried.extend(shapes)
    for key, value in body.items():
        if isinstance(value, dict):
            for child in value:
                shapes = by_key.get((key, child))
                if shapes:
                    tried.extend(shapes)
    # The nodes at each path prefix, walked once per body: the shapes share most prefixes
    # (twenty look below `options/layers/*`).
    reached: dict[tuple[str, ...], list] = {(): [body]}

    def nodes(tokens: tuple[str, ...]) -> list:
        found = reached.get(tokens)
        if found is None:
            token, found = tokens[-1], []
            for node in nodes(tokens[:-1]):
                if isinstance(node, dict):
                    if token == "*":
                        found.extend(node.values())
                    elif token in node:
                        found.append(node[token])
                elif isinstance(node, list):
                    if token == "*":
                        found.extend(node)
                    elif token.isdigit() and int(token) < len(node):
                        found.append(node[int(token)])
            reached[tokens] = found
        return found

    found: dict[str, tuple[Family, Endpoint]] = {}
    tried.sort(key=_order)
    for shape in tried:  # plain loops: this runs for every body convert and lint see
        for tokens in shape.has:
            if not nodes(tokens):
                break
        else:
            for tokens in shape.lacks:
                if nodes(tokens):
                    break
            else:
                found.setdefault(shape.endpoint.name, (shape.family, shape.endpoint))
    return found


def _order(shape: Shape) -> int:
    return shape.order

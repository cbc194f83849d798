"""Which v1 endpoint a body is for, from the ``recognise`` entries in ``rules/``.

A recogniser only asks whether paths exist (``has``, ``lacks``), and all of them together name
43 paths. So a body is read once along a trie of those paths, giving the set of them it holds;
which endpoints that set fits is worked out once per distinct set and remembered, since bodies
of one endpoint hold the same few sets.
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


@dataclass(eq=False)
class _Trie:
    """The recognisers' paths below one point: the named next tokens, ``*``, and the number of
    the path that ends here."""

    children: dict[str, _Trie]
    star: _Trie | None = None
    path: int | None = None
    names: frozenset = frozenset()
    indexes: tuple[tuple[int, _Trie], ...] = ()  # digit tokens, which also index an array


@dataclass(eq=False)
class _Index:
    rows: Any
    shapes: tuple[Shape, ...]  # in rule-file order
    trie: _Trie
    numbers: dict[tuple[str, ...], int]  # path → its number
    fits: dict[frozenset, dict[str, tuple[Family, Endpoint]]]


_BUILT: list[_Index] = []
_MOST_SETS = 4096  # distinct path sets remembered (a run over hostile input cannot grow it without end)


def _index() -> _Index:
    """Built again only if the rulebook's rows are not the ones it was built from (tests swap them)."""
    rows = rulebook.all_endpoints()
    if not _BUILT or _BUILT[0].rows is not rows:
        _BUILT[:] = [_build(rows)]
    return _BUILT[0]


def _build(rows) -> _Index:
    shapes = []
    for order, (family, endpoint) in enumerate(rows):
        if endpoint.recognise:
            shapes.append(Shape(order, family, endpoint, tuple(split_path(p) for p in endpoint.recognise.has),
                                tuple(split_path(p) for p in endpoint.recognise.lacks)))
    numbers: dict[tuple[str, ...], int] = {}
    root = _Trie({})
    for shape in shapes:
        for tokens in (*shape.has, *shape.lacks):
            node = root
            for token in tokens:
                if token == "*":
                    node.star = node.star or _Trie({})
                    node = node.star
                else:
                    node = node.children.setdefault(token, _Trie({}))
            node.path = numbers.setdefault(tokens, len(numbers))
    _freeze(root)
    return _Index(rows, tuple(shapes), root, numbers, {})


def _freeze(node: _Trie) -> None:
    node.names = frozenset(node.children)
    node.indexes = tuple((int(token), child) for token, child in node.children.items() if token.isdigit())
    for child in (*node.children.values(), *([node.star] if node.star else [])):
        _freeze(child)


def _held(node: Any, trie: _Trie, found: set[int]) -> None:
    """Add to ``found`` the number of each recogniser path below ``trie`` that ``node`` holds."""
    if isinstance(node, dict):
        for token in trie.names & node.keys():
            child = trie.children[token]
            if child.path is not None:
                found.add(child.path)
            if child.names or child.star:
                _held(node[token], child, found)
        values = node.values()
    elif isinstance(node, list):
        for index, child in trie.indexes:
            if index < len(node):
                if child.path is not None:
                    found.add(child.path)
                if child.names or child.star:
                    _held(node[index], child, found)
        values = node
    else:
        return
    star = trie.star
    if star is not None and values:
        if star.path is not None:
            found.add(star.path)
        if star.names or star.star:
            for value in values:
                _held(value, star, found)


def candidates(body: Any) -> dict[str, tuple[Family, Endpoint]]:
    """Endpoint name → (family, the shape that fits) for every endpoint one of whose body shapes
    fits ``body``, in rule-file order; several shapes of one endpoint count once."""
    if not isinstance(body, dict):
        return {}
    index = _index()
    found: set[int] = set()
    _held(body, index.trie, found)
    held = frozenset(found)
    fits = index.fits.get(held)
    if fits is None:
        if len(index.fits) >= _MOST_SETS:
            index.fits.clear()
        fits = index.fits[held] = _fitting(index, held)
    return dict(fits)


def _fitting(index: _Index, held: frozenset) -> dict[str, tuple[Family, Endpoint]]:
    numbers = index.numbers
    fits: dict[str, tuple[Family, Endpoint]] = {}
    for shape in index.shapes:
        if all(numbers[tokens] in held for tokens in shape.has) and \
                not any(numbers[tokens] in held for tokens in shape.lacks):
            fits.setdefault(shape.endpoint.name, (shape.family, shape.endpoint))
    return fits

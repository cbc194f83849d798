"""A request body built by appending dict literals to the lists of a dict literal:

    data = {"inputs": [...], "options": {"layers": []}, "outputs": []}
    for size in sizes:
        data["options"]["layers"].append({...})
        data["outputs"].append({...})
    requests.post(URL, json=data)

The body the request sends is the literal with each append's item in its list, once or many
times. It is converted as one *representative* body (every item added once, ``representative``),
and each item's v2 place is found by converting it again with one item added twice
(``place``): the one difference between the two results must be one more element, equal to its
neighbour, in one list, at its end. Then the base literal is written without the items and each
append names the list its item now lives in. Anything else (the item split over several places,
a body whose rest changes with the number of items, items of two lists meeting in one) is
refused with its reason, and the body stays v1 (PS701).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import libcst as cst

from migrator.codemod.payload import Literal, same, to_tree
from migrator.diagnostics import MigrationError
from migrator.tree import join_pointer

LOOPS = (cst.For, cst.While)
PART_READS = {"get", "values", "items"}  # what hands out the lists and dicts inside a body


@dataclass(frozen=True)
class Append:
    """``NAME[k1][k2]....append({...})``: ``chain`` is ``NAME[k1][k2]...``."""

    call: cst.Call
    chain: cst.Subscript
    path: tuple[str, ...]
    item: cst.Dict
    in_loop: bool


class Refused(Exception):
    """The appends cannot be followed: ``node`` is where a person must look, ``reason`` why."""

    def __init__(self, node: cst.CSTNode | None, reason: str):
        super().__init__(reason)
        self.node = node
        self.reason = reason


def followed(source, name: str, binding, changes: list[cst.CSTNode], calls: list[cst.Call]
             ) -> tuple[list[Append], list[tuple[cst.CSTNode, str]]]:
    """Each change of the dict bound by ``binding`` as an ``Append`` psmigrate can follow, or as
    ``(node, reason)`` where it cannot. ``calls``: the requests sending the body."""
    appends: list[Append] = []
    refused: list[tuple[cst.CSTNode, str]] = []
    assigned_at = source.position(binding.node)
    sent_at = [source.position(c) for c in calls]
    for node in changes:
        found = _append(source, name, node)
        if isinstance(found, str):
            refused.append((node, found))
            continue
        where = source.position(node)
        missing = _not_a_list(binding.value, found.path)
        if missing:
            refused.append((node, missing))
        elif source.scopes.scope_of.get(base_name(found.chain)) is not binding.scope:
            refused.append((node, "the append is in another function than the literal"))
        elif where < assigned_at:
            refused.append((node, "the append comes before the literal is built"))
        elif any(where > at for at in sent_at):
            refused.append((node, "the append comes after the request is sent"))
        else:
            appends.append(found if not _in_loop(source, node, binding.scope)
                           else Append(found.call, found.chain, found.path, found.item, True))
    return appends, refused


def _append(source, name: str, node: cst.CSTNode) -> Append | str:
    """``node`` as an append, or why it is not one psmigrate can follow."""
    shown = f"`{name}`"
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        method = node.func.attr.value
        if method in PART_READS:
            return f"`.{method}(...)` hands out a part of it, which other code may change"
        if method != "append":
            why = {"extend": "adds items psmigrate cannot see one by one",
                   "insert": "puts an item at a place known only at run time"}.get(method, "changes it")
            return f"`.{method}(...)` {why}; only `{name}[...].append({{...}})` with a dict literal is followed"
        chain = node.func.value
        path = _path(chain, name)
        if path is None:
            return f"`{source.code(chain)}` is not a list of {shown} named by constant string keys"
        if not path:
            return f"{shown} itself is appended to"
        if len(node.args) != 1 or node.args[0].keyword is not None or node.args[0].star:
            return "the append does not take one item"
        item = node.args[0].value
        if not isinstance(item, cst.Dict):
            code = source.code(item)
            return f"the item appended, `{code if len(code) <= 40 else code[:37] + '...'}`, is not a dict literal"
        statement = source.parents.get(node)
        if not isinstance(statement, cst.Expr):
            return "the append's result is used"
        if any(isinstance(n, cst.Name) and n.value == name for n in source.index.below(item)):
            return f"the item appended reads {shown} itself"
        return Append(node, chain, path, item, False)
    if isinstance(node, cst.Call):
        return f"{shown} is passed to `{source.code(node.func)}()`, which may change it"
    parent = source.parents.get(node)
    if isinstance(parent, cst.AugAssign):
        return f"`{source.code(node)} {source.code(parent.operator).strip()} ...` changes it in a way psmigrate " \
            "does not follow"
    if isinstance(parent, cst.Del):
        return "`del` removes a part of it"
    if isinstance(parent, cst.AssignTarget):
        return f"`{source.code(node)} = ...` sets a field after the literal is built"
    if isinstance(parent, (cst.For, cst.CompFor)):
        return f"`{source.code(node)}` is looped over, and the loop may change its items"
    statement = source.enclosing(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
    shown = source.code(statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else node).strip()
    return f"`{shown.splitlines()[0]}` hands `{source.code(node)}` to other code, which may change it"


def _not_a_list(literal: cst.Dict, path: tuple[str, ...]) -> str | None:
    """Why ``path`` does not name a list written in the literal, or None."""
    value, pointer = literal, ""
    for key in path:
        held = [e.value for e in value.elements if isinstance(e, cst.DictElement)
                and isinstance(e.key, cst.SimpleString) and e.key.evaluated_value == key] \
            if isinstance(value, cst.Dict) else []
        if len(held) != 1:
            return f"`{key}` is not a key of the literal at `{pointer or '/'}`"
        value, pointer = held[0], join_pointer(pointer, key)
    return None if isinstance(value, cst.List) else f"`{pointer}` is not a list in the literal"


def _path(chain: cst.BaseExpression, name: str) -> tuple[str, ...] | None:
    keys: list[str] = []
    while isinstance(chain, cst.Subscript):
        if len(chain.slice) != 1 or not isinstance(chain.slice[0].slice, cst.Index):
            return None
        key = chain.slice[0].slice.value
        if not isinstance(key, cst.SimpleString) or "b" in key.prefix.lower():
            return None
        keys.append(key.evaluated_value)
        chain = chain.value
    if not (isinstance(chain, cst.Name) and chain.value == name):
        return None
    return tuple(reversed(keys))


def base_name(chain: cst.BaseExpression) -> cst.Name:
    while isinstance(chain, cst.Subscript):
        chain = chain.value
    return chain


def _in_loop(source, node: cst.CSTNode, scope: cst.CSTNode) -> bool:
    parent = source.parents.get(node)
    while parent is not None and parent is not scope:
        if isinstance(parent, LOOPS):
            return True
        parent = source.parents.get(parent)
    return False


def representative(base: cst.Dict, appends: list[Append], comments_above=None,
                   copies: dict[int, int] | None = None) -> tuple[Literal, list[Any]]:
    """The body sent: the literal with each append's item (``copies[i]`` times, else once) at
    the end of its list, in source order, as one payload tree whose nodes map back to the
    literal and the items; and each append's (last) item tree."""
    literal = to_tree(base, comments_above)
    items: list[Any] = []
    for index, append in enumerate(appends):
        holder, pointer = literal.tree, ""
        for key in append.path:
            if not isinstance(holder, dict) or key not in holder:
                raise Refused(append.chain, f"`{key}` is not a key of the literal at `{pointer or '/'}`")
            holder, pointer = holder[key], join_pointer(pointer, key)
        if not isinstance(holder, list):
            raise Refused(append.chain, f"`{pointer}` is not a list in the literal")
        for _ in range((copies or {}).get(index, 1)):
            item = to_tree(append.item, comments_above)
            here = join_pointer(pointer, len(holder))
            holder.append(item.tree)
            for key in ("containers", "snapshots", "strings", "comments", "trailing"):
                getattr(literal, key).update(getattr(item, key))
            for inner, node in item.nodes.items():
                literal.nodes.setdefault(here + inner, node)
        items.append(holder[-1] if holder and (copies or {}).get(index, 1) else None)
    return literal, items


@dataclass(frozen=True)
class Place:
    path: tuple[str, ...]  # the v2 list the item goes to
    index: int  # where the representative body has it


def place(result: Any, appends: list[Append], convert_with) -> list[Place]:
    """Where each append's item is in the converted representative body ``result``.
    ``convert_with(copies)`` converts the representative body with those copies. Raises
    ``Refused`` where the place is not one list element at the end of its list."""
    places: list[Place] = []
    for index, append in enumerate(appends):
        try:
            doubled = convert_with({index: 2})
        except Exception as exc:  # noqa: BLE001 - a rule refusing two items is a count dependence
            why = f"{exc.code} {exc.message}" if isinstance(exc, MigrationError) else f"{type(exc).__name__}: {exc}"
            raise Refused(append.call, f"with two items the conversion fails ({why}), so it depends on how many "
                          "items there are") from None
        found: list[tuple[tuple, int]] = []
        if not _differences(result, doubled, (), found) or len(found) != 1:
            raise Refused(append.call, "the item's v2 form is not one list element: with two items the converted "
                          "body differs in more than one place, so its conversion depends on how many items there are")
        path, where = found[0]
        if not all(isinstance(k, str) for k in path):
            shown = "/" + "/".join(map(str, path))
            raise Refused(append.call, f"the item goes to `{shown}`, a list inside a list element")
        places.append(Place(path, where))
    by_list: dict[tuple, list[int]] = {}
    for index, found in enumerate(places):
        by_list.setdefault(found.path, []).append(index)
    for path, indices in by_list.items():
        holder = at(result, path)
        shown = "/" + "/".join(path)
        if len({appends[i].path for i in indices}) > 1:
            raise Refused(appends[indices[-1]].call, f"items appended to different lists all go to `{shown}`, "
                          "where their order would be the order the appends run in")
        if [places[i].index for i in indices] != list(range(len(holder) - len(indices), len(holder))):
            raise Refused(appends[indices[-1]].call, f"the item is not at the end of `{shown}` in v2, "
                          "so appending to that list would put it in the wrong place")
    return places


def _differences(a: Any, b: Any, path: tuple, found: list) -> bool:
    """Collect into ``found`` each ``(path, index)`` where list ``b`` is list ``a`` with its
    element ``index`` repeated; False on any other difference."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_differences(a[k], b[k], (*path, k), found) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) == len(b):
            return all(_differences(x, y, (*path, i), found) for i, (x, y) in enumerate(zip(a, b)))
        if len(b) != len(a) + 1:
            return False
        for index in reversed(range(len(a))):
            if same(b[:index + 1] + b[index + 2:], a) and same(b[index + 1], a[index]):
                found.append((path, index))
                return True
        return False
    return same(a, b)


def at(tree: Any, path: tuple) -> Any:
    for key in path:
        tree = tree[key]
    return tree


def take_items(result: Any, places: list[Place]) -> list[Any]:
    """Remove each placed item from the converted body (which is then the base literal's v2
    form) and return them, in the appends' order."""
    items = [at(result, p.path)[p.index] for p in places]
    for found in sorted(places, key=lambda p: -p.index):
        del at(result, found.path)[found.index]
    return items


def capped(schema_name: str, tree: Any, path: tuple[str, ...], item: Any, problems) -> int | None:
    """The most items the v2 schema takes in the list at ``path`` of ``tree`` (up to 100), found
    by validating the body with that list grown; None when it takes more than 100."""
    holder = at(tree, path)
    original = list(holder)
    pointer = "/" + "/".join(path)

    def too_many(count: int) -> bool:
        holder[:] = original + [item] * max(0, count - len(original))
        return any(p == pointer for p, _ in problems(schema_name, tree))

    try:
        if not too_many(101):
            return None
        low, high = max(len(original), 1), 101  # too_many(high) holds; find the first count that fails
        while low < high:
            middle = (low + high) // 2
            if too_many(middle):
                high = middle
            else:
                low = middle + 1
        return low - 1
    finally:
        holder[:] = original

"""The rule engine: apply a family's ordered rules to a payload tree.

Rules change the tree in place. Objects and arrays keep their identity when they move, so a
diagnostic raised after a move can still name where the value stood in the v1 input: the
context records every container's original JSON pointer before the first rule runs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from migrator import transforms
from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.rulebook import (
    Drop,
    Endpoint,
    Family,
    Manual,
    MapValues,
    Move,
    ReplaceText,
    Rule,
    Set,
    Stringify,
    Transform,
    Wrap,
)
from migrator.tree import (
    JsonText,
    follow,
    Opaque,
    contains_opaque,
    get_path,
    join_pointer,
    matcher,
    matches,
    ranks,
    reorder,
    set_path,
    split_path,
)
from migrator.wording import show


@dataclass
class Options:
    allow_unsupported: bool = False


@dataclass
class Context:
    family: Family
    endpoint: Endpoint
    options: Options = field(default_factory=Options)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # id(container) → (container, the entry of its v1 parent or None, its key there or the pointer
    # of a root, its v1 keys or length). Pointers are spelled out only when asked for: most
    # containers are never named. The container is kept alive so its id cannot be reused.
    _origins: dict[int, tuple[Any, Any, Any, Any]] = field(default_factory=dict)
    _moved: dict[tuple[int, str | int], tuple | None] = field(default_factory=dict)  # as _locate returns

    def remember_origins(self, node: Any, pointer: str = "") -> None:
        if isinstance(node, (dict, list)) and id(node) not in self._origins:
            entry = self._origins[id(node)] = (node, None, pointer,
                                               tuple(node) if isinstance(node, dict) else len(node))
            _remember_below(node, entry, self._origins)

    def origin(self, container: Any, key: str | int | None = None) -> str:
        """The v1 pointer of ``container[key]`` (or of the container itself); where the value is
        new, the nearest v1 location known."""
        return _spelled(self._locate(container, key))

    def _locate(self, container: Any, key: str | int | None) -> tuple | None:
        """:meth:`origin` as (an origin entry, a key below it or None), not yet spelled out."""
        if key is not None:
            moved = self._moved.get((id(container), key), _MISSING)
            if moved is not _MISSING:
                return moved
            value = _child(container, key)
            entry = self._origins.get(id(value))
            if entry is not None and entry[0] is value:
                return entry, None
        entry = self._origins.get(id(container))
        if entry is None or entry[0] is not container:
            return None
        keys = entry[3]
        had_key = key in keys if isinstance(keys, tuple) else isinstance(key, int) and 0 <= key < keys
        return entry, key if key is not None and had_key else None

    def moved(self, old: Any, old_key: str | int, new: Any, new_key: str | int) -> None:
        """Record that ``new[new_key]`` came from ``old[old_key]`` (for scalars, which have no identity)."""
        self._moved[id(new), new_key] = self._locate(old, old_key)
        if id(new) not in self._origins:
            self.remember_origins(new)

    def report(self, code: str, message: str, container: Any = None, key: str | int | None = None,
               severity: Severity = Severity.WARNING, fix: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, severity, self.origin(container, key), fix=fix))

    def fail(self, code: str, message: str, container: Any = None, key: str | int | None = None) -> MigrationError:
        return MigrationError(code, message, self.origin(container, key))


def _remember_below(container: Any, entry: tuple, origins: dict) -> None:
    for key, value in container.items() if isinstance(container, dict) else enumerate(container):
        if isinstance(value, dict):  # scalars have no identity to remember
            if id(value) not in origins:
                child = origins[id(value)] = (value, entry, key, tuple(value))
                _remember_below(value, child, origins)
        elif isinstance(value, list) and id(value) not in origins:
            child = origins[id(value)] = (value, entry, key, len(value))
            _remember_below(value, child, origins)


def _spelled(where: tuple | None) -> str:
    if where is None:
        return ""
    entry, key = where
    pointer = _pointer(entry)
    return pointer if key is None else join_pointer(pointer, key)


def _pointer(entry: tuple) -> str:
    keys = []
    while entry[1] is not None:
        keys.append(entry[2])
        entry = entry[1]
    pointer = entry[2]
    for key in reversed(keys):
        pointer = join_pointer(pointer, key)
    return pointer


def _child(container: Any, key: str | int) -> Any:
    if isinstance(container, dict):
        return container.get(key)
    if isinstance(container, list) and isinstance(key, int) and key < len(container):
        return container[key]
    return None


def applies(rule: Rule, endpoint: Endpoint) -> bool:
    return rule.endpoints is None or endpoint.name in rule.endpoints


# The steps of one plan, in rule order, as blocks of consecutive steps for one root key: a
# block is skipped at once when the body has no such key (most rules are for a part a body
# does not have), and the others run their steps. (Steps below a root key can change what is
# under it, or drop it, never add it: a block skipped whole skips what each step would skip.)
Block = tuple["str | None", tuple[tuple[Any, Any], ...]]  # root key or None, (matcher, action) per step
_PLANS: dict[tuple[int, str], tuple[Block, ...]] = {}


def _plan(family: Family, endpoint: Endpoint) -> tuple[Block, ...]:
    """The family's rules that apply to ``endpoint``, worked out once per endpoint (the family
    is kept alive by the rulebook, so its id stays its own)."""
    key = (id(family), endpoint.name)
    if key not in _PLANS:
        _PLANS[key] = _blocks(family.rules, endpoint)
    return _PLANS[key]


def _blocks(rules, endpoint: Endpoint) -> tuple[Block, ...]:
    blocks: list[tuple[str | None, list]] = []
    for rule in rules:
        if applies(rule, endpoint):
            tokens = split_path(rule.at)
            root_key = tokens[0] if tokens and tokens[0] != "*" else None
            if not blocks or blocks[-1][0] != root_key or root_key is None:
                blocks.append((root_key, []))
            blocks[-1][1].append((matcher(tokens) if tokens else None, _action(rule)))
    return tuple((root_key, tuple(steps)) for root_key, steps in blocks)


def run_rules(body: Any, ctx: Context, rules: tuple[Rule, ...] | None = None) -> Any:
    """Apply ``rules`` (default: the family's) and the family's key order; return the new root."""
    ctx.remember_origins(body)
    root = {"": body}  # a holder, so rules at the root can replace it
    for root_key, steps in _plan(ctx.family, ctx.endpoint) if rules is None else _blocks(rules, ctx.endpoint):
        current = root[""]
        if root_key is not None and isinstance(current, dict) and root_key not in current:
            continue
        for match, act in steps:
            if match is None:
                act(root, "", current, ctx)
                continue
            for parent, key, value in match(current):
                act(parent, key, value, ctx)
    result = root[""]
    _order_keys(result, _key_order(ctx.family))
    return result


@dataclass(eq=False)
class _KeyOrder:
    """The family's ``key_order`` as a trie of its paths: one walk of a body puts every object
    the paths name in order, sharing the prefixes (seventeen paths below `edits`)."""

    order: tuple[str, ...] | None = None
    ranks: dict[str, int] = field(default_factory=dict)
    children: dict[str, _KeyOrder] = field(default_factory=dict)
    star: _KeyOrder | None = None


_KEY_ORDERS: dict[int, tuple[Family, _KeyOrder]] = {}


def _key_order(family: Family) -> _KeyOrder:
    """Built once per family (the entry keeps its family, so the id stays its own)."""
    entry = _KEY_ORDERS.get(id(family))
    if entry is None or entry[0] is not family:
        root = _KeyOrder()
        for pattern, order in family.key_order.items():
            node = root
            for token in split_path(pattern):
                if token == "*":
                    node.star = node.star or _KeyOrder()
                    node = node.star
                else:
                    node = node.children.setdefault(token, _KeyOrder())
            node.order, node.ranks = order, ranks(tuple(order))
        entry = _KEY_ORDERS[id(family)] = (family, root)
    return entry[1]


def _order_keys(node: Any, trie: _KeyOrder) -> None:
    if isinstance(node, dict):
        if trie.order:
            reorder(node, trie.order, trie.ranks)
        for token, child in trie.children.items():
            if token in node:
                _order_keys(node[token], child)
        if trie.star is not None:
            for value in node.values():
                _order_keys(value, trie.star)
    elif isinstance(node, list):
        for token, child in trie.children.items():
            if token.isdigit() and int(token) < len(node):
                _order_keys(node[int(token)], child)
        if trie.star is not None:
            for value in node:
                _order_keys(value, trie.star)


def apply_rule(rule: Rule, root: dict, ctx: Context) -> None:
    tokens = split_path(rule.at)
    act = _action(rule)
    for parent, key, value in matches(root[""], tokens) if tokens else [(root, "", root[""])]:
        act(parent, key, value, ctx)


def _action(rule: Rule):
    """``rule``'s operation as ``act(parent, key, value, ctx)``, with what it looks up bound once."""
    if isinstance(rule, Transform):
        function, args, unchanged = transforms.get(rule.transform), rule.args, transforms.UNCHANGED
        if args:
            function = partial(function, **args)

        def act(parent, key, node, ctx: Context) -> None:
            result = function(node, ctx, rule)
            if result is not unchanged:
                parent[key] = result
        return act
    if isinstance(rule, Move):  # the two paths as (parents, last key)
        *from_parents, from_last = split_path(rule.from_)
        *to_parents, to_last = split_path(rule.to)
        return partial(_move, rule, tuple(from_parents), from_last, tuple(to_parents), to_last)
    return partial(OPS[type(rule)], rule)


def _move(rule: Move, from_parents: tuple[str, ...], from_last: str, to_parents: tuple[str, ...], to_last: str,
          parent, key, node, ctx: Context) -> None:
    if not isinstance(node, dict):
        return
    old_parent = follow(node, from_parents, _MISSING)
    if not isinstance(old_parent, dict) or from_last not in old_parent:
        return
    new_parent = follow(node, to_parents, _MISSING)
    if new_parent is not _MISSING and _holds(new_parent, to_last):
        raise ctx.fail(rule.code, f"both `{rule.from_}` (v1) and `{rule.to}` (v2) are set; keep one", node, from_last)
    blocker = non_object_on_path(node, to_parents)
    if blocker is not None:
        raise ctx.fail(rule.code, f"cannot move `{rule.from_}` to `{rule.to}`: `{blocker}` is not an object", node,
                       from_last)
    value = old_parent.pop(from_last)
    target = node
    for token in to_parents:
        target = target.setdefault(token, {})
    target[to_last] = value
    ctx.moved(old_parent, from_last, target, to_last)


_MISSING = object()


def _holds(node: Any, token: str) -> bool:
    return isinstance(node, dict) and token in node or \
        isinstance(node, list) and token.isdigit() and int(token) < len(node)


def non_object_on_path(node: dict, path: str | tuple[str, ...]) -> str | None:
    """The first parent on ``path`` (a path, or its parents' tokens) that exists but is not an
    object, so nothing can go in it."""
    parents = split_path(path)[:-1] if isinstance(path, str) else path
    for depth, token in enumerate(parents, 1):
        if not isinstance(node, dict) or token not in node:
            return None
        node = node[token]
        if not isinstance(node, dict):
            return "/".join(parents[:depth])
    return None


def _wrap(rule: Wrap, parent, key, node, ctx: Context) -> None:
    wrapped: dict = {}
    set_path(wrapped, rule.into, node)
    parent[key] = wrapped


def _map_values(rule: MapValues, parent, key, node, ctx: Context) -> None:
    for path, allowed in rule.when.items():
        if get_path(parent, path) not in allowed:
            return
    if isinstance(node, Opaque):
        ctx.report(rule.code, f"{rule.summary}: the value is computed at run time; map it by hand", parent, key)
        return
    if isinstance(node, str) and node in rule.table:
        parent[key] = rule.table[node]
        return
    if isinstance(node, (int, float)) and not isinstance(node, bool):
        for r in rule.ranges:
            if r.min <= node <= r.max:
                parent[key] = r.value
                return
    if isinstance(node, str) and (node in rule.table.values() or node in {r.value for r in rule.ranges}):
        return  # already a v2 value
    if rule.unmapped == "error":
        raise ctx.fail(rule.code, f"{rule.summary}: no v2 value for {show(node)}", parent, key)


def _stringify(rule: Stringify, parent, key, node, ctx: Context) -> None:
    if isinstance(node, (str, JsonText)):
        return
    parent[key] = JsonText(node) if contains_opaque(node) else json.dumps(node, separators=(",", ":"), ensure_ascii=False)


def _set(rule: Set, parent, key, node, ctx: Context) -> None:
    if not isinstance(node, dict) or rule.key in node:
        return
    if any(get_path(node, path) not in allowed for path, allowed in rule.when.items()):
        return
    node[rule.key] = rule.value
    if rule.message:
        ctx.report(rule.code, rule.message, parent, key, Severity.INFO)


def _replace_text(rule: ReplaceText, parent, key, node, ctx: Context) -> None:
    pattern = re.compile(rule.pattern)

    def rewrite(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(rule.replacement, value)
        if isinstance(value, dict):
            for k, v in value.items():
                value[k] = rewrite(v)
        elif isinstance(value, list):
            value[:] = [rewrite(v) for v in value]
        return value

    parent[key] = rewrite(node)


def _drop(rule: Drop, parent, key, node, ctx: Context) -> None:
    ctx.report(rule.code, rule.message, parent, key, Severity(rule.severity))
    del parent[key]


def _manual(rule: Manual, parent, key, node, ctx: Context) -> None:
    raise ctx.fail(rule.code, rule.message, parent, key)


OPS = {  # a Move's action is bound in _action
    Wrap: _wrap,
    MapValues: _map_values,
    Stringify: _stringify,
    Set: _set,
    ReplaceText: _replace_text,
    Drop: _drop,
    Manual: _manual,
}

"""The payload tree the engine works on.

A payload is plain JSON data (dict, list, str, int, float, bool, None) in which some leaves may
be :class:`Opaque`: values the engine does not understand, such as a Python expression found by
the codemod. The engine moves opaque leaves to their new place untouched and never looks inside.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Callable


class Opaque:
    """A leaf the engine must carry, never inspect (for example a libcst expression)."""

    __slots__ = ("node", "label")

    def __init__(self, node: Any, label: str = "<expression>") -> None:
        self.node = node
        self.label = label

    def __repr__(self) -> str:
        # what a message shows where a rule names the value: the expression, as its user wrote it
        return f"`{self.label}` (set at run time)"


class JsonText:
    """A value that must end up as JSON text but holds opaque leaves, so cannot be serialised
    here. The codemod renders it as ``json.dumps(...)``."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"JsonText({self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JsonText) and other.value == self.value

    __hash__ = None  # type: ignore[assignment]


def contains_opaque(value: Any) -> bool:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, (Opaque, JsonText)):
            return True
    return False


def opaque_pointers(value: Any, pointer: str = "") -> list[str]:
    """The JSON pointer of every opaque leaf below ``value``, in document order."""
    if isinstance(value, Opaque):
        return [pointer]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return [found for key, child in items for found in opaque_pointers(child, join_pointer(pointer, key))]


def escape_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, token: str | int) -> str:
    if type(token) is int or "~" not in token and "/" not in token:  # nearly every key: nothing to escape
        return f"{pointer}/{token}"
    return f"{pointer}/{escape_token(token)}"


@lru_cache(maxsize=8192)
def split_path(path: str) -> tuple[str, ...]:
    """``"/outputs/*/href"`` or ``"destination/url"`` → tokens; ``""`` and ``"/"`` → ().
    Cached: the rules' paths are tokenised once per process, not once per body."""
    stripped = path.strip("/")
    return tuple(unescape_token(t) for t in stripped.split("/")) if stripped else ()


def iter_matches(root: Any, pattern: str) -> Iterator[tuple[Any, str | int | None, Any]]:
    """Yield ``(parent, key, value)`` for every node matching a pointer pattern.

    ``*`` matches any key of an object or any index of an array. The empty pattern matches the
    root with ``parent`` and ``key`` set to None. Matches are listed before anything is yielded,
    so callers may change the tree as they go.
    """
    yield from matches(root, split_path(pattern))


def matches(root: Any, tokens: tuple[str, ...]) -> list[tuple[Any, str | int | None, Any]]:
    """:func:`iter_matches` for a tokenised pattern, as a list."""
    return matcher(tokens)(root)


_MATCHERS: dict[tuple[str, ...], Callable[[Any], list]] = {}


def matcher(tokens: tuple[str, ...]) -> Callable[[Any], list]:
    """A function listing the matches of ``tokens`` in a tree, written for that pattern once per
    process: the engine matches every rule's path on every body, and a loop over tokens that
    asks at each step whether it is ``*`` or a digit costs more than the walk itself."""
    found = _MATCHERS.get(tokens)
    if found is None:
        found = _MATCHERS[tokens] = _compile(tokens)
    return found


def _compile(tokens: tuple[str, ...]) -> Callable[[Any], list]:
    if not tokens:
        return lambda root: [(None, None, root)]
    lines = ["def match(root):", " found = []", " n0 = root"]
    constants: dict[str, Any] = {"dict": dict, "list": list, "isinstance": isinstance, "enumerate": enumerate}
    depth = 1
    for i, token in enumerate(tokens):
        node, child, pad = f"n{i}", f"n{i + 1}", " " * depth
        if token == "*":
            lines.append(f"{pad}for k{i + 1}, {child} in ({node}.items() if isinstance({node}, dict) else "
                         f"enumerate({node}) if isinstance({node}, list) else ()):")
            lines.append(f"{pad} p{i + 1} = {node}")
        else:
            name = f"t{i}"
            constants[name] = token
            if token.isdigit():  # an object's key, or an array's index
                constants[f"i{i}"] = int(token)
                lines.append(f"{pad}for p{i + 1}, k{i + 1}, {child} in (({node}, {name}, {node}[{name}]),) "
                             f"if isinstance({node}, dict) and {name} in {node} else (({node}, i{i}, {node}[i{i}]),) "
                             f"if isinstance({node}, list) and i{i} < len({node}) else ():")
            else:
                lines.append(f"{pad}if isinstance({node}, dict) and {name} in {node}:")
                lines.append(f"{pad} p{i + 1}, k{i + 1}, {child} = {node}, {name}, {node}[{name}]")
        depth += 1
    last = len(tokens)
    lines.append(f"{' ' * depth}found.append((p{last}, k{last}, n{last}))")
    lines.append(" return found")
    exec("\n".join(lines), constants)  # noqa: S102 - the code is built from rule paths, above
    return constants["match"]


def get_path(node: Any, path: str, default: Any = None) -> Any:
    return follow(node, split_path(path), default)


def follow(node: Any, tokens: tuple[str, ...], default: Any = None) -> Any:
    """The node at ``tokens`` below ``node`` (object keys, array indexes as digits), or ``default``."""
    for token in tokens:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return default
    return node


def has_path(node: Any, path: str) -> bool:
    sentinel = object()
    return get_path(node, path, sentinel) is not sentinel


def set_path(node: dict, path: str, value: Any) -> None:
    """Set ``value`` at a relative object path, creating intermediate objects."""
    *parents, last = split_path(path)
    for token in parents:
        node = node.setdefault(token, {})
    node[last] = value


def reorder(obj: dict, order: tuple[str, ...] | list[str], rank: dict[str, int] | None = None) -> None:
    """Put the keys named in ``order`` first, in that order; keep the rest after, as they were.
    Works in place so the object keeps its identity (the engine tracks origins by identity).
    ``rank`` is :func:`ranks` of ``order``, for a caller that keeps it."""
    if not obj:
        return
    rank = rank or ranks(tuple(order))
    last = -1
    for key in obj:  # most objects are in order already: say so after reading their own keys
        position = rank.get(key)
        if position is None:
            last = len(rank)
        elif position < last:
            break
        else:
            last = position
    else:
        return
    items = [(k, obj[k]) for k in order if k in obj] + [(k, v) for k, v in obj.items() if k not in rank]
    obj.clear()
    obj.update(items)


@lru_cache(maxsize=256)
def ranks(order: tuple[str, ...]) -> dict[str, int]:
    """Each key of ``order`` → its place (the first, for a key named twice)."""
    found: dict[str, int] = {}
    for key in order:
        found.setdefault(key, len(found))
    return found


def put_first(obj: dict, key: str, value: Any) -> None:
    """Set ``obj[key] = value`` as the first key, in place (keeps the object's identity)."""
    obj.pop(key, None)
    rest = list(obj.items())
    obj.clear()
    obj[key] = value
    obj.update(rest)

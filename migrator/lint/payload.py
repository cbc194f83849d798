"""A parsed request body as the lint rules see it: the body, its v2 endpoint and walkers that
yield JSON pointers with values."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from migrator.resources import data_dir
from migrator.tree import join_pointer, split_path

EXECUTE_ACTIONS = "/v2/execute-actions"
CREATE_COMPOSITE = "/v2/create-composite"
CREATE_ARTBOARD = "/v2/create-artboard"
EDIT = "/v2/edit"
GENERATE_MANIFEST = "/v2/generate-manifest"
REMOVE_BACKGROUND = "/v2/remove-background"

# Families whose `outputs` items are Photoshop outputs (quality, compression, layers, ...).
PHOTOSHOP_OUTPUTS = frozenset({EXECUTE_ACTIONS, CREATE_COMPOSITE, CREATE_ARTBOARD})
# Families with an `outputs` array of {destination, mediaType, ...}.
OUTPUT_ARRAYS = PHOTOSHOP_OUTPUTS | {EDIT, GENERATE_MANIFEST}
# Families with `fontOptions` (execute-actions under options, create-composite at the root).
FONT_OPTIONS = frozenset({EXECUTE_ACTIONS, CREATE_COMPOSITE})

# Top-level keys of v1 bodies (PITS, acr and ic schemas in adobe-v1-schemas/).
V1_ROOT_KEYS = frozenset({"inputs", "input", "options", "outputs", "output"})
# Keys only a v2 body has at its root.
V2_ROOT_MARKERS = frozenset({"image", "images"})
# When the shape fits several schemas equally well, the most general family wins.
PREFERENCE = (CREATE_COMPOSITE, EXECUTE_ACTIONS, EDIT, GENERATE_MANIFEST, CREATE_ARTBOARD, REMOVE_BACKGROUND)


@dataclass(eq=False)
class Payload:
    body: Any
    endpoint: str | None  # the v2 path, e.g. "/v2/execute-actions"; None when unknown
    findings: list[tuple[str, str]] = field(default_factory=list)  # (code, pointer) so far, for PS699
    _strings: list[tuple[str, str]] | None = field(default=None, repr=False)
    _keys: list[tuple[str, dict, str]] | None = field(default=None, repr=False)

    def walk(self, pattern: str) -> Iterator[tuple[str, Any]]:
        """``(pointer, value)`` for each node matching a pattern such as ``/outputs/*``."""
        found: list[tuple[str, Any]] = [("", self.body)]
        for token in split_path(pattern):
            step = []
            for pointer, node in found:
                if isinstance(node, dict):
                    keys = list(node) if token == "*" else [token] if token in node else []
                    step.extend((join_pointer(pointer, k), node[k]) for k in keys)
                elif isinstance(node, list):
                    if token == "*":
                        step.extend((join_pointer(pointer, i), v) for i, v in enumerate(node))
                    elif token.isdigit() and int(token) < len(node):
                        step.append((join_pointer(pointer, token), node[int(token)]))
            found = step
        yield from found

    def objects(self, pattern: str) -> Iterator[tuple[str, dict]]:
        return ((p, v) for p, v in self.walk(pattern) if isinstance(v, dict))

    def keys_named(self, *names: str) -> Iterator[tuple[str, dict, str]]:
        """``(pointer of the key, its object, key)`` for every object key in ``names``, anywhere."""
        return ((join_pointer(pointer, key), obj, key) for pointer, obj, key in self._all_keys() if key in names)

    def _all_keys(self) -> list[tuple[str, dict, str]]:
        """Every object key in the body as (pointer of its object, the object, key), walked once
        for all the rules that look for keys; a key's own pointer is made only for those asked for."""
        if self._keys is None:
            found: list[tuple[str, dict, str]] = []
            stack: list[tuple[str, Any]] = [("", self.body)]
            while stack:
                pointer, node = stack.pop()
                if isinstance(node, dict):
                    for key, value in node.items():
                        found.append((pointer, node, key))
                        if isinstance(value, (dict, list)):
                            stack.append((join_pointer(pointer, key), value))
                elif isinstance(node, list):
                    stack.extend((join_pointer(pointer, i), v) for i, v in enumerate(node) if isinstance(v, (dict, list)))
            self._keys = found
        return self._keys

    def strings(self) -> list[tuple[str, str]]:
        """Every string value with its pointer, in document order."""
        if self._strings is None:
            found: list[tuple[str, str]] = []
            _collect_strings("", self.body, found)
            self._strings = found
        return self._strings

    def outputs(self) -> Iterator[tuple[str, dict]]:
        return self.objects("/outputs/*")

    @property
    def has_uxp(self) -> bool:
        return isinstance(self.body, dict) and isinstance(self.body.get("options"), dict) \
            and "uxp" in self.body["options"]


def _collect_strings(pointer: str, node: Any, found: list[tuple[str, str]]) -> None:
    if isinstance(node, str):
        found.append((pointer, node))
    elif isinstance(node, dict):
        for key, value in node.items():
            _collect_strings(join_pointer(pointer, key), value, found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _collect_strings(join_pointer(pointer, index), value, found)


@cache
def schema_index() -> dict[str, str]:
    """v2 path → schema name, from ``schemas/index.json``."""
    index = json.loads((data_dir("schemas") / "index.json").read_text(encoding="utf-8"))
    return {path: name.removesuffix(".json") for path, name in index.items()}


def schema_for(endpoint: str) -> str:
    return schema_index()[endpoint]


def resolve_endpoint(name: str) -> str:
    """``--endpoint``: a v2 path (``/v2/edit``), its last segment (``edit``), or a v1 endpoint
    that ``rules/`` maps to a v2 one (``photoshopActions``). Raises KeyError with the choices."""
    wanted = name.strip().rstrip("/")
    for path in schema_index():
        if wanted in (path, path.rsplit("/", 1)[-1]) or wanted.endswith(path):
            return path
    from migrator import rulebook

    try:
        return rulebook.find_endpoint(wanted)[0].v2
    except KeyError:
        known = ", ".join(p.rsplit("/", 1)[-1] for p in schema_index())
        raise KeyError(f"unknown endpoint {name!r}; v2 endpoints: {known} (or a v1 endpoint name)") from None


def is_v1_body(body: Any) -> bool:
    """A whole v1 body: no v2 root key, and a v1 envelope (``inputs``/``input``), a v1 file
    reference on an output, or a v1 endpoint recogniser from ``rules/`` matching it."""
    if not isinstance(body, dict) or V2_ROOT_MARKERS & body.keys():
        return False
    if "inputs" in body or "input" in body:
        return True
    outputs = body.get("outputs")
    if isinstance(outputs, list) and any(isinstance(o, dict) and "href" in o for o in outputs):
        return True
    return recognised_v1_endpoint(body) is not None


def recognised_v1_endpoint(body: dict) -> str | None:
    """The one v1 endpoint whose recogniser in ``rules/`` fits ``body``, if exactly one does."""
    from migrator import recognise

    found = recognise.candidates(body)
    return next(iter(found)) if len(found) == 1 else None  # several shapes of one endpoint are one


def looks_like_payload(body: Any) -> bool:
    """Whether any key at the root is one a v1 or v2 request body uses (so ``package.json``
    found by a directory walk is not linted as a request)."""
    if not isinstance(body, dict):
        return False
    known = set(V1_ROOT_KEYS)
    for endpoint in schema_index():
        known |= _root_properties(endpoint)
    return bool(known & body.keys())


def infer_endpoint(body: Any) -> str | None:
    """The v2 endpoint a body is written for, from its shape: the schema whose root properties
    explain most of the body's keys; ties go to a schema the body is valid against, then to
    the one with fewest errors, then to :data:`PREFERENCE`."""
    if not isinstance(body, dict) or not body:
        return None
    scores = {}
    for endpoint in schema_index():
        props = _root_properties(endpoint)
        scores[endpoint] = sum(1 if k in props else -1 for k in body) + len(_nested_hints(endpoint, body))
    best = max(scores.values())
    if best <= 0:
        return None
    tied = sorted((e for e, s in scores.items() if s == best), key=_preference)
    if len(tied) == 1:
        return tied[0]
    from migrator import schemas

    return min(tied, key=lambda e: (len(schemas.errors(schema_for(e), body)), _preference(e)))


def _preference(endpoint: str) -> int:
    return PREFERENCE.index(endpoint) if endpoint in PREFERENCE else len(PREFERENCE)


@cache
def _root_properties(endpoint: str) -> frozenset[str]:
    return frozenset(schema_properties()[endpoint]["root"])


def _nested_hints(endpoint: str, body: dict) -> set[str]:
    """Keys one level down (``edits.layers`` vs ``edits.light``) that this endpoint's schema
    declares, as ``parent.child`` names, to tell families that share root keys apart."""
    hints = set()
    for key, value in body.items():
        if isinstance(value, dict):
            hints |= {f"{key}.{k}" for k in value if k in _child_properties(endpoint, key)}
    return hints


@cache
def _child_properties(endpoint: str, key: str) -> frozenset[str]:
    return frozenset(schema_properties()[endpoint]["children"].get(key, ()))


@cache
def schema_properties() -> dict[str, dict]:
    """Per v2 endpoint, the property names its schema declares at the root and one level down,
    from ``schemas/properties.json``: what telling families apart needs, without reading and
    parsing the 300 KB of schemas themselves at every start (``tools/gen_schemas.py`` writes it
    with :func:`properties_of`; a test checks it matches the schemas shipped)."""
    return json.loads((data_dir("schemas") / "properties.json").read_text(encoding="utf-8"))


def properties_of(schema: dict) -> dict:
    """``{"root": [names], "children": {root name: [names]}}`` for one schema, sorted."""
    root = schema.get("properties", {})
    children = {key: sorted(_properties(schema, node)) for key, node in sorted(root.items())}
    return {"root": sorted(root), "children": {key: names for key, names in children.items() if names}}


def _properties(root: dict, node: dict, depth: int = 0) -> set[str]:
    """Property names a (sub)schema declares, through ``$ref`` and ``oneOf``/``anyOf``/``allOf``."""
    if depth > 4 or not isinstance(node, dict):
        return set()
    if "$ref" in node:
        target = root.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[-1], {})
        return _properties(root, target, depth + 1) | set(node.get("properties", {}))
    names = set(node.get("properties", {}))
    for combinator in ("oneOf", "anyOf", "allOf"):
        for branch in node.get(combinator, []):
            names |= _properties(root, branch, depth + 1)
    return names

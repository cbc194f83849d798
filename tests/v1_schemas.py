"""Adobe's v1 JSON Schemas as self-contained documents, for hypothesis strategies.

The v1 schemas refer to their siblings by file name (``file_input.schema.json#/definitions/…``;
two files even share one ``$id``), which hypothesis-jsonschema cannot follow, so the references
are inlined here. A reference already being inlined (layers contain layers) becomes ``{}``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

# if/then/else only narrows href patterns by storage kind; hypothesis-jsonschema spends seconds
# per body resolving it, and dropping it only widens what is generated.
DROP = {"$schema", "$id", "definitions", "example", "examples", "if", "then", "else"}


@cache
def _document(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _pointer(document: dict, fragment: str):
    node = document
    for token in filter(None, fragment.split("/")):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def inline(path: Path) -> dict:
    def resolve(node, current: Path, stack: tuple):
        if isinstance(node, list):
            return [resolve(item, current, stack) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            file_part, _, fragment = node["$ref"].partition("#")
            target = current.parent / file_part if file_part else current
            key = (target.name, fragment)
            if key in stack:
                return {}
            return resolve(_pointer(_document(target), fragment), target, stack + (key,))
        return {k: resolve(v, current, stack) for k, v in node.items() if k not in DROP}

    return resolve(_document(path), path, ())


def v1_bodies(reference: Path, schema: str) -> st.SearchStrategy:
    """Bodies valid against Adobe's v1 schema ``schema`` (relative to adobe-v1-schemas/)."""
    from hypothesis_jsonschema import from_schema

    return from_schema(inline(reference / "adobe-v1-schemas" / schema))

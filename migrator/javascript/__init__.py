"""JavaScript and TypeScript callers: a source kind of ``psmigrate codemod`` and ``lint``.

``parse.py`` parses a file with tree-sitter's JavaScript, TypeScript or TSX grammar (by suffix);
``strings.py`` reads string and template literals into literal pieces and run-time splices, with
byte ranges; ``scope.py`` knows what a name holds (a ``const`` of the module, or one imported
from a sibling module by ``import`` or ``require``); ``calls.py`` finds the HTTP requests
(``fetch``, node-fetch, axios and its instances, got, ky, request, wrapper methods taking a path)
and ``sdk.py`` the calls of Adobe's v1 SDKs; ``body.py`` turns an object literal into a payload
tree (everything computed as ``Opaque`` leaves, written back verbatim) and back;
``responses.py`` follows responses to their v1 reads; ``rewrite.py`` plans the byte-range edits
through the shared engine (``codemod.urls.read``, ``convert``); ``findings.py`` holds the PS9xx
codes with their own examples; ``lint.py`` is the lint source kind and ``run.py`` the codemod's.
"""

from __future__ import annotations

SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts")


def is_js_path(path: str) -> bool:
    return path != "-" and path.lower().endswith(SUFFIXES) and not path.lower().endswith(".d.ts")

"""JavaScript and TypeScript as a byte-range source kind (``migrator/textkinds.py``): how a file
is rewritten, its pre-filter and which files of a run are its own."""

from __future__ import annotations

from migrator import textkinds
from migrator.javascript import SUFFIXES, is_js_path
from migrator.javascript.findings import JS_FIXED
from migrator.javascript.sdk import PACKAGES

KIND = textkinds.Kind(
    name="javascript",
    rewrite="migrator.javascript.apply:rewrite_js_bytes",
    fixed=JS_FIXED,
    # Adobe's hosts and v1 paths, v1's distinctive response reads, the SDKs and the TODO comments
    # psmigrate leaves
    prefilter=(b"adobe.io", b"psdService", b"lrService", b"/sensei", b"_links", b".outputs[", b"jobID",
               b"TODO(psmigrate)", *(p.encode() for p in PACKAGES)),
    walked=SUFFIXES,
    ours=lambda path, named: is_js_path(path),
    widen="migrator.javascript.shared",
)


def lint_paths(items: list, jobs: int = 0) -> list:
    """The lint source kind for ``.js/.mjs/.cjs/.jsx/.ts/.tsx`` files."""
    return textkinds.lint_paths("javascript", items, jobs)

"""Byte-level pre-check: can this file contain a v1 call at all?

Decided with one compiled regular expression over the raw bytes, before any parse, so a whole
repository costs about as much as ``grep``. It may say yes too often (a comment naming the host),
never no wrongly: every URL the codemod rewrites contains the v1 host or one of the v1 path
prefixes as plain text in some file, and files importing a constant from such a file are added by
the runner (``imports_candidate``).
"""

from __future__ import annotations

import re

V1_BYTES = re.compile(rb"image[\w-]*\.adobe\.io|/pie/psdService|/lrService|/sensei/")


def may_call_v1(data: bytes) -> bool:
    return V1_BYTES.search(data) is not None


def import_pattern(module_names: set[str]) -> re.Pattern[bytes] | None:
    """Bytes regex matching an import of any of ``module_names`` (last dotted segment)."""
    if not module_names:
        return None
    names = b"|".join(re.escape(n.encode()) for n in sorted(module_names))
    return re.compile(rb"^[ \t]*(?:from|import)[ \t][^\n]*\b(?:" + names + rb")\b", re.MULTILINE)

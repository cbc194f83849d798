"""Where a local import comes from: module names → files next to the importer."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import libcst as cst

from migrator.codemod.prefilter import names_source

# v1 text, and v2 text so that v2 calls are still checked for v1-shaped bodies (PS711), and the
# endpoint names of URLs built on a configured base (prefilter.py)
V1_TEXT = re.compile(r"image[\w-]*\.adobe\.io|/pie/psdService|/lrService|/sensei|photoshop-api[\w-]*\.adobe\.io|/v2/|"
                     + names_source())


@lru_cache(maxsize=1024)
def _file_mentions_v1(path: str) -> bool:
    try:
        return V1_TEXT.search(Path(path).read_text(encoding="utf-8", errors="replace")) is not None
    except OSError:
        return False


def module_path(importer: str | None, level: int, dotted: str) -> str | None:
    """The local file of module ``dotted`` imported from ``importer`` (``level`` leading dots),
    looked up next to the importer; None for anything not found there (installed packages)."""
    if importer is None:
        return None
    parts = [p for p in dotted.split(".") if p]
    here = Path(importer).resolve().parent
    if level:
        base = here
        for _ in range(level - 1):
            base = base.parent
        bases = [base]
    else:
        bases = [here, *here.parents]
    for base in bases:
        candidates = [base.joinpath(*parts, "__init__.py")]
        if parts:
            candidates.insert(0, base.joinpath(*parts).with_suffix(".py"))
        for candidate in candidates:
            if candidate.is_file():
                return str(candidate)
    return None


def module_file(importer: str | None, node: cst.ImportFrom) -> str | None:
    """The file ``from X import Y`` reads ``Y`` from."""
    dotted = cst.helpers.get_full_name_for_node(node.module) if node.module else ""
    return module_path(importer, len(node.relative), dotted or "")


def imported_module_file(importer: str | None, assignment) -> str | None:
    """The file of the module a name is bound to by ``import x.y as name`` or ``from . import name``."""
    statement = assignment.node
    if isinstance(statement.names, cst.ImportStar):
        return None
    for alias in statement.names:
        if (alias.evaluated_alias or alias.evaluated_name.split(".")[0]) != assignment.name:
            continue
        if isinstance(statement, cst.Import):
            whole = alias.asname is not None or "." not in alias.evaluated_name
            return module_path(importer, 0, alias.evaluated_name) if whole else None
        base = cst.helpers.get_full_name_for_node(statement.module) if statement.module else ""
        return module_path(importer, len(statement.relative), f"{base}.{alias.evaluated_name}".strip("."))
    return None

"""URL pieces one file of the run holds for the requests another file sends.

``LIGHTROOM_PATH = "/lrService"`` in a settings module, ``f"{HOST}{LIGHTROOM_PATH}/{endpoint}"``
in the client: the client's run rewrites the pieces written in the client (the endpoint names),
the settings module's run rewrites its own piece, and each asks the same question to know that
the other will: do all the run's requests reaching the piece need the same edit? When they do
not, neither file changes those requests and both report them (PS737), as ``hosts.py`` decides
for host literals.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import libcst as cst

from migrator.codemod import Options
from migrator.codemod.hosts import importers_of, resolved
from migrator.codemod.urls import Edit

# (file, line, col) of a piece → the (old, new) edit each request reaching it needs (None: it stays)
Wanted = dict[tuple[str, int, int], list[tuple[str, str] | None]]


@lru_cache(maxsize=512)
def _wanted_by(source, options: Options) -> Wanted:
    from migrator.codemod.rewrite import Planner

    return Planner(source, options).collect_foreign_edits()


def wanted_of(path: str, options: Options) -> dict[tuple[int, int], list[tuple[str, str] | None]]:
    """The edits the run's importers of ``path`` need of its pieces, by (line, col) of each piece."""
    from migrator.codemod.resolve import load_sibling

    here = resolved(path)
    found: dict[tuple[int, int], list[tuple[str, str] | None]] = defaultdict(list)
    for importer in importers_of(here, options):
        source = load_sibling(importer)
        for (origin, line, col), pairs in (_wanted_by(source, options) if source is not None else {}).items():
            if origin == here:
                found[line, col] += pairs
    return found


def made_by_its_file(edit: Edit, options: Options) -> bool:
    """Whether the run of the file holding ``edit``'s piece makes that edit: every request of
    the run that reaches the piece asks for the same one."""
    from migrator.codemod.resolve import load_sibling

    holder = load_sibling(edit.origin)
    if holder is None:
        return False
    return set(wanted_of(edit.origin, options).get(holder.position(edit.node), [])) == {(edit.old, edit.new)}


def string_pieces(module: cst.Module, position) -> dict[tuple[int, int], cst.CSTNode]:
    """The string literals and f-string texts of a module, by (line, col)."""
    found: dict[tuple[int, int], cst.CSTNode] = {}

    class Collect(cst.CSTVisitor):
        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            found[position(node)] = node

        def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
            found[position(node)] = node

    module.visit(Collect())
    return found

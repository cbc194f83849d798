"""URL pieces one JavaScript/TypeScript file of the run holds for the requests other files send,
decided as the Python kind decides them (``codemod/shared_pieces.py``, ``codemod/hosts.py``).

``export const LIGHTROOM = "/lrService"`` in ``config.js``, ``fetch(`${HOST}${LIGHTROOM}/autoTone`)``
in the client: the client's run rewrites its own pieces, ``config.js``'s run rewrites its own, and
each asks the same question to know that the other will: does every request of the run reaching
the piece need the same edit? Each file's wants are collected by a planner run that consults no
other file (``Planner.collect_wants``), so the question has one answer for every file that asks
it. When the answer is no, neither file changes those requests and both report them (PS915).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache



def resolved(path: str | None) -> str:
    """A file's one name (as ``codemod.hosts.resolved``, which would bring libcst along)."""
    return os.path.realpath(path) if path else ""


@dataclass(frozen=True)
class Want:
    """What one request needs of one piece: ``data[start:end]`` becomes ``new``; ``None`` for a
    request psmigrate leaves as it is (so the piece must stay as it is)."""

    start: int
    end: int
    new: str


# (file, piece start) → the wants of the run's requests reaching the piece
Wants = dict[tuple[str, int], list]


def wanted_of(path: str, run_files: frozenset[str], besides: str | None = None) -> dict[int, list]:
    """The wants of every request of the run that reaches a piece of ``path``, by piece start:
    ``path``'s own requests and those of the run's files importing it (but ``besides``'s)."""
    here = resolved(path)
    found: dict[int, list] = {}
    importers = importers_of(here, run_files)
    if besides == here and not importers:
        return found  # nothing else reaches its pieces: no planner run needed
    for source in [here, *importers]:
        if source == besides:
            continue
        for (origin, start), wants in _collected_at(source).items():
            if origin == here:
                found.setdefault(start, []).extend(wants)
    return found


def agreed(wants: list, want: Want | None) -> bool:
    """Whether every request reaching the piece agrees with ``want``: none keeps the piece as it
    is, and every want on the same bytes is this one (a host and a path in one string are two)."""
    return want is not None and None not in wants and all(
        w == want for w in wants if w.start < want.end and want.start < w.end)


def conflicting(wants: list) -> bool:
    """Whether the wants on a piece disagree somewhere."""
    edits = [w for w in wants if w is not None]
    return bool(edits) and (None in wants or not all(agreed(wants, w) for w in edits))


def importers_of(path: str, run_files: frozenset[str]) -> list[str]:
    """The run's other JavaScript/TypeScript files importing the module at ``path``."""
    return _importers(run_files).get(path, [])


@lru_cache(maxsize=8)
def _importers(run_files: frozenset[str]) -> dict[str, list[str]]:
    """Each module of the run → the run's files importing it (each file read once per process)."""
    from migrator.javascript import is_js_path
    from migrator.javascript.scope import _module_at

    found: dict[str, list[str]] = {}
    for other in sorted(run_files):
        if not is_js_path(other):
            continue
        try:
            stat = os.stat(other)
            with open(other, "rb") as handle:
                if not _SPECIFIER.search(handle.read()):
                    continue  # no relative specifier: it imports no module of the run, no need to parse it
        except OSError:
            continue
        module = _module_at(other, stat.st_mtime_ns, stat.st_size)
        if module is None:
            continue
        for specifier in {i.module for i in module.imports.values()}:
            sibling = module.sibling(specifier)
            if sibling is not None and resolved(sibling.path) != other:
                found.setdefault(resolved(sibling.path), []).append(other)
    return {path: list(dict.fromkeys(files)) for path, files in found.items()}


_SPECIFIER = re.compile(rb"""['"](\.\.?/[^'"\n]*)['"]""")  # a relative specifier, and any such string


def import_stems(data: bytes) -> set[bytes]:
    """The names (without folder or suffix) of the modules a file imports: cheap, before parsing."""
    return {spec.rsplit(b"/", 1)[-1].split(b".")[0] for spec in _SPECIFIER.findall(data)}


def with_importers(candidates: frozenset[str], maybe: list[str]) -> set[str]:
    """The run's candidates and those of ``maybe`` (files naming a candidate in an import) that
    import one: a client whose URL is all pieces of a settings module names nothing of Adobe's,
    and decides that module's pieces."""
    found = _importers(frozenset([*candidates, *maybe]))
    return set(candidates) | {p for target in candidates for p in found.get(target, [])}


def _collected_at(path: str) -> Wants:
    try:
        stat = os.stat(path)
    except OSError:
        return {}
    return _collected(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=512)
def _collected(path: str, mtime: int, size: int) -> Wants:
    from migrator.javascript.rewrite import Planner

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return {}
    return Planner(data, path, real_path=path, collect=True).collect_wants()

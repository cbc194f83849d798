"""Which host a host literal gets: every request it reaches must need the same v2 host.

A request's operation decides its host (each family's ``host`` in ``rules/*.yaml``). A literal
holding a host (``BASE = "https://image.adobe.io"``) is rewritten only when every request it
reaches, in its own file and in the files of this run that import it, needs the same one; the
planner (``rewrite.py``) collects those requests as ``HostUse``s and reports the rest (PS717,
PS718). Both the file defining a constant and each file importing it decide with the same uses,
so their runs agree.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import libcst as cst

from migrator.codemod import Options
from migrator.codemod.urls import ANY_HOST, HostRef, host_url


@dataclass
class HostUse:
    """A request whose URL holds a host literal: the host its operation needs (None: unknown,
    ANY_HOST: either), where its URL is written, and what it is (for messages)."""

    want: str | None
    url: cst.CSTNode
    what: str
    reported: bool = False  # the request already has a finding that says to rewrite it by hand
    loose: bool = False  # no request here: the literal is a constant that other files may use



def real(uses: list[HostUse]) -> list[HostUse]:
    """The uses that decide: a constant's "no request here" counts only when nothing uses it."""
    return [u for u in uses if not u.loose] or uses


def decide(old: str, uses: list[HostUse]) -> str | None:
    """The host a literal gets (``old`` when it stays as it is), or None when the requests it
    reaches disagree or cannot all be read."""
    wants = {u.want for u in real(uses) if u.want != ANY_HOST}
    if not wants:
        return old
    if None in wants or len(wants) > 1:
        return None
    return host_url(next(iter(wants)), old)


def resolved(path: str | None) -> str:
    return str(Path(path).resolve()) if path else ""


def _uses_in(path: str, options: Options) -> dict[tuple[str, int, int], list[HostUse]]:
    """The host uses file ``path`` has, by the (file, line, column) of each host literal."""
    from migrator.codemod.resolve import load_sibling

    source = load_sibling(path)
    return _uses_of(source, options) if source is not None else {}


@lru_cache(maxsize=512)
def _uses_of(source, options: Options) -> dict[tuple[str, int, int], list[HostUse]]:
    from migrator.codemod.resolve import load_sibling

    path = source.path
    found: dict[tuple[str, int, int], list[HostUse]] = {}
    from migrator.codemod.rewrite import Planner

    for node, (ref, uses) in Planner(source, options).collect_host_uses().items():
        holder = load_sibling(ref.origin) if ref.origin else source
        if holder is not None:
            found.setdefault((resolved(ref.origin or path), *holder.position(node)), []).extend(uses)
    return found


def _imports_module(path: str, module: str) -> bool:
    """Whether ``path`` imports a module whose name is not a plain word (``my-settings``): one a
    plain word names is looked up in the run's :func:`import_index` instead."""
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return _imports(path, module, stat.st_mtime_ns, stat.st_size)


_WORD = re.compile(r"\w+", re.ASCII)


@lru_cache(maxsize=65536)
def _imported_words(path: str, mtime: int, size: int) -> frozenset[bytes]:
    """The words after ``from``/``import`` on the file's import lines: what
    ``prefilter.import_check`` matches a module name against, read once per file, not once per
    file and module (a run of N files asked N*N times)."""
    from migrator.codemod.prefilter import imported_words

    try:
        return imported_words(Path(path).read_bytes())
    except OSError:
        return frozenset()


@lru_cache(maxsize=4096)
def _imports(path: str, module: str, mtime: int, size: int) -> bool:
    from migrator.codemod.prefilter import import_check

    try:
        return import_check({module})(Path(path).read_bytes())
    except OSError:
        return False


def importer_uses(key: tuple[str, int, int], options: Options) -> list[HostUse]:
    """The uses of the host literal at ``key`` in the other files of this run that import its
    module (none when the run's files are not known)."""
    found: list[HostUse] = []
    for path in importers_of(key[0], options):
        found += _uses_in(path, options).get(key, [])
    return found


def importers_of(path: str, options: Options) -> list[str]:
    """The other files of this run that import the module at ``path`` (none when the run's
    files are not known)."""
    if not options.run_files:
        return []
    here = Path(path)
    module = here.parent.name if here.name == "__init__.py" else here.stem
    if _WORD.fullmatch(module):
        return [p for p in import_index(options.run_files).get(module.encode(), ()) if p != path]
    return [p for p in sorted(options.run_files) if p != path and _imports_module(p, module)]


@lru_cache(maxsize=4)
def import_index(run_files: frozenset[str]) -> dict[bytes, tuple[str, ...]]:
    """Each word of the run's import lines → the run's files (sorted) whose import lines hold it:
    built once per run, where asking every file about every other one costs N*N look-ups.
    ``runner.select_candidates`` forgets it when a run starts (files may have changed since)."""
    index: dict[bytes, list[str]] = {}
    for path in sorted(run_files):
        try:
            stat = os.stat(path)
        except OSError:
            continue
        for word in _imported_words(path, stat.st_mtime_ns, stat.st_size):
            index.setdefault(word, []).append(path)
    return {word: tuple(paths) for word, paths in index.items()}


def decided_host(ref: HostRef, options: Options) -> str:
    """The host another file's literal will hold once that file is migrated in this run (its
    own run decides it from the same uses), or as it is now."""
    from migrator.codemod.resolve import load_sibling

    holder = load_sibling(ref.origin)
    if holder is None:
        return ref.old
    key = (resolved(ref.origin), *holder.position(ref.node))
    decided = decide(ref.old, [*_uses_in(ref.origin, options).get(key, []), *importer_uses(key, options)])
    return ref.old if decided is None or options.run_files is not None and key[0] not in options.run_files \
        else decided


def reach(uses: list[HostUse], host: str) -> str:
    known = {}
    for use in uses:
        if use.want not in (None, ANY_HOST):
            known.setdefault(host_url(use.want, host), []).append(use.what)
    unknown = [u.what for u in uses if u.want is None]
    said = [f"{', '.join(dict.fromkeys(whats))} {'needs' if len(set(whats)) == 1 else 'need'} `{h}`"
            for h, whats in known.items()]
    return "; ".join(said + list(dict.fromkeys(unknown)))



def relative(path: str, start: str | None) -> str:
    try:
        return os.path.relpath(path, os.path.dirname(os.path.abspath(start)) if start else None)
    except ValueError:  # another drive
        return path

"""File-system side of every command: finding inputs, writing atomically, showing diffs."""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from migrator.redact import redact

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "env", "node_modules", "__pycache__", ".tox", ".nox",
             ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", "site-packages", ".eggs"}


def expand(paths: Iterable[str], suffixes: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Yield ``(path, relative_path)`` for each file argument and each matching file below each
    directory argument, in a stable order. ``-`` stands for standard input."""
    for raw in paths:
        if raw == "-":
            yield "-", "-"
            continue
        path = Path(raw)
        if not path.is_dir():
            yield raw, path.name
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info"))
            for name in sorted(files):
                if name.endswith(suffixes):
                    full = Path(root, name)
                    yield str(full), str(full.relative_to(path))


def write_atomic(path: str | Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds it; never leave a half-written file.
    Returns whether the file changed."""
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".psmigrate-tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return redact(text)

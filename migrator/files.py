"""File-system side of every command: finding inputs, writing atomically, showing diffs."""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from migrator.redact import redact

if TYPE_CHECKING:
    from pathspec import PathSpec

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "env", "node_modules", "__pycache__", ".tox", ".nox",
             ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", "site-packages", ".eggs"}


def expand(paths: Iterable[str], suffixes: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Yield ``(path, relative_path)`` for each file argument and each file with one of
    ``suffixes`` below each directory argument, in a stable order (a directory's files, then its
    subdirectories). Walks skip version control, virtual environments, caches, build output and
    what ``.gitignore`` files exclude, as ruff does. ``-`` stands for standard input."""
    for raw in paths:
        if raw == "-":
            yield "-", "-"
            continue
        path = Path(raw)
        if not path.is_dir():
            yield raw, path.name
            continue
        for found in _walk(path, suffixes, []):
            yield str(found), str(found.relative_to(path))


def _walk(directory: Path, suffixes: tuple[str, ...], ignores: list[tuple[Path, PathSpec]]) -> Iterator[Path]:
    spec = _gitignore(directory)
    if spec is not None:
        ignores = [*ignores, (directory, spec)]
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        yield directory  # every command then fails to read it and reports it (PS008): never a silent skip
        return
    subdirectories = []
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                if not _skipped_directory(path) and not _ignored(path, True, ignores):
                    subdirectories.append(path)
            elif entry.name.endswith(suffixes) and entry.is_file() and not _ignored(path, False, ignores):
                yield path
        except OSError:  # e.g. a link into a directory this user cannot enter
            yield path
    for subdirectory in subdirectories:
        yield from _walk(subdirectory, suffixes, ignores)


def _skipped_directory(path: Path) -> bool:
    return path.name in SKIP_DIRS or path.name.endswith(".egg-info") or os.path.exists(path / "pyvenv.cfg")


def _gitignore(directory: Path) -> PathSpec | None:
    from pathspec import GitIgnoreSpec

    try:
        lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return GitIgnoreSpec.from_lines(lines)


def _ignored(path: Path, is_dir: bool, ignores: list[tuple[Path, PathSpec]]) -> bool:
    return any(spec.match_file(path.relative_to(base).as_posix() + ("/" if is_dir else ""))
               for base, spec in ignores)


def read_error(path: str | Path, exc: OSError) -> str:
    """The message for a path that cannot be read, the same in every command."""
    if os.path.isdir(path):
        return f"cannot list this directory ({exc.strerror or exc}); the files in it were not checked"
    return f"cannot read: {exc.strerror or exc}"


def write_atomic(path: str | Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds it; never leave a half-written file.
    Returns whether the file changed."""
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".psmigrate-tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)  # mkstemp makes 0600; keep the file's mode, or give a new one what open() would
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_output(path: str | Path, data: bytes, name_it: bool = False) -> bool:
    """:func:`write_atomic`, with a failure as a PS016 error (the file is left as it was);
    ``name_it`` when the message is reported at another path (convert's input, for ``-o``)."""
    try:
        return write_atomic(path, data)
    except OSError as exc:
        from migrator.diagnostics import MigrationError

        raise MigrationError("PS016", f"cannot write{f' {path}' if name_it else ''}: {exc.strerror or exc}") from None


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return redact(text)


def python_text(data: bytes) -> str:
    """Python source bytes as text, in the encoding the file declares (PEP 263), for diffs."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return data.decode("utf-8", errors="replace")

"""File-system side of every command: finding inputs, writing atomically, showing diffs."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from migrator.diagnostics import MigrationError

if TYPE_CHECKING:
    from pathspec import PathSpec

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "env", "node_modules", "__pycache__", ".tox", ".nox",
             ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", "site-packages", ".eggs"}


def expand(paths: Iterable[str], suffixes: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Yield ``(path, relative_path)`` for each file argument and each file with one of
    ``suffixes`` below each directory argument, in a stable order (a directory's files, then its
    subdirectories). Walks skip version control, virtual environments, caches, build output and
    what ``.gitignore`` files exclude, as ruff does. ``-`` stands for standard input. A file
    reached twice (named twice, or through a symbolic link to a file the run covers) is yielded
    once, so that no command reads or writes it twice."""
    seen: set[str] = set()

    def first_time(key: str) -> bool:
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        if raw == "-":
            yield "-", "-"
            continue
        path = Path(raw)
        if not path.is_dir():
            if first_time(os.path.realpath(raw)):
                yield raw, path.name
            continue
        root = str(path)
        prefix = len(root) + (0 if root.endswith(os.sep) else 1) if root != "." else 0
        for found, key in _walk("" if root == "." else root, os.path.realpath(root), suffixes, []):
            if first_time(key):
                yield found, found[prefix:] or "."


class OutputCollision(ValueError):
    """Two inputs would be written to one output file: refused before anything is written."""


def output_targets(inputs: list[tuple[str, str]], output: str) -> dict[str, Path]:
    """Where ``-o OUTPUT`` writes each ``(path, relative_path)`` from :func:`expand`: OUTPUT itself
    for a single input file (unless OUTPUT is a directory or ends with a slash), else
    OUTPUT/relative_path, which mirrors each directory argument's tree below OUTPUT. Two inputs
    that would land on one file, or an output that would overwrite another input before it is
    read, raise :class:`OutputCollision`."""
    out = Path(output)
    single = len(inputs) == 1 and inputs[0][0] != "-" and not Path(inputs[0][0]).is_dir()
    to_file = single and not out.is_dir() and not output.endswith(("/", os.sep))
    targets = {path: out if to_file else out / relative for path, relative in inputs}
    sources = {_key(path): path for path, _ in inputs if path != "-"}
    landing: dict[str, str] = {}
    for path, target in targets.items():
        key = _key(target)
        if key in landing:
            raise OutputCollision(f"{landing[key]} and {path} would both be written to {target}; convert them "
                                  "in separate runs, or name the directory that holds both (its tree is mirrored)")
        landing[key] = path
        other = sources.get(key)
        if other is not None and other != path:
            raise OutputCollision(f"{path} would be written to {target}, over the input {other} before it is read; "
                                  "choose another -o directory")
    return targets


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _walk(directory: str, real: str, suffixes: tuple[str, ...],
          ignores: list[tuple[str, PathSpec]]) -> Iterator[tuple[str, str]]:
    """``(path, real path)`` of each file below ``directory`` (``""``: the current directory, whose
    files are yielded by their names alone), ``real`` being the directory's real path: a file that
    is no link is its real directory plus its name, without asking the file system again."""
    spec = _gitignore(os.path.join(directory, ".gitignore"))
    if spec is not None:
        ignores = [*ignores, (directory, spec)]
    try:
        entries = sorted(os.scandir(directory or "."), key=lambda e: e.name)
    except OSError:
        yield directory or ".", real  # every command then fails to read it and reports it (PS008): never a silent skip
        return
    subdirectories = []
    for entry in entries:
        path = os.path.join(directory, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                if not _skipped_directory(path, entry.name) and not _ignored(path, True, ignores):
                    subdirectories.append((path, os.path.join(real, entry.name)))
            elif entry.name.endswith(suffixes) and entry.is_file() and not _ignored(path, False, ignores):
                yield path, os.path.realpath(path) if entry.is_symlink() else os.path.join(real, entry.name)
        except OSError:  # e.g. a link into a directory this user cannot enter
            yield path, os.path.realpath(path)
    for subdirectory, real_subdirectory in subdirectories:
        yield from _walk(subdirectory, real_subdirectory, suffixes, ignores)


def _skipped_directory(path: str, name: str) -> bool:
    return name in SKIP_DIRS or name.endswith(".egg-info") or os.path.exists(os.path.join(path, "pyvenv.cfg"))


def _gitignore(path: str) -> PathSpec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def _ignored(path: str, is_dir: bool, ignores: list[tuple[str, PathSpec]]) -> bool:
    for base, spec in ignores:
        relative = path[len(base):].lstrip(os.sep) if base else path
        if spec.match_file(relative.replace(os.sep, "/") + ("/" if is_dir else "")):
            return True
    return False


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, read with plain system calls: a tree walk reads every file once, and
    ``open(...).read()`` costs twice as much per small file (its buffered reader's set-up)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_error(path: str | Path, exc: OSError) -> str:
    """The message for a path that cannot be read, the same in every command."""
    if os.path.isdir(path):
        return f"cannot list this directory ({exc.strerror or exc}); the files in it were not checked"
    return f"cannot read: {exc.strerror or exc}"


CHANGED_MEANWHILE = "PS010"
DANGLING_LINK = "PS011"


class WriteRefused(MigrationError):
    """A write psmigrate will not make, because it would lose something; the file is left as it is."""


def write_atomic(path: str | Path, data: bytes, expected: bytes | None = None) -> bool:
    """Write ``data`` unless the file already holds it; never leave a half-written file.
    Returns whether the file changed.

    ``expected`` is what the file held when the run read it: if it holds something else now (an
    edit made during a long run), the write is refused (PS010) rather than losing the edit, as
    formatters do. A symbolic link is written through, to its target, and stays a link; one whose
    target is missing is refused (PS011) rather than replaced by a regular file."""
    path = Path(path)
    if path.is_symlink() and not path.exists():
        raise WriteRefused(DANGLING_LINK, f"is a symbolic link to {os.readlink(path)}, which does not exist; "
                                          "not written (point it at a file, or remove it)")
    if path.exists() and not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
        with path.open("wb") as handle:  # /dev/stdout, a named pipe: written to as they are
            handle.write(data)
        return True
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        current = path.read_bytes()
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        current = None
        mode = _new_file_mode()
    if expected is not None and current != expected:
        what = "was deleted" if current is None else "changed on disk"
        raise WriteRefused(CHANGED_MEANWHILE, f"{what} while psmigrate was running; not rewritten, so that "
                                              "nothing is lost: run psmigrate on it again")
    if current == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    global _writing
    import tempfile  # here, not at the top: a run that writes nothing need not load it (5 ms of start-up)

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".psmigrate-tmp")
    _writing = tmp
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)  # mkstemp makes 0600; keep the file's mode, or give a new one what open() would
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        _writing = None
    return True


_writing: str | None = None  # the temporary file of the write under way in this process


def abandon_write() -> None:
    """For a process told to stop at once (a worker at Ctrl-C, ``migrator.workers``): remove the
    temporary file of a write under way; the file it was to replace is untouched."""
    if _writing is not None:
        Path(_writing).unlink(missing_ok=True)


def write_output(path: str | Path, data: bytes, name_it: bool = False, expected: bytes | None = None) -> bool:
    """:func:`write_atomic`, with a failure as a PS016 error (the file is left as it was);
    ``name_it`` when the message is reported at another path (convert's input, for ``-o``). A
    refused write (PS010, PS011) is raised as it is."""
    try:
        return write_atomic(path, data, expected)
    except OSError as exc:
        raise MigrationError("PS016", f"cannot write{f' {path}' if name_it else ''}: {exc.strerror or exc}") from None


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def unified_diff(path: str, before: str, after: str) -> str:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    lines = list(_hunks(old, new))
    if lines:
        lines[:0] = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return text


def _hunks(old: list[str], new: list[str], context: int = 3) -> Iterator[str]:
    """The hunks of a unified diff of two line lists (see :func:`_opcodes`)."""
    opcodes = _opcodes(old, new)
    if all(tag == "equal" for tag, *_ in opcodes):
        return
    for group in _grouped(opcodes, context):
        first, last = group[0], group[-1]
        yield f"@@ -{_span(first[1], last[2])} +{_span(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in old[i1:i2])
                continue
            yield from ("-" + line for line in old[i1:i2])
            yield from ("+" + line for line in new[j1:j2])


GREEDY_AFTER = 400  # lines on each side of a stretch with no unique line beyond which difflib is not used
RESYNC_WINDOW = 64  # lines the greedy alignment looks ahead for the next equal line


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """``difflib`` opcodes of two line lists, in time near-linear in their length.

    ``difflib.SequenceMatcher`` without its "junk" heuristic (which in files over 200 lines
    ignores frequent lines, blank lines and closing brackets, and so shows a one-line change as a
    large rewritten block) takes time growing with the square of the lines that repeat, and more:
    a Markdown file of 1,000 identical fenced blocks took 100 s to diff. So, as patience diff
    does, the lines that occur once on each side and in the same order are matched first; the
    stretches between them, which are short in code, go to difflib; a long stretch with no such
    line (repeated blocks) is aligned greedily, each mismatch resynchronised on the nearest equal
    line ahead. Every alignment of equal lines is a correct diff; only its size can differ."""
    matches: list[tuple[int, int, int]] = []  # (i, j, n): old[i:i+n] == new[j:j+n]
    stack = [(0, len(old), 0, len(new))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and old[alo] == new[blo]:  # a common head
            matches.append((alo, blo, 1))
            alo, blo = alo + 1, blo + 1
        tail = 0
        while alo < ahi - tail and blo < bhi - tail and old[ahi - 1 - tail] == new[bhi - 1 - tail]:
            tail += 1
        if tail:
            matches.append((ahi - tail, bhi - tail, tail))
            ahi, bhi = ahi - tail, bhi - tail
        if alo == ahi or blo == bhi:
            continue
        anchors = _unique_anchors(old, alo, ahi, new, blo, bhi)
        if anchors:
            edges = [(alo - 1, blo - 1), *anchors, (ahi, bhi)]
            for (i0, j0), (i1, j1) in zip(edges, edges[1:]):
                if (i1, j1) != (ahi, bhi):
                    matches.append((i1, j1, 1))
                stack.append((i0 + 1, i1, j0 + 1, j1))
        elif max(ahi - alo, bhi - blo) <= GREEDY_AFTER:
            import difflib

            matcher = difflib.SequenceMatcher(None, old[alo:ahi], new[blo:bhi], autojunk=False)
            matches += [(alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]
        else:
            matches += _greedy(old, alo, ahi, new, blo, bhi)
    return _to_opcodes(sorted(matches), len(old), len(new))


def _unique_anchors(old, alo, ahi, new, blo, bhi) -> list[tuple[int, int]]:
    """Lines that occur once in ``old[alo:ahi]`` and once in ``new[blo:bhi]``, the longest run of
    them in the same order on both sides (patience sorting)."""
    import bisect

    def once(lines, lo, hi) -> dict[str, int]:
        seen: dict[str, int] = {}
        for index in range(lo, hi):
            seen[lines[index]] = -1 if lines[index] in seen else index
        return seen

    in_old, in_new = once(old, alo, ahi), once(new, blo, bhi)
    pairs = [(i, in_new[line]) for line, i in in_old.items() if i >= 0 and in_new.get(line, -1) >= 0]
    pairs.sort()
    tops: list[int] = []  # the smallest j ending an increasing run of each length
    ends: list[int] = []  # the index in pairs of that run's last pair
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tops, j)
        back[n] = ends[k - 1] if k else -1
        if k == len(tops):
            tops.append(j)
            ends.append(n)
        else:
            tops[k], ends[k] = j, n
    run, n = [], ends[-1] if ends else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


def _greedy(old, alo, ahi, new, blo, bhi) -> list[tuple[int, int, int]]:
    """Equal lines in order, taken as they come; at a mismatch the nearest pair of equal lines
    within :data:`RESYNC_WINDOW` lines ahead (fewest lines skipped) resumes the match."""
    matches, i, j = [], alo, blo
    while i < ahi and j < bhi:
        if old[i] == new[j]:
            matches.append((i, j, 1))
            i, j = i + 1, j + 1
            continue
        found = None
        for skipped in range(1, 2 * RESYNC_WINDOW + 1):
            for x in range(max(0, skipped - RESYNC_WINDOW), min(skipped, RESYNC_WINDOW) + 1):
                y = skipped - x
                if i + x < ahi and j + y < bhi and old[i + x] == new[j + y]:
                    found = (i + x, j + y)
                    break
            if found:
                break
        if found is None:  # nothing equal near: this much of each side is replaced
            i, j = min(ahi, i + RESYNC_WINDOW), min(bhi, j + RESYNC_WINDOW)
        else:
            i, j = found
    return matches


def _to_opcodes(matches: list[tuple[int, int, int]], la: int, lb: int) -> list[tuple[str, int, int, int, int]]:
    opcodes, i, j = [], 0, 0
    for ai, bj, n in [*matches, (la, lb, 0)]:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else None
        if tag:
            opcodes.append((tag, i, ai, j, bj))
        if n:
            if opcodes and opcodes[-1][0] == "equal" and opcodes[-1][2] == ai and opcodes[-1][4] == bj:
                opcodes[-1] = ("equal", opcodes[-1][1], ai + n, opcodes[-1][3], bj + n)
            else:
                opcodes.append(("equal", ai, ai + n, bj, bj + n))
        i, j = ai + n, bj + n
    return opcodes or [("equal", 0, 0, 0, 0)]


def _grouped(opcodes, context: int):
    """``difflib.SequenceMatcher.get_grouped_opcodes`` for opcodes computed here."""
    codes = list(opcodes)
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    group = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _span(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start if length == 0 else start + 1},{length}"


def python_text(data: bytes) -> str:
    """Python source bytes as text, in the encoding the file declares (PEP 263), for diffs."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return data.decode("utf-8", errors="replace")

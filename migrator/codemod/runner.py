"""Walk the trees, pre-filter, rewrite candidates in parallel.

Only files whose bytes can hold a v1 call (``prefilter``), and files importing one of those, are
parsed; the rest cost one read and one regular-expression scan. Workers are processes
(``-j/--jobs``, :mod:`migrator.workers`); a file that cannot be parsed is reported and the run goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from migrator.codemod import FileResult
from migrator.codemod.prefilter import import_check, may_call_api
from migrator.files import expand, read_bytes
from migrator.sizecap import over_cap
from migrator.workers import map_in_pool, warmed

# What the pre-filter keeps of the files it rejects, for the import check that follows (a tree
# larger than this is read a second time past it).
KEPT_BYTES = 128 * 1024 * 1024
FILES_PER_WORKER = 8  # candidates per worker below which starting one costs more than it saves


@dataclass
class RunSummary:
    scanned: int = 0
    candidates: list[str] = field(default_factory=list)
    results: list[FileResult] = field(default_factory=list)


def python_files(paths: Iterable[str]) -> Iterator[str]:
    """Each ``.py`` file argument, and every ``.py`` file a walk finds below each directory argument."""
    for path, _ in expand(paths, (".py",)):
        yield os.path.normpath(path)


def select_candidates(files: list[str], named: Iterable[str] = (), found: Callable[[], None] = lambda: None
                      ) -> list[str]:
    """Files that can contain a v1 call, then the files that import one of them (they may use its
    URL constants without naming the host themselves). Files named on the command line are always
    parsed: their URL constants may live in a file the run does not cover. ``found()`` is called
    at each file kept (``warmed_beside``'s start)."""
    _new_run()
    named = set(named)
    positive: list[str] = []
    negative: list[tuple[str, bytes | None]] = []  # with its bytes while they fit KEPT_BYTES: read once
    kept = 0
    for path in files:
        if path in named:
            positive.append(path)
            found()
            continue
        try:
            data = read_bytes(path)
        except OSError:
            positive.append(path)  # let the worker report it
            found()
            continue
        if may_call_api(data):
            positive.append(path)
            found()
        else:
            kept += len(data)
            negative.append((path, data if kept <= KEPT_BYTES else None))
    names = {Path(p).parent.name if Path(p).name == "__init__.py" else Path(p).stem for p in positive}
    imports = import_check(names)
    extra = []
    if imports is not None:
        for path, data in negative:
            try:
                if imports(read_bytes(path) if data is None else data):
                    extra.append(path)
            except OSError:
                continue
    chosen = set(positive) | set(extra)
    return [p for p in files if p in chosen]


def _new_run() -> None:
    """A run starts: what its files import is read again."""
    hosts = sys.modules.get("migrator.codemod.hosts")  # loaded (with libcst) only once a file is parsed
    if hosts is not None:
        hosts.import_index.cache_clear()


def _work(path: str, options) -> FileResult:
    from migrator.codemod import rewrite_bytes
    from migrator.codemod.findings import CODES
    from migrator.diagnostics import Diagnostic, Severity

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        from migrator.files import read_error

        return FileResult(path, b"", b"", [Diagnostic("PS008", read_error(path, exc), Severity.ERROR, path=path)],
                          failed=True)
    too_large = over_cap(path, data, getattr(options, "max_file_size", None)) if may_call_api(data) else None
    if too_large is not None:  # a file over max-file-size that names Adobe's API (migrator/sizecap.py)
        return FileResult(path, data, data, [too_large])
    try:
        return rewrite_bytes(data, path, options)
    except RecursionError:
        return FileResult(path, data, data, [Diagnostic("PS709", f"{CODES['PS709']}: nested too deeply",
                                                        Severity.ERROR, path=path)], failed=True)
    except Exception as exc:  # noqa: BLE001 - one file's surprise must not end the run
        message = f"internal error on this file, left unchanged ({type(exc).__name__}: {exc}); please report it"
        return FileResult(path, data, data, [Diagnostic("PS715", message, Severity.ERROR, path=path)], failed=True)


def run(paths: Iterable[str], options, jobs: int | None = None,
        progress: Callable[[int], None] | None = None, on_total: Callable[[int], None] | None = None,
        excluded: Callable[[str], bool] = lambda path: False,
        disabled_for: Callable[[str], frozenset[str]] | None = None) -> RunSummary:
    """``excluded`` drops files a directory walk found ([tool.psmigrate] ``exclude``); files named
    on the command line are always rewritten. ``disabled_for`` names, per file, the codes its
    configuration turns off (``per-file-ignores``): neither reported nor applied there."""
    from dataclasses import replace

    paths = list(paths)
    named = [os.path.normpath(p) for p in paths if not Path(p).is_dir()]
    from migrator.javascript import is_js_path  # JavaScript and TypeScript: migrator/javascript/run.py's
    from migrator.shell import is_shell_path  # shell and Markdown files are migrator/shell/run.py's

    files = [f for f in dict.fromkeys(python_files(paths)) if (f in named or not excluded(f))
             and not is_shell_path(f, named=f in named) and not is_js_path(f)]
    summary = RunSummary(scanned=len(files))
    with warmed_beside(files, named, jobs) as beside:
        summary.candidates = select_candidates(files, named, beside.start)
        options = replace(options, run_files=frozenset(str(Path(p).resolve()) for p in summary.candidates))
        if on_total:
            on_total(len(summary.candidates))
        work = [(p, replace(options, disabled=options.disabled | disabled_for(p)) if disabled_for else options)
                for p in summary.candidates]
        summary.results = rewrite_each(work, jobs, progress, beside.process)
    return summary


def warmed_beside(files: list[str], named: Iterable[str], jobs: int | None):
    """The rewrite's warm-up (libcst, the rules, the schemas) beside the pre-filter of ``files``,
    where that pays (:func:`migrator.workers.warmed`): a context giving a ``Beside``, whose
    ``start`` the pre-filter calls at the first file it keeps and whose ``process`` (or None)
    :func:`rewrite_each` runs the work in."""
    _new_run()  # before the fork: the warmed process starts the run as this one does
    return warmed(_warm_up, jobs, len(files) - len(set(named)))


def rewrite_each(work: list[tuple[str, object]], jobs: int | None = None,
                 progress: Callable[[int], None] | None = None, warm=None) -> list[FileResult]:
    """Rewrite each ``(path, Options)`` in memory, in worker processes when there are enough
    (``-j``, :mod:`migrator.workers`); results come back in order. ``warm``: a process of
    :func:`warmed_beside` to run them in."""
    if warm is not None and work:
        results = warm.map(_work, work, jobs, per_worker=FILES_PER_WORKER)
    else:
        results = map_in_pool(_work, work, jobs, per_worker=FILES_PER_WORKER, warm=_warm_up)
    return [_counted(result, progress) for result in results]


def _counted(result: FileResult, progress: Callable[[int], None] | None) -> FileResult:
    if progress:
        progress(1)
    return result


def _warm_up() -> None:
    """Load libcst, the rules and the schemas once, before the pool forks, so that workers
    inherit them instead of each paying for them again (where processes are forked)."""
    import migrator.codemod.rewrite  # noqa: F401  (imports libcst and the engine)
    from migrator import rulebook, schemas

    for family in rulebook.families():
        if family.schema_:
            try:
                schemas.is_valid(family.schema_, {})  # builds the validator, not just the JSON
            except FileNotFoundError:
                continue


def show_progress() -> bool:
    return sys.stderr.isatty()

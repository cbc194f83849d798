"""Migrate a v1 client, lint it, run it against the v2 sandbox and say what happened.

A client is ``clients/<name>.py`` with a ``main()``; the modules it imports from ``clients/``
(its configuration, say) are copied and migrated with it, as they would sit in a user's tree.
The verdict follows the promise in GUIDE.md / issue 11:

- ``WORKS``: ``main()`` returned the URLs the jobs wrote their outputs to, every request to an
  Adobe host got a 2xx answer and every job the sandbox accepted ended ``succeeded``;
- ``REPORTED``: it does not work, and ``psmigrate lint`` on the migrated files exits 1 with a
  finding at a line a person must change (a statement carrying ``# e2e: person`` where the
  client marks one, any finding in the migrated files otherwise);
- ``SILENT``: broken and nothing says so: the bug this suite exists to catch.
"""

from __future__ import annotations

import ast
import asyncio
import importlib
import io
import json
import re
import shutil
import sys
import time
import tokenize
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from migrator.cli import main as psmigrate

CLIENTS = Path(__file__).parent / "clients"
ADOBE_HOSTS = ("image.adobe.io", "photoshop-api.adobe.io")
PERSON_MARK = re.compile(r"#\s*e2e:\s*person\b")
MODES = ("codemod", "lint-fix")
COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
            ast.With, ast.AsyncWith, ast.Try)
# What clients read from the environment; the sandbox only checks that credentials are present.
CREDENTIALS = {
    name: "e2e-test-credential"
    for name in ("PS_ACCESS_TOKEN", "PS_API_KEY", "ADOBE_ACCESS_TOKEN", "ADOBE_CLIENT_ID", "CLIENT_ID", "ACCESS_TOKEN")
}
# A poll loop left waiting on a v1 field never ends; with sleeping made instant, this many
# sleeps in one run means it never would.
MAX_SLEEPS = 400


class SilentClient(AssertionError):
    """A migrated client is broken and nothing says so: the verdict this suite exists to catch."""


class PollNeverEnded(BaseException):
    """Raised from the patched sleeps; a BaseException so that a client's ``except Exception``
    retry loop cannot swallow it."""


def client_names() -> list[str]:
    return sorted(p.stem for p in CLIENTS.glob("*.py") if _defines_main(p))


def _defines_main(path: Path) -> bool:
    tree = ast.parse(path.read_text())
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "main" for node in tree.body)


def imported_names(path: Path) -> list[str]:
    """The top-level module names ``path`` imports (absolute imports only)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.extend(alias.name.split(".")[0] for alias in node.names)
    return names


def module_set(name: str) -> list[str]:
    """The client and, transitively, the sibling modules it imports from ``clients/``."""
    seen: list[str] = []
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.append(current)
        todo.extend(n for n in imported_names(CLIENTS / f"{current}.py") if (CLIENTS / f"{n}.py").is_file())
    return seen


@dataclass
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{Path(self.path).name}:{self.line}:{self.col}: {self.code} {self.message}"


@dataclass
class Lint:
    exit_code: int
    findings: list[Finding]


def cli(*args: str) -> tuple[int, str, str]:
    """Run the real ``psmigrate`` command line in this process (as a user's shell would, minus
    the interpreter start-up that would make this suite take minutes)."""
    forget_earlier_runs()
    result = CliRunner().invoke(psmigrate, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def forget_earlier_runs() -> None:
    """Each real ``psmigrate`` run is a fresh process; in this one, the codemod's per-path caches
    (a sibling module's parse, whether a file mentions the API) would otherwise still hold the
    files as they were before the migration rewrote them."""
    for name, module in list(sys.modules.items()):
        if name.startswith("migrator.codemod"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def lint(paths: list[Path]) -> Lint:
    code, out, err = cli("lint", "--output-format", "json", *map(str, paths))
    assert code in (0, 1), f"psmigrate lint exited {code}: {err}"
    findings = [Finding(d["path"], d["line"], d["col"], d["code"], d["message"]) for d in json.loads(out or "[]")]
    return Lint(code, findings)


def migrate(mode: str, paths: list[Path]) -> str:
    if mode == "codemod":
        code, out, err = cli("codemod", "--write", "-j", "1", *map(str, paths))
    else:
        code, out, err = cli("lint", "--fix", *map(str, paths))
    assert code in (0, 1), f"{mode} exited {code}: {out}{err}"
    return out + err


def person_statements(path: Path) -> list[range]:
    """Line ranges of the statements that carry ``# e2e: person`` (comments found with tokenize,
    so a string holding the words does not count). A finding anywhere in such a statement is
    on the line a person must change: the codemod may point at the URL inside a call or at the
    call itself."""
    source = path.read_text()
    marked = [
        tok.start[0]
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT and PERSON_MARK.search(tok.string)
    ]
    simple = statement_spans(path)
    return [next((span for span in simple if line in span), range(line, line + 1)) for line in marked]


def statement_spans(path: Path) -> list[range]:
    """The line range of every simple statement in ``path``."""
    tree = ast.parse(path.read_text())
    return [range(n.lineno, (n.end_lineno or n.lineno) + 1) for n in ast.walk(tree)
            if isinstance(n, ast.stmt) and not isinstance(n, COMPOUND)]


def count_marks(paths: list[Path]) -> int:
    return sum(len(PERSON_MARK.findall(p.read_text())) for p in paths)


@dataclass
class Run:
    returned: object = None
    error: str | None = None
    failed_at: tuple[str, int] | None = None  # the client's own line where main() raised
    requests: list[dict] = field(default_factory=list)
    jobs: dict = field(default_factory=dict)

    @property
    def adobe_requests(self) -> list[dict]:
        return [r for r in self.requests if (r.get("host") or "") in ADOBE_HOSTS]

    @property
    def written_urls(self) -> set[str]:
        """Where the succeeded jobs put their outputs (``result.outputs[*].destination.url`` of the
        status answers), without query strings: the sandbox records URLs with signatures redacted."""
        urls = set()
        for r in self.adobe_requests:
            answer = r.get("response_json")
            outputs = (answer.get("result") or {}).get("outputs") if isinstance(answer, dict) else None
            for output in outputs if isinstance(outputs, list) else []:
                url = ((output or {}).get("destination") or {}).get("url")
                if isinstance(url, str):
                    urls.add(url.split("?")[0])
        return urls

    def problems(self, require_job: bool = True, failed_jobs_only: bool = False) -> list[str]:
        """What went wrong; a snippet that only submits (``count_fixtures``) leaves its jobs
        unpolled, hence the two switches."""
        found = []
        if self.error:
            found.append(f"main() raised {self.error}")
        for r in self.adobe_requests:
            if not 200 <= int(r["status"]) < 300:
                answer = r.get("response_json")
                detail = answer.get("message") or answer.get("title") if isinstance(answer, dict) else answer
                found.append(f"{r['method']} {r['url']} -> {r['status']}: {detail}")
        if not self.error and isinstance(self.returned, (list, tuple)):
            # main() returns the outputs' URLs: they must be where v2 wrote them (a v1 client that
            # returns its own cutout target misses that v2 remove-background stores the result itself)
            for href in self.returned:
                if isinstance(href, str) and href.startswith("http") and href.split("?")[0] not in self.written_urls:
                    found.append(f"main() returned {href.split('?')[0]}, where no job wrote an output")
        if require_job and not self.jobs:
            found.append("no job was submitted to the sandbox")
        for job_id, state in self.jobs.items():
            if state == "failed" or (state != "succeeded" and not failed_jobs_only):
                found.append(f"job {job_id} ended {state!r}")
        return found


def run_client(directory: Path, name: str, sandbox, monkeypatch, entry=None) -> Run:
    """Import the migrated client from ``directory`` and call its ``main()`` (or ``entry()``)
    inside the sandbox, with sleeping made instant (and bounded, see ``MAX_SLEEPS``)."""
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("PS_API_BASE", raising=False)
    sleeps = 0

    def count_sleep() -> None:
        nonlocal sleeps
        sleeps += 1
        if sleeps > MAX_SLEEPS:
            raise PollNeverEnded(f"still polling after {MAX_SLEEPS} sleeps: the loop waits on a field v2 never sets")

    real_asyncio_sleep = asyncio.sleep

    def instant_sleep(seconds: float = 0) -> None:
        count_sleep()

    async def instant_async_sleep(delay: float = 0, result=None):
        count_sleep()
        await real_asyncio_sleep(0)
        return result

    monkeypatch.setattr(time, "sleep", instant_sleep)
    monkeypatch.setattr(asyncio, "sleep", instant_async_sleep)
    modules = [p.stem for p in directory.glob("*.py")]
    for module in modules:
        sys.modules.pop(module, None)
    monkeypatch.syspath_prepend(str(directory))
    run = Run()
    seen_before = len(sandbox.requests)
    try:
        client = importlib.import_module(name)
        run.returned = entry() if entry else client.main()
    except (Exception, PollNeverEnded) as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if Path(f.filename).parent == directory] or frames
        frame = ours[-1]
        run.failed_at = (Path(frame.filename).name, frame.lineno)
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        run.error = f"{type(exc).__name__}: {first_line} (at {run.failed_at[0]}:{frame.lineno}: {frame.line})"
    finally:
        for module in modules:
            sys.modules.pop(module, None)
    run.requests = list(sandbox.requests)[seen_before:]
    run.jobs = dict(sandbox.jobs)
    return run


@dataclass
class Outcome:
    client: str
    mode: str
    verdict: str = ""
    problems: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    on_person_lines: list[Finding] = field(default_factory=list)
    marks_before: int = 0
    marks_after: int = 0
    notes: list[str] = field(default_factory=list)
    finding_where_it_broke: bool | None = None  # None: main() did not raise

    def explain(self) -> str:
        lines = [f"{self.client} [{self.mode}]: {self.verdict}"]
        lines += [f"  broken: {p}" for p in self.problems]
        if self.marks_before != self.marks_after:
            lines.append(f"  the migration dropped {self.marks_before - self.marks_after} `# e2e: person` comment(s)")
        if self.finding_where_it_broke is not None:
            lines.append(f"  a finding on the statement where main() raised: {'yes' if self.finding_where_it_broke else 'no'}")
        lines += [f"  note: {n}" for n in self.notes]
        lines += [f"  lint: {f}" for f in self.findings] or ["  lint: clean"]
        return "\n".join(lines)


def copy_client(name: str, into: Path) -> list[Path]:
    paths = []
    for module in module_set(name):
        target = into / f"{module}.py"
        shutil.copyfile(CLIENTS / f"{module}.py", target)
        paths.append(target)
    return paths


def verdict(outcome: Outcome, run: Run, lint_result: Lint, paths: list[Path]) -> None:
    if lint_result.exit_code == 1:
        by_file = {p.name: person_statements(p) for p in paths}
        marked = any(by_file.values()) or outcome.marks_before
        outcome.on_person_lines = [
            f for f in lint_result.findings
            if Path(f.path).name in by_file
            and (not marked or any(f.line in span for span in by_file[Path(f.path).name]))
        ]
    if run.failed_at:
        name, line = run.failed_at
        where = paths[0].parent / name
        spans = [s for s in statement_spans(where) if line in s] if where in paths else []
        outcome.finding_where_it_broke = any(
            Path(f.path).name == name and any(f.line in s for s in spans) for f in lint_result.findings)
    outcome.problems = run.problems()
    if not outcome.problems:
        outcome.verdict = "WORKS"
    else:
        outcome.verdict = "REPORTED" if outcome.on_person_lines else "SILENT"


RESULTS: list[Outcome] = []


def summary_lines() -> list[str]:
    if not RESULTS:
        return []
    width = max(len(o.client) for o in RESULTS)
    table = {(o.client, o.mode): o.verdict for o in RESULTS}
    clients = sorted({o.client for o in RESULTS})
    lines = [f"{'client':<{width}}  " + "  ".join(f"{m:<9}" for m in MODES)]
    for client in clients:
        lines.append(f"{client:<{width}}  " + "  ".join(f"{table.get((client, m), '-'):<9}" for m in MODES))
    for mode in MODES:
        verdicts = [o.verdict for o in RESULTS if o.mode == mode]
        if verdicts:
            counts = ", ".join(f"{v.lower()} {verdicts.count(v)}" for v in ("WORKS", "REPORTED", "SILENT"))
            elsewhere = sum(o.verdict == "REPORTED" and o.finding_where_it_broke is False
                            for o in RESULTS if o.mode == mode)
            lines.append(f"{mode}: {counts} (of {len(verdicts)}; {elsewhere} reported with no finding "
                         "on the statement where main() raised)")
    return lines

"""Issue 11's promise, end to end: every v1 client, once migrated (``codemod --write``, or
``lint --fix``), either works against the v2 sandbox or keeps a finding at the line a person
must change, reported again on every later run. A client that is broken and lints clean fails
its test (see ``harness.py`` for the verdicts)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.e2e import harness

pytestmark = pytest.mark.slow

# Clients that are silent today: broken after migration, and no finding at the line to change
# (issue 11); none now. Each entry says what breaks and becomes a strict xfail, so its test fails
# as soon as the client works or is reported. Keyed by client, or by (client, mode).
SILENT_TODAY: dict[str | tuple[str, str], str] = {}


def cases():
    for name in harness.client_names():
        for mode in harness.MODES:
            reason = SILENT_TODAY.get((name, mode)) or SILENT_TODAY.get(name)
            # raises=: only the silent verdict is expected; a stability check failing still fails
            marks = [pytest.mark.xfail(strict=True, raises=harness.SilentClient, reason=f"silent today: {reason}")] \
                if reason else []
            yield pytest.param(name, mode, id=f"{name}-{mode}", marks=marks)


def test_there_are_enough_clients():
    assert len(harness.client_names()) >= 25


def test_every_client_imports_only_what_is_installed_or_beside_it():
    for name in harness.client_names():
        for module in harness.module_set(name):
            for imported in harness.imported_names(harness.CLIENTS / f"{module}.py"):
                beside = (harness.CLIENTS / f"{imported}.py").is_file()
                assert beside or importlib.util.find_spec(imported), f"{module}.py imports {imported}"


@pytest.mark.parametrize(("name", "mode"), list(cases()))
def test_client(name, mode, tmp_path, psmigrate_sandbox, monkeypatch):
    paths = harness.copy_client(name, tmp_path)
    outcome = harness.Outcome(name, mode, marks_before=harness.count_marks(paths))
    harness.migrate(mode, paths)
    outcome.marks_after = harness.count_marks(paths)
    migrated = {p: p.read_bytes() for p in paths}

    first = harness.lint(paths)
    outcome.findings = first.findings
    # reported again on every later run: the same findings, and nothing left to rewrite
    assert harness.lint(paths).findings == first.findings, "a second lint run reports something else"
    check = harness.cli("codemod", "--check", "-j", "1", *map(str, paths))
    assert harness.cli("codemod", "--check", "-j", "1", *map(str, paths)) == check, "codemod --check is not stable"
    _, diff, _ = harness.cli("codemod", "--diff", "-j", "1", *map(str, paths))
    assert diff == "", f"codemod --diff after {mode} still wants to change:\n{diff}"
    if check[0] != first.exit_code:
        outcome.notes.append(f"codemod --check exits {check[0]}, lint {first.exit_code}")
    assert {p: p.read_bytes() for p in paths} == migrated, "a check run changed a file"

    run = harness.run_client(tmp_path, name, psmigrate_sandbox, monkeypatch)
    harness.verdict(outcome, run, first, paths)
    harness.RESULTS.append(outcome)
    if outcome.verdict == "SILENT":
        raise harness.SilentClient(outcome.explain())


def _run_reference(name, tmp_path, sandbox, monkeypatch) -> harness.Run:
    target = tmp_path / f"{name}.py"
    target.write_bytes((harness.CLIENTS.parent / "reference" / f"{name}.py").read_bytes())
    return harness.run_client(tmp_path, name, sandbox, monkeypatch)


def test_a_client_written_for_v2_works(tmp_path, psmigrate_sandbox, monkeypatch):
    run = _run_reference("v2_execute_actions", tmp_path, psmigrate_sandbox, monkeypatch)
    assert run.problems() == []
    assert run.returned == ["https://acme-assets.s3.amazonaws.com/out/v2.jpg?X-Amz-Signature=z001"]
    assert [r["status"] for r in run.adobe_requests][:1] == [202]


def test_a_poll_loop_waiting_on_a_v1_field_is_stopped_and_broken(tmp_path, psmigrate_sandbox, monkeypatch):
    run = _run_reference("v1_never_ends", tmp_path, psmigrate_sandbox, monkeypatch)
    assert run.error and run.error.startswith("PollNeverEnded")
    assert run.failed_at == ("v1_never_ends.py", 21)
    assert run.problems() == [f"main() raised {run.error}"]


def test_a_finding_counts_only_on_a_marked_statement(tmp_path):
    client = tmp_path / "marked.py"
    client.write_text('import requests\n\nrequests.get(\n    "https://image.adobe.io/x",  # e2e: person\n)\nx = 1\n')
    assert harness.person_statements(client) == [range(3, 6)]
    run = harness.Run(error="KeyError: 'outputs'", jobs={"j": "running"})
    on_mark = harness.Lint(1, [harness.Finding(str(client), 4, 5, "PS703", "m")])
    elsewhere = harness.Lint(1, [harness.Finding(str(client), 6, 1, "PS707", "m")])
    for lint, expected in ((on_mark, "REPORTED"), (elsewhere, "SILENT"), (harness.Lint(0, []), "SILENT")):
        outcome = harness.Outcome("marked", "codemod", marks_before=1)
        harness.verdict(outcome, run, lint, [client])
        assert outcome.verdict == expected


def test_returning_urls_no_job_wrote_is_broken():
    status = {"method": "GET", "url": "https://photoshop-api.adobe.io/v2/status/j", "host": "photoshop-api.adobe.io",
              "status": 200, "response_json": {"status": "succeeded", "result": {"outputs": [
                  {"destination": {"url": "https://acme.example/out.png?X-Amz-Signature=REDACTED"}}]}}}
    run = harness.Run(returned=["https://acme.example/out.png?X-Amz-Signature=abc"], requests=[status],
                      jobs={"j": "succeeded"})
    assert run.problems() == []
    run.returned = ["https://acme.example/elsewhere.png"]
    assert run.problems() == ["main() returned https://acme.example/elsewhere.png, where no job wrote an output"]


FIXTURES = harness.CLIENTS.parent.parent / "codemod" / "fixtures"


@pytest.mark.parametrize("sources", [
    [harness.CLIENTS / "productcrop_config.py", harness.CLIENTS / "ps_settings.py"],
    # the importer's URL is a constant of its sibling, which the migration rewrites too
    [FIXTURES / "sibling_import.before.py", FIXTURES / "psapi_settings.py"],
], ids=["client", "fixture"])
def test_in_process_runs_agree_with_a_fresh_process(sources, tmp_path):
    import json
    import shutil
    import subprocess
    import sys

    paths = [tmp_path / source.name.replace(".before", "") for source in sources]
    for source, path in zip(sources, paths):
        shutil.copyfile(source, path)
    harness.migrate("codemod", paths)
    fresh = subprocess.run([sys.executable, "-m", "migrator", "lint", "--output-format", "json", *map(str, paths)],
                           capture_output=True, text=True, check=False)
    expected = [(d["path"], d["line"], d["col"], d["code"]) for d in json.loads(fresh.stdout or "[]")]
    assert [(f.path, f.line, f.col, f.code) for f in harness.lint(paths).findings] == expected

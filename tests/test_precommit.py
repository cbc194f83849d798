"""The pre-commit hooks, run by the real ``pre-commit`` on a throwaway project.

The hook source is a temporary git repo holding a copy of this project (so the test needs no
clean, committed checkout), and the project's ``.pre-commit-config.yaml`` is the README's snippet
with its ``repo``/``rev`` pointed at that copy: the snippet users paste is what is tested.
pre-commit builds the hooks' virtualenv once per module, in its own ``PRE_COMMIT_HOME``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

# What `pip install .` needs to build psmigrate's wheel, plus the hook manifest.
HOOK_REPO_CONTENTS = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "migrator", "rules", "schemas")
FIXTURES = ROOT / "tests" / "codemod" / "fixtures"
SHELL_FIXTURES = ROOT / "tests" / "shell" / "fixtures"
JS_FIXTURES = ROOT / "tests" / "javascript" / "fixtures"
V2_ACTIONS_URL = "https://photoshop-api.adobe.io/v2/execute-actions"

V1_ACTIONS_BODY = {
    "inputs": [{"href": "https://bucket.example/in.psd", "storage": "external"}],
    "options": {
        "actions": [{"href": "https://bucket.example/watermark.atn", "storage": "external",
                     "actionName": "Watermark"}],
    },
    "outputs": [{"href": "https://bucket.example/out.jpg", "storage": "external", "type": "image/jpeg",
                 "quality": 9}],
}
PROJECT_PYPROJECT = '[tool.psmigrate]\nexclude = ["legacy/"]\n'


def _git_env(tmp: Path) -> dict[str, str]:
    """The caller's environment without anything that would point git or pre-commit elsewhere."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "SKIP"}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_HOME=str(tmp),
               GIT_AUTHOR_NAME="psmigrate tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
               GIT_COMMITTER_NAME="psmigrate tests", GIT_COMMITTER_EMAIL="tests@example.invalid")
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)} failed in {cwd}:\n{done.stdout}{done.stderr}"
    return done.stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    return _git_env(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """A git repo holding this project's current files; returns its path and commit."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in HOOK_REPO_CONTENTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, repo / name)
    _git(repo, env, "init", "--quiet")
    _git(repo, env, "add", "--all")
    _git(repo, env, "commit", "--quiet", "--message", "psmigrate under test")
    return repo, _git(repo, env, "rev-parse", "HEAD")


def readme_config(repo: Path, rev: str) -> str:
    """The README's `.pre-commit-config.yaml` snippet, with repo and rev replaced."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- pre-commit-config:start -->\s*```yaml\n(.*?)```\s*<!-- pre-commit-config:end -->",
                        readme, re.DOTALL)
    assert section, "README.md has no ```yaml block between the pre-commit-config markers"
    config = yaml.safe_load(section.group(1))
    [entry] = config["repos"]
    assert {h["id"] for h in entry["hooks"]} == {"psmigrate-lint", "psmigrate-fix"}, entry
    entry.update(repo=str(repo), rev=rev)
    return yaml.safe_dump(config, sort_keys=False)


@pytest.fixture
def project(tmp_path, hook_repo, env) -> Path:
    """A git repo with a v1 body, v1 Python code and JSON/Python the hooks must leave alone."""
    files = {
        "payloads/watermark.json": json.dumps(V1_ACTIONS_BODY, indent=2) + "\n",
        "app/watermark.py": (FIXTURES / "actions_inline_requests.before.py").read_text(encoding="utf-8"),
        "scripts/job.sh": (SHELL_FIXTURES / "actions_chain.sh").read_text(encoding="utf-8"),
        "docs/jobs.md": f"# Jobs\n\n```sh\n{(SHELL_FIXTURES / 'actions_chain.sh').read_text(encoding='utf-8')}```\n",
        "web/client.js": (JS_FIXTURES / "fetch_actions_poll.js").read_text(encoding="utf-8"),
        "web/client.ts": (JS_FIXTURES / "fetch_actions_poll.js").read_text(encoding="utf-8"),
        # Not request bodies / excluded by [tool.psmigrate]: --force-exclude must skip them.
        "package.json": '{"name": "photo-app", "version": "1.0.0"}\n',
        "app/__init__.py": "",
        "legacy/old-request.json": json.dumps(V1_ACTIONS_BODY) + "\n",
        "pyproject.toml": PROJECT_PYPROJECT,
        ".pre-commit-config.yaml": readme_config(*hook_repo),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    _git(tmp_path, env, "init", "--quiet")
    _git(tmp_path, env, "add", "--all")
    return tmp_path


def run_hook(project: Path, env: dict[str, str], hook_id: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", hook_id, "--all-files", "--color", "never"],
                          cwd=project, env=env, capture_output=True, text=True)


def _output(done: subprocess.CompletedProcess) -> str:
    return f"exit code {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"


def _snapshot(project: Path) -> dict[str, str]:
    return {str(p.relative_to(project)): p.read_text(encoding="utf-8")
            for p in project.rglob("*") if p.is_file() and ".git" not in p.parts}


def test_lint_hook_reports_v1_json_and_python_and_changes_nothing(project, env):
    before = _snapshot(project)
    done = run_hook(project, env, "psmigrate-lint")
    assert done.returncode == 1, _output(done)
    assert re.search(r"^payloads/watermark\.json:\d+:\d+: PS401 ", done.stdout, re.MULTILINE), _output(done)
    for code in ("PS721", "PS720"):  # the v1 URL, the v1 body it sends
        assert re.search(rf"^app/watermark\.py:\d+:\d+: {code} ", done.stdout, re.MULTILINE), _output(done)
    for path, code in (("scripts/job.sh", "PS801"), ("docs/jobs.md", "PS801"), ("web/client.js", "PS901"),
                       ("web/client.ts", "PS901")):
        assert re.search(rf"^{re.escape(path)}:\d+:\d+: {code} ", done.stdout, re.MULTILINE), _output(done)
    for skipped in ("package.json", "legacy/", "app/__init__.py"):
        assert skipped not in done.stdout, _output(done)
    assert _snapshot(project) == before


def test_fix_hook_rewrites_to_v2_then_lint_hook_passes(project, env):
    legacy = (project / "legacy/old-request.json").read_text(encoding="utf-8")
    done = run_hook(project, env, "psmigrate-fix")
    assert done.returncode == 1, _output(done)
    assert "files were modified by this hook" in done.stdout, _output(done)
    assert "- exit code:" not in done.stdout, f"psmigrate itself failed:\n{_output(done)}"

    body = json.loads((project / "payloads/watermark.json").read_text(encoding="utf-8"))
    assert "inputs" not in body, body
    assert body["image"] == {"source": {"url": "https://bucket.example/in.psd"}}, body
    assert body["outputs"][0]["destination"] == {"url": "https://bucket.example/out.jpg"}, body
    code = (project / "app/watermark.py").read_text(encoding="utf-8")
    assert V2_ACTIONS_URL in code
    assert code == (FIXTURES / "actions_inline_requests.after.py").read_text(encoding="utf-8")
    assert (project / "legacy/old-request.json").read_text(encoding="utf-8") == legacy
    for path in ("scripts/job.sh", "docs/jobs.md", "web/client.js", "web/client.ts"):
        assert "/v2/" in (project / path).read_text(encoding="utf-8"), path

    done = run_hook(project, env, "psmigrate-lint")
    assert done.returncode == 0, _output(done)
    assert "Passed" in done.stdout, _output(done)

"""lint hands each JSON file's report over as soon as it is done, so the command prints it and
lets it go: memory does not grow with the number of files."""

from __future__ import annotations

import json

from click.testing import CliRunner

from migrator.cli import main
from migrator.lint.runner import LintOptions, iter_lint_paths

CLEAN = {"image": {"source": {"url": "https://bucket.example/in.psd"}},
         "options": {"actions": [{"source": {"url": "https://bucket.example/a.atn"}}]},
         "outputs": [{"destination": {"url": "https://bucket.example/out.png"}, "mediaType": "image/png"}]}


def test_a_report_comes_before_the_next_file_is_read(tmp_path):
    paths = []
    for n in range(3):
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps(CLEAN), encoding="utf-8")
        paths.append(str(path))
    reports = iter_lint_paths([(p, LintOptions()) for p in paths], jobs=1)
    assert next(reports).diagnostics == []
    (tmp_path / "2.json").write_text("{", encoding="utf-8")  # broken after the first report was handed over
    assert [[d.code for d in r.diagnostics] for r in reports] == [[], ["PS001"]]


def test_reports_keep_input_order_across_kinds_and_the_summary_counts_them_all(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(CLEAN), encoding="utf-8")
    (tmp_path / "b.py").write_text("print('no adobe here')\n", encoding="utf-8")
    (tmp_path / "c.json").write_text("{", encoding="utf-8")
    items = [(str(tmp_path / name), LintOptions()) for name in ("a.json", "b.py", "c.json")]
    assert [r.path for r in iter_lint_paths(items)] == [p for p, _ in items]
    result = CliRunner().invoke(main, ["lint", str(tmp_path)])
    assert "PS001" in result.output and "Found 1 problem in 1 of 3 file(s)." in result.stderr

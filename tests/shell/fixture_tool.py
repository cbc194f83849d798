"""The fixture pairs of tests/shell/fixtures: ``NAME.sh`` (or ``.md``) before, ``NAME.after.sh``
after ``codemod --write``, ``NAME.findings`` every finding and change, as ``line:col CODE``
(changes marked ``fix``). ``python -m tests.shell.fixture_tool`` writes the expected files from
what psmigrate does today: review the diff before committing it."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def befores() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in (".sh", ".md") and ".after" not in p.suffixes)


def after_of(path: Path) -> Path:
    return path.with_name(f"{path.stem}.after{path.suffix}")


def findings_of(path: Path) -> Path:
    return path.with_name(f"{path.stem}.findings")


def render(result) -> str:
    from migrator.codemod import is_change

    return "".join(f"{d.line}:{d.col} {d.code}{' fix' if is_change(d) else ''}\n" for d in result.diagnostics)


def main() -> None:
    from migrator.shell.apply import rewrite_shell_bytes

    for path in befores():
        result = rewrite_shell_bytes(path.read_bytes(), path.name)
        after_of(path).write_bytes(result.after)
        findings_of(path).write_text(render(result), encoding="utf-8")


if __name__ == "__main__":
    main()

"""The before/after fixtures of tests/javascript/fixtures: ``NAME.ext`` migrates to
``NAME.after.ext`` with the findings of ``NAME.findings``; files starting with ``_`` are sibling
modules the fixtures import; ``sdk_fix_*`` fixtures are migrated with ``--unsafe-fixes``. ``python -m tests.javascript.fixture_tool`` rewrites the expected
files from the current behaviour (review the diff before committing it)."""

from __future__ import annotations

from pathlib import Path

from migrator.javascript import SUFFIXES

HERE = Path(__file__).parent / "fixtures"


def befores() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.suffix in SUFFIXES and ".after." not in p.name
                  and not p.name.startswith("_"))


def after_of(path: Path) -> Path:
    return path.with_name(path.stem + ".after" + path.suffix)


def findings_of(path: Path) -> Path:
    return path.with_name(path.stem + ".findings")


def options_of(path: Path):
    from migrator.codemod import Options

    return Options(unsafe_fixes=path.name.startswith("sdk_fix_"))


def migrate(data: bytes, path: Path):
    from migrator.javascript.apply import rewrite_js_bytes

    return rewrite_js_bytes(data, str(path), options_of(path))


def render(result) -> str:
    return "".join(f"{d.line}:{d.col} {d.code} {d.message}\n" for d in result.diagnostics)


def main() -> None:
    for path in befores():
        result = migrate(path.read_bytes(), path)
        after_of(path).write_bytes(result.after)
        findings_of(path).write_text(render(result), encoding="utf-8")


if __name__ == "__main__":
    main()

"""``[tool.psmigrate]`` in the nearest ``pyproject.toml``, as ruff reads ``[tool.ruff]``.

Keys: ``select``, ``extend-select``, ``ignore`` (codes or prefixes), ``per-file-ignores``
(glob → codes), ``per-file-endpoint`` (glob → the endpoint its bodies are for, for bodies v1
itself could not tell apart), ``exclude`` (globs) and ``max-file-size`` (bytes; a source file
larger is not parsed, ``migrator/sizecap.py``; 0: no cap). Globs are gitignore-style, relative to the directory
of the ``pyproject.toml``; a bare file name pattern also matches in any directory.
Command-line flags override the file.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from migrator.lint.catalog import Selection
from migrator.sizecap import DEFAULT_MAX_FILE_SIZE

KEYS = {"select", "extend-select", "ignore", "per-file-ignores", "per-file-endpoint", "exclude", "max-file-size"}


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Config:
    root: Path  # the directory globs are relative to
    path: Path | None = None  # the pyproject.toml read, if any
    selection: Selection = Selection()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    per_file_endpoint: dict[str, str] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes; 0: no cap

    def selection_for(self, path: str, flags: Selection | None = None) -> Selection:
        """The selection for one file: the file's, the command line's flags, then its
        per-file-ignores (which always win, as in ruff)."""
        base = self.selection if flags is None else _on_top(flags, self.selection)
        extra = tuple(c for pattern, codes in self.per_file_ignores.items() if self._matches(pattern, path)
                      for c in codes)
        return base.then(ignore=extra)

    def selection_codes(self) -> list[str]:
        """Every code or prefix the file names, to report unknown ones."""
        s = self.selection
        return [*(s.select if self.path else ()), *s.ignore, *s.extend_select,
                *(c for codes in self.per_file_ignores.values() for c in codes)]

    def endpoint_for(self, path: str) -> str | None:
        """The endpoint ``per-file-endpoint`` names for ``path``: the first glob that matches."""
        return next((name for pattern, name in self.per_file_endpoint.items() if self._matches(pattern, path)), None)

    def excluded(self, path: str) -> bool:
        return any(self._matches(pattern, path) for pattern in self.exclude)

    def _matches(self, pattern: str, path: str) -> bool:
        if path == "-":
            return False
        spec = _spec(pattern)
        absolute = Path(os.path.abspath(path))
        try:
            relative = absolute.relative_to(self.root).as_posix()
        except ValueError:
            relative = absolute.as_posix().lstrip("/")
        return spec.match_file(relative) or spec.match_file(absolute.name)


@cache
def _spec(pattern: str):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines([pattern])


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has a ``[tool.psmigrate]`` table."""
    for directory in [start, *start.parents]:
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and "psmigrate" in _read(candidate).get("tool", {}):
            return candidate
    return None


def load(start: Path | None = None) -> Config:
    """The configuration found from ``start`` (a directory, default the current one) upwards,
    or read from ``start`` itself when it is a ``pyproject.toml``."""
    start = (start or Path.cwd()).resolve()
    path = start if start.is_file() else find_pyproject(start)
    if path is None:
        return Config(start)
    table = _read(path).get("tool", {}).get("psmigrate", {})
    unknown = set(table) - KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [tool.psmigrate]: {', '.join(sorted(unknown))}; "
                          f"known: {', '.join(sorted(KEYS))}")
    selection = Selection(
        select=_codes(table, "select", path) or Selection().select,
        ignore=_codes(table, "ignore", path),
        extend_select=_codes(table, "extend-select", path),
    )
    ignores = table.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(f"{path}: [tool.psmigrate] per-file-ignores must be a table of glob = [codes]")
    per_file = {glob: _as_codes(codes, f"per-file-ignores.{glob}", path) for glob, codes in ignores.items()}
    exclude = _as_codes(table.get("exclude", []), "exclude", path, upper=False)
    endpoints = table.get("per-file-endpoint", {})
    if not isinstance(endpoints, dict) or not all(isinstance(v, str) for v in endpoints.values()):
        raise ConfigError(f"{path}: [tool.psmigrate] per-file-endpoint must be a table of glob = \"endpoint\"")
    for key, globs in (("exclude", exclude), ("per-file-ignores", per_file), ("per-file-endpoint", endpoints)):
        for pattern in globs:
            _check_glob(pattern, key, path)
    max_file_size = table.get("max-file-size", DEFAULT_MAX_FILE_SIZE)
    if isinstance(max_file_size, bool) or not isinstance(max_file_size, int) or max_file_size < 0:
        raise ConfigError(f"{path}: [tool.psmigrate] max-file-size must be a number of bytes (0: no cap), "
                          f"not {max_file_size!r}")
    return Config(path.parent, path, selection, per_file, exclude, endpoints, max_file_size)


def _check_glob(pattern: str, key: str, path: Path) -> None:
    """A glob that cannot be compiled is a configuration error now, not a crash at the first file."""
    import re

    try:
        _spec(pattern)
    except (re.error, ValueError) as exc:  # pathspec's pattern errors are ValueErrors
        reason = re.sub(r" at position \d+", "", str(exc))  # a position in the regex the glob became
        raise ConfigError(f"{path}: [tool.psmigrate] {key}: {pattern!r} is not a valid glob ({reason})") from None


def _codes(table: dict, key: str, path: Path) -> tuple[str, ...]:
    return _as_codes(table.get(key, []), key, path)


def _as_codes(value, key: str, path: Path, upper: bool = True) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: [tool.psmigrate] {key} must be a list of strings")
    return tuple(v.upper() if upper else v for v in value)


def _read(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None


def _on_top(flags: Selection, base: Selection) -> Selection:
    return base.then(flags.select, flags.ignore, flags.extend_select)

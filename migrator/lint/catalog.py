"""The one registry of lint rules.

A rule is a small function ``check(payload)`` yielding ``(pointer, message)`` for each problem,
registered with :func:`rule` together with its documentation and its own VALID and INVALID
example bodies (Fixit style); ``tests/lint/test_rule_examples.py`` runs every example, so a rule
cannot be added without examples that prove it fires and stays quiet.

Fixes are declared, not coded per rule: ``fix_with`` names conversion rules from ``rules/*.yaml``
(the same engine ``psmigrate convert`` uses), ``fix`` names a payload-level function in
``fixes.py``. A rule with neither is reported only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from migrator.diagnostics import Severity

Check = Callable[[Any], Iterable[tuple[str, str]]]


@dataclass(frozen=True, eq=False)
class Example:
    """A request body for a rule's documentation and tests.

    For an INVALID example, ``pointer`` is where the first finding must point and ``fixed`` the
    body ``--fix`` must produce (only for fixable rules); ``endpoint`` is the v2 path when the
    body's shape alone does not tell it.
    """

    body: Any
    pointer: str | None = None
    fixed: Any = None
    endpoint: str | None = None


@dataclass(frozen=True, eq=False)
class LintRule:
    code: str
    name: str
    summary: str
    rationale: str
    source: str  # the Adobe document (file name and section) the rule comes from
    check: Check
    valid: tuple[Example, ...]
    invalid: tuple[Example, ...]
    severity: Severity = Severity.ERROR
    endpoints: frozenset[str] | None = None  # v2 paths the rule applies to; None: every one
    fix_with: tuple[str, ...] = ()  # conversion rule codes that fix it
    fix: str | None = None  # name of a fixer in fixes.py
    v1_body: bool = False  # runs on whole v1 bodies (every other rule runs on v2 bodies only)

    @property
    def fixable(self) -> bool:
        return bool(self.fix_with or self.fix)

    def applies_to(self, endpoint: str | None) -> bool:
        return self.endpoints is None or endpoint in self.endpoints


_RULES: dict[str, LintRule] = {}


def rule(code: str, name: str, *, summary: str, rationale: str, source: str,
         valid: Iterable[Any], invalid: Iterable[Any], severity: Severity = Severity.ERROR,
         endpoints: Iterable[str] | None = None, fix_with: tuple[str, ...] = (), fix: str | None = None,
         v1_body: bool = False) -> Callable[[Check], Check]:
    """Register ``check`` under ``code``. Examples are bodies or :class:`Example` objects."""

    def register(check: Check) -> Check:
        if code in _RULES:
            raise ValueError(f"lint code {code} is registered twice ({_RULES[code].name}, {name})")
        _RULES[code] = LintRule(
            code, name, " ".join(summary.split()), " ".join(rationale.split()), source, check,
            tuple(_example(e) for e in valid), tuple(_example(e) for e in invalid), severity,
            frozenset(endpoints) if endpoints is not None else None, fix_with, fix, v1_body,
        )
        return check

    return register


def _example(value: Any) -> Example:
    return value if isinstance(value, Example) else Example(value)


def all_rules() -> list[LintRule]:
    _load()
    return [_RULES[code] for code in sorted(_RULES)]


def get(code: str) -> LintRule:
    _load()
    return _RULES[code]


def _load() -> None:
    # Importing the modules registers their rules.
    from migrator.lint import rules_inline, rules_limits, rules_outputs, rules_schema, rules_v1  # noqa: F401


@dataclass(frozen=True)
class Selection:
    """Which codes run, as in ruff: codes or prefixes (``PS5``), in layers.

    Each layer (defaults, then ``[tool.psmigrate]``, then command-line flags, then
    per-file-ignores) starts from the layer below it. Within a layer the most specific match
    wins (``select PS5`` + ``ignore PS501`` keeps PS502); a layer with its own ``select``
    starts afresh, one without keeps what the layer below chose.
    """

    select: tuple[str, ...] | None = ("PS",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    base: Selection | None = field(default=None, repr=False)

    def enabled(self, code: str) -> bool:
        chosen = _longest_prefix(code, (self.select or ()) + self.extend_select)
        dropped = _longest_prefix(code, self.ignore)
        if chosen or dropped:
            return chosen > dropped
        if self.select is not None:
            return False
        return self.base.enabled(code) if self.base is not None else False

    def then(self, select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = (),
             extend_select: tuple[str, ...] = ()) -> Selection:
        """A layer on top of this one (command-line flags over the configuration file)."""
        if select is None and not ignore and not extend_select:
            return self
        return Selection(select, ignore, extend_select, self)


def _longest_prefix(code: str, prefixes: tuple[str, ...]) -> int:
    # The most specific match wins, as in ruff: --select PS5 --ignore PS501 keeps PS502.
    return max((len(p) for p in prefixes if code.startswith(p.upper())), default=0)


def matching(prefixes: Iterable[str]) -> Iterator[str]:
    """Prefixes that match no code psmigrate prints (migrator/codes.py) — for usage errors.
    Lint codes are answered from this catalog first: the full index reads every rule file."""
    lint_codes = [rule.code for rule in all_rules()]
    rest = [p for p in prefixes if not any(code.startswith(p.upper()) for code in lint_codes)]
    if not rest:
        return
    from migrator.codes import index

    known = list(index())
    for prefix in rest:
        if not any(code.startswith(prefix.upper()) for code in known):
            yield prefix


# Input errors raised by source.py, reported as findings so a run goes on with the next file.
INPUT_CODES = {
    "PS001": "malformed JSON",
    "PS002": "duplicate key",
    "PS003": "not UTF-8",
    "PS004": "empty file",
    "PS008": "unreadable file or directory",
    "PS010": "file changed during the run; not rewritten",
    "PS011": "symbolic link to a missing file; not written",
    "PS015": "JSON beyond psmigrate's limits (nesting depth, number size)",
    "PS016": "file cannot be written",
}

"""Convert one v1 request body to its v2 form: recognise, run the rules, validate.

This is the single entry point every front end uses: ``psmigrate convert`` on files, ``lint
--fix`` on payloads, and the codemod on Python dict literals (whose opaque leaves skip
validation, since their values are only known at run time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from migrator import recognise, rulebook, schemas
from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.engine import Context, Options, run_rules
from migrator.rulebook import Endpoint, Family
from migrator.tree import JsonText, Opaque, contains_opaque
from migrator.wording import json_type


@dataclass
class Conversion:
    body: Any
    family: Family
    endpoint: Endpoint | None  # None when the body was already v2
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def already_v2(self) -> bool:
        return self.endpoint is None


def convert(body: Any, endpoint: str | None = None, options: Options | None = None,
            validate: bool = True) -> Conversion:
    """Return the v2 form of ``body`` (changed in place) or raise a coded MigrationError."""
    options = options or Options()
    if not isinstance(body, dict):
        raise MigrationError("PS005", f"expected a JSON object as the request body, found {json_type(body)}")
    family, chosen = _choose(body, endpoint)
    if chosen is None:
        return Conversion(body, family, None, [Diagnostic("PS007", f"already a v2 {family.v2} body; nothing to do",
                                                          Severity.INFO)])
    if chosen.unsupported and not options.allow_unsupported:
        flag = f" (pass {chosen.unsupported.opt_in} to convert anyway)" if chosen.unsupported.opt_in else ""
        raise MigrationError(chosen.unsupported.code, chosen.unsupported.message + flag)
    if validate:
        _check_outputs_count(body)
    ctx = Context(family, chosen, options)
    result = run_rules(body, ctx)
    if validate:
        # The compiled check first: a body it accepts is within every SCHEMA_LIMITS limit (the
        # schema states them too, tests/test_schemas.py checks it), so the limit rules, which
        # only word a failure better, run only for a body it rejects. It also accepts a body
        # whose run-time values lie where the schema asks nothing, as the stand-ins below would.
        problems = []
        if schemas.compiled_verdict(family.schema_, result) is not True:
            opaque = contains_opaque(result)
            if not opaque:
                _check_limits(family, result, ctx)
            problems = _schema_problems(family.schema_, result, opaque)
        if problems:
            pointer, sentence = problems[0]
            raise MigrationError("PS009", f"the converted body is not valid v2 ({len(problems)} problem"
                                 f"{'s' if len(problems) > 1 else ''}): {sentence}", _v1_pointer(ctx, result, pointer))
    return Conversion(result, family, chosen, ctx.diagnostics)


OPAQUE = "\x00(a value computed at run time)"


def schema_problems(schema_name: str, body: Any) -> list[tuple[str, str]]:
    """``(pointer, sentence)`` for what the v2 schema rejects in ``body``, best first. Opaque
    leaves (run-time values in the codemod's dict literals) are set aside: a problem counts
    unless it lies in such a value, or it is a choice between shapes (``oneOf``) one of which
    fails only there. Everything written literally is checked as ``convert`` checks a file."""
    return _schema_problems(schema_name, body, contains_opaque(body))


def _schema_problems(schema_name: str, body: Any, opaque_leaves: bool) -> list[tuple[str, str]]:
    if not opaque_leaves:
        return schemas.errors(schema_name, body)
    opaque: list[tuple] = []
    stand_in = _stand_in(body, (), opaque)
    found = [e for e in schemas.iter_errors(schema_name, stand_in) if not _set_aside(e, opaque)]
    found.sort(key=lambda e: (list(e.absolute_path), e.message))
    return [schemas.explain(e) for e in found]


def _stand_in(value: Any, path: tuple, opaque: list[tuple]) -> Any:
    if isinstance(value, (Opaque, JsonText)):
        opaque.append(path)
        return OPAQUE
    if isinstance(value, dict):
        return {k: _stand_in(v, (*path, k), opaque) for k, v in value.items()}
    if isinstance(value, list):
        return [_stand_in(v, (*path, i), opaque) for i, v in enumerate(value)]
    return value


def _set_aside(error, opaque: list[tuple]) -> bool:
    path = tuple(error.absolute_path)
    if any(path[:len(o)] == o for o in opaque):
        return True
    if error.validator in ("oneOf", "anyOf") and error.context:
        branches: dict[Any, list] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        return any(all(_set_aside(sub, opaque) for sub in subs) for subs in branches.values())
    return False


# The v2 limits lint checks that the schema enforces too (PS506, ten fonts, is the guide's alone).
SCHEMA_LIMITS = ("PS501", "PS502", "PS503", "PS504", "PS505", "PS507", "PS508", "PS509")


def _check_outputs_count(body: dict) -> None:
    """A v1 body keeps its outputs one for one, so more than v2 accepts is known before any rule
    runs: a 47 MB body with 200,000 outputs is refused in the time it takes to count them."""
    outputs = body.get("outputs")
    if isinstance(outputs, list) and len(outputs) > MAX_OUTPUTS:
        raise MigrationError("PS502", f"{len(outputs):,} outputs; v2 allows 1–{MAX_OUTPUTS} per request: split "
                             "them over several requests", "/outputs")


MAX_OUTPUTS = 25


def _check_limits(family: Family, result: Any, ctx: Context) -> None:
    """The stated v2 limits (counts, lengths) before the schema, with lint's code and sentence: the
    schema reports an inline `content` over 51,200 characters as the last `oneOf` branch's
    complaint (a missing `creativeCloudFileId`), and walks every one of 200,000 outputs first."""
    rules = _limit_rules(family.v2)
    if not rules:
        return
    from migrator.lint.payload import Payload

    payload = Payload(result, family.v2)
    for code, rule in rules:
        for pointer, message in rule.check(payload):
            raise MigrationError(code, f"the converted body is not valid v2: {message}",
                                 _v1_pointer(ctx, result, pointer))


@cache
def _limit_rules(v2: str) -> tuple:
    """The SCHEMA_LIMITS rules that apply to the endpoint ``v2``, looked up once per endpoint."""
    from migrator.lint.catalog import get

    return tuple((code, get(code)) for code in SCHEMA_LIMITS if get(code).applies_to(v2))


def _v1_pointer(ctx: Context, result: Any, pointer: str) -> str:
    """Best v1 location for a problem found at ``pointer`` in the v2 result."""
    from migrator.tree import split_path

    node, best = result, ctx.origin(result)
    for token in split_path(pointer):
        key: str | int = int(token) if isinstance(node, list) and token.isdigit() else token
        best = ctx.origin(node, key) or best
        if isinstance(node, dict) and key in node or isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            break
    return best


def _choose(body: dict, endpoint: str | None) -> tuple[Family, Endpoint | None]:
    # No v2 schema accepts v1's top-level `inputs`, so such a body skips the v2 check and
    # converting it with --no-validate never loads jsonschema.
    if endpoint is not None:
        family, chosen = rulebook.find_endpoint(endpoint)
        return (family, None) if _looks_v2(body) and schemas.is_valid(family.schema_, body) else (family, chosen)
    if _looks_v2(body):
        for family in rulebook.families():
            if schemas.is_valid(family.schema_, body):
                return family, None
    # One entry per endpoint: several body shapes of one endpoint fitting is not ambiguity.
    candidates = recognise.candidates(body)
    if len(candidates) == 1:
        return next(iter(candidates.values()))
    if not candidates:
        raise MigrationError("PS005", "not a request body psmigrate recognises (neither a known v1 body nor a "
                             "valid v2 one); pass --endpoint NAME to say which v1 endpoint it is for")
    names = list(candidates)
    raise MigrationError("PS006", f"this body fits several v1 endpoints ({', '.join(names)}); "
                         "pass --endpoint NAME to choose", candidates=names)


def _looks_v2(body: dict) -> bool:
    return "inputs" not in body


"""PS5xx: limits on counts and lengths, each a stated v2 limit with its own code."""

from __future__ import annotations

from collections.abc import Iterable

from migrator.lint.bodies import ACTION_URL, actions_body, composite_body, hosted_output, inline_action, output, source
from migrator.lint.catalog import Example, rule
from migrator.lint.payload import (
    CREATE_COMPOSITE,
    EXECUTE_ACTIONS,
    FONT_OPTIONS,
    OUTPUT_ARRAYS,
    PHOTOSHOP_OUTPUTS,
)

SPEC = "photoshop-v2-openapi.json"


def _sources(n: int) -> list[dict]:
    return [source(f"https://bucket.example/r{i}") for i in range(n)]


def count_limit(code: str, name: str, what: str, patterns: Iterable[str], maximum: int, *, minimum: int = 0,
                endpoints, source_doc: str, rationale: str, valid, invalid) -> None:
    """Register a rule: each array at ``patterns`` holds ``minimum``..``maximum`` items."""
    patterns = tuple(patterns)
    bounds = f"{minimum}–{maximum}" if minimum else f"at most {maximum}"

    def check(payload):
        for pattern in patterns:
            for pointer, items in payload.walk(pattern):
                if isinstance(items, list) and not minimum <= len(items) <= maximum:
                    yield pointer, f"{len(items)} {what}; v2 allows {bounds}"

    rule(code, name, summary=f"{what}: {bounds}", rationale=rationale, source=source_doc,
         valid=valid, invalid=invalid, endpoints=endpoints)(check)


def length_limit(code: str, name: str, what: str, key: str, parent_key: str | None, maximum: int, *,
                 endpoints, source_doc: str, rationale: str, valid, invalid) -> None:
    """Register a rule: every string under ``key`` (inside an object under ``parent_key``, when
    given) is at most ``maximum`` characters."""

    def check(payload):
        for pointer, obj, found in payload.keys_named(key):
            if parent_key and pointer.rsplit("/", 2)[-2] != parent_key:
                continue
            value = obj[found]
            if isinstance(value, str) and len(value) > maximum:
                yield pointer, f"{what} is {len(value):,} characters long; v2 allows at most {maximum:,}"

    rule(code, name, summary=f"{what}: at most {maximum:,} characters", rationale=rationale, source=source_doc,
         valid=valid, invalid=invalid, endpoints=endpoints)(check)


count_limit(
    "PS501", "too-many-actions", "actions", ["/options/actions"], 10, endpoints={EXECUTE_ACTIONS},
    source_doc=f"actions-migration.md (Multiple actions); execute-actions-v1-reference.md §13; "
    f"{SPEC} ActionsOptions.actions",
    rationale="v2 runs at most 10 actions (`.atn` and inline ActionJSON mixed) per request.",
    valid=[actions_body({"actions": _sources(10)})],
    invalid=[Example(actions_body({"actions": _sources(11)}), pointer="/options/actions")],
)

count_limit(
    "PS502", "outputs-count", "outputs", ["/outputs"], 25, minimum=1, endpoints=OUTPUT_ARRAYS,
    source_doc=f"execute-actions-v1-reference.md §13 (Resource limits summary); "
    f"actions-migration.md (Multiple outputs); {SPEC} ActionsRequest.outputs",
    rationale="Every v2 request with an `outputs` array needs at least one output and accepts at most 25.",
    valid=[actions_body(outputs=[output(url=f"https://bucket.example/o{i}.png") for i in range(25)])],
    invalid=[Example(actions_body(outputs=[]), pointer="/outputs"),
             Example(composite_body([output(url=f"https://bucket.example/o{i}.png") for i in range(26)]),
                     pointer="/outputs")],
)

count_limit(
    "PS503", "too-many-additional-contents", "additional contents", ["/options/additionalContents"], 25,
    endpoints={EXECUTE_ACTIONS},
    source_doc=f"actions-migration.md (Additional contents in actions); execute-actions-v1-reference.md §5; "
    f"{SPEC} ActionsOptions.additionalContents",
    rationale="v2 accepts at most 25 additional contents per request, as v1 did for additionalImages.",
    valid=[actions_body({"additionalContents": _sources(25), "actions": [source(ACTION_URL)]})],
    invalid=[Example(actions_body({"additionalContents": _sources(26), "actions": [source(ACTION_URL)]}),
                     pointer="/options/additionalContents")],
)

count_limit(
    "PS504", "too-many-brushes", "brushes", ["/options/brushes"], 10, endpoints={EXECUTE_ACTIONS},
    source_doc=f"execute-actions-v1-reference.md §6 (Resource limits); {SPEC} ActionsOptions.brushes",
    rationale="v2 accepts at most 10 brush files per request (v1 documented no limit).",
    valid=[actions_body({"actions": [source(ACTION_URL)], "brushes": _sources(10)})],
    invalid=[Example(actions_body({"actions": [source(ACTION_URL)], "brushes": _sources(11)}),
                     pointer="/options/brushes")],
)

count_limit(
    "PS505", "too-many-patterns", "patterns", ["/options/patterns"], 10, endpoints={EXECUTE_ACTIONS},
    source_doc=f"execute-actions-v1-reference.md §6 (Resource limits); {SPEC} ActionsOptions.patterns",
    rationale="v2 accepts at most 10 pattern files per request (v1 documented no limit).",
    valid=[actions_body({"actions": [source(ACTION_URL)], "patterns": _sources(10)})],
    invalid=[Example(actions_body({"actions": [source(ACTION_URL)], "patterns": _sources(11)}),
                     pointer="/options/patterns")],
)

count_limit(
    "PS506", "too-many-fonts", "additional fonts",
    ["/options/fontOptions/additionalFonts", "/fontOptions/additionalFonts"], 10, endpoints=FONT_OPTIONS,
    source_doc="execute-actions-v1-reference.md §6 and §13 (Resource limits); "
    "actions-migration.md (Additional resources)",
    rationale="The migration guide limits custom fonts to 10 per request. The v2 OpenAPI spec states "
    "no limit for `fontOptions.additionalFonts` (our schema therefore accepts more), so this is the "
    "guide's limit, checked here only.",
    valid=[actions_body({"actions": [source(ACTION_URL)], "fontOptions": {"additionalFonts": _sources(10)}})],
    invalid=[Example(actions_body({"actions": [source(ACTION_URL)], "fontOptions": {"additionalFonts": _sources(11)}}),
                     pointer="/options/fontOptions/additionalFonts"),
             Example(composite_body(fontOptions={"additionalFonts": _sources(11)}), endpoint=CREATE_COMPOSITE,
                     pointer="/fontOptions/additionalFonts")],
)

INLINE_MAX = 51_200
length_limit(
    "PS507", "inline-content-too-long", "inline `content`", "content", "source", INLINE_MAX, endpoints=None,
    source_doc=f"actions-migration.md (Inline content usage: Payload Size Limits); "
    f"{SPEC} InlineContentResourceInput.content",
    rationale="Inline content is limited to 50 KB (51,200 characters) per resource; larger actions "
    "and scripts must be passed by URL.",
    valid=[actions_body({"actions": [inline_action("[" + " " * (INLINE_MAX - 2) + "]")]})],
    invalid=[Example(actions_body({"actions": [inline_action("[" + " " * (INLINE_MAX - 1) + "]")]}),
                     pointer="/options/actions/0/source/content")],
)

count_limit(
    "PS508", "too-many-output-layers", "layers to export", ["/outputs/*/layers"], 100, endpoints=PHOTOSHOP_OUTPUTS,
    source_doc=f"{SPEC} PhotoshopOutput.layers (maxItems 100)",
    rationale="One output can export at most 100 layers; split larger exports over several outputs.",
    valid=[composite_body([output(layers=[{"name": f"layer {i}"} for i in range(100)])])],
    invalid=[Example(composite_body([output(layers=[{"name": f"layer {i}"} for i in range(101)])]),
                     pointer="/outputs/0/layers")],
)

UXP = {"uxp": {"source": {"url": "https://bucket.example/script.psjs"}}}
length_limit(
    "PS509", "script-output-pattern-too-long", "`scriptOutputPattern`", "scriptOutputPattern", None, 255,
    endpoints=PHOTOSHOP_OUTPUTS,
    source_doc=f"actions-migration.md (UXP output configuration); {SPEC} PhotoshopOutput.scriptOutputPattern",
    rationale="The glob that picks a UXP script's output files is at most 255 characters.",
    valid=[actions_body(UXP, [hosted_output(scriptOutputPattern="*.json")])],
    invalid=[Example(actions_body(UXP, [hosted_output(scriptOutputPattern="a" * 256)]),
                     pointer="/outputs/0/scriptOutputPattern")],
)

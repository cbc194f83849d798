"""Load and check the declarative rule files under ``rules/``.

Each ``rules/<family>.yaml`` describes one v2 endpoint family: which v1 endpoints map to it, how
to recognise their bodies, and the ordered rules that turn a v1 body into a v2 body. The pydantic
models below are the rule files' schema: a file that does not fit them fails to load with the
file name and the offending field.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from migrator.resources import data_dir
from migrator.tree import split_path

CODE = r"^PS\d{3}$"
HOST = r"^[a-z0-9-]+(\.[a-z0-9-]+)+$"
# libyaml's loader reads the rule files about 9x faster; every command pays this at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Example(Strict):
    """A before/after pair for one rule: ``v1`` with only this rule applied gives ``v2``."""

    v1: Any
    v2: Any = None
    endpoint: str | None = None
    error: str | None = Field(default=None, pattern=CODE, description="the code the rule raises instead")
    note: str | None = None


class RuleBase(Strict):
    code: str = Field(pattern=CODE)
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    summary: str
    rationale: str
    source: str = Field(description="the Adobe guide section the mapping comes from")
    at: str = ""
    endpoints: tuple[str, ...] | None = None
    examples: tuple[Example, ...] = Field(min_length=1)


class Move(RuleBase):
    """Move the value at ``from`` to ``to`` (both relative to each match of ``at``)."""

    op: Literal["move"]
    from_: str = Field(alias="from")
    to: str


class Wrap(RuleBase):
    """Replace each match of ``at`` with an object holding it at ``into``."""

    op: Literal["wrap"]
    into: str


class ValueRange(Strict):
    min: float
    max: float
    value: str


class MapValues(RuleBase):
    """Replace each match of ``at`` through a table (strings) or ranges (numbers)."""

    op: Literal["map_values"]
    table: dict[str, str] = {}
    ranges: tuple[ValueRange, ...] = ()
    when: dict[str, tuple[str, ...]] = Field(
        default={}, description="sibling path → allowed values; the rule skips other matches"
    )
    unmapped: Literal["keep", "error"] = "error"


class Stringify(RuleBase):
    """Turn each match of ``at`` into compact JSON text."""

    op: Literal["stringify"]


class Set(RuleBase):
    """Set ``key`` to ``value`` in each object matching ``at`` (only where it is missing), and
    report ``message`` (info) when given: a default the guide says to write out."""

    op: Literal["set"]
    key: str
    value: Any
    when: dict[str, tuple[str, ...]] = Field(
        default={}, description="path in the object → allowed values; the rule skips other objects"
    )
    message: str | None = None


class ReplaceText(RuleBase):
    """Rewrite every string under each match of ``at`` with a regular expression."""

    op: Literal["replace_text"]
    pattern: str
    replacement: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class Drop(RuleBase):
    """Remove each match of ``at`` and say so: v1 fields with no v2 home."""

    op: Literal["drop"]
    severity: Literal["warning", "info"] = "warning"
    message: str
    destination: bool = Field(default=False, description=(
        "the dropped value is where v1 wrote a result and v2 writes nothing there: the codemod "
        "reports each later use of it in code (PS735)"))


class Manual(RuleBase):
    """Each match of ``at`` needs a person: the conversion stops with this rule's code."""

    op: Literal["manual"]
    message: str


class Transform(RuleBase):
    """A named Python transform from ``migrator.transforms`` for the few steps data can't say."""

    op: Literal["transform"]
    transform: str
    args: dict[str, Any] = {}


Rule = Annotated[
    Union[Move, Wrap, MapValues, Stringify, Set, ReplaceText, Drop, Manual, Transform],
    Field(discriminator="op"),
]


class Recogniser(Strict):
    """How to tell a v1 body of this endpoint: every ``has`` path present, no ``lacks`` path."""

    has: tuple[str, ...] = Field(min_length=1)
    lacks: tuple[str, ...] = ()


class Unsupported(Strict):
    code: str = Field(pattern=CODE)
    message: str
    opt_in: str | None = Field(default=None, description="the CLI flag that converts anyway")


class Endpoint(Strict):
    name: str
    v1: str
    guide: str
    # Several recognisers when the guides document several v1 body shapes for one endpoint;
    # a body is this endpoint's when any of them matches. See :meth:`shapes`.
    recognise: Recogniser | tuple[Recogniser, ...] | None = None
    unsupported: Unsupported | None = None
    host: str | None = Field(default=None, pattern=HOST,
                             description="the v2 host when it differs from the family's (remove-background job status)")

    def shapes(self) -> tuple[Endpoint, ...]:
        """This endpoint once per recogniser, each copy holding exactly one (or none)."""
        if not isinstance(self.recognise, tuple):
            return (self,)
        return tuple(self.model_copy(update={"recognise": r}) for r in self.recognise)


class Family(Strict):
    """One v2 endpoint. ``schema: null`` marks a family without a request body (job status):
    only its URL changes, so it has no rules, and :func:`families` leaves it out."""

    family: str
    v2: str
    host: str = Field(pattern=HOST, description="the host serving the v2 endpoint (the spec's path-level `servers`)")
    method: Literal["GET", "POST"] = "POST"
    schema_: str | None = Field(alias="schema")
    summary: str
    endpoints: tuple[Endpoint, ...] = Field(min_length=1)
    key_order: dict[str, tuple[str, ...]] = {}
    rules: tuple[Rule, ...] = ()

    def host_of(self, endpoint: Endpoint) -> str:
        return endpoint.host or self.host

    @property
    def has_body(self) -> bool:
        return self.schema_ is not None

    @model_validator(mode="after")
    def _bodyless_is_url_only(self) -> Family:
        if self.has_body != (self.method == "POST"):
            raise ValueError("a family has a `schema` exactly when its method is POST")
        if not self.has_body and (self.rules or self.key_order or any(e.recognise for e in self.endpoints)):
            raise ValueError("a family without a request body (schema: null) has no rules, key_order or recognise")
        patterns = [split_path(pattern) for pattern in self.key_order]
        for i, one in enumerate(patterns):
            for other in patterns[i + 1:]:
                if len(one) == len(other) and all(a == b or "*" in (a, b) for a, b in zip(one, other)):
                    raise ValueError(f"key_order paths /{'/'.join(one)} and /{'/'.join(other)} can name the "
                                     "same object: which order it gets would depend on the walk")
        return self


class RuleFileError(Exception):
    pass


def load_family(path) -> Family:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        return Family.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        raise RuleFileError(f"{path}: {exc}") from exc


@cache
def endpoint_map() -> tuple[Family, ...]:
    """Every family, including those without a request body: the whole v1 → v2 map."""
    loaded = tuple(load_family(p) for p in sorted(data_dir("rules").glob("*.yaml")))
    codes: dict[str, str] = {}
    for family in loaded:
        named = [(r.code, r.name) for r in family.rules]
        named += [(e.unsupported.code, f"{e.name} (unsupported)") for e in family.endpoints if e.unsupported]
        for code, name in named:
            if codes.get(code, name) != name:
                raise RuleFileError(f"rule code {code} is used by both {codes[code]} and {name}")
            codes[code] = name
    return loaded


@cache
def families() -> tuple[Family, ...]:
    """The families whose v1 endpoints take a request body: what the engine converts."""
    return tuple(f for f in endpoint_map() if f.has_body)


@cache
def all_endpoints() -> tuple[tuple[Family, Endpoint], ...]:
    """Every (family, endpoint) a body can be converted for, once per documented v1 body shape."""
    return tuple((f, shape) for f in families() for e in f.endpoints for shape in e.shapes())


@cache
def destination_codes() -> frozenset[str]:
    """The codes of the drop rules whose dropped value v1 wrote a result to (``destination``)."""
    return frozenset(r.code for f in families() for r in f.rules if getattr(r, "destination", False))


def match_url(url: str) -> tuple[Family, Endpoint] | None:
    """The endpoint (body-less ones included) whose v1 path ends ``url``, ignoring a query
    string; ``{name}`` in a v1 path matches one path segment (``/lrService/status/{jobId}``)."""
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    for family in endpoint_map():
        for endpoint in family.endpoints:
            pattern = re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(endpoint.v1))
            if re.search(pattern + "$", path):
                return family, endpoint
    return None


def find_endpoint(name: str) -> tuple[Family, Endpoint]:
    """Accept ``/pie/psdService/productCrop``, its last segment, or the host-qualified URL."""
    wanted = name.rstrip("/")
    for family, endpoint in all_endpoints():
        if wanted in (endpoint.v1, endpoint.name) or wanted.endswith(endpoint.v1):
            return family, endpoint
    known = ", ".join(dict.fromkeys(e.name for _, e in all_endpoints()))
    raise KeyError(f"unknown endpoint {name!r}; known: {known}")

"""Which v1 endpoint a URL names, and how its text changes for v2.

A URL argument is first resolved into *parts* (``resolve.py``): literal text with the libcst node
that holds it, or an unknown piece computed at run time. The parts are joined (unknown pieces
become ``\\x00``) and read here: the host ``image*.adobe.io`` becomes ``photoshop-api*.adobe.io``
and the path ``/<service>/<name>`` becomes ``/v2/<v2 name>``. Every v2 path is ``/v2/...``, so the
service prefix and the endpoint name can be rewritten separately, which is what a base URL held in
one constant and a path held in another needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache


UNKNOWN = "\x00"
# Adobe's API hosts: v1 served everything from image*.adobe.io; v2 serves remove-background (and
# its job status) there too and every other operation from photoshop-api*.adobe.io. Which one an
# operation needs is rule data (each family's `host`), never decided here.
HOST = re.compile(r"https?://(?P<label>image|photoshop-api)(?P<suffix>[\w-]*)\.adobe\.io(?=[/?#\x00]|$)")
V1_PATH = re.compile(r"(?P<prefix>/(?:pie/psdService|lrService|sensei))(?P<rest>/(?P<name>[A-Za-z]\w*))?(?!\w)")
V2_PATH = re.compile(r"/v2/(?P<name>[a-z][a-z-]*)(?![\w-])")
ANY_HOST = "*"  # /v2/status answers on both hosts (each for its own jobs)
STATUS = "status"

# The endpoint map of index.md ("Service migration reference"), remove-background/index.md for
# /sensei and the convenience-api guides. The rulebook is asked first; this table only serves
# endpoints whose family has no rules/ file yet, so their URL still moves and their body is
# reported as a manual step (PS705).
GUIDE_MAP = {
    "/lrService/autoTone": "/v2/edit",
    "/lrService/autoStraighten": "/v2/edit",
    "/lrService/presets": "/v2/edit",
    "/lrService/xmp": "/v2/edit",
    "/lrService/edit": "/v2/edit",
    "/pie/psdService/smartObject": "/v2/create-composite",
    "/pie/psdService/renditionCreate": "/v2/create-composite",
    "/pie/psdService/documentCreate": "/v2/create-composite",
    "/pie/psdService/documentOperations": "/v2/create-composite",
    "/pie/psdService/photoshopActions": "/v2/execute-actions",
    "/pie/psdService/actionJSON": "/v2/execute-actions",
    "/pie/psdService/productCrop": "/v2/execute-actions",
    "/pie/psdService/text": "/v2/execute-actions",
    "/pie/psdService/splitView": "/v2/execute-actions",
    "/pie/psdService/sideBySide": "/v2/execute-actions",
    "/pie/psdService/artboardCreate": "/v2/create-artboard",
    "/pie/psdService/documentManifest": "/v2/generate-manifest",
    "/sensei/cutout": "/v2/remove-background",
    "/sensei/mask": "/v2/remove-background",
}
# depth-blur.md: "Depth Blur is not currently supported in V2" (Neural Filters are unavailable).
# /pie/psdService/hello was v1's "is my token accepted" check (Adobe's v1 getting-started page); no
# v2 guide or spec path replaces it.
NO_V2 = {
    "/pie/psdService/depthBlur": "Neural Filters, which depthBlur needs, are not available in v2",
    "/pie/psdService/hello": "a known v1 endpoint (a credentials check) with no v2 equivalent; remove the call, "
                             "or let the first v2 request show whether the token is accepted",
}


@dataclass(frozen=True)
class Target:
    v1: str
    v2: str | None  # None: no v2 equivalent
    endpoint: str | None = None  # the rulebook's endpoint name; None for status or without rules
    why_not: str | None = None
    host: str = ANY_HOST  # the v2 host serving it (the family's `host` in rules/)

    @property
    def status(self) -> bool:
        return self.v1.endswith("/" + STATUS)

    @property
    def has_rules(self) -> bool:
        return self.endpoint is not None


@cache
def target(v1_path: str) -> Target | None:
    """The v2 home of a v1 endpoint path (``/pie/psdService/photoshopActions``); None if unknown."""
    from migrator import rulebook  # pydantic and the rule files: only once a v1 path turns up

    if v1_path.endswith("/" + STATUS):
        for family in rulebook.endpoint_map():
            for endpoint in family.endpoints:
                if endpoint.v1 == v1_path + "/{jobId}":
                    return Target(v1_path, family.v2.removesuffix("/{jobId}"), host=family.host_of(endpoint))
        return None
    for family, endpoint in rulebook.all_endpoints():
        if endpoint.v1 == v1_path:
            if endpoint.unsupported:
                return Target(v1_path, None, endpoint.name, endpoint.unsupported.message)
            return Target(v1_path, family.v2, endpoint.name, host=family.host_of(endpoint))
    if v1_path in NO_V2:
        return Target(v1_path, None, why_not=NO_V2[v1_path])
    if v1_path in GUIDE_MAP:
        return Target(v1_path, GUIDE_MAP[v1_path], host=v2_host(GUIDE_MAP[v1_path]))
    return None


def v2_family(url: str):
    """The rule family of the first ``/v2/<name>`` path in ``url``, or None."""
    match = V2_PATH.search(url)
    return _family(match["name"]) if match else None


@cache
def _family(name: str):
    from migrator import rulebook

    return next((f for f in rulebook.endpoint_map() if f.v2.split("/")[2] == name), None)


def v2_host(v2_path: str) -> str:
    """The host serving ``/v2/<name>``: ANY_HOST for the job status both hosts answer, and for a
    path no rule file names (not ours to judge)."""
    family = v2_family(v2_path)
    return ANY_HOST if family is None or family.schema_ is None else family.host


@cache
def _named_endpoints():
    """``/smartObject``, ``"autoTone"``: a distinctive v1 endpoint name (see prefilter) as the
    first path segment of a URL whose base is not known, mapped to its v1 path."""
    from migrator import rulebook
    from migrator.codemod.prefilter import distinctive

    paths = {e.v1.rsplit("/", 1)[-1]: e.v1 for f in rulebook.endpoint_map() for e in f.endpoints if "{" not in e.v1}
    names = sorted((n for n in paths if distinctive(n)), key=len, reverse=True)
    return re.compile(r"/?(" + "|".join(names) + r")(?![\w-])"), paths


def host_url(host: str, old: str) -> str:
    """``old`` (``https://image-stage.adobe.io``) moved to the rule host ``host``, keeping its
    scheme and its stage suffix (``-stage`` after the first label)."""
    match = HOST.match(old)
    label, rest = host.split(".", 1)
    return f"{old.split('://', 1)[0]}://{label}{match['suffix'] if match else ''}.{rest}"


@dataclass(frozen=True)
class Part:
    """A piece of a URL: literal ``text`` held by ``node`` (a SimpleString or FormattedStringText)
    in the file ``origin`` (None: the file being rewritten), or an unknown piece (text None);
    ``param`` names the function parameter an unknown piece comes from, as (function, name)."""

    text: str | None
    node: object | None = None
    origin: str | None = None
    param: tuple | None = None
    table: object | None = None  # with ``param``: the dict literal the parameter's value is looked up in


@dataclass
class Edit:
    node: object
    origin: str | None
    old: str
    new: str


@dataclass
class HostRef:
    """Where a URL's host is written: the piece holding it and the host text (scheme included)."""

    node: object
    origin: str | None
    old: str


@dataclass
class UrlReading:
    """What a URL is: ``kind`` is endpoint, status, host (host only, or host + v1 service prefix),
    dynamic (a v1 prefix whose endpoint name is computed at run time), unknown (a v1 path with no
    known endpoint), split (host or path split across pieces), or v2 (already migrated).
    named (a distinctive v1 endpoint name after an unknown base, or alone);
    ``edits`` rewrite the path; the host is ``host`` (None when the URL does not hold it) and
    ``want`` the host its operation needs (None: not known, ANY_HOST: either)."""

    kind: str
    text: str
    target: Target | None = None
    edits: list[Edit] = field(default_factory=list)
    host: HostRef | None = None
    want: str | None = None
    migrated: bool = False  # a v2 base (``https://photoshop-api.adobe.io/v2``): already the user's choice


def join(parts: list[Part]) -> tuple[str, list[tuple[int, int]]]:
    spans, pos, chunks = [], 0, []
    for part in parts:
        text = UNKNOWN if part.text is None else part.text
        spans.append((pos, pos + len(text)))
        chunks.append(text)
        pos += len(text)
    return "".join(chunks), spans


def read(parts: list[Part]) -> UrlReading | None:
    """Read a resolved URL; None when it is not an Adobe API URL of ours (or is not URL-shaped at
    all, like a log message that merely mentions one)."""
    text, spans = join(parts)
    start = len(text) - len(text.lstrip(UNKNOWN)) or _leading_space(text)
    host = HOST.match(text, start)
    after = host.end() if host else start
    edits: list[Edit] = []

    def piece(begin: int, end: int) -> Part | None:
        for index, (lo, hi) in enumerate(spans):
            if lo <= begin and end <= hi and parts[index].text is not None:
                return parts[index]
        return None

    def edit(begin: int, end: int, new: str) -> bool:
        found = piece(begin, end)
        if found is not None:
            edits.append(Edit(found.node, found.origin, text[begin:end], new))
        return found is not None

    ref = None
    if host:
        holder = piece(host.start(), host.end())
        if holder is None:
            return UrlReading("split", text)
        ref = HostRef(holder.node, holder.origin, host.group(0))
    v2 = V2_PATH.match(text, after)
    if v2:
        want = v2_host(v2.group(0))
        return UrlReading("v2", text, host=ref, want=want)
    if text.startswith("/v2", after) and text[after + 3:after + 5] in ("", "/", UNKNOWN, "/" + UNKNOWN):
        return UrlReading("host", text, host=ref, migrated=True)  # a v2 base; the operation comes later
    path = V1_PATH.match(text, after)
    if not path and not host:
        pattern, paths = _named_endpoints()
        named = pattern.match(text, start)
        if named and (start or named.end() == len(text)):
            found = target(paths[named[1]])
            if found is not None:
                return UrlReading("named", text, Target(found.v1, found.v2, named[1], found.why_not, found.host))
    if not path:
        if host and host["label"] == "image" and (after == len(text) or text[after] in f"{UNKNOWN}?#"
                                                  or text[after:] == "/" or text.startswith("/" + UNKNOWN, after)):
            return UrlReading("host", text, host=ref)
        return None  # another API on the same host (e.g. /v1/mask-objects), or not ours
    if not path["name"]:
        followed = text[path.end():path.end() + 2]
        if followed.startswith("/" + UNKNOWN) or followed == "/" or followed.startswith(UNKNOWN):
            return UrlReading("dynamic", text, host=ref)
        if not edit(path.start("prefix"), path.end("prefix"), "/v2"):
            return UrlReading("split", text)
        return UrlReading("host", text, edits=edits, host=ref)
    found = target(path["prefix"] + path["rest"])
    if found is None:
        return UrlReading("unknown", text, host=ref, want=ANY_HOST)  # reported as unknown (PS716)
    kind = "status" if found.status else "endpoint"
    if found.v2 is None:
        return UrlReading(kind, text, found, host=ref, want=ANY_HOST)
    new_rest = found.v2.removeprefix("/v2")
    # f"{base}/{endpoints[name]}" with "pie/psdService/photoshopActions": the slash is the base's
    whole = edit(path.start(), path.end(), found.v2) or edit(path.start() + 1, path.end(), found.v2[1:])
    if not whole and not edit(path.start("prefix"), path.end("prefix"), "/v2"):
        return UrlReading("split", text, found)
    if not whole and not edit(path.start("rest"), path.end(), new_rest) \
            and not edit(path.start("name"), path.end(), new_rest.lstrip("/")):
        return UrlReading("split", text, found)
    return UrlReading(kind, text, found, edits, host=ref, want=found.host)


def shaped_literal(text: str) -> bool:
    """Whether a literal (unknown pieces as ``\\x00``) is URL-shaped for v1: it starts, after any
    run-time pieces, with the v1 host or a v1 service path. Prose that mentions a URL is not."""
    rest = text.lstrip(UNKNOWN)
    rest = rest[_leading_space(rest):] if len(rest) == len(text) else rest
    return bool(HOST.match(rest) or V1_PATH.match(rest))


def _leading_space(text: str) -> int:
    """How many spaces or tabs open a URL written as `" https://image.adobe.io/..."`: requests
    (`prepare_url`) and fetch (the WHATWG URL parser) drop them, so the URL is read after them and
    the v1 call is rewritten like any other (the spaces stay, as harmless as they were)."""
    return len(text) - len(text.lstrip(" \t"))

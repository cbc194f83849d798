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
HOST = re.compile(r"https?://image([\w-]*)\.adobe\.io(?=[/?#\x00]|$)")
V1_PATH = re.compile(r"(?P<prefix>/(?:pie/psdService|lrService|sensei))(?P<rest>/(?P<name>[A-Za-z]\w*))?(?!\w)")
V2_URL = re.compile(r"(?:\x00)*(?:https?://photoshop-api[\w-]*\.adobe\.io)?/v2/[a-z]")
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
        for family, endpoint in rulebook.all_endpoints():
            if endpoint.v1 == v1_path + "/{jobId}":
                return Target(v1_path, family.v2.removesuffix("/{jobId}"))
        return Target(v1_path, "/v2/status")  # status-migration.md, where no rules file says it
    for family, endpoint in rulebook.all_endpoints():
        if endpoint.v1 == v1_path:
            if endpoint.unsupported:
                return Target(v1_path, None, endpoint.name, endpoint.unsupported.message)
            return Target(v1_path, family.v2, endpoint.name)
    if v1_path in NO_V2:
        return Target(v1_path, None, why_not=NO_V2[v1_path])
    if v1_path in GUIDE_MAP:
        return Target(v1_path, GUIDE_MAP[v1_path])
    return None


@dataclass(frozen=True)
class Part:
    """A piece of a URL: literal ``text`` held by ``node`` (a SimpleString or FormattedStringText)
    in the file ``origin`` (None: the file being rewritten), or an unknown piece (text None)."""

    text: str | None
    node: object | None = None
    origin: str | None = None


@dataclass
class Edit:
    node: object
    origin: str | None
    old: str
    new: str


@dataclass
class UrlReading:
    """What a URL is: ``kind`` is endpoint, status, host (host only, or host + v1 service prefix),
    dynamic (a v1 prefix whose endpoint name is computed at run time), unknown (a v1 path with no
    known endpoint), split (host or path split across pieces), or v2 (already migrated)."""

    kind: str
    text: str
    target: Target | None = None
    edits: list[Edit] = field(default_factory=list)


def join(parts: list[Part]) -> tuple[str, list[tuple[int, int]]]:
    spans, pos, chunks = [], 0, []
    for part in parts:
        text = UNKNOWN if part.text is None else part.text
        spans.append((pos, pos + len(text)))
        chunks.append(text)
        pos += len(text)
    return "".join(chunks), spans


def read(parts: list[Part]) -> UrlReading | None:
    """Read a resolved URL; None when it is not a v1 URL (or is not URL-shaped at all, like a log
    message that merely mentions one)."""
    text, spans = join(parts)
    start = len(text) - len(text.lstrip(UNKNOWN))
    if V2_URL.match(text):
        return UrlReading("v2", text)
    host = HOST.match(text, start)
    path = V1_PATH.match(text, host.end() if host else start)
    if not host and not path:
        return None
    if host and not path and host.end() < len(text) and text[host.end()] not in f"{UNKNOWN}?#" \
            and text[host.end():] != "/":
        return None  # another API on the same host (e.g. /v1/mask-objects): not ours
    edits: list[Edit] = []

    def edit(begin: int, end: int, new: str) -> bool:
        for index, (lo, hi) in enumerate(spans):
            if lo <= begin and end <= hi and parts[index].text is not None:
                old = text[begin:end]
                edits.append(Edit(parts[index].node, parts[index].origin, old, new))
                return True
        return False

    if host and not edit(host.start(), host.end(), host.group(0).replace("://image", "://photoshop-api", 1)):
        return UrlReading("split", text)
    if not path:
        return UrlReading("host", text, edits=edits)
    if not path["name"]:
        followed = text[path.end():path.end() + 2]
        if followed.startswith("/" + UNKNOWN) or followed == "/" or followed.startswith(UNKNOWN):
            return UrlReading("dynamic", text)
        if not edit(path.start("prefix"), path.end("prefix"), "/v2"):
            return UrlReading("split", text)
        return UrlReading("host", text, edits=edits)
    found = target(path["prefix"] + path["rest"])
    if found is None:
        return UrlReading("unknown", text)
    kind = "status" if found.status else "endpoint"
    if found.v2 is None:
        return UrlReading(kind, text, found)
    new_rest = found.v2.removeprefix("/v2")
    if not edit(path.start(), path.end(), found.v2) and not (
            edit(path.start("prefix"), path.end("prefix"), "/v2") and edit(path.start("rest"), path.end(), new_rest)):
        return UrlReading("split", text, found)
    return UrlReading(kind, text, found, edits)


def shaped_literal(text: str) -> bool:
    """Whether a literal (unknown pieces as ``\\x00``) is URL-shaped for v1: it starts, after any
    run-time pieces, with the v1 host or a v1 service path. Prose that mentions a URL is not."""
    rest = text.lstrip(UNKNOWN)
    return bool(HOST.match(rest) or V1_PATH.match(rest))

"""Code that reads v1 response fields.

v1 answered a submission with ``{"_links": {"self": {"href": <status URL>}}}`` and a status poll
with per-output ``outputs[N].status`` and ``outputs[N]._links.renditions``. v2 answers a submission
with ``{"jobId", "statusUrl"}`` (JobAcceptedResponse in photoshop-v2-openapi.json) and a poll with
one job-level ``status``, ``createdTime``/``modifiedTime`` and ``result.outputs``
(JobStatusResponse; status-migration.md "Response format", llm-migration-reference.md "Key
structural changes from V1"). Where the value read flows, inside one function, from a call this run
rewrote, the unambiguous reads are rewritten; every other read of a v1-only field is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrator.codemod.binder import ASSIGN, WITH
from migrator.codemod.source import SourceModule

SUBMIT, STATUS, SUBMIT_JSON, STATUS_JSON, STATUS_URL = "submit", "status", "submit_json", "status_json", "status_url"
FOREIGN = "foreign"  # a call to a literal URL on another host, or its JSON: another API's `_links` are its own
HTTP_VERBS = {"get", "post", "put", "patch", "delete", "head", "options", "request"}
STATUS_FIELD_RENAMES = {"created": "createdTime", "modified": "modifiedTime"}


@dataclass
class Read:
    """One finding about a subscript chain: ``replacement`` set when it is rewritten."""

    node: cst.CSTNode
    code: str
    message: str
    replacement: cst.BaseExpression | None = None
    fix: str | None = None


def subscript_chain(node: cst.BaseExpression) -> tuple[cst.BaseExpression, list[tuple[str | int, cst.CSTNode]]]:
    """``x["a"][0]["b"]`` → (x, [("a", node), (0, node), ("b", node)]); stops at a computed key."""
    keys: list[tuple[str | int, cst.CSTNode]] = []
    while isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        index = node.slice[0].slice.value
        if isinstance(index, cst.SimpleString):
            keys.append((index.evaluated_value, index))
        elif isinstance(index, cst.Integer):
            keys.append((int(index.value), index))
        elif isinstance(index, cst.UnaryOperation) and isinstance(index.expression, cst.Integer):
            keys.append((-int(index.expression.value), index))
        else:
            break
        node = node.value
    keys.reverse()
    return node, keys


def _subscript(base: cst.BaseExpression, key: str, like: cst.CSTNode) -> cst.Subscript:
    quote = like.quote if isinstance(like, cst.SimpleString) else '"'
    return cst.Subscript(base, [cst.SubscriptElement(cst.Index(cst.SimpleString(f"{quote}{key}{quote}")))])


def _rebuild(base: cst.BaseExpression, keys: list[tuple[str | int, cst.CSTNode]]) -> cst.BaseExpression:
    for _, node in keys:
        base = cst.Subscript(base, [cst.SubscriptElement(cst.Index(node))])
    return base


class Flow:
    """What a value is, following single assignments inside one function."""

    def __init__(self, source: SourceModule, calls: dict[cst.Call, str]):
        self.source = source
        self.calls = calls
        self.status_urls: set[cst.CSTNode] = set()  # rewritten reads that now give the v2 status URL
        self._busy: set[int] = set()

    def kind(self, node: cst.BaseExpression | None) -> str | None:
        if node is None or id(node) in self._busy:
            return None
        self._busy.add(id(node))
        try:
            return self._kind(node)
        finally:
            self._busy.discard(id(node))

    def _kind(self, node: cst.BaseExpression) -> str | None:
        if isinstance(node, cst.Await):
            return self.kind(node.expression)
        if node in self.status_urls:
            return STATUS_URL
        if isinstance(node, cst.Call):
            if node in self.calls:
                return self.calls[node]
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value == "json" and not node.args:
                inner = self.kind(func.value)
                return {SUBMIT: SUBMIT_JSON, STATUS: STATUS_JSON, FOREIGN: FOREIGN}.get(inner)
            if isinstance(func, cst.Attribute) and func.attr.value in ("get", "request"):
                args = [a.value for a in node.args if a.keyword is None and not a.star]
                if func.attr.value == "request":
                    args = args[1:]
                args += [a.value for a in node.args if a.keyword is not None and a.keyword.value == "url"]
                if args and self.kind(args[0]) == STATUS_URL:
                    return STATUS
            return FOREIGN if _calls_another_host(node) else None
        if isinstance(node, cst.Name):
            assignment = self.source.single_assignment(node)
            if assignment is None or assignment.kind not in (ASSIGN, WITH):
                return None
            if not self.source.same_scope(assignment, node):
                return None
            return self.kind(assignment.value)
        return None


def _calls_another_host(call: cst.Call) -> bool:
    """``requests.get("https://api.example.com/...")``: an HTTP call whose URL is a literal naming a
    host other than Adobe's."""
    func = call.func
    verb = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    if verb not in HTTP_VERBS:
        return False
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    urls = positional[1:2] if verb == "request" else positional[:1]
    urls += [a.value for a in call.args if a.keyword is not None and a.keyword.value == "url"]
    if not urls:
        return False
    url = urls[0]
    if isinstance(url, cst.SimpleString) and "b" not in url.prefix.lower():
        text = url.evaluated_value
    elif isinstance(url, cst.FormattedString) and url.parts and isinstance(url.parts[0], cst.FormattedStringText):
        text = url.parts[0].value  # the host is in the leading literal, or unknown
    else:
        return False
    if not text.startswith(("http://", "https://")):
        return False
    host = text.split("://", 1)[1].split("/", 1)[0]
    return "{" not in host and host != "" and not host.endswith("adobe.io")


def find_reads(source: SourceModule, flow: Flow) -> list[Read]:
    """Every read of a v1 response field in the module, in source order."""
    reads: list[Read] = []
    parents = source.parents

    class Visitor(cst.CSTVisitor):
        def visit_Subscript(self, node: cst.Subscript) -> None:
            parent = parents.get(node)
            if isinstance(parent, cst.Subscript) and parent.value is node:
                return  # only the outermost subscript of a chain
            base, keys = subscript_chain(node)
            if keys:
                read = _read(node, base, keys, flow)
                if read is not None:
                    reads.append(read)

        def visit_Call(self, node: cst.Call) -> None:
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value == "get" and node.args \
                    and isinstance(node.args[0].value, cst.SimpleString) \
                    and node.args[0].value.evaluated_value == "_links" and flow.kind(func.value) != FOREIGN:
                reads.append(Read(node, "PS707", "reads `_links` (v1 hypermedia links): v2 submissions return "
                                  "`statusUrl` and `jobId`, v2 status responses have no links"))
            elif _cuts_job_id(node, source, flow):
                reads.append(Read(node, "PS708", "cuts the job id out of a status URL; v2 responses carry "
                                  "`jobId` directly", fix="read `jobId` from the v2 response"))

    source.module.visit(Visitor())
    return reads


def _read(node, base, keys, flow: Flow) -> Read | None:
    names = [k for k, _ in keys]
    kind = flow.kind(base) if names[0] in ("_links", "outputs", "created", "modified") else None
    if kind == FOREIGN:
        return None
    if names[:3] == ["_links", "self", "href"]:
        if kind == SUBMIT_JSON:
            new = _rebuild(_subscript(base, "statusUrl", keys[0][1]), keys[3:])
            if len(keys) == 3:
                flow.status_urls.add(node)
            return Read(node, "PS706", "`_links.self.href` of a v1 submission is `statusUrl` in v2", new,
                        fix='["_links"]["self"]["href"] → ["statusUrl"]')
        return Read(node, "PS707", "reads `_links.self.href`: a v2 submission returns `statusUrl` (and `jobId`); "
                    "a v2 status response has no links")
    if names[0] == "_links":
        return Read(node, "PS707", "reads `_links` (v1 hypermedia links), which v2 responses do not have")
    if names[0] == "outputs" and len(names) >= 3 and isinstance(names[1], int) and names[2] == "status":
        if kind == STATUS_JSON:
            new = _rebuild(_subscript(base, "status", keys[2][1]), keys[3:])
            return Read(node, "PS706", "per-output `outputs[N].status` is the job-level `status` in v2", new,
                        fix='["outputs"][N]["status"] → ["status"]')
        return Read(node, "PS707", "reads `outputs[N].status`: v2 reports one job-level `status`")
    if names[0] == "outputs" and len(names) >= 3 and names[2] == "_links":
        return Read(node, "PS707", "reads `outputs[N]._links`: v2 lists results under `result.outputs[N]` "
                    "(`destination.url` or `destination.creativeCloudPath`)")
    if names[0] == "outputs" and kind == STATUS_JSON:
        return Read(node, "PS707", "reads v1 `outputs`: v2 status responses nest them under `result.outputs` "
                    "with a different shape")
    if names[0] in STATUS_FIELD_RENAMES and kind == STATUS_JSON:
        new = _rebuild(_subscript(base, STATUS_FIELD_RENAMES[names[0]], keys[0][1]), keys[1:])
        renamed = STATUS_FIELD_RENAMES[names[0]]
        return Read(node, "PS706", f"`{names[0]}` is `{renamed}` in v2", new, fix=f'["{names[0]}"] → ["{renamed}"]')
    return None


def _cuts_job_id(node: cst.Call, source: SourceModule, flow: Flow) -> bool:
    """``url.split("/")[-1]``, ``url.rsplit("/", 1)[1]`` on a status URL or a ``_links`` read."""
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in ("split", "rsplit") and node.args
            and isinstance(node.args[0].value, cst.SimpleString) and node.args[0].value.evaluated_value == "/"):
        return False
    parent = source.parents.get(node)
    if not isinstance(parent, cst.Subscript):
        return False
    receiver = func.value
    text = source.code(receiver)
    return flow.kind(receiver) == STATUS_URL or "_links" in text or "href" in text or "status" in text.lower()

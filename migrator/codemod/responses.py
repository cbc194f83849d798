"""Code that reads v1 response fields.

v1 answered a submission with ``{"_links": {"self": {"href": <status URL>}}}`` and a status poll
with per-output ``outputs[N].status``, ``outputs[N]._links.renditions`` and ``outputs[N].errors``
(remove-background: ``output.href``). v2 answers a submission with ``{"jobId", "statusUrl"}``
(JobAcceptedResponse in photoshop-v2-openapi.json) and a poll with one job-level ``status``,
``createdTime``/``modifiedTime``, ``result.outputs`` and ``errorDetails`` (JobStatusResponse;
status-migration.md "Response format", llm-migration-reference.md "Key structural changes from
V1").

``Flow`` follows a response through the module: assignments (also repeated ones that agree),
``.json()``, ``await``, ``async with``, loop variables over a list in it, the values a local
function returns, the arguments a local helper receives at every call, and ``self.X``
attributes. A value is a *kind* (which response, if any) and the *path* of keys read from the
response's JSON root. ``find_reads`` then matches each read (``x[k]``, ``x.get(k)``, ``k in x``)
against the v1 shapes: where the response is known and v2 has the same information under
another name, the read is rewritten; every other v1 read is reported, and a read that a poll loop
waits on is an error, since v2 never sends the field and the loop would not end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from migrator.codemod.binder import ASSIGN, LOOP, PARAM, WITH
from migrator.codemod.imports import V1_TEXT
from migrator.codemod.source import SourceModule

SUBMIT, STATUS, SUBMIT_JSON, STATUS_JSON, STATUS_URL = "submit", "status", "submit_json", "status_json", "status_url"
FOREIGN = "foreign"  # a call to a literal URL on another host, or its JSON: another API's `_links` are its own
HTTP_VERBS = {"get", "post", "put", "patch", "delete", "head", "options", "request"}
EACH = "*"  # a computed index, or every item of a loop over a list
_KEY = re.compile(r"[A-Za-z_][\w-]*\Z")
_ROOT_RENAMES = {"created": "createdTime", "modified": "modifiedTime"}
INNER, INNER_JSON = "inner", "inner_json"  # inside a wrapper: the response of the request it sends, its JSON
_JSON_OF = {SUBMIT: SUBMIT_JSON, STATUS: STATUS_JSON, FOREIGN: FOREIGN, INNER: INNER_JSON}
MAX_DEPTH = 24
# every v1 read names one of these (or cuts a URL with split): a file without them is skipped cheaply
V1_KEYS = re.compile(r"_links|outputs|jobID|created|modified|[\"']output[\"']|split\(|title|details|[\"'](?:code|type)[\"']")


@dataclass(frozen=True)
class Value:
    """What an expression holds: ``kind`` (None: not known to be a response) and the keys read
    from the response's JSON root to reach it."""

    kind: str | None = None
    path: tuple = ()


UNKNOWN = Value()


@dataclass
class Step:
    """One read in a chain: ``x[key]`` (``node`` the Subscript) or ``x.get(key, ...)`` (the Call)."""

    key: str | int
    node: cst.CSTNode
    key_node: cst.CSTNode | None


@dataclass
class Read:
    """One finding about a read: ``replacement`` set when it is rewritten."""

    node: cst.CSTNode
    code: str
    message: str
    replacement: cst.BaseExpression | None = None
    fix: str | None = None


@dataclass(frozen=True)
class Shape:
    """A v1 read matched: ``rewrite`` is (steps dropped, new key of the first kept step)."""

    code: str
    message: str
    rewrite: tuple[int, str] | None = None
    replace: tuple[int, tuple[str | int, ...]] | None = None  # (steps, the v2 keys read instead of them)
    fix: str | None = None
    waits: bool = False  # a status a poll loop waits for
    distinctive: bool = False  # v1's own shape even where nothing says the API is Adobe's


class Flow:
    """What a value is, following it through the module."""

    def __init__(self, source: SourceModule, calls: dict[cst.Call, str]):
        self.source = source
        self.calls = calls
        self._busy: set[int] = set()
        self._memo: dict[int, Value] = {}
        self._functions: dict[str, list[cst.FunctionDef]] | None = None
        self._callers: dict[str, list[cst.Call]] | None = None

    # -- chains ----------------------------------------------------------------------------------
    def chain(self, node: cst.BaseExpression) -> tuple[cst.BaseExpression, list[Step]]:
        """``x["a"][0].get("b")`` → (x, [a, 0, b]); a computed index reads as ``EACH``."""
        steps: list[Step] = []
        while True:
            if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
                index = node.slice[0].slice.value
                key, key_node = _key(index)
                steps.append(Step(key, node, key_node))
                node = node.value
            elif self._get_call(node):
                steps.append(Step(node.args[0].value.evaluated_value, node, node.args[0].value))
                node = node.func.value
            else:
                break
        steps.reverse()
        return node, steps

    def _get_call(self, node) -> bool:
        """``x.get("key")`` / ``x.get("key", default)`` as a dict read, not an HTTP GET."""
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
                and 1 <= len(node.args) <= 2 and all(a.keyword is None and not a.star for a in node.args)):
            return False
        first = node.args[0].value
        return node not in self.calls and isinstance(first, cst.SimpleString) and "b" not in first.prefix.lower() \
            and bool(_KEY.match(first.evaluated_value))

    # -- values ----------------------------------------------------------------------------------
    def value(self, node: cst.BaseExpression | None, depth: int = 0) -> Value:
        if node is None or id(node) in self._busy or depth > MAX_DEPTH:
            return UNKNOWN
        if id(node) in self._memo:
            return self._memo[id(node)]
        self._busy.add(id(node))
        try:
            found = self._value(node, depth + 1)
        finally:
            self._busy.discard(id(node))
        self._memo[id(node)] = found
        return found

    def kind(self, node: cst.BaseExpression | None) -> str | None:
        return self.value(node).kind

    def _value(self, node: cst.BaseExpression, depth: int) -> Value:
        if isinstance(node, cst.Await):
            return self.value(node.expression, depth)
        if isinstance(node, cst.BooleanOperation):  # `x.get("a") or {}`: the default adds nothing
            return self.value(node.left, depth)
        base, steps = self.chain(node)
        if steps:
            root = self.value(base, depth)
            path = root.path + tuple(s.key for s in steps)
            if root.kind == SUBMIT_JSON and path in (("_links", "self", "href"), ("statusUrl",)):
                return Value(STATUS_URL)
            return Value(root.kind, path)
        if isinstance(node, cst.Call):
            return self._call(node, depth)
        if isinstance(node, cst.Name):
            return self._name(node, depth)
        if isinstance(node, cst.Attribute):
            return self._attribute(node, depth)
        return UNKNOWN

    def _call(self, node: cst.Call, depth: int) -> Value:
        func = node.func
        if node not in self.calls and isinstance(func, cst.Attribute) \
                and func.attr.value in HTTP_VERBS | {"urlopen", "fetch", "stream"}:
            wrapper = self.source.enclosing(node, cst.FunctionDef)
            if wrapper is not None and wrapper in self._wrappers():
                return Value(INNER)  # the request a wrapper sends: what it is, each call of the wrapper says
        if isinstance(func, cst.Attribute) and func.attr.value == "json" and not node.args:
            inner = self.value(func.value, depth)
            return Value(_JSON_OF.get(inner.kind)) if not inner.path else UNKNOWN
        parsed = _parsed_body(node)
        if parsed is not None:  # json.loads(response.data), json.load(urlopen(...))
            inner = self.value(parsed, depth)
            return Value(_JSON_OF.get(inner.kind)) if not inner.path else UNKNOWN
        kind = self.calls.get(node)
        if kind is None and self._polls(node, depth):
            kind = STATUS
        if kind is not None:
            if self._callee(node) is None:
                return Value(kind)
            returned = self._returned(node, depth)  # a wrapper: what it returns of its request
            if returned.kind in (INNER, INNER_JSON):
                return Value(kind if returned.kind == INNER else _JSON_OF[kind], returned.path)
            return Value(kind) if returned.kind is None and not returned.path else returned
        if _calls_another_host(node):
            return Value(FOREIGN)
        returned = self._returned(node, depth)
        return UNKNOWN if returned.kind in (INNER, INNER_JSON) else returned

    def _polls(self, node: cst.Call, depth: int) -> bool:
        """A GET of a status URL: an HTTP call, or a wrapper's, given the status URL as its URL."""
        func = node.func
        verb = func.attr.value if isinstance(func, cst.Attribute) else ""
        if verb not in HTTP_VERBS and (self._callee(node) not in self._wrappers()):
            return False
        args = [a.value for a in node.args if a.keyword is None and not a.star]
        args += [a.value for a in node.args if a.keyword is not None and a.keyword.value in ("url", "path")]
        if verb in HTTP_VERBS:
            args = args[1:] if verb == "request" else args[:1]
        return any(self.value(arg, depth).kind == STATUS_URL for arg in args)

    def _name(self, node: cst.Name, depth: int) -> Value:
        bindings = self._reaching(self.source.scopes.lookup(node), node)
        if not bindings:
            return UNKNOWN
        values = []
        for binding in bindings:
            if binding.kind in (ASSIGN, WITH) and self.source.same_scope(binding, node):
                values.append(self.value(binding.value, depth))
            elif binding.kind == LOOP:
                values.append(self._loop_item(binding.node, depth))
            elif binding.kind == PARAM and len(bindings) == 1:
                values.append(self._parameter(binding.node, depth))
            else:
                return UNKNOWN
        return _agreed(values)

    def _reaching(self, bindings: list, node: cst.Name) -> list:
        """Of a name bound several times in one scope (``async with ... as response`` for the
        submission, then again in the poll loop), the binding a read sees: the last one before it,
        when its block holds the read (no branch skips it) and no loop around the read binds the
        name again later. Otherwise all of them (they must then agree)."""
        if len(bindings) < 2 or len({id(b.scope) for b in bindings}) != 1:
            return bindings
        source = self.source
        where = source.position(node)
        before = [b for b in bindings if source.position(b.node) < where]
        if not before:
            return bindings
        last = max(before, key=lambda b: source.position(b.node))
        statement = source.enclosing(last.node, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
        block = source.parents.get(statement)
        if statement is None or not _inside(source, node, block):
            return bindings
        loop = source.parents.get(node)
        while loop is not None and loop is not last.scope:
            if isinstance(loop, (cst.While, cst.For)) and any(
                    b is not last and _inside(source, b.node, loop) and source.position(b.node) > where for b in bindings):
                return bindings
            loop = source.parents.get(loop)
        return [last]

    def _loop_item(self, target: cst.Name, depth: int) -> Value:
        """``o`` in ``for o in x["outputs"]`` (or ``for i, o in enumerate(...)``): an item of it."""
        loop = self.source.parents.get(target)
        pair = None
        if isinstance(loop, cst.Element):
            pair = loop
            loop = self.source.parents.get(self.source.parents.get(loop))
        if not isinstance(loop, (cst.For, cst.CompFor)):
            return UNKNOWN
        over = loop.iter
        if pair is not None:  # enumerate(x): the item is the second name
            elements = loop.target.elements if isinstance(loop.target, cst.Tuple) else []
            if not (isinstance(over, cst.Call) and cst.helpers.get_full_name_for_node(over.func) == "enumerate"
                    and len(elements) == 2 and elements[1] is pair and over.args):
                return UNKNOWN
            over = over.args[0].value
        elif loop.target is not target:
            return UNKNOWN
        items = self.value(over, depth)
        return Value(items.kind, items.path + (EACH,)) if items.kind or items.path else UNKNOWN

    def _parameter(self, param: cst.Param, depth: int) -> Value:
        """A helper's parameter: what every call of the helper in this module passes it."""
        function = self.source.enclosing(param, cst.FunctionDef)
        if function is None or param.star in ("*", "**"):
            return UNKNOWN
        params = list(function.params.params)
        if param not in params and param not in function.params.kwonly_params:
            return UNKNOWN
        position = params.index(param) if param in params else None
        method = isinstance(self._owner(function), cst.ClassDef)
        if method and position is not None:
            if position == 0:
                return UNKNOWN  # self / cls
            position -= 1
        values = []
        for call in self._calls_of(function):
            given = [a.value for a in call.args if a.keyword is not None and a.keyword.value == param.name.value]
            positional = [a for a in call.args if a.keyword is None]
            if any(a.star for a in call.args):
                return UNKNOWN
            if not given and position is not None and position < len(positional):
                given = [positional[position].value]
            if not given:
                return UNKNOWN  # the default: not a response
            values.append(self.value(given[0], depth))
        return _agreed(values)

    def _returned(self, call: cst.Call, depth: int) -> Value:
        """A call of a local function or method: what all its ``return`` statements give."""
        function = self._callee(call)
        if function is None:
            return UNKNOWN
        values = [self.value(r.value, depth) for r in _returns(function)]
        return _agreed(values) if values and all(r.value is not None for r in _returns(function)) else UNKNOWN

    def _attribute(self, node: cst.Attribute, depth: int) -> Value:
        """``self.X``: every value the class assigns to ``X`` (``None`` placeholders aside)."""
        klass = self.source.enclosing(node, cst.ClassDef)
        if klass is None or not isinstance(node.value, cst.Name) or node.value.value not in ("self", "cls"):
            return UNKNOWN
        assigned = self.source.class_attributes(klass).get(node.attr.value, [])
        if any(v is None for v in assigned):
            return UNKNOWN
        values = [self.value(v, depth) for v in assigned if not (isinstance(v, cst.Name) and v.value == "None")]
        return _agreed(values)

    # -- the module's functions and their calls ----------------------------------------------------
    def _index(self) -> None:
        functions: dict[str, list[cst.FunctionDef]] = {}
        callers: dict[str, list[cst.Call]] = {}
        for node in self.source.parents:  # every node but the module, in source order: no second walk
            if isinstance(node, cst.FunctionDef):
                functions.setdefault(node.name.value, []).append(node)
            elif isinstance(node, cst.Call):
                name = _called_name(node)
                if name:
                    callers.setdefault(name, []).append(node)
        self._functions, self._callers = functions, callers

    def _callee(self, call: cst.Call) -> cst.FunctionDef | None:
        if self._functions is None:
            self._index()
        name = _called_name(call)
        candidates = self._functions.get(name, []) if name else []
        if len(candidates) != 1:
            return None
        function = candidates[0]
        owner = self._owner(function)
        if isinstance(call.func, cst.Name):
            return function if isinstance(owner, cst.Module) else None
        if not isinstance(owner, cst.ClassDef):
            return None
        receiver = call.func.value
        if isinstance(receiver, cst.Name) and receiver.value in ("self", "cls"):
            return function if self.source.enclosing(call, cst.ClassDef) is owner else None
        return function if self.source.instance_of(receiver) is owner else None

    def _wrappers(self) -> set[cst.FunctionDef]:
        """Local functions the rewritten calls go through (``self._post("/pie/...", body)``)."""
        if not hasattr(self, "_wrapper_set"):
            self._wrapper_set = {f for f in map(self._callee, self.calls) if f is not None}
        return self._wrapper_set

    def _owner(self, function: cst.FunctionDef) -> cst.CSTNode | None:
        """The module or class a function is defined in (anything else: a nested function)."""
        parent = self.source.parents.get(function)
        if isinstance(parent, cst.IndentedBlock):
            parent = self.source.parents.get(parent)
        return parent if isinstance(parent, (cst.Module, cst.ClassDef)) else None

    def _calls_of(self, function: cst.FunctionDef) -> list[cst.Call]:
        if self._callers is None:
            self._index()
        return [c for c in self._callers.get(function.name.value, []) if self._callee(c) is function]

    def called_in_loop(self, node: cst.CSTNode) -> bool:
        """Whether ``node`` sits in a loop, or in a function some loop of this module calls."""
        seen: set[int] = set()
        todo = [node]
        while todo:
            current = todo.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            if in_loop(self.source, current):
                return True
            function = self.source.enclosing(current, cst.FunctionDef)
            if function is not None:
                todo.extend(self._calls_of(function))
        return False


def _agreed(values: list[Value]) -> Value:
    """One value when every way in agrees, else unknown."""
    if not values or any(v != values[0] for v in values):
        return UNKNOWN
    return values[0]


def _parsed_body(call: cst.Call) -> cst.BaseExpression | None:
    """The response whose body ``json.loads(r.data)`` / ``json.loads(r.text)`` / ``json.load(r)``
    (``.read()``, ``.decode(...)`` between them) parses."""
    name = cst.helpers.get_full_name_for_node(call.func) or ""
    if name not in ("json.loads", "json.load", "loads", "load") or not call.args or call.args[0].keyword:
        return None
    node = call.args[0].value
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
            and node.func.attr.value in ("decode", "read"):
        node = node.func.value
    if isinstance(node, cst.Attribute) and node.attr.value in ("data", "text", "content", "body"):
        node = node.value
    return node


def _key(index: cst.BaseExpression) -> tuple[str | int, cst.CSTNode | None]:
    if isinstance(index, cst.SimpleString) and "b" not in index.prefix.lower():
        return index.evaluated_value, index
    if isinstance(index, cst.Integer):
        return int(index.value, 0), index
    if isinstance(index, cst.UnaryOperation) and isinstance(index.operator, cst.Minus) \
            and isinstance(index.expression, cst.Integer):
        return -int(index.expression.value, 0), index
    return EACH, None


def _called_name(call: cst.Call) -> str | None:
    """The name of the local function or method ``call`` may call: ``f(...)``, ``self.f(...)``,
    ``obj.f(...)`` (``Flow._callee`` checks ``obj`` is an instance of the class defining ``f``)."""
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute) and isinstance(func.value, (cst.Name, cst.Call)):
        return func.attr.value
    return None


def _returns(function: cst.FunctionDef) -> list[cst.Return]:
    found: list[cst.Return] = []

    class Visitor(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            found.append(node)

    function.visit(Visitor())
    return found


def _inside(source: SourceModule, node: cst.CSTNode, container: cst.CSTNode | None) -> bool:
    while node is not None:
        if node is container:
            return True
        node = source.parents.get(node)
    return False


def in_loop(source: SourceModule, node: cst.CSTNode) -> bool:
    """Inside a ``while`` or ``for`` of its own function (a comprehension does not wait)."""
    current = source.parents.get(node)
    while current is not None and not isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Module)):
        if isinstance(current, (cst.While, cst.For)):
            return True
        current = source.parents.get(current)
    return False


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


# -- the v1 shapes -------------------------------------------------------------------------------
_NO_LINKS = "v2 responses have no hypermedia `_links`"
_RESULTS = "v2 lists results under `result.outputs[N]` (`destination.url`, or `destination.creativeCloudPath`)"
_WAIT = ("v2 never sends `outputs[N].status`, so a poll loop waiting for it never ends; wait for the job-level "
         "`status` (`succeeded` or `failed`)")


# v1's error answer (api_response_4xx_error_schema.json); v2's is ErrorResponse (photoshop-v2-openapi.json)
_V1_ERROR = ("type", "title", "code", "details")


def shape(kind: str | None, path: tuple, membership: bool = False) -> Shape | None:
    """The v1 read ``path`` (from a response of ``kind``) is, if any."""
    if kind == FOREIGN or not path:
        return None
    head = path[0]
    item = path[1] if len(path) > 1 else None
    field = path[2] if len(path) > 2 else None
    exact = isinstance(item, int) and not membership
    if head == "_links":
        if path[:3] == ("_links", "self", "href") or membership:
            if kind == SUBMIT_JSON:
                return Shape("PS706", "`_links.self.href` of a v1 submission is `statusUrl` in v2",
                             (2, "statusUrl") if not membership else (0, "statusUrl"),
                             fix='["_links"]["self"]["href"] → ["statusUrl"]')
            if kind == STATUS_JSON:
                return Shape("PS707", f"reads `_links` of a status response: {_NO_LINKS}; the job's own URL "
                             "is the `statusUrl` of its submission")
            return Shape("PS707", "reads `_links.self.href`: a v2 submission returns `statusUrl` (and `jobId`); "
                         "a v2 status response has no links", distinctive=path[:3] == ("_links", "self", "href"))
        return Shape("PS707", f"reads `_links` (v1 hypermedia links): {_NO_LINKS}")
    if head == "jobID":
        if kind in (SUBMIT_JSON, STATUS_JSON):
            return Shape("PS706", "v1 `jobID` is spelled `jobId` in v2", (0, "jobId"), fix='["jobID"] → ["jobId"]')
        return Shape("PS707", "reads `jobID`: v2 responses spell it `jobId`", distinctive=True)
    if head == "outputs" and field is not None:
        if field == "status":
            if kind == STATUS_JSON and exact:
                return Shape("PS706", "per-output `outputs[N].status` is the job-level `status` in v2", (2, "status"),
                             fix='["outputs"][N]["status"] → ["status"]', waits=True)
            return Shape("PS707", "reads `outputs[N].status`: v2 reports one job-level `status`", waits=True,
                         distinctive=True)
        if field in _ROOT_RENAMES:
            new = _ROOT_RENAMES[field]
            if kind == STATUS_JSON and exact:
                return Shape("PS706", f"per-output `outputs[N].{field}` is the job-level `{new}` in v2",
                             (2, new), fix=f'["outputs"][N]["{field}"] → ["{new}"]')
            return Shape("PS707", f"reads `outputs[N].{field}`: v2 reports one job-level `{new}`")
        if field == "_links" and kind == STATUS_JSON and exact and path[2:6] == ("_links", "renditions", 0, "href"):
            # output N's first rendition is output N's destination: v2 writes one file per output
            return Shape("PS706", "`outputs[N]._links.renditions[0].href` is `result.outputs[N].destination.url` "
                         "in v2", replace=(6, ("result", "outputs", item, "destination", "url")),
                         fix='["outputs"][N]["_links"]["renditions"][0]["href"] → '
                             '["result"]["outputs"][N]["destination"]["url"]')
        if field == "_links":
            return Shape("PS707", f"reads `outputs[N]._links`: {_RESULTS}", distinctive=True)
        if field == "errors":
            return Shape("PS707", "reads `outputs[N].errors`: v2 reports a failed job's errors in the job-level "
                         "`errorDetails` list (`errorCode`, `message`)")
    if head == "outputs" and kind == STATUS_JSON:
        return Shape("PS707", "reads v1 `outputs`: v2 status responses nest them under `result.outputs` "
                     "with a different shape")
    if head in _ROOT_RENAMES and kind == STATUS_JSON and not membership:
        new = _ROOT_RENAMES[head]
        return Shape("PS706", f"`{head}` is `{new}` in v2", (0, new), fix=f'["{head}"] → ["{new}"]')
    if head in _V1_ERROR and len(path) == 1 and kind in (SUBMIT_JSON, STATUS_JSON):
        return Shape("PS707", f"reads `{head}` of a v1 error answer (`type`, `title`, `code`, `details`): v2 answers "
                     "an error with `error_code` and `message` (and `errors`, listing several validation errors)")
    if head == "output" and item in ("href", "storage", "_links") and kind in (STATUS_JSON, None):
        return Shape("PS707", f"reads v1 remove-background `output.{item}`: a v2 request's `output` holds only "
                     f"`mediaType`, and {_RESULTS}")
    return None


def _renamed(step: Step, key: str) -> cst.CSTNode:
    """``step`` reading ``key`` instead, in the same quotes."""
    old = step.key_node
    quote = old.quote if isinstance(old, cst.SimpleString) else '"'
    prefix = old.prefix if isinstance(old, cst.SimpleString) else ""
    new = cst.SimpleString(f"{prefix}{quote}{key}{quote}")
    if isinstance(step.node, cst.Subscript):
        element = step.node.slice[0]
        return step.node.with_changes(slice=[element.with_changes(slice=element.slice.with_changes(value=new))])
    first = step.node.args[0]
    return step.node.with_changes(args=[first.with_changes(value=new), *step.node.args[1:]])


def _rebuilt(base: cst.BaseExpression, steps: list[Step], rename: str | None) -> cst.BaseExpression:
    current = base
    for index, step in enumerate(steps):
        node = _renamed(step, rename) if index == 0 and rename is not None else step.node
        if isinstance(node, cst.Subscript):
            current = node.with_changes(value=current)
        else:
            current = node.with_changes(func=node.func.with_changes(value=current))
    return current


def _read_instead(base: cst.BaseExpression, steps: list[Step], count: int,
                  keys: tuple[str | int, ...]) -> cst.BaseExpression | None:
    """``base`` read at ``keys`` where its first ``count`` steps read the v1 path, in the quotes of
    the first; None unless those steps are all plain subscripts."""
    if not all(isinstance(step.node, cst.Subscript) for step in steps[:count]):
        return None
    first = steps[0].key_node
    quote = first.quote if isinstance(first, cst.SimpleString) else '"'
    current = base
    for key in keys:
        index = cst.Integer(str(key)) if isinstance(key, int) else cst.SimpleString(f"{quote}{key}{quote}")
        current = cst.Subscript(value=current, slice=[cst.SubscriptElement(slice=cst.Index(value=index))])
    return _rebuilt(current, steps[count:], None) if steps[count:] else current


def find_reads(source: SourceModule, flow: Flow) -> list[Read]:
    """Every read of a v1 response field in the module, in source order."""
    reads: list[Read] = []
    if not V1_KEYS.search(source.text):
        return reads
    parents = source.parents
    adobe = V1_TEXT.search(source.text) is not None  # names Adobe's API (v1 or v2) somewhere

    def outermost(node: cst.CSTNode) -> bool:
        parent = parents.get(node)
        if isinstance(parent, cst.Subscript) and parent.value is node:
            return False
        if isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value == "get":
            return not flow._get_call(parents.get(parent))
        return True

    def stored(node: cst.CSTNode) -> bool:
        parent = parents.get(node)
        return isinstance(parent, (cst.AssignTarget, cst.Del)) or isinstance(parent, cst.AugAssign) \
            and parent.target is node

    def found(value: Value, base_path: tuple, matched: Shape | None) -> Shape | None:
        """The shape a read completes (one its base has not completed already)."""
        if matched is None or shape(value.kind, base_path) == matched and base_path:
            return None
        if not adobe and value.kind is None and not matched.distinctive:
            return None  # `_links` of some HAL API in a module that never names Adobe's
        return matched

    def add(node: cst.CSTNode, matched: Shape, replacement=None) -> None:
        code, message = matched.code, matched.message
        if replacement is None and matched.code == "PS706":
            code, message = "PS707", f"{matched.message}; the response is read in several steps here, so change " \
                                     "it by hand"
        if replacement is None and matched.waits and flow.called_in_loop(node):
            code, message = "PS730", _WAIT
        elif replacement is None and _tested(source, node) and flow.called_in_loop(node):
            # `while "_links" not in body`, `if body.get("outputs") and ...` inside a poll loop
            code, message = "PS730", f"a poll loop tests a v1 field, which v2 never sends: {message}"
        reads.append(Read(node, code, message, replacement, matched.fix if replacement is not None else None))

    class Reads:
        def _access(self, node: cst.BaseExpression) -> None:
            if not outermost(node) or stored(node):
                return
            base, steps = flow.chain(node)
            if not steps:
                return
            root = flow.value(base)
            full = Value(root.kind, root.path + tuple(s.key for s in steps))
            matched = found(full, root.path, shape(full.kind, full.path))
            if matched is None:
                return
            replacement = None
            if matched.rewrite is not None and not root.path:
                dropped, key = matched.rewrite
                replacement = _rebuilt(base, steps[dropped:], key)
            if matched.replace is not None and not root.path:
                replacement = _read_instead(base, steps, *matched.replace)
                if replacement is None:  # read with .get(): which default the v2 read needs is the user's call
                    matched = Shape("PS707", f"{matched.message}; change it by hand", distinctive=True)
            add(node, matched, replacement)

        def subscript(self, node: cst.Subscript) -> None:
            self._access(node)

        def call(self, node: cst.Call) -> None:
            if flow._get_call(node):
                self._access(node)
            elif _cuts_job_id(node, source, flow):
                reads.append(Read(node, "PS708", "cuts the job id out of a status URL; v2 responses carry "
                                  "`jobId` directly", fix="read `jobId` from the v2 response"))

        def comparison(self, node: cst.Comparison) -> None:
            if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, (cst.In, cst.NotIn)):
                return
            key = node.left
            if not (isinstance(key, cst.SimpleString) and "b" not in key.prefix.lower()):
                return
            container = flow.value(node.comparisons[0].comparator)
            matched = shape(container.kind, container.path + (key.evaluated_value,), membership=True)
            if matched is None or not adobe and container.kind is None and not matched.distinctive:
                return
            replacement = None
            if matched.rewrite is not None and not container.path:
                replacement = cst.SimpleString(f"{key.prefix}{key.quote}{matched.rewrite[1]}{key.quote}")
            add(key, matched, replacement)

    def matched_cases(node: cst.Match) -> None:
        """``match status: case {"outputs": [{"status": "succeeded"}]}``: each key of a mapping
        pattern is a read of the subject; a case waiting on a field v2 never sends never matches."""
        subject = flow.value(node.subject)
        for case in node.cases:
            for path, key_node in _pattern_keys(case.pattern):
                full = Value(subject.kind, subject.path + path)
                matched = found(full, subject.path + path[:-1], shape(full.kind, full.path, membership=True))
                if matched is not None:
                    add(key_node, matched)

    found_reads = Reads()
    for node in parents:  # every node, in source order
        if isinstance(node, cst.Subscript):
            found_reads.subscript(node)
        elif isinstance(node, cst.Call):
            found_reads.call(node)
        elif isinstance(node, cst.Comparison):
            found_reads.comparison(node)
        elif isinstance(node, cst.Match):
            matched_cases(node)
    return reads


def _pattern_keys(pattern, path: tuple = (), depth: int = 0):
    """``(path, key node)`` of every literal key a ``case`` pattern reads, outermost first."""
    if depth > MAX_DEPTH:
        return
    if isinstance(pattern, cst.MatchMapping):
        for element in pattern.elements:
            if isinstance(element.key, cst.SimpleString) and "b" not in element.key.prefix.lower():
                here = path + (element.key.evaluated_value,)
                yield here, element.key
                yield from _pattern_keys(element.pattern, here, depth + 1)
    elif isinstance(pattern, (cst.MatchList, cst.MatchTuple)):
        for index, element in enumerate(pattern.patterns):
            if isinstance(element, cst.MatchStar):
                return  # later items' indices are not known
            yield from _pattern_keys(element.value, path + (index,), depth + 1)
    elif isinstance(pattern, cst.MatchAs) and pattern.pattern is not None:
        yield from _pattern_keys(pattern.pattern, path, depth + 1)
    elif isinstance(pattern, cst.MatchOr):
        for element in pattern.patterns:
            yield from _pattern_keys(element.pattern, path, depth + 1)


def _tested(source: SourceModule, node: cst.CSTNode) -> bool:
    """Whether ``node`` is part of the condition of a ``while``, an ``if`` or a conditional expression."""
    current = node
    while current is not None and not isinstance(current, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
        parent = source.parents.get(current)
        if isinstance(parent, (cst.While, cst.If, cst.IfExp)) and parent.test is current:
            return True
        current = parent
    return False


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

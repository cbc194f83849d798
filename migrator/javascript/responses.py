"""What a value holds, followed through the module, and the v1 response reads it meets.

A request's response is a *submission* or a *status* response (from its URL reading), its JSON
(``await res.json()``, got/ky's ``.json()``, axios's ``.data``) the same kind as JSON; a name
holds what every assignment of it agrees on; a status URL is what a submission's
``_links.self.href`` (v2: ``statusUrl``) holds, and a request to it is a status poll. Each member
or subscript chain on a response's JSON is matched against the v1 shapes the Python codemod knows
(``codemod.responses.shape``: one table for every source kind)."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.codemod.responses import EACH, FOREIGN, STATUS_JSON, SUBMIT_JSON, shape
from migrator.javascript.parse import key, text_of, unwrap
from migrator.javascript.scope import key_text
from migrator.javascript.strings import literal
from migrator.treesitter import nodes

SUBMIT, STATUS, STATUS_URL = "submit", "status", "status_url"
# inside a wrapper: the response of the request it sends (its URL a parameter), and its JSON; a
# call of the wrapper is a submission or a poll, and what the wrapper returns is that one's
INNER, INNER_JSON = "inner", "inner_json"
# the client of a fixed Firefly Services SDK call: it resolves, as the SDK's job did, to an
# ApiResponse whose `result` is the job status
API_RESPONSE = "api_response"
JSON_KINDS = (SUBMIT_JSON, STATUS_JSON, FOREIGN)
_JSON_OF = {SUBMIT: SUBMIT_JSON, STATUS: STATUS_JSON, FOREIGN: FOREIGN, INNER: INNER_JSON}
LOOPS = ("while_statement", "do_statement", "for_statement", "for_in_statement")


@dataclass(frozen=True)
class Value:
    kind: str | None = None
    path: tuple = ()
    client: str | None = None  # the client that made a response: axios reads its JSON as `.data`


UNKNOWN = Value()


@dataclass(frozen=True)
class Step:
    key: str | int
    start: int  # the step's bytes: `.key`, `?.key`, `[0]`, `["key"]`
    end: int
    quoted: str | None = None  # the quote of a `["key"]` step
    optional: bool = False


@dataclass
class Read:
    node: object
    code: str  # "rewrite" or "report"
    message: str
    start: int = 0
    end: int = 0
    new: str | None = None
    waits: bool = False


class Flow:
    def __init__(self, module, requests: dict, kinds_of_request, results: dict | None = None):
        self.module = module
        self.results = results or {}  # key(call) → the JSON kind (or Value) a fixed SDK call resolves to
        self.data = module.data
        self.requests = requests  # key(call) → Request
        self.kind_of_request = kinds_of_request  # Request → SUBMIT / STATUS / FOREIGN / None
        self.bindings = module.bindings
        self.names: dict = {}  # a name's binding (or a member's text, `this.url`) → the expressions assigned to it
        for node in nodes(module.root, "variable_declarator", "assignment_expression"):
            if node.type == "variable_declarator":
                name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
                if name is not None and value is not None:
                    self._assigned(name, value)
            elif node.type == "assignment_expression":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                if left is not None and right is not None and left.type in ("identifier", "member_expression"):
                    self.names.setdefault(self._name(left), []).append(right)
        self._cache: dict = {}
        self.functions: dict[str, list] = {}  # a local function's name → its declarations
        for node in nodes(module.root, "function_declaration", "method_definition"):
            if node.type in ("function_declaration", "method_definition"):
                name = node.child_by_field_name("name")
                if name is not None:
                    self.functions.setdefault(text_of(name, self.data), []).append(node)
        for node in nodes(module.root, "variable_declarator"):  # const post = async (url, body) => {...}
            name, value = node.child_by_field_name("name"), unwrap(node.child_by_field_name("value"))
            if name is not None and name.type == "identifier" and value is not None \
                    and value.type in ("arrow_function", "function_expression", "function"):
                self.functions.setdefault(text_of(name, self.data), []).append(value)
        self._learn_then()
        self._learn_parameters()

    def _learn_then(self) -> None:
        """``p.then(r => ...)``: the callback's parameter holds what ``p`` resolves to (a name
        several callbacks share agrees with every one, or is unknown)."""
        for node in nodes(self.module.root, "call_expression"):
            callback, promise = self._then(node)
            if callback is None:
                continue
            parameter = callback.child_by_field_name("parameter")
            if parameter is None:
                parameters = callback.child_by_field_name("parameters")
                first = parameters.named_children[0] if parameters is not None and parameters.named_children \
                    else None
                if first is not None and first.type == "object_pattern":  # .then(({ data }) => ...)
                    self._assigned(first, promise)
                    continue
                parameter = _parameter_identifier(first) if first is not None else None
            if parameter is not None:
                self.names.setdefault(self._name(parameter), []).append(promise)

    def _then(self, node):
        """``(callback, promise)`` of ``promise.then(callback)``: a function literal, or the name of
        a function declared once in the module; else (None, None)."""
        found = _then(node, self.data)
        if found[0] is not None and found[0].type == "identifier":
            declared = self.functions.get(text_of(found[0], self.data), [])
            return (declared[0], found[1]) if len(declared) == 1 else (None, None)
        return found

    def _learn_parameters(self) -> None:
        """A local function's parameters hold what every call of it passes (``wait(job.statusUrl)``)."""
        calls: dict[str, list] = {}
        for node in nodes(self.module.root, "call_expression"):
            if node.type == "call_expression":
                name = _called(node.child_by_field_name("function"), self.data)
                if name in self.functions:
                    calls.setdefault(name, []).append(node)
        for name, declared in self.functions.items():
            if len(declared) != 1 or name not in calls:
                continue
            parameters = declared[0].child_by_field_name("parameters")
            single = declared[0].child_by_field_name("parameter")  # `url => ...`
            names = [single] if single is not None else \
                [_parameter_identifier(p) for p in (parameters.named_children if parameters else [])]
            for call in calls[name]:
                arguments = call.child_by_field_name("arguments")
                given = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
                for index, parameter in enumerate(names):
                    if parameter is not None and index < len(given) and given[index].type != "spread_element":
                        self.names.setdefault(self._name(parameter), []).append(given[index])

    def _returned(self, name: str, depth: int) -> Value:
        """What a local function returns, when every ``return`` of it agrees (``async`` unwrapped)."""
        declared = self.functions.get(name, [])
        if len(declared) != 1:
            return UNKNOWN
        body = declared[0].child_by_field_name("body")
        if declared[0].type == "arrow_function" and body is not None and body.type != "statement_block":
            return self.value(body, depth + 1)  # `(url, body) => axios.post(url, body)`
        values = {self.value(r.named_children[0], depth + 1) for r in _returns(declared[0])
                  if r.named_children and not self._calls_itself(r.named_children[0], name)}
        return values.pop() if len(values) == 1 else UNKNOWN

    def _calls_itself(self, node, name: str) -> bool:
        """``return submit(...)`` inside ``submit`` (a retry): it returns what the other returns do."""
        node = unwrap(node)
        return node is not None and node.type == "call_expression" \
            and _called(node.child_by_field_name("function"), self.data) == name

    def _name(self, node):
        """What ``names`` holds a name under: an identifier's binding (the name alone where no
        declaration covers it), a member expression's text."""
        if node.type == "identifier":
            return self.bindings.of(node) or ("", text_of(node, self.data))
        return text_of(node, self.data)

    def _assigned(self, name, value) -> None:
        if name.type == "identifier":
            self.names.setdefault(self._name(name), []).append(value)
        elif name.type == "object_pattern":  # const { data, _links } = ...: each a read of the value
            for child in name.named_children:
                if child.type == "shorthand_property_identifier_pattern":
                    self.names.setdefault(self.bindings.of(child) or ("", text_of(child, self.data)), []).append(
                        ("member", value, text_of(child, self.data)))
                elif child.type == "pair_pattern":
                    k, v = child.child_by_field_name("key"), child.child_by_field_name("value")
                    if v is not None and v.type == "identifier" and key_text(k, self.data):
                        self.names.setdefault(self._name(v), []).append(("member", value, key_text(k, self.data)))
                    elif v is not None and v.type in ("object_pattern", "array_pattern") and key_text(k, self.data):
                        # const { data: { outputs } } = await axios.get(url): a pattern inside a pattern
                        self._assigned(v, ("member", value, key_text(k, self.data)))
        elif name.type == "array_pattern":  # const [first] = status.outputs
            for index, child in enumerate(c for c in name.named_children if c.type != "comment"):
                if child.type in ("identifier", "object_pattern", "array_pattern"):
                    self._assigned(child, ("member", value, index))

    def value(self, node, depth: int = 0) -> Value:
        if isinstance(node, tuple):
            _, base, name = node
            return self._member(self.value(base, depth + 1), name)
        node = unwrap(node)
        if node is None or depth > 24:
            return UNKNOWN
        identity = key(node)
        if identity in self._cache:
            return self._cache[identity]
        self._cache[identity] = UNKNOWN  # a cycle reads as unknown
        found = self._value(node, depth)
        self._cache[identity] = found
        return found

    def _value(self, node, depth: int) -> Value:
        kind = node.type
        if kind in ("identifier", "member_expression") and self._name(node) in self.names:
            name = self._name(node)
            # a parameter handed on to itself (`wait(statusUrl, n + 1)` in `wait`) adds nothing
            values = {self.value(v, depth + 1) for v in self.names[name]
                      if isinstance(v, tuple) or v.type != "identifier" or self._name(v) != name}
            return values.pop() if len(values) == 1 else UNKNOWN
        if kind == "call_expression":
            if key(node) in self.results:
                found = self.results[key(node)]
                return found if isinstance(found, Value) else Value(found)
            callback, _ = self._then(node)
            if callback is not None:  # p.then(cb): what the callback returns
                body = callback.child_by_field_name("body")
                if body is not None and body.type != "statement_block":
                    return self.value(body, depth + 1)
                values = {self.value(r.named_children[0], depth + 1) for r in _returns(callback) if r.named_children}
                return values.pop() if len(values) == 1 else UNKNOWN
            request = self.requests.get(key(node))
            function = node.child_by_field_name("function")
            if request is not None:
                made = self.kind_of_request(request)
                if made is None and request.url is not None and self.value(request.url, depth + 1).kind == STATUS_URL:
                    made = STATUS
                if request.client == "wrapper":  # what the wrapper returns, if it is defined here
                    name = _called(function, self.data)
                    inner = self._returned(name, depth) if name in self.functions else UNKNOWN
                    if made in (SUBMIT, STATUS) and inner.kind in (INNER, INNER_JSON) and not inner.path:
                        return Value(made if inner.kind == INNER else _JSON_OF[made], (), inner.client)
                    if made in (SUBMIT, STATUS) and inner.kind in (made, _JSON_OF[made]) and not inner.path:
                        return inner  # its URL parameter only ever holds this call's (a status URL)
                    if made is None and inner.kind in (INNER, INNER_JSON) and not inner.path:
                        return inner  # a wrapper of a wrapper, inside it: what it returns is its caller's
                    return UNKNOWN
                if made is None and request.client != "wrapper":
                    return Value(INNER, (), request.client)
                return Value(made, (), request.client) if made else UNKNOWN
            name = _called(function, self.data)
            if function is not None and function.type == "await_expression":
                function = unwrap(function)  # TypeScript: `await x.json<T>()` reads as `(await x.json)<T>()`
            if function is not None and function.type == "member_expression":
                prop = function.child_by_field_name("property")
                if prop is not None and text_of(prop, self.data) == "json":  # a response's, even beside a local `json`
                    inner = self.value(function.child_by_field_name("object"), depth + 1)
                    if inner.kind in _JSON_OF and not inner.path:
                        return Value(_JSON_OF[inner.kind])
            function = node.child_by_field_name("function")
            if name in self.functions and (function.type == "identifier" or _on_this_or_name(function)):
                return self._returned(name, depth)
            return UNKNOWN
        if kind == "member_expression":
            obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
            return self._member(self.value(obj, depth + 1), text_of(prop, self.data) if prop is not None else None)
        if kind == "subscript_expression":
            obj, index = node.child_by_field_name("object"), node.child_by_field_name("index")
            return self._member(self.value(obj, depth + 1), _index(index, self.data))
        return UNKNOWN

    def _member(self, base: Value, name) -> Value:
        if base.kind in _JSON_OF and not base.path and base.client in ("axios", "request") and name in ("data", "body"):
            return Value(_JSON_OF[base.kind])
        if base.kind == STATUS and not base.path and base.client == API_RESPONSE and name == "result":
            return Value(STATUS_JSON)
        if base.kind in JSON_KINDS and name is not None:
            path = base.path + (name,)
            if base.kind == SUBMIT_JSON and path in (("_links", "self", "href"), ("statusUrl",)):
                return Value(STATUS_URL)
            return Value(base.kind, path)
        return UNKNOWN

    # -- the reads ------------------------------------------------------------------------------
    def reads(self) -> list[Read]:
        found = []
        for node in nodes(self.module.root, "member_expression", "subscript_expression", "variable_declarator"):
            if node.type in ("member_expression", "subscript_expression") and not _continued(node):
                read = self._chain(node)
                if read is not None:
                    found.append(read)
            elif node.type == "variable_declarator":
                pattern = node.child_by_field_name("name")
                if pattern is not None and pattern.type == "object_pattern":
                    found += self._pattern(pattern, node.child_by_field_name("value"))
        return found

    def _pattern(self, pattern, value) -> list[Read]:
        return self._pattern_reads(pattern, self.value(value))

    def _pattern_reads(self, pattern, base: Value, depth: int = 0) -> list[Read]:
        found = []
        for child in pattern.named_children:
            name = text_of(child, self.data) if child.type == "shorthand_property_identifier_pattern" else \
                key_text(child.child_by_field_name("key"), self.data) if child.type == "pair_pattern" else None
            if name is None:
                continue
            matched = shape(base.kind, base.path + (name,), membership=True) if base.kind in JSON_KINDS else None
            if matched is not None:
                found.append(Read(child, "report", matched.message, waits=False))
                continue
            inner = child.child_by_field_name("value") if child.type == "pair_pattern" else None
            if inner is not None and inner.type == "object_pattern" and depth < 8:  # { data: { outputs } }
                found += self._pattern_reads(inner, self._member(base, name), depth + 1)
        return found

    def _chain(self, node) -> Read | None:
        steps, base = [], node
        while base.type in ("member_expression", "subscript_expression"):
            obj = base.child_by_field_name("object")
            if obj is None:
                return None
            if base.type == "member_expression":
                prop = base.child_by_field_name("property")
                if prop is None:
                    return None
                between = self.data[obj.end_byte:prop.start_byte]
                steps.insert(0, (text_of(prop, self.data), Step(text_of(prop, self.data), obj.end_byte, base.end_byte,
                                                                optional=b"?." in between)))
            else:
                index = base.child_by_field_name("index")
                value = _index(index, self.data)
                quote = text_of(index, self.data)[:1] if index is not None and index.type == "string" else None
                steps.insert(0, (value, Step(value, obj.end_byte, base.end_byte, quote)))
            base = obj
        if any(k in ("then", "catch", "finally") for k, _ in steps):
            return None  # a promise's method (`main().then(...)`): its callbacks are followed as calls
        value = self.value(base)
        position = 0
        while position < len(steps) and value.kind not in JSON_KINDS:
            value = self._member(value, steps[position][0])
            position += 1
            if value.kind == STATUS_URL:
                return None
        kind = value.kind
        rest = steps[position:]
        if kind not in JSON_KINDS:
            if self.value(base).kind not in (None, INNER_JSON) or base.type == "this":
                return None
            kind, rest, value = None, steps, UNKNOWN  # who knows what: only v1's own shapes
        path = value.path + tuple(k for k, _ in rest)
        if kind == STATUS_JSON and not value.path and len(path) >= 6 and path[0] == "outputs" \
                and isinstance(path[1], int) and path[2:6] == ("_links", "renditions", 0, "href"):
            # output N's first rendition is output N's destination: v2 writes one file per output
            optional = rest[0][1].optional  # `data?.outputs?.[0]?._links...`: the v2 read stays optional
            new = f"?.result?.outputs?.[{path[1]}]?.destination?.url" if optional else \
                f".result.outputs[{path[1]}].destination.url"
            return Read(node, "rewrite", "`outputs[N]._links.renditions[0].href` is "
                        "`result.outputs[N].destination.url` in v2", rest[0][1].start, rest[5][1].end, new)
        matched = shape(kind, path)
        if matched is None or (kind is None and not matched.distinctive):
            return None
        waits = matched.waits and _in_loop(node)
        if matched.rewrite is not None and kind is not None and not value.path:
            dropped, new_key = matched.rewrite
            if dropped < len(rest) and all(isinstance(k, (str, int)) and k != EACH for k, _ in rest[:dropped + 1]):
                first, renamed = rest[0][1], rest[dropped][1]
                if renamed.quoted:
                    new = f"[{renamed.quoted}{new_key}{renamed.quoted}]"
                else:
                    new = f"{'?.' if renamed.optional else '.'}{new_key}"
                if first.optional and not new.startswith("?."):
                    new = "?." + new.lstrip(".")
                return Read(node, "rewrite", matched.message, first.start, renamed.end, new, waits=False)
        return Read(node, "report", matched.message, waits=waits)


def _then(node, data: bytes):
    """``(callback, promise)`` of ``promise.then(callback, ...)`` with a function literal, else (None, None)."""
    if node.type != "call_expression":
        return None, None
    function = node.child_by_field_name("function")
    if function is None or function.type != "member_expression":
        return None, None
    prop = function.child_by_field_name("property")
    arguments = node.child_by_field_name("arguments")
    given = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if prop is None or text_of(prop, data) != "then" or not given \
            or given[0].type not in ("arrow_function", "function_expression", "function", "identifier"):
        return None, None
    return given[0], function.child_by_field_name("object")


def _index(index, data: bytes):
    if index is None:
        return EACH
    if index.type == "number" and text_of(index, data).isdigit():
        return int(text_of(index, data))
    text = literal(index, data)
    return text if text is not None else EACH


def _continued(node) -> bool:
    parent = node.parent
    return parent is not None and parent.type in ("member_expression", "subscript_expression") \
        and parent.child_by_field_name("object") is not None \
        and key(parent.child_by_field_name("object")) == key(node)


def _in_loop(node) -> bool:
    current = node.parent
    while current is not None:
        if current.type in LOOPS:
            return True
        if current.type in ("function_declaration", "arrow_function", "function_expression", "method_definition"):
            return False
        current = current.parent
    return False


def _returns(function) -> list:
    found, stack = [], list(function.children)
    while stack:
        node = stack.pop()
        if node.type == "return_statement":
            found.append(node)
        elif node.type not in ("function_declaration", "arrow_function", "function_expression", "method_definition",
                               "class_declaration"):
            stack.extend(node.children)
    return found


def _called(function, data: bytes) -> str | None:
    """The name a call calls: ``f`` of ``f()``, ``name`` of ``this.name()`` or ``client.name()``."""
    if function is None:
        return None
    if function.type == "identifier":
        return text_of(function, data)
    if function.type == "member_expression":
        prop = function.child_by_field_name("property")
        return text_of(prop, data) if prop is not None else None
    return None


def _on_this_or_name(function) -> bool:
    obj = function.child_by_field_name("object") if function.type == "member_expression" else None
    return obj is not None and obj.type in ("this", "identifier")


def _parameter_identifier(node):
    """A parameter's own identifier (``x``, ``x: T``, ``x = 1``), or None for a pattern."""
    if node.type == "identifier":
        return node
    if node.type in ("required_parameter", "optional_parameter"):
        pattern = node.child_by_field_name("pattern")
        return pattern if pattern is not None and pattern.type == "identifier" else None
    if node.type == "assignment_pattern":
        left = node.child_by_field_name("left")
        return left if left is not None and left.type == "identifier" else None
    return None

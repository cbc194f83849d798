"""Request wrappers written as plain functions of the module, as the Python codemod follows them
(``codemod/calls.py`` ``wrapper_definition``): ``async function adobePost(url, token, payload)``
(or ``const adobePost = async (…) => …``, ``= function (…)``) whose own request sends its parameter
``url`` as the URL and its parameter ``payload`` as the body (``body: JSON.stringify(payload)``,
axios's ``data``, got/ky's ``json``). A call of it, ``adobePost(AUTOTONE, token, body)``, is then a
request whose URL and body are the arguments in those positions, read and migrated as a direct
request's are; the wrapper itself passes them through unchanged.

Where psmigrate cannot say which argument is which (a rest parameter, a spread argument before
them, a URL or body built inside the wrapper from its parameters, requests inside that send
different parameters, a body parameter the wrapper changes before sending it), the call is not
read as a request: its refusal is kept with the reason, reported (PS930) where the call is
handed a v1 URL."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from migrator.javascript.bindings import _declared_identifiers
from migrator.javascript.parse import key, stringified, text_of, unwrap
from migrator.treesitter import nodes, walk

FUNCTION_VALUES = ("arrow_function", "function_expression", "function")
_V1_PREFIX = re.compile(r"/?(?:pie/psdService|lrService|sensei)\b")
MAX_DEPTH = 3  # a wrapper calling a wrapper calling a wrapper


@dataclass(frozen=True)
class Wrapper:
    name: str
    url: int  # the index of the parameter sent as the URL
    body: int | None  # the index of the parameter sent as the body, None: it sends none
    method: str | None
    url_name: str
    body_name: str | None
    base: object | None = None  # what the wrapper puts before its URL parameter (`BASE + path`)


@dataclass(frozen=True)
class Refusal:
    name: str  # the wrapper's name
    why: str
    imported: str | None = None  # the module it is imported from: not read


@dataclass(frozen=True)
class _Parameter:
    identifier: object | None  # None: a pattern, or `this`
    rest: bool
    default: bool
    node: object = None


class Wrappers:
    def __init__(self, calls):
        self.calls = calls
        self.module = calls.module
        self.data = calls.data
        self.bindings = calls.module.bindings
        self.declared: dict = {}  # binding → function_declaration node
        for node in nodes(self.module.root, "function_declaration"):
            if node.type == "function_declaration" and node.child_by_field_name("name") is not None:
                binding = self.bindings.of(node.child_by_field_name("name"))
                if binding is not None:
                    self.declared[binding] = node
        self._calls = [c for c in nodes(self.module.root, "call_expression") if c.type == "call_expression"]
        self._starts = [c.start_byte for c in self._calls]  # document order: a function's calls are a slice
        self._read: dict = {}  # key(function) → Wrapper | Refusal | None (None: not a wrapper, or being read)
        self.refusals: dict = {}  # key(call) → (call, Refusal)

    def request(self, call, function, arguments: list, depth: int):
        from migrator.javascript.calls import Request

        definition = self.definition(function)
        if definition is None:
            imported = self.module.imported(function)
            if imported is not None and imported.module.startswith(".") and depth == 0:
                self.refusals[key(call)] = (call, Refusal(text_of(function, self.data), "", imported.module))
            return None
        if depth >= MAX_DEPTH:
            return None
        wrapper = self.wrapper(definition, text_of(function, self.data), depth)
        if wrapper is None:
            return None
        if isinstance(wrapper, Refusal):
            self.refusals[key(call)] = (call, wrapper)
            return None
        last = max(wrapper.url, wrapper.body if wrapper.body is not None else -1)
        spread = next((a for a in arguments[:last + 1] if a.type == "spread_element"), None)
        if spread is not None:
            why = f"the spread argument `{text_of(spread, self.data)[:40]}` hides which argument is its " \
                  f"`{wrapper.url_name}`" + (f" and its `{wrapper.body_name}`" if wrapper.body_name else "")
            self.refusals[key(call)] = (call, Refusal(wrapper.name, why))
            return None
        if last >= len(arguments):
            missing = wrapper.url_name if wrapper.url >= len(arguments) else wrapper.body_name
            self.refusals[key(call)] = (call, Refusal(wrapper.name, f"this call passes no `{missing}`"))
            return None
        body = arguments[wrapper.body] if wrapper.body is not None else None
        return Request(call, "wrapper", arguments[wrapper.url], wrapper.base, body, None, wrapper.method)

    @staticmethod
    def arguments(call) -> list:
        from migrator.javascript.calls import _arguments

        return _arguments(call)

    def definition(self, identifier):
        """The function a called name is bound to, once and for good, in this module: a function
        declaration, or a ``const`` (or never reassigned ``let``/``var``) holding a function."""
        binding = self.bindings.of(identifier)
        if binding is None or self.bindings.declarations.get(binding, 0) != 1 \
                or binding in self.module.assigned_bindings:
            return None
        if binding in self.declared:
            return self.declared[binding]
        value = unwrap(self.module.value_of(identifier))
        return value if value is not None and value.type in FUNCTION_VALUES else None

    def wrapper(self, function, name: str, depth: int):
        identity = key(function)
        if identity in self._read:
            return self._read[identity]
        self._read[identity] = None  # a function calling itself is no wrapper of itself
        found = self._wrapper(function, name, depth)
        self._read[identity] = found
        return found

    def _wrapper(self, function, name: str, depth: int):
        parameters = self.parameters(function)
        plain = {self.bindings.of(p.identifier): index for index, p in enumerate(parameters)
                 if p.identifier is not None and not p.rest}
        every = self._parameter_bindings(function)
        if not every:
            return None
        rest = {self.bindings.of(i) for p in parameters if p.rest for i in _declared_identifiers(p.node)} - {None}
        sent, problems = set(), []
        start, end = function.start_byte, function.end_byte
        for call in self._calls[bisect.bisect_right(self._starts, start):bisect.bisect_left(self._starts, end)]:
            if call.end_byte > end or call.has_error:
                continue
            request = self.calls.request(call, depth + 1)
            if request is None or request.url is None:
                continue
            url = unwrap(request.url)
            index = plain.get(self._binding(url))
            base = None
            if index is None:
                base, last = self._prefixed(url)
                index = plain.get(self._binding(last)) if base is not None and not self._mentions(base, every) \
                    else None
                base = base if index is not None else None
                if base is not None and _V1_PREFIX.search(self._text(base)):
                    problems.append(f"its request's URL `{_short(text_of(request.url, self.data))}` joins v1 text "
                                    "to its parameter: the operation is chosen inside it")
                    continue
            if index is None:
                if rest and self._mentions(request.url, rest) and not self._mentions(request.url, every - rest):
                    problems.append(f"its request's URL `{_short(text_of(request.url, self.data))}` comes from its "
                                    "rest parameter, which psmigrate does not match to arguments")
                elif self._mentions(request.url, every):
                    problems.append(f"its request's URL `{_short(text_of(request.url, self.data))}` is built "
                                    "inside it from its parameters")
                continue
            if request.hidden:
                problems.append("its request's options are a value psmigrate cannot read")
                continue
            if request.base is not None:  # an axios instance's `baseURL`, got's `prefixUrl`
                if base is not None:
                    problems.append("its request puts a base before its URL parameter twice")
                    continue
                base = request.base
            body = _stringified(unwrap(request.body), self.data) if request.body is not None else None
            body_index = plain.get(self._binding(body)) if body is not None else None
            if body is not None and body_index is None:
                where = "from its parameters" if self._mentions(body, every) else "itself"
                problems.append(f"it builds the body it sends (`{_short(text_of(body, self.data))}`) {where}")
                continue
            if body_index is not None and parameters[body_index].default:
                problems.append(f"its body parameter `{text_of(body, self.data)}` has a default value")
                continue
            changed = [parameters[index].identifier] if self.bindings.of(parameters[index].identifier) \
                in self.module.assigned_bindings else []
            if body_index is not None and self._changed(parameters[body_index].identifier, function):
                changed.append(parameters[body_index].identifier)
            if changed:
                problems.append(f"it changes its parameter `{text_of(changed[0], self.data)}` before sending it")
                continue
            sent.add((index, body_index, request.method, base))
        if problems:
            return Refusal(name, problems[0])
        if not sent:
            return None
        if len({(u, b, key(base) if base is not None else None) for u, b, _, base in sent}) > 1:
            return Refusal(name, "its requests send different parameters as their URL or body")
        (url_index, body_index, base), methods = next((u, b, base) for u, b, _, base in sent), \
            {m for _, _, m, _ in sent}
        method = next(iter(methods)) if len(methods) == 1 else "post"
        names = [text_of(p.identifier, self.data) if p.identifier is not None else "" for p in parameters]
        return Wrapper(name, url_index, body_index, method, names[url_index],
                       names[body_index] if body_index is not None else None, base)

    def _text(self, node) -> str:
        return "".join(p.text if p is not None else "\x00" for p in self.module.url_pieces(node))

    def _prefixed(self, url):
        """``(BASE, path)`` of ``BASE + path`` or `` `${BASE}${path}` ``, else (None, None)."""
        if url is None:
            return None, None
        if url.type == "binary_expression":
            operator = url.child_by_field_name("operator")
            right = unwrap(url.child_by_field_name("right"))
            if operator is not None and text_of(operator, self.data) == "+" and right is not None:
                return url.child_by_field_name("left"), right
        if url.type == "template_string":
            parts = [c for c in url.named_children if c.type != "comment"]
            if len(parts) == 2 and all(p.type == "template_substitution" for p in parts) and \
                    url.end_byte - url.start_byte == sum(p.end_byte - p.start_byte for p in parts) + 2:
                first, second = (unwrap(p.named_children[0]) if p.named_children else None for p in parts)
                return (first, second) if first is not None and second is not None else (None, None)
        return None, None

    def parameters(self, function) -> list[_Parameter]:
        single = function.child_by_field_name("parameter")  # `url => fetch(url)`
        if single is not None:
            return [_Parameter(single if single.type == "identifier" else None, False, False, single)]
        holder = function.child_by_field_name("parameters")
        found = []
        for node in holder.named_children if holder is not None else []:
            if node.type == "comment":
                continue
            if node.type in ("required_parameter", "optional_parameter"):
                pattern = node.child_by_field_name("pattern")
                if pattern is not None and pattern.type == "this":
                    continue  # TypeScript's `this: T` takes no argument
                default = node.child_by_field_name("value") is not None
                if pattern is not None and pattern.type == "rest_pattern":
                    found.append(_Parameter(None, True, False, node))
                else:
                    found.append(_Parameter(pattern if pattern is not None and pattern.type == "identifier" else None,
                                            False, default, node))
            elif node.type == "identifier":
                found.append(_Parameter(node, False, False, node))
            elif node.type == "assignment_pattern":
                left = node.child_by_field_name("left")
                found.append(_Parameter(left if left is not None and left.type == "identifier" else None, False, True,
                                        node))
            else:  # rest_pattern, object_pattern, array_pattern
                found.append(_Parameter(None, node.type == "rest_pattern", False, node))
        return found

    def _parameter_bindings(self, function) -> set:
        single = function.child_by_field_name("parameter")
        holder = [single] if single is not None else \
            [c for c in (function.child_by_field_name("parameters").named_children
                         if function.child_by_field_name("parameters") is not None else []) if c.type != "comment"]
        return {self.bindings.of(i) for node in holder for i in _declared_identifiers(node) if i is not None} - {None}

    def _binding(self, node):
        if node is None or node.type not in ("identifier", "shorthand_property_identifier"):
            return None
        return self.bindings.of(node)

    def _mentions(self, expression, bindings: set) -> bool:
        return any(self.bindings.of(n) in bindings for n in _walk(expression)
                   if n.type in ("identifier", "shorthand_property_identifier"))

    def _changed(self, identifier, function) -> bool:
        """Whether the function assigns the parameter, or a member of it, or calls a method on it
        (``payload.outputs.push(…)``, ``Object.assign(payload, …)``): what it sends is not what the
        call passed."""
        binding = self.bindings.of(identifier)
        if binding in self.module.assigned_bindings:
            return True
        for node in _walk(function):
            if node.type not in ("identifier", "shorthand_property_identifier") or node.start_byte == \
                    identifier.start_byte or self.bindings.of(node) != binding:
                continue
            top, parent = node, node.parent
            while parent is not None and parent.type in ("member_expression", "subscript_expression") \
                    and key(parent.child_by_field_name("object")) == key(top):
                top, parent = parent, parent.parent
            if parent is None:
                continue
            if parent.type in ("assignment_expression", "augmented_assignment_expression") and key(top) != key(node) \
                    and key(parent.child_by_field_name("left")) == key(top):
                return True
            if parent.type == "update_expression" or parent.type == "unary_expression" and \
                    text_of(parent, self.data).startswith("delete"):
                return True
            if parent.type == "call_expression" and key(top) != key(node) \
                    and key(parent.child_by_field_name("function")) == key(top):
                return True  # a method of it, or of one of its members
            if parent.type == "arguments" and parent.parent is not None:
                called = parent.parent.child_by_field_name("function")
                if called is not None and text_of(called, self.data) == "Object.assign" \
                        and parent.named_children and key(parent.named_children[0]) == key(top):
                    return True
        return False


def _stringified(node, data: bytes):
    """``x`` of ``JSON.stringify(x)``, else the node."""
    return stringified(node, data) or node


def _walk(node):
    """Every named node below ``node``, in document order."""
    return (n for n in walk(node) if n.is_named)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:49] + "…"

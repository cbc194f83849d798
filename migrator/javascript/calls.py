"""The HTTP requests of a module: which call sends what, to which URL, with which body.

Clients are known by what their name is bound to (``import axios from "axios"``, ``require("got")``;
``fetch`` is global): ``fetch`` and node-fetch/cross-fetch/undici (``fetch(url, {body})``), axios
(``axios.post(url, data)``, ``axios({url, data})``, and instances from ``axios.create({baseURL})``),
got and ky (``{json}``, instances with ``prefixUrl``), request (``{url, json, body}``). A call of a
method named as a verb (a wrapper method taking a path, ``this.post("/lrService/…", body)``) is a
request too, its body the second argument. So is a call of a function of the module (``function
f``, ``const f = (…) =>``) whose own request's URL is one of its parameters: its URL and body are
the arguments bound, by position, to the parameters that request sends (``wrappers.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.javascript.parse import text_of, unwrap
from migrator.javascript.scope import Module, key_text
from migrator.treesitter import nodes

CLIENTS = {
    "node-fetch": "fetch", "cross-fetch": "fetch", "isomorphic-fetch": "fetch", "undici": "fetch",
    "axios": "axios", "got": "got", "ky": "ky", "ky-universal": "ky",
    "request": "request", "request-promise": "request", "request-promise-native": "request",
    "superagent": "superagent",
}
GLOBAL_FETCH = {"fetch", "globalThis.fetch", "window.fetch", "self.fetch", "global.fetch"}
WITH_DATA = {"post", "put", "patch"}  # axios.post(url, data, config)
VERBS = {"get", "post", "put", "patch", "delete", "head", "options", "request", "del"}
INSTANCE_MAKERS = {"create", "extend", "defaults"}
BASE_KEYS = ("baseURL", "prefixUrl", "baseUrl")


@dataclass
class Request:
    node: object  # the call
    client: str  # fetch, axios, got, ky, request, superagent, wrapper
    url: object | None  # the URL (or path) expression
    base: object | None = None  # an instance's baseURL / prefixUrl expression
    body: object | None = None  # the body expression as written (object, JSON.stringify(...), a name)
    body_holder: object | None = None  # the object literal holding the body's pair, when there is one
    method: str | None = None
    hidden: bool = False  # options given as a value psmigrate cannot read (a parameter, a call)


def pair_value(obj, name: str, data: bytes):
    if obj is None or obj.type != "object":
        return None
    for pair in obj.named_children:
        if pair.type == "pair" and key_text(pair.child_by_field_name("key"), data) == name:
            return pair.child_by_field_name("value")
        if pair.type == "shorthand_property_identifier" and text_of(pair, data) == name:
            return pair
    return None


class Calls:
    def __init__(self, module: Module):
        self.module = module
        self.data = module.data
        self.instances: dict[str, tuple[str, object | None]] = {}  # name → (client, base expression)
        self._learn_instances()
        from migrator.javascript.wrappers import Wrappers

        self.wrappers = Wrappers(self)

    def client_of_name(self, name: str) -> str | None:
        if name in self.instances:
            return self.instances[name][0]
        module = self.module.module_of(name)
        if module is not None:
            return CLIENTS.get(module)
        if name in GLOBAL_FETCH:
            return "fetch"
        if name in ("axios", "got", "ky") and self.module.declared.get(name, 0) == 0:
            return name  # a browser global, or bound where psmigrate does not look
        return None

    def _learn_instances(self) -> None:
        data = self.data
        for node in nodes(self.module.root, "variable_declarator", "assignment_expression", "public_field_definition",
                          "field_definition"):
            if node.type == "variable_declarator":
                target, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            elif node.type == "assignment_expression":
                target, value = node.child_by_field_name("left"), node.child_by_field_name("right")
            elif node.type in ("public_field_definition", "field_definition"):
                target, value = node.child_by_field_name("name") or node.child_by_field_name("property"), \
                    node.child_by_field_name("value")
                if target is not None:
                    self._instance(f"this.{text_of(target, data)}", value)
                continue
            else:
                continue
            if target is not None and target.type in ("identifier", "member_expression"):
                self._instance(text_of(target, data), value)

    def _instance(self, name: str, value) -> None:
        value = unwrap(value)
        if value is None or value.type != "call_expression":
            return
        function = value.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            return
        obj, prop = function.child_by_field_name("object"), function.child_by_field_name("property")
        if obj is None or prop is None or text_of(prop, self.data) not in INSTANCE_MAKERS:
            return
        client = self.client_of_name(text_of(obj, self.data))
        if client not in ("axios", "got", "ky"):
            return
        arguments = _arguments(value)
        config = unwrap(arguments[0]) if arguments else None
        base = next((pair_value(config, k, self.data) for k in BASE_KEYS if pair_value(config, k, self.data)), None)
        self.instances[name] = (client, base)

    # -- the calls ---------------------------------------------------------------------------------
    def requests(self) -> list[Request]:
        found = []
        for node in nodes(self.module.root, "call_expression"):
            if node.type == "call_expression" and not node.has_error:
                request = self.request(node)
                if request is not None:
                    found.append(request)
        return found

    def request(self, call, depth: int = 0) -> Request | None:
        function = call.child_by_field_name("function")
        if function is not None and function.type == "await_expression":
            function = unwrap(function)  # TypeScript reads `await api.post<T>(...)` as `(await api.post)<T>(...)`
        if function is None:
            return None
        arguments = _arguments(call)
        name = text_of(function, self.data)
        method = None
        client = self.client_of_name(name) if function.type in ("identifier", "member_expression") else None
        owner = name
        if client is None and function.type == "member_expression":
            obj, prop = function.child_by_field_name("object"), function.child_by_field_name("property")
            method = text_of(prop, self.data) if prop is not None else None
            if obj is not None and method in VERBS:
                owner = text_of(obj, self.data)
                client = self.client_of_name(owner)
        base = self.instances.get(owner, (None, None))[1]
        if client == "fetch":
            init = self._object(arguments[1]) if len(arguments) > 1 else None
            return Request(call, client, arguments[0] if arguments else None, None,
                           pair_value(init, "body", self.data), init, _method(init, self.data),
                           hidden=len(arguments) > 1 and init is None or _spread(init))
        if client == "axios":
            if method in (None, "request") and arguments and self._object(arguments[0]) is not None \
                    and not _is_url_like(arguments[0]):
                config = self._object(arguments[0])
                return Request(call, client, pair_value(config, "url", self.data),
                               pair_value(config, "baseURL", self.data) or base, pair_value(config, "data", self.data),
                               config, _method(config, self.data))
            config = self._object(arguments[-1]) if len(arguments) > 1 else None
            body = arguments[1] if method in WITH_DATA and len(arguments) > 1 else \
                pair_value(config, "data", self.data)
            return Request(call, client, arguments[0] if arguments else None,
                           pair_value(config, "baseURL", self.data) or base, body, None, method)
        if client in ("got", "ky", "request"):
            first = arguments[0] if arguments else None
            options = self._object(arguments[1]) if len(arguments) > 1 else None
            if first is not None and self._object(first) is not None and not _is_url_like(first):
                options = self._object(first)
                first = pair_value(options, "url", self.data) or pair_value(options, "uri", self.data)
            body = pair_value(options, "json", self.data)
            if body is None or body.type in ("true", "false"):
                body = pair_value(options, "body", self.data)
            prefix = pair_value(options, "prefixUrl", self.data) or pair_value(options, "baseUrl", self.data) or base
            hidden = len(arguments) > 1 and self._object(arguments[1]) is None or _spread(options)
            return Request(call, client, first, prefix, body, options, method or _method(options, self.data),
                           hidden=hidden)
        if client == "superagent":
            return Request(call, client, arguments[0] if arguments else None, None, None, None, method)
        if function.type == "member_expression" and arguments and method in VERBS | {"send", "call", "fetch"}:
            return Request(call, "wrapper", arguments[0], None, arguments[1] if len(arguments) > 1 else None,
                           None, method)
        if function.type == "identifier" and client is None:
            return self.wrappers.request(call, function, arguments, depth)
        return None

    def _object(self, node):
        """An object literal: the node itself, or the one a name of the module is set to."""
        node = unwrap(node)
        if node is not None and node.type == "identifier":
            node = unwrap(self.module.value_of(node))
        return node if node is not None and node.type == "object" else None


def _arguments(call) -> list:
    arguments = call.child_by_field_name("arguments")
    if arguments is None or arguments.type != "arguments":
        return []
    return [c for c in arguments.named_children if c.type != "comment"]


def _method(config, data: bytes) -> str | None:
    from migrator.javascript.strings import literal

    value = pair_value(config, "method", data)
    text = literal(value, data) if value is not None else None
    return text.lower() if text else None


def _is_url_like(node) -> bool:
    node = unwrap(node)
    return node is not None and node.type in ("string", "template_string", "binary_expression")


def _spread(obj) -> bool:
    """An options object with a spread (``{...options, method}``): more keys than psmigrate sees."""
    return obj is not None and any(c.type == "spread_element" for c in obj.named_children)

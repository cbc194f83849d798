"""Find the calls that send a request to a v1 URL, and the request body they send.

A call site is any call with an argument that resolves to a URL-shaped v1 URL: HTTP clients
(``requests``, ``httpx`` sync and async, ``aiohttp`` sessions, ``urllib3``, any session or client
object) and in-project wrappers alike, since a wrapper receives the URL as an argument. Log and
print calls are not call sites: their strings are messages, not requests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from migrator.codemod.resolve import Resolver
from migrator.codemod.source import SourceModule
from migrator.codemod.urls import Part, UrlReading, read

MESSAGE_FUNCS = {"print", "debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log",
                 "echo", "secho", "write"}
URL_HELPERS = {"urljoin", "join", "format", "quote", "urlparse", "urlsplit", "str", "startswith", "endswith",
               "replace", "split", "rsplit"}
HTTP_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "request", "urlopen", "stream", "fetch",
                "send", "ws_connect"}
# words in a function's name that say it sends a request (`_post`, `submit_job`, `pollStatus`)
REQUEST_WORDS = {"get", "post", "put", "patch", "delete", "head", "request", "urlopen", "stream", "fetch", "send",
                 "submit", "poll", "call", "upload", "download"}
BODY_KEYWORDS = ("json",)
TEXT_BODY_KEYWORDS = ("data", "body", "content")
WRAPPER_BODY_KEYWORDS = ("payload", "body", "json_body", "request_body", "data", "json")


@dataclass
class CallSite:
    call: cst.Call
    url: cst.BaseExpression
    parts: list[Part]
    reading: UrlReading
    body: cst.BaseExpression | None  # the expression sent as JSON (``x`` in ``json=x``)
    library: bool  # an HTTP client method rather than an in-project wrapper


def callee_name(call: cst.Call) -> str:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else ""


def sends_requests(call: cst.Call) -> bool:
    words = re.findall(r"[a-z]+", re.sub(r"([A-Z])", r"_\1", callee_name(call)).lower())
    return any(word in REQUEST_WORDS for word in words)


def is_message_call(call: cst.Call) -> bool:
    name = callee_name(call)
    if name in MESSAGE_FUNCS:
        return True
    # raise SomeError("...") and warnings: prose, not requests
    return name[:1].isupper() and (name.endswith(("Error", "Exception", "Warning")))


def is_setting_read(call: cst.Call) -> bool:
    """``os.environ.get("HOST", "https://...")``, ``os.getenv(...)``: a default, not a request."""
    name = cst.helpers.get_full_name_for_node(call.func) or ""
    return name in ("os.environ.get", "environ.get", "os.getenv", "getenv", "os.environ.setdefault")


def find_call_sites(source: SourceModule, resolver: Resolver) -> list[CallSite]:
    sites: list[CallSite] = []

    class Visitor(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> bool:
            if is_message_call(node) or callee_name(node) in URL_HELPERS or is_setting_read(node):
                return True  # a message or a URL helper is not a request; calls inside it may be
            site = _site(node, resolver)
            if site is not None:
                sites.append(site)
            return True

    source.index.visit(Visitor())  # the file's one walk (codemod/index.py), not a libcst pass
    inside = {id(n) for site in sites for n in _descendants(site.url)}
    return [s for s in sites if id(s.call) not in inside]


def _descendants(node: cst.CSTNode):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


def _url_candidates(call: cst.Call) -> list[cst.Arg]:
    keyword = [a for a in call.args if a.keyword is not None and a.keyword.value in ("url", "endpoint", "path")]
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return keyword + positional


def _site(call: cst.Call, resolver: Resolver) -> CallSite | None:
    for arg in _url_candidates(call):
        if isinstance(arg.value, (cst.Dict, cst.List, cst.Integer, cst.Float)):
            continue
        if not resolver.source.mentions_v1(arg.value):
            continue  # no v1 text and no name that could hold some: not worth resolving
        parts = resolver.parts(arg.value)
        if all(p.text is None for p in parts):
            continue
        reading = read(parts)
        if reading is None:
            continue
        library = isinstance(call.func, cst.Attribute) and call.func.attr.value in HTTP_METHODS
        body = _body(call, arg, library, resolver.source)
        # A function whose name says nothing of requests (`convert(body, endpoint=URL)`,
        # `Example(url=...)`) counts only when it is handed a v1 endpoint together with a body.
        if library or sends_requests(call) or reading.kind == "endpoint" and body is not None:
            return CallSite(call, arg.value, parts, reading, body, library)
    return None


def json_dumps_argument(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """``x`` in ``json.dumps(x, ...)``."""
    if isinstance(node, cst.Call) and cst.helpers.get_full_name_for_node(node.func) in ("json.dumps", "dumps") \
            and node.args and node.args[0].keyword is None and not node.args[0].star:
        return node.args[0].value
    return None


def _body(call: cst.Call, url_arg: cst.Arg, library: bool, source: SourceModule) -> cst.BaseExpression | None:
    body = _library_body(call)
    if library or body is not None:
        return body
    wrapper = wrapper_definition(source, call)
    if wrapper is not None:  # the wrapper is in this file: the argument it sends is the body
        return _argument_for(call, *wrapper)
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    for name in WRAPPER_BODY_KEYWORDS:
        if name in keywords:
            return json_dumps_argument(keywords[name]) or keywords[name]
    positional = [a for a in call.args if a.keyword is None and not a.star]
    after = positional[positional.index(url_arg) + 1:] if url_arg in positional else []
    return after[0].value if after else None


def _library_body(call: cst.Call) -> cst.BaseExpression | None:
    """What an HTTP client's call sends as JSON: ``json=x``, or ``data=json.dumps(x)``."""
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    for name in BODY_KEYWORDS:
        if name in keywords:
            return keywords[name]
    for name in TEXT_BODY_KEYWORDS:
        if name in keywords and json_dumps_argument(keywords[name]) is not None:
            return json_dumps_argument(keywords[name])
    return None


def wrapper_definition(source: SourceModule, call: cst.Call) -> tuple[cst.FunctionDef, bool] | None:
    """The function of this module ``call`` calls (a plain name, or a method through ``self`` or
    an instance of a class of the module), and whether it is called as a method."""
    func = call.func
    if isinstance(func, cst.Name):
        binding = source.single_assignment(func)
        definition = source.parents.get(binding.node) if binding is not None else None
        return (definition, False) if isinstance(definition, cst.FunctionDef) and definition.name is binding.node \
            else None
    if not isinstance(func, cst.Attribute):
        return None
    klass = source.enclosing(call, cst.ClassDef) if isinstance(func.value, cst.Name) and func.value.value == "self" \
        else source.instance_of(func.value)
    if klass is None:
        return None
    methods = [s for s in klass.body.body if isinstance(s, cst.FunctionDef) and s.name.value == func.attr.value]
    return (methods[0], True) if len(methods) == 1 else None


def _argument_for(call: cst.Call, wrapper: cst.FunctionDef, method: bool) -> cst.BaseExpression | None:
    """The argument of ``call`` bound to the parameter ``wrapper`` sends as a request's JSON body,
    or None where it sends none of its parameters (then the call has no body psmigrate can see)."""
    parameters = [*wrapper.params.posonly_params, *wrapper.params.params]
    if method and parameters:
        parameters = parameters[1:]  # self
    names = [p.name.value for p in (*parameters, *wrapper.params.kwonly_params)]
    sent = {body.value for body in _bodies_sent(wrapper) if isinstance(body, cst.Name)} & set(names)
    if len(sent) != 1:
        return None
    [name] = sent
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    positional = [a for a in call.args if a.keyword is None]
    index = next((i for i, p in enumerate(parameters) if p.name.value == name), None)
    if index is None or any(a.star for a in positional[:index + 1]) or index >= len(positional):
        return None
    return positional[index].value


def _bodies_sent(function: cst.FunctionDef) -> list[cst.BaseExpression]:
    """The body expressions of the HTTP client calls inside ``function``."""
    calls = [node for node in _descendants(function.body) if isinstance(node, cst.Call)
             and isinstance(node.func, cst.Attribute) and node.func.attr.value in HTTP_METHODS]
    return [body for body in map(_library_body, calls) if body is not None]

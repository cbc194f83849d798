"""The unsafe fix of a call of ``@adobe/aio-lib-photoshop-api`` (``--unsafe-fixes``): the call
becomes ``psmigrateV2Job(url, credentials, body)``, a helper written once into the module that
POSTs the v2 body to its operation's host and polls the job's ``statusUrl`` until it ends, as
the SDK's methods submit and ``pollUntilDone``.

What each method sends is the SDK's own code (``src/index.js``, ``src/fileresolver.js``): the
arguments become the v1 body (a URL string as ``{href, storage}``, the storage from its host; an
output's ``type`` from its extension, ``image/png`` otherwise), which ``convert`` turns into the
v2 body as it does every other body. The credentials are the ``apiKey`` and ``accessToken`` the
client was built with (``sdk.init(orgId, apiKey, accessToken)``), used where the call is only
when those names mean the same there. Whatever psmigrate cannot read this way is the reason the
finding stays (PS913)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from migrator.javascript.body import BodyError, to_tree
from migrator.javascript.parse import key, text_of, unwrap
from migrator.javascript.strings import literal
from migrator.tree import Opaque
from migrator.treesitter import nodes, walk

AIO = "@adobe/aio-lib-photoshop-api"
HELPER = "psmigrateV2Job"
_SCOPES = ("program", "statement_block", "function_declaration", "function_expression", "arrow_function",
           "method_definition", "generator_function_declaration", "class_body", "for_statement",
           "for_in_statement")
_FUNCTIONS = ("function_declaration", "function_expression", "arrow_function", "method_definition",
              "generator_function_declaration")
# what the credentials may be written as: names and their members, literals, defaults; never a call
_PLAIN = {"identifier", "member_expression", "property_identifier", "string", "string_fragment", "template_string",
          "template_substitution", "binary_expression", "parenthesized_expression", "escape_sequence", "this",
          "subscript_expression", "number", "null", "undefined", "`", '"', "'", "${", "}", "||", "??", "+", ".",
          "(", ")", "[", "]"}
_MIME = {".dng": "image/x-adobe-dng", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
         ".psb": "image/vnd.adobe.photoshop", ".psd": "image/vnd.adobe.photoshop", ".tif": "image/tiff",
         ".tiff": "image/tiff"}
# SDK results the v2 job status answers too: reads of them are followed as a status response's
READ_FIELDS = ("outputs", "jobId", "jobID", "_links", "status", "created", "modified")


class Unreadable(Exception):
    """Why psmigrate offers no fix for this call (the finding's reason)."""


@dataclass
class SdkFix:
    call: object  # the SDK call
    text: str  # what replaces it
    v1: str
    v2: str
    notes: list  # the conversion's diagnostics
    bound: str | None  # the name the result is assigned to
    wrapped: bool = False  # resolves to the Firefly SDKs' `{ result }` (sdk_firefly.py)


def _args(a) -> list:
    arguments = a.child_by_field_name("arguments")
    return [c for c in arguments.named_children if c.type != "comment"] if arguments is not None else []


class Methods:
    """The v1 body each aio-lib method sends, from its arguments."""

    def __init__(self, fixer: "Fixer", arguments: list):
        self.fixer = fixer
        self.arguments = arguments

    def value(self, index: int):
        if index >= len(self.arguments):
            return None
        return self.fixer.tree(self.arguments[index])

    def input(self, index: int):
        return self.fixer.file(self.value(index), output=False, what=f"argument {index + 1}")

    def inputs(self, index: int):
        value = self.value(index)
        values = value if isinstance(value, list) else [value]
        return [self.fixer.file(v, output=False, what=f"argument {index + 1}") for v in values]

    def output(self, index: int):
        # the Sensei cutout and mask: the SDK adds a `type` there too, which v1 ignored and whose
        # v2 home, remove-background's `mediaType`, takes other values; psmigrate adds none
        return self.fixer.file(self.value(index), output=True, what=f"argument {index + 1}", typed=False)

    def outputs(self, index: int):
        value = self.value(index)
        values = value if isinstance(value, list) else [value]
        return [self.fixer.file(v, output=True, what=f"argument {index + 1}") for v in values]

    def options(self, index: int, files: tuple[str, ...] = ()) -> dict:
        value = self.value(index)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise Unreadable(f"its options (argument {index + 1}) are a value psmigrate cannot read")
        for name in files:  # the file references inside the options the SDK resolves
            if isinstance(value.get(name), list):
                value[name] = [self.fixer.file(v, output=False, what=f"options.{name}") for v in value[name]]
        if isinstance(value.get("layers"), list):
            for layer in value["layers"]:
                if isinstance(layer, dict) and "input" in layer:
                    layer["input"] = self.fixer.file(layer["input"], output=False, what="a layer's input")
        return {"options": value}


_DOCUMENT = ("fonts",)
_ACTIONS = ("actions", "fonts", "patterns", "brushes")
BODIES = {
    "createCutout": ("/sensei/cutout", lambda m: {"input": m.input(0), "output": m.output(1)}),
    "createMask": ("/sensei/mask", lambda m: {"input": m.input(0), "output": m.output(1)}),
    "straighten": ("/lrService/autoStraighten", lambda m: {"inputs": m.input(0), "outputs": m.outputs(1)}),
    "autoTone": ("/lrService/autoTone", lambda m: {"inputs": m.input(0), "outputs": m.outputs(1)}),
    "editPhoto": ("/lrService/edit", lambda m: {"inputs": {"source": m.input(0)}, "outputs": m.outputs(1),
                                                **m.options(2)}),
    "applyPreset": ("/lrService/presets", lambda m: {"inputs": {"source": m.input(0), "presets": m.inputs(1)},
                                                     "outputs": m.outputs(2)}),
    "applyPresetXmp": ("/lrService/xmp", lambda m: {"inputs": {"source": m.input(0)}, "outputs": m.outputs(1),
                                                    "options": {"xmp": m.value(2)}}),
    "createDocument": ("/pie/psdService/documentCreate", lambda m: {"outputs": m.outputs(0),
                                                                    **m.options(1, _DOCUMENT)}),
    "getDocumentManifest": ("/pie/psdService/documentManifest", lambda m: {"inputs": m.inputs(0), **m.options(1)}),
    "modifyDocument": ("/pie/psdService/documentOperations", lambda m: {"inputs": m.inputs(0), "outputs": m.outputs(1),
                                                                        **m.options(2, _DOCUMENT)}),
    "createRendition": ("/pie/psdService/renditionCreate", lambda m: {"inputs": m.inputs(0), "outputs": m.outputs(1)}),
    "replaceSmartObject": ("/pie/psdService/smartObject", lambda m: {"inputs": m.inputs(0), "outputs": m.outputs(1),
                                                                     **m.options(2, _DOCUMENT)}),
    "applyPhotoshopActions": ("/pie/psdService/photoshopActions",
                              lambda m: {"inputs": m.inputs(0), "outputs": m.outputs(1), **m.options(2, _ACTIONS)}),
    "applyPhotoshopActionsJson": ("/pie/psdService/actionJSON",
                                  lambda m: {"inputs": m.inputs(0), "outputs": m.outputs(1), **m.options(2, _ACTIONS)}),
}


def storage_of(url: str) -> str:
    """The SDK's storage for a URL (``getStorageFromUrl``)."""
    host = urlsplit(url).hostname or ""
    if host.endswith((".blob.core.windows.net", ".azureedge.net")):
        return "azure"
    return "dropbox" if host == "content.dropboxapi.com" else "external"


class Fixer:
    def __init__(self, module):
        self.module = module
        self.data = module.data
        self.root = module.root

    # -- arguments ---------------------------------------------------------------------------------
    def tree(self, node, depth: int = 0):
        """An argument as a payload tree; a name of a module-level ``const`` is read through,
        at any depth. A value psmigrate cannot read is carried only as a URL (``href``) or
        ``xmp`` text: anywhere else the conversion could not see what it holds."""
        node = unwrap(node)
        if node.type == "identifier" and depth < 8:
            value = self.top_level_value(text_of(node, self.data))
            if value is not None:
                return self.tree(value, depth + 1)
        try:
            return self._inline(to_tree(node, self.data), None, depth)
        except BodyError as exc:
            raise Unreadable(str(exc)) from None

    def _inline(self, value, key, depth: int):
        if isinstance(value, dict):
            return {k: self._inline(v, k, depth) for k, v in value.items()}
        if isinstance(value, list):
            return [self._inline(v, key, depth) for v in value]
        if isinstance(value, Opaque):
            source = str(value.node)
            found = self.top_level_value(source) if re.fullmatch(r"[A-Za-z_$][\w$]*", source) else None
            if found is not None and depth < 8:
                return self._inline(self.tree(found, depth + 1), key, depth + 1)
            if key not in (None, "href", "xmp"):
                raise Unreadable(f"`{value.label}` (for `{key}`) is a value psmigrate cannot read")
        return value

    def top_level_value(self, name: str):
        value = self.module.value_of(name)
        if value is None:
            return None
        declarator = value.parent
        statement = declarator.parent if declarator is not None else None
        holder = statement.parent if statement is not None else None
        if holder is not None and holder.type == "export_statement":
            holder = holder.parent
        return value if holder is not None and holder.type == "program" else None

    def _text(self, value) -> str | None:
        if isinstance(value, str):
            return value
        if isinstance(value, Opaque) and re.fullmatch(r"[A-Za-z_$][\w$]*", str(value.node)):
            found = self.top_level_value(str(value.node))
            return literal(unwrap(found), self.data) if found is not None else None
        return None

    def file(self, value, output: bool, what: str, typed: bool = True):
        """The SDK's ``resolveInput``/``resolveOutput``: a URL string or ``{href, storage?, type?}``."""
        if value is None:
            raise Unreadable(f"{what} is missing")
        if isinstance(value, (str, Opaque)):
            value = {"href": value}
        if not isinstance(value, dict) or "href" not in value:
            raise Unreadable(f"{what} is not a URL or an `{{href, storage}}` object psmigrate can read")
        value = dict(value)
        href = self._text(value["href"])
        if "storage" not in value:
            if href is None:
                raise Unreadable(f"{what}'s storage is not given and its URL is set at run time (the SDK picks the "
                                 "storage from the URL)")
            if not re.match(r"https?://", href):
                raise Unreadable(f"{what} `{href}` is a path in Creative Cloud or Adobe I/O Files; v2 reads and "
                                 "writes URLs only (presign it first)")
            value["storage"] = storage_of(href)
        if output and typed and "type" not in value:
            if href is None:
                raise Unreadable(f"{what}'s type is not given and its URL is set at run time (the SDK picks the "
                                 "type from the file's extension)")
            path = urlsplit(href).path if re.match(r"https?://", href) else href
            value["type"] = _MIME.get(posixpath.splitext(path)[1].lower(), "image/png")
        return value

    # -- where the client and its credentials come from ------------------------------------------------
    def init_call(self, receiver):
        """The ``sdk.init(orgId, apiKey, accessToken)`` call the receiver holds, or None: the one
        value of the binding the receiver names there (a ``this.`` field: its one assignment)."""
        target = text_of(receiver, self.data)
        plain = receiver.type == "identifier"
        scope = self._scope_of(target, receiver) if plain else None
        if plain and (scope is None or target in self.module.assigned):
            return None  # a parameter, a global, or assigned more than once
        found = []
        for node in nodes(self.root, "variable_declarator", "assignment_expression"):
            if node.type == "variable_declarator":
                left, right = node.child_by_field_name("name"), node.child_by_field_name("value")
            elif node.type == "assignment_expression":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            else:
                continue
            if left is not None and text_of(left, self.data) == target \
                    and (not plain or self._scope_of(target, left) == scope):
                found.append(unwrap(right))
        if len(found) != 1 or found[0] is None or found[0].type != "call_expression":
            return None
        call = found[0]
        function = call.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "member_expression":
            owner, prop = function.child_by_field_name("object"), function.child_by_field_name("property")
            imported = self.module.imports.get(text_of(owner, self.data)) if owner is not None else None
            if imported is None or imported.module != AIO or text_of(prop, self.data) != "init":
                return None
        elif function.type == "identifier":
            imported = self.module.imports.get(text_of(function, self.data))
            if imported is None or imported.module != AIO or imported.name != "init":
                return None
        else:
            return None
        return call

    def credentials(self, init, call, quote: str = '"') -> str:
        arguments = _args(init)
        if len(arguments) < 3:
            raise Unreadable("the client was built without an API key and token psmigrate can see")
        parts = []
        for label, node in (("API key", arguments[1]), ("access token", arguments[2])):
            if any(n.type not in _PLAIN for n in walk(node)):
                raise Unreadable(f"the client's {label} `{text_of(node, self.data)}` is computed (a call); "
                                 "keep it in a name and build the client with that")
            for name in {text_of(n, self.data) for n in walk(node) if n.type == "identifier"}:
                if not self.same_binding(name, init, call):
                    raise Unreadable(f"the client's {label} `{text_of(node, self.data)}` is not visible where the "
                                     "call is")
            parts.append(text_of(node, self.data))
        key_text, token = parts
        token_text = f"`Bearer ${{{token}}}`"
        return f"{{ Authorization: {token_text}, {quote}x-api-key{quote}: {key_text} }}"

    def same_binding(self, name: str, here, there) -> bool:
        """Whether ``name`` means the same binding at two places, and is never assigned again."""
        if name in self.module.assigned:
            return False
        return self._scope_of(name, here) == self._scope_of(name, there)

    def _scope_of(self, name: str, node):
        """The innermost scope around ``node`` that declares ``name`` (None: a global)."""
        current = node
        while current is not None:
            if current.type in _SCOPES and self._declares(current, name):
                return key(current)
            current = current.parent
        return None

    def _declares(self, scope, name: str) -> bool:
        if scope.type in _FUNCTIONS:
            parameters = scope.child_by_field_name("parameters") or scope.child_by_field_name("parameter")
            if parameters is not None and any(n.type == "identifier" and text_of(n, self.data) == name
                                              for n in walk(parameters)):
                return True
        body = scope.child_by_field_name("body") if scope.type in _FUNCTIONS else scope
        for child in (body.named_children if body is not None else []):
            if child.type in ("lexical_declaration", "variable_declaration"):
                for declarator in child.named_children:
                    named = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" \
                        else None
                    if named is not None and any(n.type in ("identifier", "shorthand_property_identifier_pattern")
                                                 and text_of(n, self.data) == name for n in walk(named)):
                        return True
            elif child.type in ("function_declaration", "class_declaration") and \
                    text_of(child.child_by_field_name("name"), self.data) == name:
                return True
            elif child.type == "import_statement" and name in self.module.imports:
                return True
        return False

    # -- the result -----------------------------------------------------------------------------------
    def bound_name(self, call) -> tuple[bool, str | None]:
        """Whether the call's result is used in a way the fix can follow, and the name holding it."""
        node = call
        while node.parent is not None and node.parent.type in ("await_expression", "parenthesized_expression"):
            node = node.parent
        parent = node.parent
        if parent is None or parent.type == "expression_statement":
            return True, None
        if parent.type == "variable_declarator" and key(parent.child_by_field_name("value")) == key(node):
            named = parent.child_by_field_name("name")
            if named is not None and named.type == "identifier":
                name = text_of(named, self.data)
                if name not in self.module.assigned:
                    return True, name
        return False, None

    def uses(self, name: str, declaration) -> list:
        """Every use of the binding ``name`` that ``declaration`` sets, outside the declaration:
        the end of the member chain it starts."""
        found = []
        scope = self._scope_of(name, declaration)
        for node in nodes(self.root, "identifier"):
            if node.type != "identifier" or text_of(node, self.data) != name or self._scope_of(name, node) != scope:
                continue
            parent = node.parent
            if parent is not None and parent.type == "variable_declarator" and \
                    key(parent.child_by_field_name("name")) == key(node):
                continue
            top = node
            while top.parent is not None and top.parent.type in ("member_expression", "subscript_expression") \
                    and key(top.parent.child_by_field_name("object")) == key(top):
                top = top.parent
            found.append((node, top))
        return found


def helper_text(typescript: bool, semicolons: bool, indent: str, newline: str, quote: str = '"') -> str:
    """The one function the fixed calls share, in the module's style (semicolons, indentation,
    newlines, quotes)."""
    end = ";" if semicolons else ""
    q = quote
    signature = "url: string, credentials: Record<string, string>, body: unknown, asApiResponse = false): " \
        "Promise<any>" if typescript else "url, credentials, body, asApiResponse = false)"
    lines = [
        "",
        "// Written by psmigrate (--unsafe-fixes) for the calls of Adobe's v1 SDK it replaced: submits a v2",
        "// job and polls its statusUrl until it ends, as the SDK's methods did; resolves to the v2 job status,",
        "// or, with asApiResponse (the Firefly Services SDKs' calls), to { result: status }, throwing if it failed.",
        f"async function {HELPER}({signature} {{",
        f"{indent}const headers = {{ ...credentials, {q}Content-Type{q}: {q}application/json{q} }}{end}",
        f"{indent}const submitted = await fetch(url, {{ method: {q}POST{q}, headers, body: JSON.stringify(body) }}){end}",
        f"{indent}if (!submitted.ok) throw new Error(`${{url}} answered ${{submitted.status}}: "
        f"${{await submitted.text()}}`){end}",
        f"{indent}const {{ statusUrl }} = await submitted.json(){end}",
        f"{indent}for (;;) {{",
        f"{indent * 2}const job = await (await fetch(statusUrl, {{ headers: credentials }})).json(){end}",
        f"{indent * 2}if (job.status === {q}succeeded{q} || job.status === {q}failed{q}) {{",
        f"{indent * 3}if (!asApiResponse) return job{end}",
        f"{indent * 3}if (job.status === {q}failed{q}) throw Object.assign(new Error(`job ${{job.jobId}} failed: "
        f"${{JSON.stringify(job.errorDetails)}}`), {{ details: job }}){end}",
        f"{indent * 3}return {{ result: job }}{end}",
        f"{indent * 2}}}",
        f"{indent * 2}await new Promise((resolve) => setTimeout(resolve, 1000)){end}",
        f"{indent}}}",
        "}",
        "",
    ]
    return newline.join(lines)

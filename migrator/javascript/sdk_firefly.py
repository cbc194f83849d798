"""The unsafe fix of a call of the Firefly Services SDKs, ``@adobe/photoshop-apis`` and
``@adobe/lightroom-apis`` (``--unsafe-fixes``), beside ``sdk_fix.py``'s for aio-lib-photoshop-api.

What these SDKs do, read in their own code (npm @adobe/photoshop-apis 1.0.0 and 2.0.1,
@adobe/lightroom-apis 1.0.0, @adobe/firefly-services-sdk-core 1.0.0 and 2.0.0; the examples of
github.com/Firefly-Services/firefly-services-sdk-js build clients the same way):

- ``new PhotoshopClient(config)`` / ``new LightroomClient(config)``: ``config`` is a ``ClientConfig``
  ``{clientId, tokenProvider}`` (core ``CoreTypes.d.ts``), or, from photoshop-apis 2.0 on, a
  ``ClientCredentials`` ``{clientId, clientSecret, scopes}`` from which the client builds its own
  auto-refreshing ``ServerToServerTokenProvider`` (``Photoshop.js``'s constructor).
- Every request is a POST to ``https://image.adobe.io`` + the method's v1 path with
  ``x-api-key: clientId`` (core ``BaseServiceClient.validateServiceConfig``) and
  ``Authorization: Bearer ${await tokenProvider.getToken(serviceEnvironment)}`` (core
  ``request.js``, ``getHeaders``); the body is the method's first argument, ``JSON.stringify``-ed
  as it is (``PhotoshopAsyncClient.js``: ``body: requestBody``; ``request.js``, ``getRequestBody``).
  The second argument holds only an ``AbortSignal``.
- The method returns a thenable job (``PsAsyncJob``, ``SenseiAsyncJob``, ``LrAsyncJob`` on core's
  ``AsyncJobPromise``) that polls the v1 status every 2 s and resolves to an ``ApiResponse``
  ``{result, headers}``, ``result`` the v1 job status, once every output succeeded (Sensei: the
  job's ``status``), and rejects with an error whose ``details`` is that status once it failed.

So the call becomes ``psmigrateV2Job(url, credentials, body, true)``: the v1 body converted by
the rules of ``psmigrate convert``, the credentials the client's own (``clientId`` and its
``tokenProvider``, asked for a token as the SDK asks), and ``true`` for the SDK's result: the
helper resolves to ``{ result: <v2 job status> }`` and throws when the job failed. Whatever
psmigrate cannot read this way is the finding's reason; nothing is guessed."""

from __future__ import annotations

from migrator.javascript import sdk
from migrator.javascript.bindings import BLOCKS, FUNCTIONS
from migrator.javascript.body import BodyError, _key, to_tree
from migrator.javascript.parse import key, text_of, unwrap
from migrator.javascript.sdk_enums import ENUMS
from migrator.javascript.sdk_fix import _PLAIN, HELPER, Unreadable, _args
from migrator.tree import Opaque
from migrator.treesitter import nodes, walk

_CREDENTIAL_NODES = _PLAIN | {"shorthand_property_identifier"}
# methods that change the array or object they are called on
_MUTATORS = {"push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin"}
# the only places a value set at run time may stand in a body the fix converts: a file's URL,
# and XMP text (anywhere else the rules could not see what it holds)
_OPAQUE_KEYS = ("href", "xmp")


class Firefly:
    def __init__(self, module):
        self.module = module
        self.data = module.data
        self.bindings = module.bindings

    # -- the client ---------------------------------------------------------------------------------
    def client(self, receiver):
        """(package, the ``new ...Client(config)`` node) the receiver certainly holds, or None."""
        receiver = unwrap(receiver)
        if receiver is None:
            return None
        if receiver.type == "identifier":
            value = self.module.value_of(receiver)
        elif receiver.type == "member_expression" and text_of(receiver, self.data).startswith("this."):
            target = text_of(receiver, self.data)
            found = [node.child_by_field_name("right") for node in nodes(self.module.root)
                     if node.type == "assignment_expression"
                     and text_of(node.child_by_field_name("left"), self.data) == target]
            value = found[0] if len(found) == 1 else None
        else:
            return None
        value = unwrap(value)
        if value is None or value.type != "new_expression":
            return None
        package = self._class_package(value.child_by_field_name("constructor"))
        return (package, value) if package is not None else None

    def _class_package(self, constructor):
        """The Firefly package whose client class ``constructor`` names (``PhotoshopClient``,
        ``ps.PhotoshopClient``), or None."""
        if constructor is None:
            return None
        if constructor.type == "identifier":
            imported = self.module.imported(constructor)
            if imported is not None and imported.module in sdk.FIREFLY \
                    and imported.name == sdk.FIREFLY[imported.module][0]:
                return imported.module
        elif constructor.type == "member_expression":
            owner, prop = constructor.child_by_field_name("object"), constructor.child_by_field_name("property")
            imported = self.module.imported(owner) if owner is not None and owner.type == "identifier" else None
            if imported is not None and imported.name in ("*", "default") and imported.module in sdk.FIREFLY \
                    and text_of(prop, self.data) == sdk.FIREFLY[imported.module][0]:
                return imported.module
        return None

    def credentials(self, new, call, quote: str) -> str:
        """The headers the client sends, as JavaScript valid where the call is."""
        arguments = _args(new)
        if not arguments:
            raise Unreadable("the client was built without a configuration psmigrate can see")
        config = self._through_const(arguments[0])
        if config is None or config.type != "object":
            raise Unreadable(f"the client's configuration `{_short(text_of(arguments[0], self.data))}` is not an "
                             "object literal psmigrate can read")
        fields = {}
        for child in config.named_children:
            if child.type == "comment":
                continue
            if child.type == "pair":
                name = _key(child.child_by_field_name("key"), self.data)
                if name is None:
                    raise Unreadable("the client's configuration has a computed key")
                fields[name] = child.child_by_field_name("value")
            elif child.type == "shorthand_property_identifier":
                fields[text_of(child, self.data)] = child
            else:
                raise Unreadable(f"the client's configuration holds `{_short(text_of(child, self.data))}`, which "
                                 "psmigrate cannot read")
        if "clientSecret" in fields:
            raise Unreadable("the client fetches its own token from Adobe IMS (`clientSecret`: the SDK builds a "
                             "ServerToServerTokenProvider for it); give it a `tokenProvider` kept in a name, or "
                             "migrate the call by hand")
        extra = sorted(set(fields) - {"clientId", "tokenProvider"})
        if extra:
            raise Unreadable(f"the client's configuration sets `{extra[0]}`, which the fix would not carry")
        for name in ("clientId", "tokenProvider"):
            if name not in fields:
                raise Unreadable(f"the client's configuration has no `{name}` psmigrate can see")
        parts = {}
        for name, node in fields.items():
            if any(n.type not in _CREDENTIAL_NODES for n in walk(node)):
                raise Unreadable(f"the client's `{name}` `{_short(text_of(node, self.data))}` is computed (a call); "
                                 "keep it in a name and build the client with that")
            self._visible(node, call, f"the client's `{name}`")
            parts[name] = text_of(node, self.data)
        provider = parts["tokenProvider"]
        if fields["tokenProvider"].type not in ("identifier", "member_expression", "shorthand_property_identifier"):
            provider = f"({provider})"
        if not self._can_await(call):
            raise Unreadable("the call is neither awaited nor in an async function, where the fix asks the client's "
                             "tokenProvider for a token with `await`")
        return (f"{{ Authorization: `Bearer ${{await {provider}.getToken()}}`, {quote}x-api-key{quote}: "
                f"{parts['clientId']} }}")

    def _can_await(self, call) -> bool:
        node = call
        while node.parent is not None and node.parent.type == "parenthesized_expression":
            node = node.parent
        if node.parent is not None and node.parent.type == "await_expression":
            return True
        function = node.parent
        while function is not None and function.type not in FUNCTIONS:
            function = function.parent
        return function is not None and any(c.type == "async" for c in function.children)

    # -- the body -----------------------------------------------------------------------------------
    def body(self, call):
        arguments = _args(call)
        if not arguments:
            raise Unreadable("it is called without a request body")
        if len(arguments) > 1:
            raise Unreadable("its options (argument 2, an AbortSignal) would not be carried by the fix")
        return self._tree(arguments[0], None, call, 0)

    def _tree(self, node, field, call, depth: int):
        node = unwrap(node)
        if node is None:
            raise Unreadable("its request body is missing")
        if depth > 8:
            raise Unreadable("its request body is built through too many names")
        if node.type in ("identifier", "shorthand_property_identifier"):
            value = self.module.value_of(node)
            if value is not None and unwrap(value) is not None and \
                    unwrap(value).type in ("object", "array", "string", "template_string", "member_expression"):
                self._unchanged(node)
                return self._tree(value, field, call, depth + 1)
        if node.type == "object":
            out = {}
            for child in node.named_children:
                if child.type == "comment":
                    continue
                if child.type == "pair":
                    name = _key(child.child_by_field_name("key"), self.data)
                    if name is None:
                        raise Unreadable(f"its request body has a computed key `{text_of(child, self.data)[:60]}`")
                    out[name] = self._tree(child.child_by_field_name("value"), name, call, depth)
                elif child.type == "shorthand_property_identifier":
                    out[text_of(child, self.data)] = self._tree(child, text_of(child, self.data), call, depth)
                else:
                    raise Unreadable(f"its request body holds `{_short(text_of(child, self.data))}` (psmigrate "
                                     "reads only plain `key: value` pairs)")
            return out
        if node.type == "array":
            items = []
            for child in node.named_children:
                if child.type == "comment":
                    continue
                if child.type == "spread_element":
                    raise Unreadable(f"its request body holds a spread `{_short(text_of(child, self.data))}`")
                items.append(self._tree(child, field, call, depth))
            return items
        if node.type == "member_expression":
            enum = self._enum(node)
            if enum is not None:
                return enum
        try:
            value = to_tree(node, self.data) if node.type != "shorthand_property_identifier" else \
                Opaque(text_of(node, self.data), text_of(node, self.data))
        except BodyError as exc:
            raise Unreadable(str(exc)) from None
        if isinstance(value, Opaque):
            if field not in _OPAQUE_KEYS:
                raise Unreadable(f"`{value.label}` (for `{field}`) is a value psmigrate cannot read")
            self._visible(node, call, f"`{value.label}`")
        return value

    def _enum(self, node):
        """``StorageType.EXTERNAL`` (or ``ps.StorageType.EXTERNAL``) of an enum the package
        exports: its string."""
        owner, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if owner is None or prop is None:
            return None
        if owner.type == "member_expression":  # through a namespace import
            namespace, enum = owner.child_by_field_name("object"), owner.child_by_field_name("property")
            imported = self.module.imported(namespace) if namespace is not None and namespace.type == "identifier" \
                else None
            if imported is None or imported.name not in ("*", "default") or imported.module not in ENUMS:
                return None
            name = text_of(enum, self.data)
        elif owner.type == "identifier":
            imported = self.module.imported(owner)
            if imported is None or imported.module not in ENUMS:
                return None
            name = imported.name
        else:
            return None
        return ENUMS[imported.module].get(name, {}).get(text_of(prop, self.data))

    def _through_const(self, node):
        node = unwrap(node)
        if node is not None and node.type in ("identifier", "shorthand_property_identifier"):
            value = self.module.value_of(node)
            if value is None:
                return None
            self._unchanged(node)
            return unwrap(value)
        return node

    def _unchanged(self, identifier) -> None:
        """Refuses a constant whose object or array is changed anywhere after it is declared."""
        binding = self.bindings.of(identifier)
        name = text_of(identifier, self.data)
        for node in nodes(self.module.root):
            if node.type not in ("identifier", "shorthand_property_identifier") or text_of(node, self.data) != name \
                    or self.bindings.of(node) != binding:
                continue
            top = node
            while top.parent is not None and top.parent.type in ("member_expression", "subscript_expression") \
                    and key(top.parent.child_by_field_name("object")) == key(top):
                top = top.parent
            parent = top.parent
            if parent is None or key(top) == key(node) and parent.type != "arguments":
                continue
            changed = False
            if parent.type in ("assignment_expression", "augmented_assignment_expression") and \
                    key(parent.child_by_field_name("left")) == key(top):
                changed = True
            elif parent.type == "update_expression" or parent.type == "unary_expression" and \
                    text_of(parent, self.data).startswith("delete"):
                changed = True
            elif top.type == "member_expression" and parent.type == "call_expression" and \
                    text_of(top.child_by_field_name("property"), self.data) in _MUTATORS:
                changed = True
            elif parent.type == "arguments" and parent.parent is not None and \
                    parent.parent.child_by_field_name("function") is not None and \
                    text_of(parent.parent.child_by_field_name("function"), self.data) == "Object.assign" and \
                    parent.named_children and key(parent.named_children[0]) == key(top):
                changed = True
            if changed:
                raise Unreadable(f"`{name}` is changed after it is declared "
                                 f"(`{_short(text_of(parent, self.data))}`)")

    def _visible(self, node, call, what: str) -> None:
        """Refuses a value whose names do not mean the same where the call is."""
        for n in walk(node):
            if n.type not in ("identifier", "shorthand_property_identifier"):
                continue
            name = text_of(n, self.data)
            binding = self.bindings.of(n)
            if binding != self._binding_at(name, call):
                raise Unreadable(f"{what} names `{name}`, which does not mean the same where the call is")
            if binding is not None and binding in self.module.assigned_bindings:
                raise Unreadable(f"{what} names `{name}`, which is assigned again")

    def _binding_at(self, name: str, node):
        while node is not None:
            if node.type in BLOCKS or node.type in FUNCTIONS:
                binding = (key(node), name)
                if binding in self.bindings.declarations:
                    return binding
            node = node.parent
        return None

    def helper_takes_result_flag(self) -> bool:
        """Whether the module's own ``psmigrateV2Job`` (an earlier run's) takes the fourth
        argument; a module without one gets the current helper."""
        for node in nodes(self.module.root):
            if node.type == "function_declaration" and text_of(node.child_by_field_name("name"), self.data) == HELPER:
                parameters = node.child_by_field_name("parameters")
                return parameters is not None and len(parameters.named_children) >= 4
        return True


def _short(text: str) -> str:
    return " ".join(text.split())[:60]

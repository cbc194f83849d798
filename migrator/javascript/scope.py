"""What a name holds: a ``const`` (or a ``let``/``var`` never assigned again) of the module, or a
value imported from a sibling module (ES ``import``, CommonJS ``require``), and what an
expression is as URL pieces. Modules read for their exports are parsed once per process."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

from migrator.javascript.bindings import Bindings
from migrator.javascript.parse import parse, text_of, unwrap
from migrator.javascript.strings import Piece, literal, pieces
from migrator.treesitter import nodes

MAX_DEPTH = 8
_RESOLVE_SUFFIXES = ("", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".jsx",
                     "/index.js", "/index.ts", "/index.mjs")


@dataclass(frozen=True)
class Imported:
    module: str  # the specifier as written
    name: str  # the exported name; "default", or "*" for the whole module


_LEARNED = ("variable_declarator", "import_statement", "function_declaration", "class_declaration",
            "generator_function_declaration", "assignment_expression", "augmented_assignment_expression",
            "update_expression", "required_parameter", "optional_parameter", "formal_parameters",
            "arrow_function")  # the nodes Module._learn reads


@dataclass
class Module:
    path: str | None  # None: not on disk (standard input, an example)
    data: bytes
    root: object
    values: dict[tuple, object] = field(default_factory=dict)  # binding → the node it is declared with
    imports: dict[str, Imported] = field(default_factory=dict)
    declared: dict[str, int] = field(default_factory=dict)  # name → how many declarations, in any scope
    assigned: set[str] = field(default_factory=set)  # names assigned after their declaration, in any scope
    assigned_bindings: set[tuple] = field(default_factory=set)
    bindings: Bindings | None = None
    home: bool = True  # the module being rewritten; False: a sibling read for its exports

    @classmethod
    def of(cls, data: bytes, path: str | None, tree=None) -> "Module":
        tree = tree if tree is not None else parse(data, path or "x.js")
        module = cls(path, data, tree.root_node)
        module.bindings = Bindings(tree.root_node, data)
        module._learn()
        return module

    def _learn(self) -> None:
        data = self.data
        for node in nodes(self.root, *_LEARNED):
            kind = node.type
            if kind == "variable_declarator":
                name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
                if name is None:
                    continue
                required = _required(value, data)
                if name.type == "identifier":
                    self._declare(text_of(name, data))
                    if required is not None:
                        spec, member = required
                        self.imports[text_of(name, data)] = Imported(spec, member or "*")
                    elif value is not None:
                        self.values[self.bindings.of(name)] = value
                elif name.type == "object_pattern" and required is not None and required[1] is None:
                    for local, exported in _pattern_names(name, data):
                        self._declare(local)
                        self.imports[local] = Imported(required[0], exported)
            elif kind == "import_statement":
                self._import(node)
            elif kind in ("function_declaration", "class_declaration", "generator_function_declaration"):
                named = node.child_by_field_name("name")
                if named is not None:
                    self._declare(text_of(named, data))
            elif kind in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
                left = node.child_by_field_name("left") or node.child_by_field_name("argument")
                if left is not None and left.type == "identifier":
                    self.assigned.add(text_of(left, data))
                    self.assigned_bindings.add(self.bindings.of(left))
            elif kind in ("required_parameter", "optional_parameter", "formal_parameters"):
                for child in node.named_children:
                    if child.type == "identifier":
                        self._declare(text_of(child, data))
            elif kind in ("arrow_function",):
                parameter = node.child_by_field_name("parameter")
                if parameter is not None and parameter.type == "identifier":
                    self._declare(text_of(parameter, data))

    def _declare(self, name: str) -> None:
        self.declared[name] = self.declared.get(name, 0) + 1

    def _import(self, node) -> None:
        source = node.child_by_field_name("source")
        spec = literal(source, self.data) if source is not None else None
        if spec is None:
            return
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for child in clause.named_children:
                if child.type == "identifier":
                    self._bind(text_of(child, self.data), Imported(spec, "default"))
                elif child.type == "namespace_import":
                    names = [c for c in child.named_children if c.type == "identifier"]
                    if names:
                        self._bind(text_of(names[0], self.data), Imported(spec, "*"))
                elif child.type == "named_imports":
                    for specifier in child.named_children:
                        if specifier.type != "import_specifier":
                            continue
                        name = specifier.child_by_field_name("name")
                        alias = specifier.child_by_field_name("alias") or name
                        self._bind(text_of(alias, self.data), Imported(spec, text_of(name, self.data).strip("'\"")))

    def _bind(self, local: str, imported: Imported) -> None:
        self._declare(local)
        self.imports[local] = imported

    # -- what a name holds --------------------------------------------------------------------
    def value_of(self, name):
        """The one node a name is declared with and never assigned again, or None: ``name`` an
        identifier node (read in its scope) or a string (a name of the module's top level)."""
        binding = self.bindings.module_level(name) if isinstance(name, str) else self.bindings.of(name)
        if binding is None or self.bindings.declarations.get(binding, 0) != 1 or binding in self.assigned_bindings:
            return None
        return self.values.get(binding)

    def imported(self, identifier) -> Imported | None:
        """What an identifier names when it is an import of the module (not a local that shadows one)."""
        found = self.imports.get(text_of(identifier, self.data))
        return found if found is not None and self.bindings.is_module_level(self.bindings.of(identifier)) else None

    def module_of(self, name: str) -> str | None:
        """The package or file specifier ``name`` comes from (``axios``, ``./config``), if imported."""
        found = self.imports.get(name)
        return found.module if found is not None else None

    def sibling(self, specifier: str) -> "Module | None":
        if self.path is None or not specifier.startswith("."):
            return None
        base = os.path.normpath(os.path.join(os.path.dirname(self.path) or ".", specifier))
        stem = base[:-3] if base.endswith(".js") else None  # TypeScript's `./config.js` names config.ts
        for candidate in [base + s for s in _RESOLVE_SUFFIXES] + ([stem + s for s in (".ts", ".tsx")] if stem else []):
            if os.path.isfile(candidate):
                stat = os.stat(candidate)
                return _module_at(os.path.abspath(candidate), stat.st_mtime_ns, stat.st_size)
        return None

    def exported(self, name: str):
        """The node this module exports as ``name`` (``export const``, ``exports.X =``,
        ``module.exports = {X}``), and the module holding it; None when not found."""
        data = self.data
        for node in nodes(self.root, "assignment_expression", "export_statement"):
            if node.type == "assignment_expression":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                target = text_of(left, data) if left is not None else ""
                if target in (f"exports.{name}", f"module.exports.{name}"):
                    return right
                if target == "module.exports" and right is not None and right.type == "object":
                    for pair in right.named_children:
                        if pair.type == "pair" and _key_text(pair.child_by_field_name("key"), data) == name:
                            return pair.child_by_field_name("value")
                        if pair.type == "shorthand_property_identifier" and text_of(pair, data) == name:
                            return self.value_of(name)
            elif node.type == "export_statement":
                declaration = node.child_by_field_name("declaration")
                if declaration is not None:
                    for declarator in declaration.named_children:
                        named = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" \
                            else None
                        if named is not None and text_of(named, data) == name:
                            return self.value_of(name)
                    continue
                value = node.child_by_field_name("value")
                if name == "default" and value is not None:
                    return value
                for clause in node.named_children:
                    if clause.type == "export_clause":
                        for specifier in clause.named_children:
                            local = specifier.child_by_field_name("name")
                            alias = specifier.child_by_field_name("alias") or local
                            if alias is not None and text_of(alias, data) == name:
                                return self.value_of(text_of(local, data))
        return None

    # -- URL pieces ------------------------------------------------------------------------------
    def url_pieces(self, node, depth: int = 0) -> list[Piece | None]:
        """``node`` as literal pieces and unknown ones (None), following names to their values."""
        node = unwrap(node)
        if node is None or depth > MAX_DEPTH:
            return [None]
        found = pieces(node, self.data, self.path_mark)
        if found is not None:
            out: list[Piece | None] = []
            for piece in found:
                out += self.url_pieces(piece.node, depth + 1) if piece.splice else [piece]
            return out
        if node.type == "binary_expression":
            operator = node.child_by_field_name("operator")
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            op = text_of(operator, self.data) if operator is not None else ""
            if op == "+":
                return self.url_pieces(left, depth + 1) + self.url_pieces(right, depth + 1)
            if op in ("||", "??"):  # process.env.HOST || "https://image.adobe.io": the default is the text
                return self.url_pieces(right, depth + 1)
            return [None]
        if node.type == "identifier":
            return self._name_pieces(node, depth)
        if node.type == "member_expression":
            obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
            if obj is not None and obj.type == "identifier" and prop is not None:
                imported = self.imported(obj)
                if imported is not None and imported.name == "*":
                    other = self.sibling(imported.module)
                    if other is not None:
                        value = other.exported(text_of(prop, self.data))
                        return other.url_pieces(value, depth + 1) if value is not None else [None]
                value = self.value_of(obj)
                if value is not None and unwrap(value) is not None and unwrap(value).type == "object":
                    for pair in unwrap(value).named_children:
                        if pair.type == "pair" and _key_text(pair.child_by_field_name("key"), self.data) \
                                == text_of(prop, self.data):
                            return self.url_pieces(pair.child_by_field_name("value"), depth + 1)
        return [None]

    @property
    def path_mark(self) -> str | None:
        """What a piece of this module carries as its file: None for the module being rewritten."""
        return None if self.home else self.path

    def _name_pieces(self, identifier, depth: int) -> list[Piece | None]:
        value = self.value_of(identifier)
        if value is not None:
            return self.url_pieces(value, depth + 1)
        imported = self.imported(identifier)
        if imported is not None and imported.name != "*":
            other = self.sibling(imported.module)
            if other is not None:
                value = other.exported(imported.name)
                if value is not None:
                    return other.url_pieces(value, depth + 1)
        return [None]


@lru_cache(maxsize=256)
def _module_at(path: str, mtime: int, size: int) -> Module | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    module = Module.of(data, path)
    module.home = False  # its pieces carry their file: this run does not edit it
    return module


def _required(value, data: bytes) -> tuple[str, str | None] | None:
    """``require("m")`` → ("m", None); ``require("m").X`` → ("m", "X")."""
    value = unwrap(value)
    member = None
    if value is not None and value.type == "member_expression":
        prop = value.child_by_field_name("property")
        member = text_of(prop, data) if prop is not None else None
        value = value.child_by_field_name("object")
    if value is None or value.type != "call_expression":
        return None
    function = value.child_by_field_name("function")
    if function is None or text_of(function, data) != "require":
        return None
    arguments = value.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
    spec = literal(first, data)
    return None if spec is None else (spec, member)


def _pattern_names(pattern, data: bytes):
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            yield text_of(child, data), text_of(child, data)
        elif child.type == "pair_pattern":
            key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if key is not None and value is not None and value.type == "identifier":
                yield text_of(value, data), _key_text(key, data)


def _key_text(node, data: bytes) -> str | None:
    if node is None:
        return None
    if node.type in ("property_identifier", "identifier", "shorthand_property_identifier"):
        return text_of(node, data)
    if node.type == "string":
        return literal(node, data)
    if node.type == "number":
        return text_of(node, data)
    return None


key_text = _key_text

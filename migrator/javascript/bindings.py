"""Which declaration a name refers to, by JavaScript's scopes: ``let``/``const``/``class`` belong
to their block, ``var``, parameters and a function expression's own name to their function,
imports to the module. Real clients reuse names (``data`` for a request body in one function and
for a status response in another): read module-wide, each would make the other unknown.

A binding is ``(key of its scope node, name)``; a name no declaration covers (``fetch``, a
global) has none."""

from __future__ import annotations

from migrator.javascript.parse import key, text_of
from migrator.treesitter import nodes

FUNCTIONS = frozenset({"function_declaration", "function_expression", "function", "arrow_function",
                       "method_definition", "generator_function_declaration", "generator_function"})
BLOCKS = frozenset({"statement_block", "program", "for_statement", "for_in_statement", "switch_body", "class_body",
                    "catch_clause"})
Binding = tuple[tuple[int, int, str], str]
_DECLARING = ("variable_declarator", "formal_parameters", "arrow_function", "function_declaration",
              "generator_function_declaration", "class_declaration", "function_expression", "function",
              "generator_function", "import_clause", "catch_clause")  # the nodes Bindings reads


class Bindings:
    def __init__(self, root, data: bytes):
        self.root, self.data = root, data
        self.declarations: dict[Binding, int] = {}  # how many times each is declared in its scope
        for node in nodes(root, *_DECLARING):
            kind = node.type
            if kind == "variable_declarator":
                lexical = node.parent is not None and node.parent.type == "lexical_declaration"
                scope = _enclosing(node, BLOCKS | FUNCTIONS if lexical else FUNCTIONS | {"program"})
                self._declare(node.child_by_field_name("name"), scope)
            elif kind == "formal_parameters" and node.parent is not None:
                for parameter in node.named_children:
                    self._declare(parameter, node.parent)
            elif kind == "arrow_function":
                self._declare(node.child_by_field_name("parameter"), node)
            elif kind in ("function_declaration", "generator_function_declaration", "class_declaration"):
                self._declare(node.child_by_field_name("name"), _enclosing(node.parent, BLOCKS | FUNCTIONS))
            elif kind in ("function_expression", "function", "generator_function"):
                self._declare(node.child_by_field_name("name"), node)
            elif kind == "import_clause":
                self._declare(node, root)
            elif kind == "catch_clause":
                self._declare(node.child_by_field_name("parameter"), node)

    def _declare(self, target, scope) -> None:
        if target is None or scope is None:
            return
        for identifier in _declared_identifiers(target):
            if identifier is None:
                continue
            binding = (key(scope), text_of(identifier, self.data))
            self.declarations[binding] = self.declarations.get(binding, 0) + 1

    def of(self, identifier) -> Binding | None:
        """The binding an identifier (a use or a declaration) refers to, or None."""
        name = text_of(identifier, self.data)
        node = identifier
        while node is not None:
            if node.type in BLOCKS or node.type in FUNCTIONS:
                binding = (key(node), name)
                if binding in self.declarations:
                    return binding
            node = node.parent
        return None

    def module_level(self, name: str) -> Binding:
        return key(self.root), name

    def is_module_level(self, binding: Binding | None) -> bool:
        return binding is None or binding[0] == key(self.root)


def _enclosing(node, kinds):
    while node is not None and node.type not in kinds:
        node = node.parent
    return node


def _declared_identifiers(target):
    """The identifiers a declaration target binds: a name, or each name of a destructuring
    pattern (``{ data, _links: links }``, ``[a, b]``, defaults, rest), of an import clause
    (``x, { y as z }, * as ns``) or of a TypeScript parameter."""
    kind = target.type
    if kind in ("identifier", "shorthand_property_identifier_pattern"):
        yield target
    elif kind in ("required_parameter", "optional_parameter"):
        pattern = target.child_by_field_name("pattern")
        if pattern is not None:
            yield from _declared_identifiers(pattern)
    elif kind in ("assignment_pattern", "object_assignment_pattern"):
        left = target.child_by_field_name("left")
        if left is not None:
            yield from _declared_identifiers(left)
    elif kind == "pair_pattern":
        value = target.child_by_field_name("value")
        if value is not None:
            yield from _declared_identifiers(value)
    elif kind == "import_specifier":
        yield target.child_by_field_name("alias") or target.child_by_field_name("name")
    elif kind in ("object_pattern", "array_pattern", "rest_pattern", "import_clause", "named_imports",
                  "namespace_import"):
        for child in target.named_children:
            yield from _declared_identifiers(child)

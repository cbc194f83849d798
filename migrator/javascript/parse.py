"""Parse JavaScript and TypeScript with tree-sitter's grammars (compiled wheels, nothing fetched
at run time): every node with its byte range, and error recovery that marks what it could not
read. The grammar follows the suffix: TypeScript for .ts/.mts/.cts, TSX for .tsx, JavaScript
(JSX included) for the rest."""

from __future__ import annotations

from functools import cache

from migrator.treesitter import remember


@cache
def _parser(grammar: str):
    import tree_sitter

    if grammar == "javascript":
        import tree_sitter_javascript

        language = tree_sitter_javascript.language()
    else:
        import tree_sitter_typescript

        language = tree_sitter_typescript.language_tsx() if grammar == "tsx" else \
            tree_sitter_typescript.language_typescript()
    return tree_sitter.Parser(tree_sitter.Language(language))


def grammar_of(path: str) -> str:
    lowered = path.lower()
    if lowered.endswith(".tsx"):
        return "tsx"
    if lowered.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    return "javascript"


# the node types the planner's passes read (treesitter.nodes finds them in one query per file;
# a type missing here costs one more)
READ = frozenset({
    "variable_declarator", "assignment_expression", "augmented_assignment_expression", "update_expression",
    "import_statement", "import_clause", "export_statement", "function_declaration", "generator_function_declaration",
    "class_declaration", "function_expression", "function", "generator_function", "arrow_function",
    "method_definition", "formal_parameters", "required_parameter", "optional_parameter", "catch_clause",
    "public_field_definition", "field_definition", "call_expression", "member_expression", "subscript_expression",
    "string", "template_string", "comment", "property_signature"})


def parse(data: bytes, path: str = "x.js"):
    tree = _parser(grammar_of(path)).parse(data)
    remember(tree, READ)
    return tree


def text_of(node, data: bytes) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8", errors="replace")


def key(node) -> tuple[int, int, str]:
    """A node's identity: tree-sitter hands out a new Python object at every visit."""
    return node.start_byte, node.end_byte, node.type


def unwrap(node):
    """The expression inside parentheses, ``await``, ``as``/``satisfies`` casts and ``!``."""
    while node is not None and node.type == "call_expression" and _is_await_call(node):
        node = node.child_by_field_name("arguments").named_children[0]
    while node is not None and node.type in ("parenthesized_expression", "await_expression", "as_expression",
                                               "satisfies_expression", "non_null_expression",
                                               "type_assertion"):
        named = [c for c in node.named_children if c.type not in ("type_arguments",) and "type" not in c.type]
        node = named[0] if named else None
        if node is not None and node.type == "call_expression" and _is_await_call(node):
            node = node.child_by_field_name("arguments").named_children[0]
    return node


def _is_await_call(node) -> bool:
    """``await (x)``, which the JavaScript grammar reads as a call of a function named ``await``."""
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    return function is not None and function.type == "identifier" and function.text == b"await" \
        and arguments is not None and len(arguments.named_children) == 1


def stringified(node, data: bytes):
    """``x`` of ``JSON.stringify(x)`` (unwrapped), else None."""
    if node is not None and node.type == "call_expression":
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if function is not None and text_of(function, data) == "JSON.stringify" and arguments is not None \
                and arguments.named_children:
            return unwrap(arguments.named_children[0])
    return None

"""TypeScript's type syntax erased, for Node 20 (which strips no types; nothing may be downloaded
here, so no tsc): annotations, generics, casts, interfaces, type aliases, type-only imports,
modifiers, `?` on parameters and `!` are blanked with tree-sitter-typescript, test-only. What is
left must parse as JavaScript, or the client is refused; an `enum` or a `namespace` (which have
run-time meaning) is refused too."""

from __future__ import annotations

from migrator.javascript.parse import parse
from migrator.treesitter import walk

_WHOLE = {"type_annotation", "type_parameters", "implements_clause", "accessibility_modifier",
          "interface_declaration", "type_alias_declaration", "override_modifier"}
_REFUSED = {"enum_declaration", "internal_module", "module", "abstract_class_declaration"}


class NotErasable(ValueError):
    pass


def strip_types(data: bytes, name: str = "x.ts") -> bytes:
    root = parse(data, name).root_node
    if root.has_error:
        raise NotErasable(f"{name} does not parse as TypeScript")
    cuts: list[tuple[int, int]] = []
    for node in walk(root):
        kind = node.type
        if kind in _REFUSED:
            raise NotErasable(f"{name}: `{kind}` has run-time meaning; write the client without it")
        if kind in ("required_parameter", "optional_parameter") and any(
                c.type == "accessibility_modifier" for c in node.children):
            raise NotErasable(f"{name}: a parameter property assigns a field; write the client without it")
        if kind in _WHOLE:
            cuts.append((node.start_byte, node.end_byte))
        elif kind == "type_arguments" and node.parent is not None and node.parent.type in (
                "call_expression", "new_expression"):
            cuts.append((node.start_byte, node.end_byte))
        elif kind in ("as_expression", "satisfies_expression"):
            cuts.append((node.named_children[0].end_byte, node.end_byte))
        elif kind == "non_null_expression":
            cuts.append((node.end_byte - 1, node.end_byte))
        elif kind == "import_statement" and any(c.type == "type" for c in node.children):
            cuts.append((node.start_byte, node.end_byte))
        elif kind in ("optional_parameter", "public_field_definition"):
            cuts += [(c.start_byte, c.end_byte) for c in node.children if c.type in ("?", "readonly", "declare")]
        elif kind == "export_statement" and any(c.type in ("interface_declaration", "type_alias_declaration")
                                                 for c in node.named_children):
            cuts.append((node.start_byte, node.end_byte))
    out = bytearray(data)
    for start, end in cuts:  # blanked, not removed: lines and columns stay where they were
        out[start:end] = bytes(b if b in b"\r\n" else 0x20 for b in data[start:end])
    result = bytes(out)
    if parse(result, "x.js").root_node.has_error:
        raise NotErasable(f"{name} does not parse as JavaScript once its types are erased")
    return result

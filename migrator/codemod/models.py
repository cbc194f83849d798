"""Request and response models written for v1: pydantic models, dataclasses, attrs classes,
TypedDicts, NamedTuples, marshmallow schemas.

A model is data a call sends or reads, not a call, so the codemod never rewrites one: renaming a
field changes every place that builds or reads it. Each model with v1 fields is reported once,
at its first v1 field, naming every v1 field it has and what v2 has instead (the same tables the
conversion rules follow: llm-migration-reference.md "Core architectural changes" for requests,
"Key structural changes from V1" for responses).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from migrator.codemod.source import SourceModule

MODEL_BASES = {"BaseModel", "RootModel", "TypedDict", "NamedTuple", "Schema", "Struct", "SQLModel"}
MODEL_DECORATORS = {"dataclass", "define", "frozen", "mutable", "attrs", "s", "dataclass_json"}
ALIAS_KEYWORDS = ("alias", "validation_alias", "serialization_alias", "data_key", "name", "rename")

# effective field name → what v2 has instead
RESPONSE_FIELDS = {
    "_links": "v2 submissions return `statusUrl` and `jobId`, v2 status responses have no links",
    "jobID": "v2 spells it `jobId`",
}
REQUEST_FIELDS = {
    "inputs": "v2 takes `image.source` (`images` for create-artboard)",
}
FILE_REFERENCE = ("href", "storage")
FILE_REFERENCE_V2 = "a v2 file reference is `{url}` (or `creativeCloudPath`/`creativeCloudFileId`) under " \
                    "`source` or `destination`; `storageType` only for Azure or Dropbox"


@dataclass
class ModelFinding:
    klass: cst.ClassDef
    nodes: list[cst.CSTNode]  # the v1 fields (reported at the first of them)
    fields: list[str]  # the v1 fields, each with its v2 counterpart

    @property
    def message(self) -> str:
        return f"model `{self.klass.name.value}` still has the v1 shape: " + "; ".join(self.fields)


def v1_models(source: SourceModule) -> Iterator[ModelFinding]:
    """Module-level classes and the classes nested in them (a model is not defined in a function)."""
    code = source.text
    if not any(word in code for word in (*RESPONSE_FIELDS, *REQUEST_FIELDS, "href")):
        return
    todo = [s for s in source.module.body if isinstance(s, cst.ClassDef)]
    while todo:
        klass = todo.pop(0)
        todo.extend(s for s in klass.body.body if isinstance(s, cst.ClassDef))
        if _is_model(klass):
            finding = _v1_fields(klass)
            if finding is not None:
                yield finding


def _last(node: cst.CSTNode) -> str:
    if isinstance(node, cst.Call):
        node = node.func
    name = cst.helpers.get_full_name_for_node(node) or ""
    return name.rsplit(".", 1)[-1]


def _is_model(klass: cst.ClassDef) -> bool:
    if any(_last(b.value) in MODEL_BASES or _last(b.value).endswith("Model") for b in klass.bases):
        return True
    if any(_last(d.decorator) in MODEL_DECORATORS for d in klass.decorators):
        return True
    return any(isinstance(small, cst.AnnAssign) for small in _class_statements(klass))


def _class_statements(klass: cst.ClassDef) -> Iterator[cst.BaseSmallStatement]:
    for statement in klass.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            yield from statement.body


def _fields(klass: cst.ClassDef) -> Iterator[tuple[str, cst.CSTNode]]:
    """(the name the field has on the wire, its node): an alias wins over the attribute name."""
    for small in _class_statements(klass):
        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
            target, value = small.target, small.value
        elif isinstance(small, cst.Assign) and len(small.targets) == 1 \
                and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Call):
            target, value = small.targets[0].target, small.value  # `x = Field(...)`, `x = fields.Str(...)`
        else:
            continue
        name = target.value
        if isinstance(value, cst.Call):
            for arg in value.args:
                if arg.keyword is not None and arg.keyword.value in ALIAS_KEYWORDS \
                        and isinstance(arg.value, cst.SimpleString):
                    name = arg.value.evaluated_value
        yield name, small


def _v1_fields(klass: cst.ClassDef) -> ModelFinding | None:
    notes: list[str] = []
    nodes: list[cst.CSTNode] = []
    fields = dict(_fields(klass))
    for name, node in fields.items():
        if name in RESPONSE_FIELDS or name in REQUEST_FIELDS:
            notes.append(f"`{name}`: {RESPONSE_FIELDS.get(name) or REQUEST_FIELDS[name]}")
            nodes.append(node)
    if all(f in fields for f in FILE_REFERENCE):
        notes.append(f"`href` + `storage` (a v1 file reference): {FILE_REFERENCE_V2}")
        nodes += [fields[f] for f in FILE_REFERENCE]
    link = _parses_status_link(klass)
    if link is not None:
        notes.append(f"`{link.name.value}` reads `_links.self.href`: a v2 submission carries `statusUrl` itself")
        nodes.append(link)
    if not notes:
        return None
    return ModelFinding(klass, nodes, notes)


def _parses_status_link(klass: cst.ClassDef) -> cst.FunctionDef | None:
    """A method or property reading ``<x>.self.href`` or ``<x>["self"]["href"]``: the v1 status link."""
    for statement in klass.body.body:
        if not isinstance(statement, cst.FunctionDef):
            continue
        hit: list[bool] = []

        class Visitor(cst.CSTVisitor):
            def visit_Attribute(self, node: cst.Attribute) -> None:
                if node.attr.value == "href" and isinstance(node.value, cst.Attribute) \
                        and node.value.attr.value == "self":
                    hit.append(True)

            def visit_Subscript(self, node: cst.Subscript) -> None:
                if _key(node) == "href" and isinstance(node.value, cst.Subscript) and _key(node.value) == "self":
                    hit.append(True)

        statement.visit(Visitor())
        if hit:
            return statement
    return None


def _key(node: cst.Subscript) -> str | None:
    index = node.slice[0].slice if len(node.slice) == 1 else None
    if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
        return index.value.evaluated_value
    return None

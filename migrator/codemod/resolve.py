"""Resolve an expression to the URL parts it is built from, following names to the one place they
are bound: a module or class constant, a single local assignment, or a constant imported from a
sibling module (parsed on demand and cached per process)."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

import libcst as cst
from libcst.metadata import (
    Assignment,
    ImportAssignment,
    MetadataWrapper,
    PositionProvider,
    ScopeProvider,
)

from migrator.codemod.urls import Part

MAX_DEPTH = 8
_FORMAT_FIELD = re.compile(r"\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}|%\((\w+)\)[sd]|%[sd]")


class SourceModule:
    """One parsed file with the metadata every step needs."""

    def __init__(self, module: cst.Module, path: str | None = None):
        self.module = module
        self.path = path
        self.wrapper = MetadataWrapper(module, unsafe_skip_copy=True)

    # Each piece of metadata is computed on first use only: a file whose calls never name a v1
    # URL needs no scopes, a file with nothing to report no positions.
    @cached_property
    def scopes(self):
        return self.wrapper.resolve(ScopeProvider)

    @cached_property
    def parents(self) -> dict:
        # a plain visitor is several times cheaper than libcst's ParentNodeProvider
        return _parent_map(self.module)

    @cached_property
    def positions(self):
        return self.wrapper.resolve(PositionProvider)

    @cached_property
    def _mentions(self) -> set[int]:
        """ids of the nodes whose subtree mentions v1: a string piece with v1 text, or a name
        (or attribute name) that may hold one. Names may hold one when bound to a value that
        mentions v1, or imported from a local module that does. Two passes and a fixpoint over
        the assignments in between; a call argument outside this set is never resolved."""
        literals: set[int] = set()
        bindings: list[tuple[str, set[str], bool]] = []  # (bound name, names in value, v1 text in value)
        names: set[str] = set()
        importer = self.path

        class Values(cst.CSTVisitor):
            def __init__(self) -> None:
                self.names: set[str] = set()
                self.text = False

            def visit_Name(self, node: cst.Name) -> None:
                self.names.add(node.value)

            def visit_SimpleString(self, node: cst.SimpleString) -> None:
                self.text |= bool(V1_TEXT.search(node.value))

            def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
                self.text |= bool(V1_TEXT.search(node.value))

        class Collect(cst.CSTVisitor):
            def visit_SimpleString(self, node: cst.SimpleString) -> None:
                if V1_TEXT.search(node.value):
                    literals.add(id(node))

            def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
                if V1_TEXT.search(node.value):
                    literals.add(id(node))

            def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
                name = _bound_name(target)
                if name and value is not None:
                    seen = Values()
                    value.visit(seen)
                    bindings.append((name, seen.names, seen.text))

            def visit_Assign(self, node: cst.Assign) -> None:
                for target in node.targets:
                    self._bind(target.target, node.value)

            def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
                self._bind(node.target, node.value)

            def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
                if isinstance(node.names, cst.ImportStar):
                    return
                path = module_file(importer, node)
                base = cst.helpers.get_full_name_for_node(node.module) if node.module else ""
                for alias in node.names:
                    submodule = module_path(importer, len(node.relative), f"{base}.{alias.evaluated_name}".strip("."))
                    if any(p is not None and _file_mentions_v1(p) for p in (path, submodule)):
                        names.add(alias.evaluated_alias or alias.evaluated_name)

            def visit_Import(self, node: cst.Import) -> None:
                for alias in node.names:
                    path = module_path(importer, 0, alias.evaluated_name)
                    if path is not None and _file_mentions_v1(path):
                        names.add(alias.evaluated_alias or alias.evaluated_name.split(".")[0])

        self.module.visit(Collect())
        changed = True
        while changed:
            changed = False
            for name, used, text in bindings:
                if name not in names and (text or used & names):
                    names.add(name)
                    changed = True
        marked: set[int] = set()
        stack: list[cst.CSTNode] = []

        class Mark(cst.CSTVisitor):
            def on_visit(self, node: cst.CSTNode) -> bool:
                stack.append(node)
                return True

            def on_leave(self, node: cst.CSTNode) -> None:
                stack.pop()
                if id(node) in literals or isinstance(node, cst.Name) and node.value in names:
                    marked.add(id(node))
                if id(node) in marked and stack:
                    marked.add(id(stack[-1]))

        if literals or names:
            self.module.visit(Mark())
        return marked

    def mentions_v1(self, node: cst.CSTNode) -> bool:
        return id(node) in self._mentions

    def position(self, node) -> tuple[int, int]:
        start = self.positions[node].start
        return start.line, start.column + 1

    def code(self, node) -> str:
        return self.module.code_for_node(node)

    def single_assignment(self, name: cst.Name):
        """The one assignment a name refers to, or None when there are several or none."""
        scope = self.scopes.get(name)
        if scope is None:
            return None
        found = scope[name.value]
        return next(iter(found)) if len(found) == 1 else None

    def assigned_value(self, assignment) -> cst.BaseExpression | None:
        """The value bound by a plain ``name = value`` / ``name: T = value`` assignment."""
        if type(assignment) is not Assignment or not isinstance(assignment.node, cst.Name):
            return None
        target = self.parents.get(assignment.node)
        if isinstance(target, cst.AnnAssign):
            return target.value
        if isinstance(target, cst.AssignTarget):
            statement = self.parents.get(target)
            if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
                return statement.value
        return None

    def binding_statement(self, assignment):
        node = self.parents.get(assignment.node)
        return self.parents.get(node) if isinstance(node, cst.AssignTarget) else node

    def module_constant(self, name: str) -> cst.BaseExpression | None:
        for statement in self.module.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                            and isinstance(small.targets[0].target, cst.Name) and small.targets[0].target.value == name:
                        return small.value
                    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) \
                            and small.target.value == name:
                        return small.value
        return None

    def class_attributes(self, klass: cst.ClassDef) -> dict[str, list]:
        cache = self.__dict__.setdefault("_class_attributes", {})
        if klass not in cache:
            cache[klass] = class_attributes(klass)
        return cache[klass]

    def enclosing(self, node, kind):
        while node is not None and not isinstance(node, kind):
            node = self.parents.get(node)
        return node


# v1 text, and v2 text so that v2 calls are still checked for v1-shaped bodies (PS711)
V1_TEXT = re.compile(r"image[\w-]*\.adobe\.io|/pie/psdService|/lrService|/sensei|photoshop-api[\w-]*\.adobe\.io|/v2/")


def _bound_name(target: cst.BaseExpression) -> str | None:
    if isinstance(target, cst.Name):
        return target.value
    if isinstance(target, cst.Attribute):
        return target.attr.value
    return None


def _parent_map(module: cst.Module) -> dict:
    parents: dict = {}
    stack: list = []

    class Walk(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if stack:
                parents[node] = stack[-1]
            stack.append(node)
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            stack.pop()

    module.visit(Walk())
    return parents


@lru_cache(maxsize=1024)
def _file_mentions_v1(path: str) -> bool:
    try:
        return V1_TEXT.search(Path(path).read_text(encoding="utf-8", errors="replace")) is not None
    except OSError:
        return False


@lru_cache(maxsize=256)
def load_sibling(path: str) -> SourceModule | None:
    try:
        return SourceModule(cst.parse_module(Path(path).read_bytes()), path)
    except (OSError, cst.ParserSyntaxError):
        return None


def module_path(importer: str | None, level: int, dotted: str) -> str | None:
    """The local file of module ``dotted`` imported from ``importer`` (``level`` leading dots),
    looked up next to the importer; None for anything not found there (installed packages)."""
    if importer is None:
        return None
    parts = [p for p in dotted.split(".") if p]
    here = Path(importer).resolve().parent
    if level:
        base = here
        for _ in range(level - 1):
            base = base.parent
        bases = [base]
    else:
        bases = [here, *here.parents]
    for base in bases:
        candidates = [base.joinpath(*parts, "__init__.py")]
        if parts:
            candidates.insert(0, base.joinpath(*parts).with_suffix(".py"))
        for candidate in candidates:
            if candidate.is_file():
                return str(candidate)
    return None


def module_file(importer: str | None, node: cst.ImportFrom) -> str | None:
    """The file ``from X import Y`` reads ``Y`` from."""
    dotted = cst.helpers.get_full_name_for_node(node.module) if node.module else ""
    return module_path(importer, len(node.relative), dotted or "")


def imported_module_file(importer: str | None, assignment: ImportAssignment) -> str | None:
    """The file of the module a name is bound to by ``import x.y as name`` or ``from . import name``."""
    statement = assignment.node
    if isinstance(statement.names, cst.ImportStar):
        return None
    for alias in statement.names:
        if (alias.evaluated_alias or alias.evaluated_name.split(".")[0]) != assignment.name:
            continue
        if isinstance(statement, cst.Import):
            whole = alias.asname is not None or "." not in alias.evaluated_name
            return module_path(importer, 0, alias.evaluated_name) if whole else None
        base = cst.helpers.get_full_name_for_node(statement.module) if statement.module else ""
        return module_path(importer, len(statement.relative), f"{base}.{alias.evaluated_name}".strip("."))
    return None


class Resolver:
    """``parts(expr)`` → the URL parts of ``expr`` within ``source``."""

    def __init__(self, source: SourceModule):
        self.source = source

    def parts(self, node: cst.BaseExpression, depth: int = 0) -> list[Part]:
        if depth > MAX_DEPTH:
            return [Part(None)]
        if isinstance(node, cst.SimpleString):
            if "b" in node.prefix.lower():
                return [Part(None)]
            return [Part(node.evaluated_value, node)]
        if isinstance(node, cst.ConcatenatedString):
            return self.parts(node.left, depth) + self.parts(node.right, depth)
        if isinstance(node, cst.FormattedString):
            out: list[Part] = []
            for piece in node.parts:
                if isinstance(piece, cst.FormattedStringText):
                    out.append(Part(piece.value, piece))
                elif piece.format_spec is None and piece.conversion is None:
                    out.extend(self.parts(piece.expression, depth + 1))
                else:
                    out.append(Part(None))
            return out
        if isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, cst.Add):
                return self.parts(node.left, depth + 1) + self.parts(node.right, depth + 1)
            if isinstance(node.operator, cst.Modulo) and isinstance(node.left, cst.SimpleString):
                args = node.right.elements if isinstance(node.right, cst.Tuple) else [node.right]
                values = [a.value if isinstance(a, cst.Element) else a for a in args]
                return self._template(node.left, values, {}, depth)
        if isinstance(node, cst.Call):
            return self._call(node, depth)
        if isinstance(node, cst.Name):
            return self._name(node, depth)
        if isinstance(node, cst.Attribute):
            return self._attribute(node, depth)
        return [Part(None)]

    def _template(self, template: cst.SimpleString, positional, named, depth) -> list[Part]:
        """``"...{}..." .format(a)`` or ``"...%s..." % a``: literal pieces keep ``template`` as
        their node (edits replace text inside it)."""
        text, out, pos, index = template.evaluated_value, [], 0, 0
        for match in _FORMAT_FIELD.finditer(text):
            out.append(Part(text[pos:match.start()], template))
            key = match.group(1) if match.group(1) is not None else match.group(2)
            if key is None or key == "":
                value = positional[index] if index < len(positional) else None
                index += 1
            elif key.isdigit():
                value = positional[int(key)] if int(key) < len(positional) else None
            else:
                value = named.get(key)
            out.extend(self.parts(value, depth + 1) if value is not None else [Part(None)])
            pos = match.end()
        out.append(Part(text[pos:], template))
        return [p for p in out if p.text != ""]

    def _call(self, node: cst.Call, depth: int) -> list[Part]:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "format" and isinstance(func.value, cst.SimpleString):
            positional = [a.value for a in node.args if a.keyword is None and not a.star]
            named = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
            return self._template(func.value, positional, named, depth)
        name = cst.helpers.get_full_name_for_node(func) or ""
        if name.rsplit(".", 1)[-1] in ("urljoin", "join") and len(node.args) == 2 and not node.args[0].star:
            return self.parts(node.args[0].value, depth + 1) + self.parts(node.args[1].value, depth + 1)
        return [Part(None)]

    def _name(self, node: cst.Name, depth: int) -> list[Part]:
        assignment = self.source.single_assignment(node)
        if assignment is None:
            return [Part(None)]
        if isinstance(assignment, ImportAssignment) and isinstance(assignment.node, cst.ImportFrom):
            return self._imported(assignment, depth)
        value = self.source.assigned_value(assignment)
        return self.parts(value, depth + 1) if value is not None else [Part(None)]

    def _imported(self, assignment: ImportAssignment, depth: int) -> list[Part]:
        statement = assignment.node
        if isinstance(statement.names, cst.ImportStar):
            return [Part(None)]
        original = None
        for alias in statement.names:
            bound = alias.evaluated_alias or alias.evaluated_name
            if bound == assignment.name:
                original = alias.evaluated_name
        path = module_file(self.source.path, statement)
        sibling = load_sibling(path) if path else None
        value = sibling.module_constant(original) if sibling and original else None
        if value is None:
            return [Part(None)]
        foreign = Resolver(sibling).parts(value, depth + 1)
        return [Part(p.text, p.node, p.origin or path) for p in foreign]

    def _attribute(self, node: cst.Attribute, depth: int) -> list[Part]:
        """``module.X`` (a constant of a local module imported whole); ``self.X`` / ``cls.X`` /
        ``Class.X``: a class-level constant of the enclosing class, or ``self.X = value``
        assigned exactly once in that class."""
        owner = node.value
        if isinstance(owner, cst.Name):
            assignment = self.source.single_assignment(owner)
            if isinstance(assignment, ImportAssignment):
                path = imported_module_file(self.source.path, assignment)
                sibling = load_sibling(path) if path else None
                value = sibling.module_constant(node.attr.value) if sibling else None
                if value is None:
                    return [Part(None)]
                return [Part(p.text, p.node, p.origin or path) for p in Resolver(sibling).parts(value, depth + 1)]
        klass = self.source.enclosing(node, cst.ClassDef)
        if klass is None or not isinstance(owner, cst.Name) or owner.value not in ("self", "cls", klass.name.value):
            return [Part(None)]
        values = self.source.class_attributes(klass).get(node.attr.value, [])
        if len(values) != 1 or values[0] is None:
            return [Part(None)]
        return self.parts(values[0], depth + 1)


def class_attributes(klass: cst.ClassDef) -> dict[str, list]:
    """Every value a class binds to an attribute: ``X = v`` in its body, ``self.X = v`` anywhere in
    its methods (augmented or annotated-only bindings count as unknown values)."""
    found: dict[str, list] = {}
    for statement in klass.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign):
                    for target in small.targets:
                        if isinstance(target.target, cst.Name):
                            found.setdefault(target.target.value, []).append(small.value)
                elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    found.setdefault(small.target.value, []).append(small.value)

    class Finder(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            for target in node.targets:
                self._bind(target.target, node.value)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            self._bind(node.target, None)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            self._bind(node.target, node.value)

        def _bind(self, target, value) -> None:
            if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) \
                    and target.value.value == "self":
                found.setdefault(target.attr.value, []).append(value)

    klass.body.visit(Finder())
    return found

"""One parsed file and what every step asks of it: parents, scopes, positions, which nodes
mention v1 text, what a name or a class attribute is bound to."""

from __future__ import annotations

from functools import cached_property

import libcst as cst

from migrator.codemod.binder import ASSIGN, OTHER, Binding, Scopes, bind
from migrator.codemod.index import Index, walked
from migrator.codemod.positions import Positions

from migrator.codemod.imports import V1_TEXT, _file_mentions_v1, module_file, module_path


class SourceModule:
    """One parsed file with the metadata every step needs."""

    def __init__(self, module: cst.Module, path: str | None = None, data: bytes | None = None):
        """``data``: the bytes ``module`` was parsed from, when the caller has them (libcst gives
        them back byte for byte, so the text need not be generated again)."""
        self.module = module
        self.path = path
        if data is not None:
            self.text = data.decode(module.encoding)

    # Each piece of metadata is computed on first use only: a file whose calls never name a v1
    # URL needs no scopes, a file with nothing to report no positions.
    @cached_property
    def text(self) -> str:
        """The source text (``module.code`` generates it anew on every use)."""
        return self.module.code

    @cached_property
    def index(self) -> Index:
        """The one walk of the file the steps below read (parents, source order, subtrees)."""
        return Index(self.module)

    @cached_property
    def scopes(self) -> Scopes:
        return bind(self.module, self.index)

    @property
    def parents(self) -> dict:
        """node → parent for every node but the module, in source order."""
        return self.index.parents

    @cached_property
    def positions(self) -> Positions:
        return Positions(self.module)

    @cached_property
    def _mentions(self) -> set[int]:
        """ids of the nodes whose subtree mentions v1: a string piece with v1 text, or a name
        (or attribute name) that may hold one. Names may hold one when bound to a value that
        mentions v1, or imported from a local module that does; a fixpoint over the assignments
        decides. A call argument outside this set is never resolved."""
        index = self.index
        literals = [n for kind in (cst.SimpleString, cst.FormattedStringText) for n in index.of_type(kind)
                    if V1_TEXT.search(n.value)]
        literal_ids = {id(n) for n in literals}
        bindings: list[tuple[str, set[str], bool]] = []  # (bound name, names in value, v1 text in value)
        names: set[str] = set()
        importer = self.path

        def bound(target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
            name = _bound_name(target)
            if name and value is not None:
                below = index.below(value)
                bindings.append((name, {n.value for n in below if type(n) is cst.Name},
                                 any(id(n) in literal_ids for n in below)))

        for node in index.of_type(cst.Assign):
            for target in node.targets:
                bound(target.target, node.value)
        for node in index.of_type(cst.AnnAssign):
            bound(node.target, node.value)
        for node in index.of_type(cst.Param):
            bound(node.name, node.default)  # a default the parameter holds unless told otherwise
        for node in index.of_type(cst.FunctionDef):  # a URL builder holds what it returns
            returns = [r.value for r in index.below(node.body) if type(r) is cst.Return and r.value is not None]
            if len(returns) == 1:
                bound(node.name, returns[0])
        for node in index.of_type(cst.ImportFrom):
            if isinstance(node.names, cst.ImportStar):
                continue
            path = module_file(importer, node)
            base = cst.helpers.get_full_name_for_node(node.module) if node.module else ""
            for alias in node.names:
                submodule = module_path(importer, len(node.relative), f"{base}.{alias.evaluated_name}".strip("."))
                if any(p is not None and _file_mentions_v1(p) for p in (path, submodule)):
                    names.add(alias.evaluated_alias or alias.evaluated_name)
        for node in index.of_type(cst.Import):
            for alias in node.names:
                path = module_path(importer, 0, alias.evaluated_name)
                if path is not None and _file_mentions_v1(path):
                    names.add(alias.evaluated_alias or alias.evaluated_name.split(".")[0])
        changed = True
        while changed:
            changed = False
            for name, used, text in bindings:
                if name not in names and (text or used & names):
                    names.add(name)
                    changed = True
        marked: set[int] = set()
        seeds = literals + [n for n in index.of_type(cst.Name) if n.value in names] if names else literals
        for node in seeds:  # each one and its ancestors, up to one already marked
            while node is not None and id(node) not in marked:
                marked.add(id(node))
                node = index.parents.get(node)
        return marked

    def mentions_v1(self, node: cst.CSTNode) -> bool:
        return id(node) in self._mentions

    def position(self, node) -> tuple[int, int]:
        start = self.positions[node].start
        return start.line, start.column + 1

    def code(self, node) -> str:
        return self.module.code_for_node(node)

    def instance_of(self, expr: cst.BaseExpression) -> cst.ClassDef | None:
        """The class of this module that ``expr`` is an instance of: ``client`` after
        ``client = SenseiClient()``, or ``SenseiClient()`` itself."""
        value = expr
        if isinstance(expr, cst.Name):
            binding = self.single_assignment(expr)
            value = self.assigned_value(binding) if binding is not None else None
        if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Name)):
            return None
        klass = self.single_assignment(value.func)
        parent = self.parents.get(klass.node) if klass is not None and klass.kind == OTHER else None
        return parent if isinstance(parent, cst.ClassDef) else None

    def single_assignment(self, name: cst.Name) -> Binding | None:
        """The one binding a name refers to, or None when there are several or none."""
        found = self.scopes.lookup(name)
        return found[0] if len(found) == 1 else None

    def assigned_value(self, binding: Binding) -> cst.BaseExpression | None:
        """The value bound by a plain ``name = value`` / ``name: T = value`` assignment."""
        return binding.value if binding.kind == ASSIGN else None

    def same_scope(self, binding: Binding, name: cst.Name) -> bool:
        return binding.scope is self.scopes.scope_of.get(name)

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
            cache[klass] = class_attributes(klass, self.index)
        return cache[klass]

    def enclosing(self, node, kind):
        while node is not None and not isinstance(node, kind):
            node = self.parents.get(node)
        return node


def _bound_name(target: cst.BaseExpression) -> str | None:
    if isinstance(target, cst.Name):
        return target.value
    if isinstance(target, cst.Attribute):
        return target.attr.value
    return None


def class_attributes(klass: cst.ClassDef, index: Index | None = None) -> dict[str, list]:
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

    def bind(target, value) -> None:
        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            found.setdefault(target.attr.value, []).append(value)

    for node in (index.below(klass.body) if index is not None else walked(klass.body)):
        kind = type(node)
        if kind is cst.Assign:
            for target in node.targets:
                bind(target.target, node.value)
        elif kind is cst.AugAssign:
            bind(node.target, None)
        elif kind is cst.AnnAssign:
            bind(node.target, node.value)
    return found


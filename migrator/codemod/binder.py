"""Which assignment a name refers to: a small scope analysis over the file's one walk (``index``).

libcst's ScopeProvider answers far more (qualified names, accesses of every kind) and was the
largest cost per candidate file; the codemod only asks "what is this name bound to, how, and is it
bound once", so this keeps just that. Python's rules as far as they matter here: function,
lambda, class and comprehension scopes; a function does not see its class's names; a name bound
anywhere in a scope belongs to that scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from migrator.codemod.index import Index

ASSIGN, WITH, PARAM, LOOP, IMPORT, OTHER = "assign", "with", "param", "loop", "import", "other"
SCOPES = _SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


@dataclass(eq=False)
class Binding:
    """``name`` bound in ``scope`` by ``node`` (the target Name, the Param, or the import
    statement); ``value`` is the assigned expression (ASSIGN) or the context manager (WITH)."""

    name: str
    kind: str
    node: cst.CSTNode
    scope: cst.CSTNode
    value: cst.BaseExpression | None = None


@dataclass
class Scopes:
    parents: dict = field(default_factory=dict)  # scope → enclosing scope
    bindings: dict = field(default_factory=dict)  # (scope, name) → [Binding]
    scope_of: dict = field(default_factory=dict)  # Name node → the scope it appears in
    loads: dict = field(default_factory=dict)  # name → [Name nodes read]

    def lookup(self, name: cst.Name) -> list[Binding]:
        scope = self.scope_of.get(name)
        return self.lookup_in(scope, name.value) if scope is not None else []

    def lookup_in(self, scope: cst.CSTNode, name: str) -> list[Binding]:
        """What ``name`` refers to when read in ``scope`` (a scope node, or the module)."""
        first = scope
        while scope is not None:
            found = self.bindings.get((scope, name))
            if found:
                return found
            scope = self.parents.get(scope)
            # names of a class body are invisible to the functions nested in it
            while isinstance(scope, cst.ClassDef) and scope is not first:
                scope = self.parents.get(scope)
        return []

    def bound_names(self) -> set[str]:
        return {name for _, name in self.bindings} | set(self.loads)

    def references(self, binding: Binding) -> list[cst.Name]:
        return [n for n in self.loads.get(binding.name, []) if binding in self.lookup(n)]


def bind(module: cst.Module, index: Index | None = None) -> Scopes:
    """The scopes of ``module``, read from its one walk (``index``; made here when not given)."""
    index = index or Index(module)
    scopes = Scopes()
    stack: list[cst.CSTNode] = [module]
    ends: list[int] = [len(index.nodes)]  # where each scope on the stack ends in index.nodes
    stores: dict[int, tuple[str, cst.BaseExpression | None]] = {}  # id(Name) → (kind, value)

    def add(name: str, kind: str, node: cst.CSTNode, value=None, scope=None) -> None:
        scope = stack[-1] if scope is None else scope
        scopes.bindings.setdefault((scope, name), []).append(Binding(name, kind, node, scope, value))

    def targets(target: cst.BaseExpression, kind: str, value=None) -> None:
        if isinstance(target, cst.Name):
            stores[id(target)] = (kind, value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                targets(element.value, OTHER if kind in (ASSIGN, WITH) else kind)
        elif isinstance(target, cst.StarredElement):
            targets(target.value, OTHER if kind in (ASSIGN, WITH) else kind)

    def skip(node: cst.CSTNode) -> None:
        stores[id(node)] = ("skip", None)

    def scope_node(node: cst.CSTNode) -> None:
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            add(node.name.value, OTHER, node.name)
            skip(node.name)
        scopes.parents[node] = stack[-1]
        stack.append(node)
        ends.append(index.span(node)[1])

    def param(node: cst.Param) -> None:
        add(node.name.value, PARAM, node)
        skip(node.name)

    def assign(node: cst.Assign) -> None:
        for target in node.targets:
            targets(target.target, ASSIGN if len(node.targets) == 1 else OTHER, node.value)

    def named_expr(node: cst.NamedExpr) -> None:
        scope = next(s for s in reversed(stack) if not isinstance(s, _COMPREHENSIONS))
        if isinstance(node.target, cst.Name):
            add(node.target.value, OTHER, node.target, scope=scope)
            skip(node.target)

    def global_(node: cst.Global | cst.Nonlocal) -> None:
        for item in node.names:
            add(item.name.value, OTHER, item.name)
            add(item.name.value, OTHER, item.name)  # never "bound once"
            skip(item.name)

    def import_(node: cst.Import) -> None:
        for alias in node.names:
            add(alias.evaluated_alias or alias.evaluated_name.split(".")[0], IMPORT, node)

    def import_from(node: cst.ImportFrom) -> None:
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                add(alias.evaluated_alias or alias.evaluated_name, IMPORT, node)

    def name(node: cst.Name) -> None:
        kind, value = stores.get(id(node), (None, None))
        if kind == "skip":
            return
        scopes.scope_of[node] = stack[-1]
        if kind is None:
            scopes.loads.setdefault(node.value, []).append(node)
        else:
            add(node.value, kind, node, value)

    handlers = {
        **{kind: scope_node for kind in _SCOPES},
        cst.Param: param,
        cst.Assign: assign,
        cst.AnnAssign: lambda node: targets(node.target, ASSIGN if node.value is not None else OTHER, node.value),
        cst.AugAssign: lambda node: targets(node.target, OTHER),
        cst.For: lambda node: targets(node.target, LOOP),
        cst.CompFor: lambda node: targets(node.target, LOOP),
        cst.WithItem: lambda node: targets(node.asname.name, WITH, node.item) if node.asname is not None else None,
        cst.NamedExpr: named_expr,
        cst.ExceptHandler: lambda node: targets(node.name.name, OTHER) if node.name is not None else None,
        cst.Del: lambda node: targets(node.target, OTHER),
        cst.Global: global_,
        cst.Nonlocal: global_,
        cst.Attribute: lambda node: skip(node.attr),  # `x.attr`: attr is not a variable
        cst.Arg: lambda node: skip(node.keyword) if node.keyword is not None else None,
        cst.Name: name,
    }
    imports = (cst.Import, cst.ImportFrom)  # their names are bindings, not reads: not walked into
    nodes = index.nodes
    position, total = 1, len(nodes)  # nodes[0] is the module
    while position < total:
        while position >= ends[-1]:
            stack.pop()
            ends.pop()
        node = nodes[position]
        kind = type(node)
        handler = handlers.get(kind)
        if handler is not None:
            handler(node)
        if kind in imports:
            import_(node) if kind is cst.Import else import_from(node)
            position = index.span(node)[1]
            continue
        position += 1
    return scopes

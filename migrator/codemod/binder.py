"""Which assignment a name refers to: a small scope analysis, one visitor pass.

libcst's ScopeProvider answers far more (qualified names, accesses of every kind) and was the
largest cost per candidate file; the codemod only asks "what is this name bound to, how, and is it
bound once", so this keeps just that. Python's rules as far as they matter here: function,
lambda, class and comprehension scopes; a function does not see its class's names; a name bound
anywhere in a scope belongs to that scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

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


def bind(module: cst.Module) -> Scopes:
    scopes = Scopes()
    stack: list[cst.CSTNode] = [module]
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

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                add(node.name.value, OTHER, node.name)
                stores[id(node.name)] = ("skip", None)
            if isinstance(node, _SCOPES):
                scopes.parents[node] = stack[-1]
                stack.append(node)
            return super().on_visit(node)

        def on_leave(self, original_node: cst.CSTNode) -> None:
            if isinstance(original_node, _SCOPES):
                stack.pop()
            super().on_leave(original_node)

        def visit_Param(self, node: cst.Param) -> None:
            add(node.name.value, PARAM, node)
            stores[id(node.name)] = ("skip", None)

        def visit_Assign(self, node: cst.Assign) -> None:
            for target in node.targets:
                targets(target.target, ASSIGN if len(node.targets) == 1 else OTHER, node.value)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            targets(node.target, ASSIGN if node.value is not None else OTHER, node.value)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            targets(node.target, OTHER)

        def visit_For(self, node: cst.For) -> None:
            targets(node.target, LOOP)

        def visit_CompFor(self, node: cst.CompFor) -> None:
            targets(node.target, LOOP)

        def visit_WithItem(self, node: cst.WithItem) -> None:
            if node.asname is not None:
                targets(node.asname.name, WITH, node.item)

        def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
            scope = next(s for s in reversed(stack) if not isinstance(s, _COMPREHENSIONS))
            if isinstance(node.target, cst.Name):
                add(node.target.value, OTHER, node.target, scope=scope)
                stores[id(node.target)] = ("skip", None)

        def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
            if node.name is not None:
                targets(node.name.name, OTHER)

        def visit_Del(self, node: cst.Del) -> None:
            targets(node.target, OTHER)

        def visit_Global(self, node: cst.Global) -> None:
            for item in node.names:
                add(item.name.value, OTHER, item.name)
                add(item.name.value, OTHER, item.name)  # never "bound once"
                stores[id(item.name)] = ("skip", None)

        visit_Nonlocal = visit_Global

        def visit_Import(self, node: cst.Import) -> None:
            for alias in node.names:
                bound = alias.evaluated_alias or alias.evaluated_name.split(".")[0]
                add(bound, IMPORT, node)
            return False

        def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
            if not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    add(alias.evaluated_alias or alias.evaluated_name, IMPORT, node)
            return False

        def visit_Attribute(self, node: cst.Attribute) -> None:
            stores[id(node.attr)] = ("skip", None)  # `x.attr`: attr is not a variable

        def visit_Arg(self, node: cst.Arg) -> None:
            if node.keyword is not None:
                stores[id(node.keyword)] = ("skip", None)

        def visit_Name(self, node: cst.Name) -> None:
            kind, value = stores.get(id(node), (None, None))
            if kind == "skip":
                return
            scopes.scope_of[node] = stack[-1]
            if kind is None:
                scopes.loads.setdefault(node.value, []).append(node)
            else:
                add(node.value, kind, node, value)

    module.visit(Visitor())
    return scopes

"""Resolve an expression to the URL parts it is built from, following names to the one place they
are bound: a module or class constant, a single local assignment, or a constant imported from a
sibling module (parsed on demand and cached per process)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import libcst as cst

from migrator.codemod.binder import IMPORT, PARAM, Binding
from migrator.codemod.imports import imported_module_file, module_file
from migrator.codemod.source import SourceModule
from migrator.codemod.urls import Part

MAX_DEPTH = 8
_FORMAT_FIELD = re.compile(r"\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}|%\((\w+)\)[sd]|%[sd]")


def load_sibling(path: str) -> SourceModule | None:
    """Another file of the project, parsed once per version of it (cached per process; a file
    written since, by ``--write`` or ``--fix``, is parsed again)."""
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return _load(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _load(path: str, mtime: int, size: int) -> SourceModule | None:
    from migrator.codemod import guard

    try:
        data = Path(path).read_bytes()
        if guard.check(data).hazard is not None:  # it would crash the parser: its constants stay unknown
            return None
        return SourceModule(cst.parse_module(data), path, data)
    except (OSError, SyntaxError, LookupError, cst.ParserSyntaxError):
        return None


def looked_up(key: list[Part], table: cst.Dict, resolver: Resolver, depth: int = 0) -> list[Part]:
    """The parts of ``table``'s value for a literal ``key`` (an unknown part otherwise); a key
    still a parameter stays one, with its table."""
    if len(key) == 1 and key[0].param is not None:
        return [Part(None, param=key[0].param, table=table)]
    if len(key) != 1 or key[0].text is None:
        return [Part(None)]
    for element in table.elements:
        if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) \
                and element.key.evaluated_value == key[0].text:
            return resolver.parts(element.value, depth + 1)
    return [Part(None)]


def argument(function: cst.FunctionDef, name: str, call: cst.Call, method: bool) -> cst.BaseExpression | None:
    """What ``call`` passes for parameter ``name`` of ``function`` (its default when it passes
    nothing); None when that cannot be told (``*args``, ``**kwargs``)."""
    params = function.params
    positional = [*params.posonly_params, *params.params]
    param = next((p for p in [*positional, *params.kwonly_params] if p.name.value == name), None)
    if param is None or any(a.star for a in call.args):
        return None
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    if param in positional:
        index = positional.index(param) - (1 if method else 0)
        given = [a for a in call.args if a.keyword is None]
        if 0 <= index < len(given):
            return given[index].value
    return param.default


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


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
        if isinstance(node, cst.Subscript):
            return self._subscript(node, depth)
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
        return self._builder(node, depth)

    def _builder(self, call: cst.Call, depth: int) -> list[Part]:
        """A URL builder of this module: a function or method of one ``return`` statement
        (``def _url(self, name): return f"{self.base}/{self.endpoints[name]}"``), read with what
        ``call`` passes for its parameters."""
        function = self._callee(call)
        body = function.body.body if function is not None and isinstance(function.body, cst.IndentedBlock) else ()
        statements = [s for s in body if not (isinstance(s, cst.SimpleStatementLine) and isinstance(s.body[0], cst.Expr)
                                              and isinstance(s.body[0].value, cst.SimpleString))]  # a docstring
        if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine) \
                or not isinstance(statements[0].body[0], cst.Return) or statements[0].body[0].value is None:
            return [Part(None)]
        method = isinstance(self.source.parents.get(self.source.parents.get(function)), cst.ClassDef)
        out: list[Part] = []
        for part in self.parts(statements[0].body[0].value, depth + 1):
            if part.param is None or part.param[0] is not function:
                out.append(part)
                continue
            passed = argument(function, part.param[1], call, method)
            given = self.parts(passed, depth + 1) if passed is not None else [Part(None)]
            out.extend(looked_up(given, part.table, self, depth) if part.table is not None else given)
        return out

    def _callee(self, call: cst.Call) -> cst.FunctionDef | None:
        func = call.func
        if isinstance(func, cst.Name):
            binding = self.source.single_assignment(func)
            found = self.source.parents.get(binding.node) if binding is not None else None
            return found if isinstance(found, cst.FunctionDef) else None
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self":
            klass = self.source.enclosing(call, cst.ClassDef)
            for statement in klass.body.body if klass is not None else ():
                if isinstance(statement, cst.FunctionDef) and statement.name.value == func.attr.value:
                    return statement
        return None

    def _subscript(self, node: cst.Subscript, depth: int) -> list[Part]:
        """``ENDPOINTS["actions"]`` / ``self.endpoints[name]``: a value of a dict literal; looked
        up by a parameter, the callers' arguments tell which (``_through_parameters``)."""
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return [Part(None)]
        table = self._dict_of(node.value, depth)
        if table is None:
            return [Part(None)]
        key = self.parts(node.slice[0].slice.value, depth + 1)
        if len(key) == 1 and key[0].param is not None:
            return [Part(None, param=key[0].param, table=table)]
        return looked_up(key, table, self, depth)

    def _dict_of(self, node: cst.BaseExpression, depth: int) -> cst.Dict | None:
        if isinstance(node, cst.Dict):
            return node
        value = None
        if isinstance(node, cst.Name):
            binding = self.source.single_assignment(node)
            value = self.source.assigned_value(binding) if binding is not None else None
        elif isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value in ("self", "cls"):
            klass = self.source.enclosing(node, cst.ClassDef)
            values = self.source.class_attributes(klass).get(node.attr.value, []) if klass is not None else []
            value = values[0] if len(values) == 1 else None
        return value if isinstance(value, cst.Dict) else None

    def _name(self, node: cst.Name, depth: int) -> list[Part]:
        assignment = self.source.single_assignment(node)
        if assignment is None:
            return [Part(None)]
        if assignment.kind == IMPORT and isinstance(assignment.node, cst.ImportFrom):
            return self._imported(assignment, depth)
        if assignment.kind == PARAM:
            default = assignment.node.default if isinstance(assignment.node, cst.Param) else None
            if default is not None and not _is_none(default):
                # `base_url=PS_BASE`: what the parameter holds unless a caller says otherwise
                return self.parts(default, depth + 1)
            return [Part(None, param=(assignment.scope, assignment.name))]  # its callers may tell
        value = self.source.assigned_value(assignment)
        return self.parts(value, depth + 1) if value is not None else [Part(None)]

    def _imported(self, assignment: Binding, depth: int) -> list[Part]:
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
            if assignment is not None and assignment.kind == IMPORT:
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

"""Plan and apply the rewrite of one Python file.

``plan`` reads the module and decides: literal edits for v1 URLs, new dict literals for converted
request bodies (through the same rule engine as ``psmigrate convert``), rewritten response reads,
and the findings for everything it will not touch. ``apply`` then swaps the planned nodes in one
libcst pass, so everything else in the file stays byte for byte as it was.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import Assignment

from migrator import rulebook
from migrator.codemod.calls import CallSite, find_call_sites, is_message_call, json_dumps_argument
from migrator.codemod.codes import CODES
from migrator.codemod.payload import NotLiteral, Renderer, comments_in, quote_style, to_tree
from migrator.codemod.resolve import Resolver, SourceModule
from migrator.codemod.responses import STATUS, SUBMIT, Flow, find_reads
from migrator.codemod.urls import UNKNOWN, Edit, Part, Target, read, shaped_literal
from migrator.convert import convert
from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.engine import applies
from migrator.redact import redact
from migrator.rulebook import Move, ReplaceText, Set, Transform
from migrator.tree import split_path

MUTATORS = {"update", "setdefault", "pop", "popitem", "clear", "append", "extend", "insert", "remove", "__setitem__"}
MODEL_DUMPS = {"dict", "model_dump", "json", "model_dump_json", "to_dict", "asdict", "as_dict"}
FILE_LOADS = {"json.load", "json.loads", "yaml.safe_load", "yaml.load", "load", "loads", "read_text", "read"}


@dataclass
class Options:
    add_todos: bool = False
    run_files: frozenset[str] | None = None  # files this run covers; None: any file


@dataclass
class Plan:
    replacements: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    todos: dict[cst.CSTNode, list[str]] = field(default_factory=lambda: defaultdict(list))
    diagnostics: list[Diagnostic] = field(default_factory=list)
    needs_json: bool = False


class Planner:
    def __init__(self, source: SourceModule, options: Options):
        self.source = source
        self.options = options
        self.plan = Plan()
        self.resolver = Resolver(source)
        self.edits: dict[cst.CSTNode, list[Edit]] = defaultdict(list)
        self.covered: set[int] = set()
        self.calls: dict[cst.Call, str] = {}
        self._lines = source.module.code.splitlines()

    # -- reporting -------------------------------------------------------------------------------
    def report(self, code: str, node: cst.CSTNode, message: str | None = None,
               severity: Severity = Severity.WARNING, fix: str | None = None, pointer: str = "") -> None:
        line, col = self.source.position(node)
        message = message or CODES[code]
        self.plan.diagnostics.append(Diagnostic(code, message, severity, pointer, self.source.path, line, col, fix))
        if self.options.add_todos and fix is None and severity is not Severity.INFO:
            statement = self.source.enclosing(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
            if statement is not None:
                self.plan.todos[statement].append(redact(f"{code} {' '.join(message.split())}"))

    # -- the plan --------------------------------------------------------------------------------
    def run(self) -> Plan:
        sites = find_call_sites(self.source, self.resolver)
        self._site_set = {s.call for s in sites}
        for site in sites:
            self.covered.update(id(p.node) for p in site.parts if p.node is not None)
            self._call_site(site)
        self._loose_literals()
        self._response_reads()
        for node, edits in self.edits.items():
            self.plan.replacements[node] = _edited(node, edits)
        self.plan.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
        return self.plan

    def _call_site(self, site: CallSite) -> None:
        reading, url = site.reading, site.url
        if reading.kind == "v2":
            body = self._dict_of(site.body)
            if isinstance(body, cst.Dict) and any(
                    isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
                    and e.key.evaluated_value == "inputs" for e in body.elements):
                self.report("PS711", body)
            return
        if reading.kind == "dynamic":
            self.report("PS703", url, f"{CODES['PS703']}: {_shown(reading.text)}")
            return
        if reading.kind == "split":
            self.report("PS703", url, f"the v1 URL {_shown(reading.text)} is split across pieces psmigrate "
                        "cannot rewrite separately; rewrite it by hand")
            return
        if reading.kind == "unknown":
            self.report("PS716", url, f"{CODES['PS716']}: {_shown(reading.text)}")
            return
        target = reading.target
        if target is not None and target.v2 is None:
            self.report("PS704", url, f"{target.v1}: {target.why_not}")
            return
        foreign = [e for e in reading.edits if e.origin is not None]
        outside = [e.origin for e in foreign if self.options.run_files is not None
                   and e.origin not in self.options.run_files]
        if outside:
            self.report("PS714", url, f"{CODES['PS714']}: {outside[0]}")
            return
        for edit in reading.edits:
            if edit.origin is None:
                self.edits[edit.node].append(edit)
        if reading.kind == "host":
            return
        self.calls[site.call] = STATUS if reading.kind == "status" else SUBMIT
        if reading.kind == "endpoint":
            self._body(site, target)

    def _body(self, site: CallSite, target: Target) -> None:
        rewritten = f"{target.v1} → {target.v2}"
        if not target.has_rules:
            node = site.body if site.body is not None else site.call
            self.report("PS705", node, f"{rewritten}: no conversion rules for {target.v1} yet; convert the "
                        "request body by hand (the URL was rewritten)")
            return
        found = self._dict_of(site.body, site)
        if found is None:
            return
        self._convert(found, target, rewritten)

    def _dict_of(self, expr: cst.BaseExpression | None, site: CallSite | None = None) -> cst.Dict | None:
        """The dict literal a body expression stands for, or None after reporting why not (when
        ``site`` is given)."""
        def fail(code: str, node: cst.CSTNode, why: str) -> None:
            if site is not None:
                self.report(code, node, f"{CODES[code].split(';')[0]}: {why}")

        if expr is None:
            if site is not None:
                fail("PS701", site.call, "psmigrate cannot tell which argument is the request body")
            return None
        expr = json_dumps_argument(expr) or expr
        if isinstance(expr, cst.Dict):
            return expr
        if isinstance(expr, cst.Name):
            assignment = self.source.single_assignment(expr)
            if assignment is None:
                fail("PS701", expr, f"`{expr.value}` is bound more than once")
                return None
            if type(assignment) is not Assignment or not isinstance(assignment.node, cst.Name):
                what = "a parameter, so the body is built in another function" \
                    if isinstance(assignment.node, cst.Param) else "not a plain assignment"
                fail("PS701", expr, f"`{expr.value}` is {what}")
                return None
            value = self.source.assigned_value(assignment)
            if value is None:
                parent = self.source.parents.get(assignment.node)
                loop = isinstance(parent, (cst.For, cst.CompFor))
                how = "a loop variable" if loop else "bound by unpacking or `with`"
                fail("PS701", expr, f"`{expr.value}` is {how}")
                return None
            if self.source.scopes.get(assignment.node) is not self.source.scopes.get(expr):
                fail("PS701", expr, f"`{expr.value}` is defined in another scope")
                return None
            if isinstance(value, cst.Dict):
                changed = self._changed_after(assignment, site)
                if changed is not None:
                    fail("PS701", changed, f"`{expr.value}` is changed after it is built")
                    return None
                return value
            expr = value
        if isinstance(expr, cst.Call):
            name = cst.helpers.get_full_name_for_node(expr.func) or ""
            last = name.rsplit(".", 1)[-1]
            if last in MODEL_DUMPS:
                fail("PS702", expr, f"the body is a model's `{last}()`; convert the model's fields")
            elif name in FILE_LOADS or last in FILE_LOADS:
                fail("PS702", expr, f"the body is loaded by `{name}()`; convert the file with `psmigrate convert`")
            else:
                fail("PS701", expr, f"the body is built by `{name or 'a call'}()`")
            return None
        fail("PS701", expr, "the body is not a dict literal")
        return None

    def _changed_after(self, assignment, site: CallSite | None) -> cst.CSTNode | None:
        """The first place that changes the dict bound by ``assignment`` (or passes it to a call
        that might), if any."""
        for access in assignment.references:
            node = access.node
            top = node
            while True:
                parent = self.source.parents.get(top)
                if isinstance(parent, cst.Subscript) and parent.value is top \
                        or isinstance(parent, cst.Attribute) and parent.value is top:
                    top = parent
                else:
                    break
            parent = self.source.parents.get(top)
            if top is not node:
                if isinstance(parent, (cst.AssignTarget, cst.Del)) or isinstance(parent, cst.AugAssign) \
                        and parent.target is top:
                    return top
                if isinstance(top, cst.Attribute) and top.attr.value in MUTATORS and isinstance(parent, cst.Call):
                    return parent
                continue
            if isinstance(parent, cst.Arg):
                call = self.source.parents.get(parent)
                if isinstance(call, cst.Call) and not is_message_call(call) and call not in self._site_set \
                        and json_dumps_argument(call) is None:
                    return call
        return None

    def _convert(self, node: cst.Dict, target: Target, rewritten: str) -> None:
        if node in self.plan.replacements:
            return  # the same literal sent by several calls (retries): converted once
        try:
            literal = to_tree(node, self._comments_above)
        except NotLiteral as exc:
            self.report("PS701", exc.node, f"{CODES['PS701'].split(';')[0]}: {exc.reason}")
            return
        for pointer in blind_spots(literal.opaque_pointers(), target.v1):
            self.report("PS713", literal.node_at(pointer), f"{CODES['PS713']}: `{pointer}` is computed at run time "
                        "and stays as it is; check that it is already in v2 form", pointer=pointer)
        try:
            result = convert(literal.tree, endpoint=target.v1)
        except MigrationError as exc:
            self.report(exc.code, literal.node_at(exc.pointer), exc.message, Severity.ERROR, pointer=exc.pointer)
            return
        if result.already_v2:
            return
        for diagnostic in result.diagnostics:
            self.report(diagnostic.code, literal.node_at(diagnostic.pointer), diagnostic.message,
                        diagnostic.severity, pointer=diagnostic.pointer)
        indent = self._relative_indent(node)
        renderer = Renderer(literal, self.source.code, self.source.module.default_indent, quote_style(node),
                            self._relative_indent)
        text = renderer.render(result.body, indent)
        self.plan.replacements[node] = cst.parse_expression(text)
        self.plan.needs_json |= renderer.needs_json
        kept = Counter(c.value for k in renderer.kept for c in comments_in(k)) + Counter(renderer.carried)
        lost = list((Counter(c.value for c in comments_in(node)) - kept).elements())
        if lost:
            self.report("PS712", node, f"{CODES['PS712']}: {lost[0]}")
        self.report("PS720", node, f"{rewritten}: request body converted", Severity.INFO, fix=rewritten)

    def _relative_indent(self, node: cst.CSTNode) -> str:
        """The indentation of the line ``node`` starts on, less its block's: libcst re-indents
        continuation lines by the enclosing block's indentation itself."""
        statement = self.source.enclosing(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
        block = _indent_of(self._lines[self.source.position(statement)[0] - 1]) if statement is not None else ""
        return _indent_of(self._lines[self.source.position(node)[0] - 1])[len(block):]

    def _comments_above(self, element: cst.CSTNode, previous: cst.CSTNode) -> list[str]:
        """Full-line comments between ``previous`` (an entry, or the dict itself when ``element``
        is its first entry) and ``element``."""
        start = self.source.positions[element].start.line
        after = self.source.positions[previous].start.line if previous is self.source.parents.get(element) \
            else self.source.positions[previous].end.line
        lines = [line.strip() for line in self._lines[after:start - 1]]
        return [line for line in lines if line.startswith("#")]

    def _loose_literals(self) -> None:
        """URL-shaped v1 literals outside any call site: hosts and status URLs always move;
        endpoint URLs move only as module or class constants (their callers are found through the
        constant); anything else is reported."""
        source = self.source
        planner = self

        class Visitor(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> bool:
                return not is_message_call(node)

            def visit_Expr(self, node: cst.Expr) -> bool:
                return not isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString))

            def visit_SimpleString(self, node: cst.SimpleString) -> None:
                if id(node) not in planner.covered and "b" not in node.prefix.lower():
                    planner._literal(node, [Part(node.evaluated_value, node)])

            def visit_FormattedString(self, node: cst.FormattedString) -> bool:
                parts = [Part(p.value, p) if isinstance(p, cst.FormattedStringText) else Part(None) for p in node.parts]
                if not any(id(p.node) in planner.covered for p in parts if p.node is not None):
                    planner._literal(node, parts)
                return False

        source.module.visit(Visitor())

    def _literal(self, node: cst.CSTNode, parts: list[Part]) -> None:
        text = "".join(UNKNOWN if p.text is None else p.text for p in parts)
        if not shaped_literal(text):
            return
        reading = read(parts)
        if reading is None or reading.kind == "v2":
            return
        shown = _shown(reading.text)
        if reading.kind in ("host", "status"):
            for edit in reading.edits:
                self.edits[edit.node].append(edit)
        elif reading.kind == "endpoint" and reading.target.v2 is None:
            self.report("PS704", node, f"{reading.target.v1}: {reading.target.why_not}")
        elif reading.kind == "endpoint":
            if self._is_constant(node):
                for edit in reading.edits:
                    self.edits[edit.node].append(edit)
            else:
                self.report("PS710", node, f"{CODES['PS710']}: {shown}")
        elif reading.kind == "unknown":
            self.report("PS716", node, f"{CODES['PS716']}: {shown}")
        else:
            self.report("PS703", node, f"{CODES['PS703']}: {shown}")

    def _is_constant(self, node: cst.CSTNode) -> bool:
        """Whether ``node`` is (part of) the value of a module- or class-level assignment."""
        current = node
        while True:
            parent = self.source.parents.get(current)
            if isinstance(parent, (cst.Assign, cst.AnnAssign)):
                line = self.source.parents.get(parent)
                block = self.source.parents.get(line)
                return isinstance(block, cst.Module) or isinstance(self.source.parents.get(block), cst.ClassDef)
            if not isinstance(parent, (cst.ConcatenatedString, cst.BinaryOperation, cst.FormattedString,
                                       cst.FormattedStringExpression)):
                return False
            current = parent

    def _response_reads(self) -> None:
        flow = Flow(self.source, self.calls)
        for found in find_reads(self.source, flow):
            if found.replacement is not None:
                self.plan.replacements[found.node] = found.replacement
                self.report(found.code, found.node, found.message, Severity.INFO, fix=found.fix)
            else:
                self.report(found.code, found.node, found.message, Severity.WARNING if found.code != "PS708"
                            else Severity.INFO)


def blind_spots(opaque: list[str], v1_path: str) -> list[str]:
    """Opaque leaves the rules would have to look inside (or restructure): the engine carries
    them as they are, so whatever v1 shape they hold at run time would stay v1."""
    family, endpoint = rulebook.find_endpoint(v1_path)
    found: list[str] = []
    for pointer in opaque:
        tokens = split_path(pointer)
        for rule in family.rules:
            if not applies(rule, endpoint):
                continue
            paths = [rule.at] + ([rule.at.rstrip("/") + "/" + rule.from_] if isinstance(rule, Move) else [])
            for path in paths:
                want = split_path(path)
                matches = all(w == "*" or w == t for w, t in zip(want, tokens))
                deeper = len(want) > len(tokens)
                same = len(want) == len(tokens) and isinstance(rule, (Transform, Set, ReplaceText))
                if tokens and matches and (deeper or same) and pointer not in found:
                    found.append(pointer)
    return found


def _edited(node: cst.CSTNode, edits: list[Edit]) -> cst.CSTNode:
    value = node.value
    for edit in {(e.old, e.new): e for e in edits}.values():
        value = value.replace(edit.old, edit.new)
    return node.with_changes(value=value)


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _shown(text: str) -> str:
    return "`" + text.replace(UNKNOWN, "{…}") + "`"


class Apply(cst.CSTTransformer):
    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def on_leave(self, original, updated):
        if original in self.plan.replacements:
            return self.plan.replacements[original]
        todos = self.plan.todos.get(original)
        if todos and hasattr(updated, "leading_lines"):
            # a statement gets its TODO block once: after the first run the findings on it may
            # change (a rewritten URL turns "body not converted" into "v1 body sent to v2")
            written = any(line.comment is not None and line.comment.value.startswith("# TODO(psmigrate):")
                          for line in updated.leading_lines)
            new = [cst.EmptyLine(comment=cst.Comment(f"# TODO(psmigrate): {t}")) for t in dict.fromkeys(todos)]
            if new and not written:
                return updated.with_changes(leading_lines=[*updated.leading_lines, *new])
        return updated


def add_json_import(module: cst.Module) -> cst.Module:
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import) and any(
                        a.evaluated_name == "json" and a.asname is None for a in small.names):
                    return module
    body = list(module.body)
    position = 0
    for index, statement in enumerate(body):
        if not isinstance(statement, cst.SimpleStatementLine):
            break
        small = statement.body[0]
        if isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)) \
                and index == 0:
            position = 1
        elif isinstance(small, cst.ImportFrom) and small.module is not None \
                and cst.helpers.get_full_name_for_node(small.module) == "__future__":
            position = index + 1
        elif isinstance(small, (cst.Import, cst.ImportFrom)):
            position = index
            break
        else:
            break
    line = cst.parse_statement("import json\n", config=module.config_for_parsing)
    if position < len(body):
        # the new import takes over the blank lines and comments above the statement it precedes
        following = body[position]
        line = line.with_changes(leading_lines=following.leading_lines)
        body[position] = following.with_changes(leading_lines=[])
        if not isinstance(following, cst.SimpleStatementLine) or not isinstance(following.body[0],
                                                                                 (cst.Import, cst.ImportFrom)):
            body[position] = body[position].with_changes(leading_lines=[cst.EmptyLine()])
    body.insert(position, line)
    return module.with_changes(body=body)

"""Plan and apply the rewrite of one Python file.

``plan`` reads the module and decides: literal edits for v1 URLs, new dict literals for converted
request bodies (through the same rule engine as ``psmigrate convert``), rewritten response reads,
and the findings for everything it will not touch. ``apply.Apply`` then swaps the planned nodes in
one libcst pass, so everything else in the file stays byte for byte as it was.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import libcst as cst

from migrator.codemod import Options
from migrator.codemod.apply import edited
from migrator.codemod.bodies import find_dict
from migrator.codemod.calls import CallSite, find_call_sites, is_message_call
from migrator.codemod.findings import CODES
from migrator.codemod.payload import NotLiteral, Renderer, comments_in, quote_style, to_tree
from migrator.codemod.resolve import Resolver
from migrator.codemod.responses import STATUS, SUBMIT, Flow, find_reads
from migrator.codemod.source import SourceModule
from migrator.codemod.urls import UNKNOWN, Edit, Part, Target, read, shaped_literal
from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.noqa import directives, silenced
from migrator.redact import redact
from migrator.tree import split_path


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
        self._noqa = directives(source.module.code)

    # -- reporting -------------------------------------------------------------------------------
    def report(self, code: str, node: cst.CSTNode, message: str | None = None,
               severity: Severity = Severity.WARNING, fix: str | None = None, pointer: str = "") -> None:
        line, col = self.source.position(node)
        if self._withheld(code, node):
            return
        message = message or CODES[code]
        self.plan.diagnostics.append(Diagnostic(code, message, severity, pointer, self.source.path, line, col, fix))
        if self.options.add_todos and fix is None and severity is not Severity.INFO:
            statement = self.source.enclosing(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
            if statement is not None:
                self.plan.todos[statement].append(redact(f"{code} {' '.join(message.split())}"))

    def _withheld(self, code: str, node: cst.CSTNode) -> bool:
        """Whether ``# noqa`` on the node's line, or the lint selection, turns ``code`` off there.
        For a fixable code that also means: leave the code as it is."""
        return code in self.options.disabled or silenced(self._noqa, self.source.position(node)[0], code)

    def _fail(self, code: str, node: cst.CSTNode, why: str) -> None:
        self.report(code, node, f"{CODES[code].split(';')[0]}: {why}")

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
            if self._withheld("PS721", node):
                continue
            self.plan.replacements[node] = edited(node, edits)
            changes = ", ".join(f"`{old}` → `{new}`" for old, new in dict.fromkeys((e.old, e.new) for e in edits))
            self.report("PS721", node, f"v1 URL: {changes}", fix=changes)
        self.plan.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
        return self.plan

    def _call_site(self, site: CallSite) -> None:
        reading, url = site.reading, site.url
        if reading.kind == "v2":
            body = find_dict(self.source, site.body, site.call, self._site_set, lambda *_: None)
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
        # `# noqa: PS721` on the URL's line, or on the first line of a call spread over several
        kept = next((e.node for e in reading.edits if e.origin is None and self._withheld("PS721", e.node)), None)
        if kept is None and any(e.origin is None for e in reading.edits) and self._withheld("PS721", site.call):
            kept = site.call
        if kept is not None:
            self._kept_v1(site, reading, kept)
            return
        for edit in reading.edits:
            if edit.origin is None:
                self.edits[edit.node].append(edit)
        if reading.kind == "host":
            return
        self.calls[site.call] = STATUS if reading.kind == "status" else SUBMIT
        if reading.kind == "endpoint":
            self._body(site, target)

    def _kept_v1(self, site: CallSite, reading, url: cst.CSTNode) -> None:
        """``# noqa: PS721`` keeps the call's v1 URL, so its body and response reads stay v1 too: a
        v2 body sent to a v1 URL fails. A v1 body is still reported (without a fix) until a
        person decides, as ruff's noqa silences only the codes it names."""
        if reading.kind != "endpoint" or site.body is None:
            return
        body = find_dict(self.source, site.body, site.call, self._site_set, lambda *_: None)
        if body is not None and not self._withheld("PS720", body):
            line = self.source.position(url)[0]
            self.report("PS720", body, f"v1 request body for {reading.target.v1}, left as it is: `# noqa: PS721` "
                        f"keeps the call's v1 URL (line {line}); a v2 body would fail there")

    def _body(self, site: CallSite, target: Target) -> None:
        rewritten = f"{target.v1} → {target.v2}"
        if not target.has_rules:
            node = site.body if site.body is not None else site.call
            self.report("PS705", node, f"{rewritten}: no conversion rules for {target.v1} yet; convert the "
                        "request body by hand (the URL was rewritten)")
            return
        found = find_dict(self.source, site.body, site.call, self._site_set, self._fail)
        if found is None:
            return
        self._convert(found, target, rewritten)


    def _convert(self, node: cst.Dict, target: Target, rewritten: str) -> None:
        if node in self.plan.replacements or self._withheld("PS720", node):
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
            from migrator.convert import convert  # the engine and its rules: only for a v1 body

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
        self.report("PS720", node, f"v1 request body for {rewritten}", fix=rewritten)

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
        context = self._context(node)
        if reading.kind == "endpoint" and reading.target.v2 is None:
            self.report("PS704", node, f"{reading.target.v1}: {reading.target.why_not}")
        elif reading.kind in ("host", "status") and context != "data" or reading.kind == "endpoint" \
                and context == "constant":
            for edit in reading.edits:
                self.edits[edit.node].append(edit)
        elif reading.kind in ("host", "status", "endpoint"):
            self.report("PS710", node, f"{CODES['PS710']}: {shown}")
        elif reading.kind == "unknown":
            self.report("PS716", node, f"{CODES['PS716']}: {shown}")
        else:
            self.report("PS703", node, f"{CODES['PS703']}: {shown}")

    def _context(self, node: cst.CSTNode) -> str:
        """Where a URL literal ends up: ``constant`` (module or class assignment), ``binding``
        (another assignment, or a return value: URL builders), or ``data`` (an item of a
        collection, an argument of a call that sends nothing, a comparison...)."""
        current = node
        while True:
            parent = self.source.parents.get(current)
            if isinstance(parent, (cst.ConcatenatedString, cst.BinaryOperation, cst.FormattedString,
                                   cst.FormattedStringExpression)):
                current = parent
                continue
            if isinstance(parent, (cst.Assign, cst.AnnAssign)):
                line = self.source.parents.get(parent)
                block = self.source.parents.get(line)
                module_level = isinstance(block, cst.Module) or isinstance(self.source.parents.get(block), cst.ClassDef)
                return "constant" if module_level else "binding"
            return "binding" if isinstance(parent, cst.Return) else "data"

    def _response_reads(self) -> None:
        flow = Flow(self.source, self.calls)
        for found in find_reads(self.source, flow):
            rewritten = found.replacement is not None and not self._withheld(found.code, found.node)
            if rewritten:
                self.plan.replacements[found.node] = found.replacement
            severity = Severity.INFO if found.code == "PS708" else Severity.WARNING
            self.report(found.code, found.node, found.message, severity, fix=found.fix if rewritten else None)


def blind_spots(opaque: list[str], v1_path: str) -> list[str]:
    """Opaque leaves the rules would have to look inside (or restructure): the engine carries
    them as they are, so whatever v1 shape they hold at run time would stay v1."""
    from migrator import rulebook
    from migrator.engine import applies
    from migrator.rulebook import Move, ReplaceText, Set, Transform

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


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _shown(text: str) -> str:
    return "`" + text.replace(UNKNOWN, "{…}") + "`"



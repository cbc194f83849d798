"""The request bodies of the Python planner (``rewrite.Planner`` is made of this and the rest):
a v1 dict literal converted through ``convert`` and written back in the file's style, a v2 one
checked against the v2 schema, and what a person must do about either reported at its field."""

from __future__ import annotations

import re
from collections import Counter

import libcst as cst

from migrator.codemod import appends as appending
from migrator.codemod.apply import Rendered
from migrator.codemod.bodies import REFUSED, find_dict
from migrator.codemod.calls import CallSite
from migrator.codemod.destinations import later_reads
from migrator.codemod.findings import CODES
from migrator.codemod.payload import Literal, NotLiteral, Renderer, comments_in, py_string, quote_style, to_tree
from migrator.codemod.binder import SCOPES
from migrator.codemod.urls import V2_PATH, Target, v2_family
from migrator.diagnostics import MigrationError, Severity
from migrator.tree import split_path


class Bodies:
    """The body half of ``rewrite.Planner`` (``self`` is the planner)."""

    def _body(self, site: CallSite, target: Target) -> None:
        rewritten = f"{target.v1} → {target.v2}"
        if not target.has_rules:
            node = site.body if site.body is not None else site.call
            self.report("PS705", node, f"{rewritten}: no conversion rules for {target.v1} yet; convert the "
                        "request body by hand (the URL was rewritten)")
            return
        found = find_dict(self.source, site.body, site.call, self._site_set, self._fail, self._appended)
        if found is not None:
            self._bodies.setdefault(found, []).append((target, rewritten, site))

    @property
    def _appended(self) -> dict:
        """Body literal → the appends that build it (``appends.py``), or ``bodies.REFUSED``."""
        return self.__dict__.setdefault("_appended_bodies", {})

    def _appends_of(self, node: cst.Dict) -> list[appending.Append]:
        found = self._appended.get(node)
        return [] if found is None or found is REFUSED else found

    def _body_tree(self, node: cst.Dict, comments_above=None) -> tuple[Literal, list]:
        """The payload tree of a body literal: with each append's item added once when it is
        built by appends (and those items' trees), else the literal's own."""
        appends = self._appends_of(node)
        if not appends:
            return to_tree(node, comments_above), []
        try:
            return appending.representative(node, appends, comments_above)
        except appending.Refused as exc:
            raise NotLiteral(exc.node, _changed(appends, exc.reason)) from None

    def _loop_caps(self, schema: str, tree, appends: list, paths: list, items: list) -> None:
        """An append in a loop adds as many items as the loop runs, which only the run knows: where
        v2 takes at most so many items in that list, say so at the append (on every run)."""
        from migrator.convert import schema_problems

        for append, path, item in zip(appends, paths, items):
            if not append.in_loop or item is None:
                continue
            cap = appending.capped(schema, tree, path, item, schema_problems)
            if cap is not None:
                where = "/" + "/".join(path)
                self.report("PS738", append.call, f"{CODES['PS738']}: v2 takes at most {cap} items in `{where}`, "
                            "and this append runs in a loop; keep the loop within that (`# noqa: PS738` once it is)",
                            pointer=where)

    def _convert_bodies(self) -> None:
        """Each v1 body literal once, for the endpoint its requests send it to. One literal sent
        to several v1 endpoints (a wrapper's body, the endpoint a parameter) cannot be converted:
        each endpoint needs a v2 body of its own."""
        for node, uses in self._bodies.items():
            endpoints = {}
            for target, _, site in uses:
                endpoints.setdefault(target.v1, self.source.position(site.call)[0])
            if len(endpoints) > 1:
                sent = ", ".join(f"`{v1}` (line {line})" for v1, line in endpoints.items())
                self.report("PS736", node, f"{CODES['PS736']}: {sent}; the body stays v1: build one per endpoint "
                            "(`psmigrate convert --endpoint` converts each)", Severity.ERROR, persist=True)
                continue
            target, rewritten, site = uses[0]
            self._convert(node, target, rewritten, site)


    def _v2_body(self, site: CallSite) -> None:
        """A request to a v2 endpoint is checked as thoroughly as a v1 one: a body psmigrate
        cannot follow is reported as it was before the rewrite (so migrated code keeps its
        findings), and what is literal is validated against the v2 schema."""
        family = v2_family(site.reading.text)
        if family is None:
            operation = V2_PATH.search(site.reading.text)
            if operation is not None:
                self._report_url("PS733", site, f"`/v2/{operation['name']}` is not a v2 operation (it answers 404): "
                                 "remove the request, or send it to the operation that replaces it",
                                 name=operation["name"])
            return
        if not family.has_body or site.library and site.call.func.attr.value in ("get", "head"):
            return
        node = find_dict(self.source, site.body, site.call, self._site_set, self._fail, self._appended)
        if node is None:
            return
        if any(isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
               and e.key.evaluated_value == "inputs" for e in node.elements):
            self._v1_body_on_v2(node, site, family)
            return
        try:
            literal, items = self._body_tree(node)
        except NotLiteral as exc:
            self.report("PS701", exc.node, f"{CODES['PS701'].split(';')[0]}: {exc.reason}")
            return
        appends = self._appends_of(node)
        if appends:
            self._loop_caps(family.schema_, literal.tree, appends, [a.path for a in appends], items)
        for pointer in blind_spots(literal.opaque_pointers(), family=family):
            self.report("PS713", literal.node_at(pointer), f"{CODES['PS713']}: `{pointer}` is computed at run time "
                        "and stays as it is; check that it is already in v2 form", pointer=pointer)
        from migrator.convert import schema_problems

        for pointer, sentence in schema_problems(family.schema_, literal.tree):
            self.report("PS719", literal.node_at(pointer), f"{CODES['PS719']}: {sentence}", Severity.ERROR,
                        pointer=pointer)
        for pointer, placeholder in _placeholder_urls(literal.tree):
            self.report("PS734", literal.node_at(pointer), f"`{placeholder}` is a template "
                        "placeholder: Adobe accepts the request and the job fails; put the presigned URL there",
                        Severity.ERROR, pointer=pointer)

    def _v1_body_on_v2(self, node: cst.Dict, site: CallSite, family) -> None:
        """A v1 body sent to a v2 URL (a migration half done, by hand or on a run that could not
        convert the body): converted as the v1 endpoint it is recognised as, when that endpoint
        moved to this operation; else PS711, with the recognition's reason."""
        from migrator import recognise

        if self._withheld("PS720", node):  # `# noqa: PS720` keeps it v1: it still goes to a v2 URL
            self.report("PS711", node)
            return
        try:
            literal, _ = self._body_tree(node)
        except NotLiteral:
            self.report("PS711", node)
            return
        found = [(f, e) for f, e in recognise.candidates(literal.tree).values() if f is family]
        if len(found) != 1:
            why = "it fits no v1 endpoint of this operation" if not found else \
                f"it fits several v1 endpoints ({', '.join(e.name for _, e in found)})"
            self.report("PS711", node, f"{CODES['PS711']}; not converted: {why}")
            return
        endpoint = found[0][1]
        self._convert(node, Target(endpoint.v1, family.v2, endpoint.name, host=family.host_of(endpoint)),
                      f"{endpoint.v1} → {family.v2}", site)

    def _convert(self, node: cst.Dict, target: Target, rewritten: str, site: CallSite) -> None:
        if self._withheld("PS720", node):
            return
        try:
            literal, _ = self._body_tree(node, self._comments_above)
        except NotLiteral as exc:
            self.report("PS701", exc.node, f"{CODES['PS701'].split(';')[0]}: {exc.reason}")
            return
        for pointer in blind_spots(literal.opaque_pointers(), target.v1):
            self.report("PS713", literal.node_at(pointer), f"{CODES['PS713']}: `{pointer}` is computed at run time "
                        "and stays as it is; check that it is already in v2 form", pointer=pointer)
        try:
            from migrator.convert import convert  # the engine and its rules: only for a v1 body
            from migrator.rulebook import destination_codes

            result = convert(literal.tree, endpoint=target.v1)
        except MigrationError as exc:
            self.report(exc.code, literal.node_at(exc.pointer), exc.message, Severity.ERROR, pointer=exc.pointer)
            return
        if result.already_v2:
            return
        appends = self._appends_of(node)
        if appends:
            try:
                places = appending.place(result.body, appends, lambda copies: convert(
                    appending.representative(node, appends, None, copies)[0].tree, endpoint=target.v1,
                    validate=False).body)
            except appending.Refused as exc:
                self.report("PS701", exc.node, f"{CODES['PS701'].split(';')[0]}: {_changed(appends, exc.reason)}")
                return
            converted_items = [appending.at(result.body, p.path)[p.index] for p in places]
            self._loop_caps(result.family.schema_, result.body, appends, [p.path for p in places], converted_items)
        destinations = destination_codes() if result.diagnostics else frozenset()
        for diagnostic in result.diagnostics:
            value = literal.node_at(diagnostic.pointer)
            reads = later_reads(self.source, value, site.call, self._callers) if diagnostic.code in destinations \
                else []
            self.report(diagnostic.code, value, diagnostic.message, diagnostic.severity, pointer=diagnostic.pointer,
                        persist=diagnostic.code in destinations and not reads and _a_location(value))
            for use in reads:
                self.report("PS735", use, f"`{use.value}` is where v1 wrote the result (`{diagnostic.pointer}`); "
                            f"v2 writes nothing there ({diagnostic.code}): {diagnostic.message}", persist=True)
        written = {node: Counter()}
        if appends:
            for append, found, item in zip(appends, places, appending.take_items(result.body, places)):
                written[append.item] = self._write(append.item, item, literal)
                if found.path != append.path:
                    quote = append.chain.slice[0].slice.value.quote[0]
                    text = appending.base_name(append.chain).value + "".join(
                        f"[{py_string(key, quote)}]" for key in found.path)
                    self.plan.replacements[append.chain] = Rendered(text, True, False)
        written[node] = self._write(node, result.body, literal)
        kept = sum(written.values(), Counter())
        for place_of, _ in written.items():  # each lost comment at the literal (or item) it was in
            lost = list((Counter(c.value for c in comments_in(place_of, self.source.index)) - kept).elements())
            if lost:
                self.report("PS712", place_of, f"{CODES['PS712']}: {lost[0]}")
                kept.update(lost)
        self.report("PS720", node, f"v1 request body for {rewritten}", fix=rewritten)

    def _write(self, node: cst.CSTNode, value, literal: Literal) -> Counter:
        """Plan ``node`` replaced by ``value`` laid out in the file's style; the comments kept."""
        indent = self._relative_indent(node)
        renderer = Renderer(literal, self.source.code, self._indent_unit(node), quote_style(node, self.source.index),
                            self._relative_indent, self._json_name(node), self._spans_lines)
        text = renderer.render(value, indent)
        blank = _BLANK_LINE.search(text) is not None  # a transformer pass only where there is a blank line to keep blank
        self.plan.replacements[node] = Rendered(text, _plain_layout(text, renderer.kept, self.source), blank,
                                                _keep_blank_lines_blank if blank else None)
        if renderer.needs_json:
            self.plan.json_names.add(renderer.json_name)
        return Counter(c.value for k in renderer.kept for c in comments_in(k, self.source.index)) + \
            Counter(renderer.carried)

    def _spans_lines(self, node: cst.CSTNode) -> bool:
        """Whether the node's code holds a newline: its stretch of the file's generated text does
        (indentation adds none)."""
        start, end = self.source.positions.span(node)
        return "\n" in self.source.positions.text[start:end]

    def _json_name(self, node: cst.CSTNode) -> str:
        """The name the ``json.dumps`` a converted body may need is written with: ``json`` when,
        where the body is written, that name is the json module or nothing (``import json`` is
        added); otherwise an alias no scope of the file uses (``import json as _json``), so that
        the new code never calls a parameter or a local that happens to be called ``json``."""
        scopes = self.source.scopes
        scope = self.source.enclosing(self.source.parents.get(node), (*SCOPES, cst.Module))
        found = scopes.lookup_in(scope, "json")
        module_level = scopes.lookup_in(self.source.module, "json")
        if all(_is_json_module(b) for b in found) and all(_is_json_module(b) for b in module_level):
            return "json"
        taken = scopes.bound_names()
        return next(n for n in ("_json", "json_module", *(f"_json{i}" for i in range(2, 100))) if n not in taken)

    def _indent_unit(self, node: cst.Dict) -> str:
        """One level of indentation as the literal itself has it (a 2-space dict in a file with no
        indented block yet), else as the file's blocks have it. Only a literal whose first entry
        opens a line of its own says how it indents: entries after `{"a": 1,` are aligned, not indented."""
        start = self.source.position(node)[0]
        if node.elements:
            line = self.source.position(node.elements[0])[0]
            if line > start:
                outer, inner = _indent_of(self._lines[start - 1]), _indent_of(self._lines[line - 1])
                step = inner[len(outer):]
                if inner.startswith(outer) and step and len(set(step)) == 1:
                    return step
        return self.source.module.default_indent

    def _relative_indent(self, node: cst.CSTNode) -> str:
        """The indentation of the line ``node`` starts on, less its block's: libcst re-indents
        continuation lines by the enclosing block's indentation itself."""
        statement = self.source.enclosing(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
        block = _indent_of(self._lines[self.source.position(statement)[0] - 1]) if statement is not None else ""
        return _indent_of(self._lines[self.source.position(node)[0] - 1])[len(block):]

    def _comments_above(self, element: cst.CSTNode, previous: cst.CSTNode) -> list[str]:
        """Full-line comments and blank lines (``""``) between ``previous`` (an entry, or the dict
        itself when ``element`` is its first entry) and ``element``."""
        start = self.source.positions[element].start.line
        after = self.source.positions[previous].start.line if previous is self.source.parents.get(element) \
            else self.source.positions[previous].end.line
        lines = [line.strip() for line in self._lines[after:start - 1]]
        return [line for line in lines if line.startswith("#") or not line]  # blank lines go along too


def _changed(appends: list, reason: str) -> str:
    return f"`{appending.base_name(appends[0].chain).value}` is changed after it is built: {reason}"


def _a_location(value: cst.CSTNode) -> bool:
    """Whether a dropped output ``href`` named a place (an empty string names none)."""
    value = value.value if isinstance(value, cst.DictElement) else value
    return not (isinstance(value, cst.SimpleString) and not value.evaluated_value.strip())


_BLANK_LINE = re.compile(r"\n[ \t\f]*\r?\n")


class _BlankLinesStayBlank(cst.CSTTransformer):
    """libcst indents every line of a new expression by its block, blank ones too; keep them empty."""

    def leave_EmptyLine(self, original_node: cst.EmptyLine, updated_node: cst.EmptyLine) -> cst.EmptyLine:
        return updated_node.with_changes(indent=False) if updated_node.comment is None else updated_node


def _keep_blank_lines_blank(expression: cst.BaseExpression) -> cst.BaseExpression:
    return expression.visit(_BlankLinesStayBlank())


_CONTINUED = re.compile(r"\\(?:\r\n?|\n)")


def _plain_layout(text: str, kept: list[cst.CSTNode], source) -> bool:
    """Whether every newline of a rendered body is layout between its tokens (``apply.Rendered``):
    none in a triple-quoted string, after a backslash, or in an f-string the body carries over."""
    if '"""' in text or "'''" in text or _CONTINUED.search(text):
        return False
    for node in kept:
        for inner in source.index.below(node):
            if type(inner) is cst.FormattedString:
                start, end = source.positions.span(inner)
                code = source.positions.text[start:end]
                if "\n" in code or "\r" in code:
                    return False
    return True


def blind_spots(opaque: list[str], v1_path: str | None = None, family=None) -> list[str]:
    """Opaque leaves the rules would have to look inside (or restructure): the engine carries
    them as they are, so whatever v1 shape they hold at run time would stay v1. Given a family
    instead of a v1 endpoint (a v2 call), the rules of all its endpoints count."""
    from migrator import rulebook
    from migrator.engine import applies
    from migrator.rulebook import Move, ReplaceText, Set, Transform

    endpoint = None
    if family is None:
        family, endpoint = rulebook.find_endpoint(v1_path)
    found: list[str] = []
    for pointer in opaque:
        places = [split_path(pointer)]  # where the value is, as each rule in turn sees it
        for rule in family.rules:
            if endpoint is not None and not applies(rule, endpoint):
                continue
            paths = [rule.at] + ([rule.at.rstrip("/") + "/" + rule.from_] if isinstance(rule, Move) else [])
            if isinstance(rule, Transform) and not split_path(rule.at):
                paths = _example_paths(rule)  # a whole-body step: what its examples show it reads
            for tokens in list(places):
                for path in paths:
                    want = split_path(path)
                    matches = all(w == "*" or w == t or w == "#" and t.isdigit() for w, t in zip(want, tokens))
                    deeper = len(want) > len(tokens)
                    same = len(want) == len(tokens) and isinstance(rule, (Transform, Set, ReplaceText))
                    if tokens and matches and (deeper or same) and pointer not in found:
                        found.append(pointer)
                if isinstance(rule, Move):  # the value moves with its container: later rules see it there
                    moved = _moved(tokens, split_path(rule.at), split_path(rule.from_), split_path(rule.to))
                    if moved is not None and moved not in places:
                        places.append(moved)
    return found


def _example_paths(rule) -> list[str]:
    """Every place a whole-body transform's v1 examples hold a container (array indices as
    ``#``, which matches an index only): where an opaque value would hide what it restructures."""
    found: list[str] = []

    def walk(value, pointer: str) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(child, f"{pointer}/{key}")
        elif isinstance(value, list):
            for child in value:
                walk(child, f"{pointer}/#")
        else:
            return
        if pointer and pointer not in found:
            found.append(pointer)

    for example in rule.examples:
        walk(example.v1, "")
    return found


def _moved(tokens: list[str], at: list[str], source: list[str], to: list[str]) -> list[str] | None:
    prefix = at + source
    if len(tokens) < len(prefix) or not all(w == "*" or w == t for w, t in zip(prefix, tokens)):
        return None
    return tokens[:len(at)] + to + tokens[len(prefix):]


def _is_json_module(binding) -> bool:
    return binding.kind == "import" and isinstance(binding.node, cst.Import) and any(
        a.evaluated_name == "json" and (a.evaluated_alias or "json") == "json" for a in binding.node.names)


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _placeholder_urls(tree, pointer: str = ""):
    """``(pointer, placeholder)`` for each literal ``url`` string of a payload tree that holds a
    template placeholder (run-time values are not looked into)."""
    from migrator.placeholders import template_placeholder
    from migrator.tree import escape_token

    if isinstance(tree, dict):
        for key, value in tree.items():
            here = f"{pointer}/{escape_token(str(key))}"
            if key == "url" and isinstance(value, str) and (found := template_placeholder(value)):
                yield here, found
            else:
                yield from _placeholder_urls(value, here)
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _placeholder_urls(value, f"{pointer}/{index}")

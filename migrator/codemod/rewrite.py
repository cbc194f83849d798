"""Plan and apply the rewrite of one Python file.

``plan`` reads the module and decides: literal edits for v1 URLs, new dict literals for converted
request bodies (through the same rule engine as ``psmigrate convert``), rewritten response reads,
and the findings for everything it will not touch. ``apply.apply`` then swaps the planned nodes
(rebuilding only the nodes above them), so everything else in the file stays byte for byte as it was.
"""

from __future__ import annotations

import re

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import libcst as cst

from migrator.codemod import Options
from migrator.codemod.binder import ASSIGN, OTHER, PARAM, SCOPES, WITH
from migrator.codemod.apply import edited
from migrator.codemod.bodies import find_dict
from migrator.codemod.calls import CallSite, find_call_sites, is_message_call
from migrator.codemod.destinations import later_reads
from migrator.codemod.findings import CODES, FINDINGS
from migrator.codemod.hosts import HostUse, decide, decided_host, importer_uses, reach, real, relative, resolved
from migrator.codemod.leftovers import leftover_strings
from migrator.codemod.models import v1_models
from migrator.codemod.payload import NotLiteral, Renderer, comments_in, quote_style, to_tree
from migrator.codemod.resolve import Resolver, argument, looked_up
from migrator.codemod.responses import STATUS, SUBMIT, Flow, find_reads
from migrator.codemod.shared_pieces import made_by_its_file, string_pieces, wanted_of
from migrator.codemod.source import SourceModule
from migrator.codemod.todos import left_todos, todo_text
from migrator.codemod.urls import (ANY_HOST, HOST, UNKNOWN, V1_PATH, V2_PATH, Edit, HostRef, Part, Target, UrlReading,
                                   host_url, read, shaped_literal, v2_family)
from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.noqa import directives, silenced
from migrator.redact import redact
from migrator.tree import split_path


@dataclass
class Plan:
    replacements: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    todos: dict[cst.CSTNode, list[str]] = field(default_factory=lambda: defaultdict(list))
    diagnostics: list[Diagnostic] = field(default_factory=list)
    json_names: set[str] = field(default_factory=set)  # what the added ``import json [as ...]`` binds


class Planner:
    def __init__(self, source: SourceModule, options: Options):
        self.source = source
        self.options = options
        self.plan = Plan()
        self.resolver = Resolver(source)
        self.edits: dict[cst.CSTNode, list[Edit]] = defaultdict(list)
        self.covered: set[int] = set()
        self.calls: dict[cst.Call, str] = {}
        self.host_uses: dict[cst.CSTNode, tuple[HostRef, list[HostUse]]] = {}
        self.client_uses: dict[object, list[HostUse]] = {}  # client variable → its path-only requests
        self.claimed: set[int] = set()  # nodes a finding or an edit is about
        self._bodies: dict[cst.Dict, list[tuple[Target, str, CallSite]]] = {}  # v1 body → the requests sending it
        self._lines = source.text.splitlines()
        self._noqa = directives(source.text)

    # -- reporting -------------------------------------------------------------------------------
    def report(self, code: str, node: cst.CSTNode, message: str | None = None,
               severity: Severity = Severity.WARNING, fix: str | None = None, pointer: str = "",
               at: tuple[int, int] | None = None, persist: bool = False) -> None:
        """A finding about ``node``, placed at its start or at ``at`` (line, column) inside it.
        ``persist``: a finding no later run could make again, written into the code as a TODO
        comment above its statement (``todos.py``); ``--add-todos`` does that for every finding."""
        line, col = at or self.source.position(node)
        self.claimed.add(id(node))
        if code in self.options.disabled or silenced(self._noqa, line, code):
            return
        message = message or CODES[code]
        self.plan.diagnostics.append(Diagnostic(code, message, severity, pointer, self.source.path, line, col, fix))
        if persist or self.options.add_todos and fix is None and severity is not Severity.INFO:
            statement = self.source.enclosing(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
            if statement is not None:
                self.plan.todos[statement].append(redact(todo_text(code, message)))

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
        sites = self._through_parameters(sites)
        for site in sites:
            self.covered.update(id(p.node) for p in site.parts if p.node is not None)
            self._call_site(site)
            self._v2_response(site)
        self._convert_bodies()
        self._loose_literals()
        self._client_bases()
        self._hosts()
        self._imported_edits()
        self._response_reads()
        self._leftover_strings()
        self._models()
        self._left_todos()
        for node, edits in self.edits.items():
            if self._withheld("PS721", node):
                continue
            self.plan.replacements[node] = edited(node, edits)
            changes = ", ".join(f"`{old}` → `{new}`" for old, new in dict.fromkeys((e.old, e.new) for e in edits))
            self.report("PS721", node, f"v1 URL: {changes}", fix=changes)
        unique = {(d.code, d.line, d.col, d.message): d for d in self.plan.diagnostics}
        self.plan.diagnostics = sorted(unique.values(), key=lambda d: (d.line or 0, d.col or 0, d.code))
        return self.plan

    # -- URLs built from a wrapper's parameter -----------------------------------------------------
    def _through_parameters(self, sites: list[CallSite]) -> list[CallSite]:
        """A request whose URL is a base plus a parameter of the function sending it
        (``self.session.post(self.base + path, json=payload)`` in ``_post(self, path, payload)``)
        is read once per call of that function in this file, with the argument in the
        parameter's place: the caller's endpoint decides the path and the host. Those calls
        stand for the wrapper's request (and for themselves, when they hold a v1 path)."""
        out: list[CallSite] = []
        callers: list[CallSite] = []
        for site in sites:
            params = [p for p in site.parts if p.param is not None]
            found = self._callers(*params[0].param) if len(params) == 1 and site.reading.kind in (
                "host", "dynamic") else []
            if not found:
                out.append(site)
                continue
            index = site.parts.index(params[0])
            for call, arg in found:
                given = self.resolver.parts(arg) if arg is not None else [Part(None)]
                if params[0].table is not None:  # self.endpoints[name]: the caller's name picks the entry
                    given = looked_up(given, params[0].table, self.resolver)
                parts = site.parts[:index] + given + site.parts[index + 1:]
                reading = read(parts)
                if reading is None:
                    reading = UrlReading("host", "".join(UNKNOWN if p.text is None else p.text for p in parts),
                                         host=site.reading.host)
                body = self._argument_for(site.body, params[0].param[0], call) if site.body is not None else None
                callers.append(CallSite(call, arg if arg is not None else call, parts, reading,
                                        body if body is not None else site.body, False))
        handled = {s.call for s in callers}
        self._site_set |= handled
        return callers + [s for s in out if s.call not in handled]

    def _callers(self, function: cst.CSTNode, name: str) -> list[tuple[cst.Call, cst.BaseExpression | None]]:
        """Each call of ``function`` in this file, with the argument it passes for ``name``."""
        if not isinstance(function, cst.FunctionDef):
            return []
        klass = self.source.parents.get(self.source.parents.get(function))
        method = isinstance(klass, cst.ClassDef)
        found = []
        for call in self._all_calls():
            func = call.func
            if method:
                if not (isinstance(func, cst.Attribute) and func.attr.value == function.name.value
                        and (isinstance(func.value, cst.Name) and func.value.value in ("self", "cls", klass.name.value)
                             and self.source.enclosing(call, cst.ClassDef) is klass
                             or self.source.instance_of(func.value) is klass)):
                    continue
            elif not (isinstance(func, cst.Name) and func.value == function.name.value
                      and (b := self.source.single_assignment(func)) is not None and b.node is function.name):
                continue
            found.append((call, argument(function, name, call, method)))
        return found

    def _all_calls(self) -> list[cst.Call]:
        if not hasattr(self, "_calls_cache"):
            calls: list[cst.Call] = []

            class Collect(cst.CSTVisitor):
                def visit_Call(self, node: cst.Call) -> None:
                    calls.append(node)

            self.source.index.visit(Collect())
            self._calls_cache = calls
        return self._calls_cache

    def _argument_for(self, body: cst.BaseExpression, function: cst.CSTNode, call: cst.Call):
        """The caller's argument for the wrapper's body, when the body is one of its parameters."""
        if not isinstance(body, cst.Name):
            return None
        binding = self.source.single_assignment(body)
        if binding is None or binding.kind != PARAM or binding.scope is not function:
            return None
        klass = self.source.parents.get(self.source.parents.get(function))
        return argument(function, body.value, call, isinstance(klass, cst.ClassDef))

    # -- hosts -------------------------------------------------------------------------------------
    def _host_use(self, reading: UrlReading, url: cst.CSTNode, what: str | None = None, loose: bool = False) -> None:
        if reading.host is None:
            return
        if what is None:
            v2_path = V2_PATH.search(reading.text)
            what = reading.target.v2 if reading.target is not None and reading.target.v2 else \
                v2_path.group(0) if v2_path else reading.text
            what = _shown(what) if reading.want is not None else \
                f"the request at line {self.source.position(url)[0]} goes to an operation psmigrate cannot tell"
        want = reading.want
        if want is None and (reading.migrated or HOST.match(reading.host.old)["label"] != "image"):
            want = ANY_HOST  # a v2 host or base used for requests psmigrate cannot read: the user's choice
        use = HostUse(want, url, what, reading.kind == "dynamic", loose)
        self.host_uses.setdefault(reading.host.node, (reading.host, []))[1].append(use)

    def _hosts(self) -> None:
        """Rewrite a host literal only when every request it reaches (in this file, and in the
        files of this run that import it) needs the same v2 host; otherwise report the literal
        (PS717) and each request here that it sends to the wrong host (PS718)."""
        for node, (ref, uses) in self.host_uses.items():
            if ref.origin is None:
                key = (resolved(self.source.path), *self.source.position(node))
                every = [*uses, *importer_uses(key, self.options)]
                now = decided = decide(ref.old, every)
                if decided is not None:
                    if decided != ref.old:
                        self.edits[node].append(Edit(node, None, ref.old, decided))
                    continue
                now = ref.old
                if not all(u.reported for u in real(every) if u.want != ANY_HOST):
                    self.report("PS717", node, f"{CODES['PS717']}: {reach(real(every), ref.old)}")
            else:
                now = decided_host(ref, self.options)
            for use in uses:
                if use.want not in (None, ANY_HOST) and host_url(use.want, ref.old) != now:
                    where = f" (set in {relative(ref.origin, self.source.path)})" if ref.origin else ""
                    self.report("PS718", use.url, f"{use.what} is served by `{host_url(use.want, ref.old)}`, but "
                                f"this request goes to `{now}`{where}")

    def collect_host_uses(self) -> dict:
        """Only the host literals and the requests reaching them (what another file's run asks
        of this one): no bodies, no reports."""
        sites = find_call_sites(self.source, self.resolver)
        self._site_set = {s.call for s in sites}
        for site in self._through_parameters(sites):
            self.covered.update(id(p.node) for p in site.parts if p.node is not None)
            if not any(e.origin is not None and self.options.run_files is not None
                       and e.origin not in self.options.run_files for e in site.reading.edits):
                self._host_use(site.reading, site.url)
        self._loose_literals()
        self._client_bases()
        return self.host_uses

    def collect_foreign_edits(self) -> dict:
        """The edits this file's requests need of pieces other files of the run hold (what those
        files' runs ask of this one, ``shared_pieces``): no bodies, no reports."""
        from migrator.codemod.resolve import load_sibling

        found: dict = defaultdict(list)
        sites = find_call_sites(self.source, self.resolver)
        self._site_set = {s.call for s in sites}
        for site in self._through_parameters(sites):
            if site.reading.kind == "v2":
                continue  # its pieces name no v1 path; none of them is edited
            if self._rewritable(site):
                pieces = [(e.origin, e.node, (e.old, e.new)) for e in site.reading.edits]
            else:  # a request left as it is: a piece it shares must stay as it is too
                pieces = [(p.origin, p.node, None) for p in site.parts]
            for origin, node, edit in pieces:
                holder = load_sibling(origin) if origin is not None and node is not None else None
                if holder is not None:
                    found[(resolved(origin), *holder.position(node))].append(edit)
        return found

    def _rewritable(self, site: CallSite) -> bool:
        """Whether ``_call_site`` rewrites this request's URL (given its pieces in other files)."""
        reading = site.reading
        if reading.kind in ("v2", "dynamic", "split", "unknown", "named"):
            return False
        if reading.target is not None and reading.target.v2 is None:
            return False
        return not self._outside(reading) and self._kept_by_noqa(site) is None

    def _outside(self, reading) -> list[str]:
        """The files outside this run holding pieces of the request's URL that need an edit."""
        return [e.origin for e in reading.edits if e.origin is not None and self.options.run_files is not None
                and e.origin not in self.options.run_files]

    def _imported_edits(self) -> None:
        """Rewrite this file's pieces of the requests other files of the run send, where they
        all need the same edit; else report the piece (PS737)."""
        if not self.options.run_files:
            return
        wanted = wanted_of(self.source.path, self.options)
        if not wanted:
            return
        pieces = string_pieces(self.source.module, self.source.position)
        for position, pairs in wanted.items():
            node = pieces.get(position)
            if node is None:
                continue
            self.claimed.add(id(node))
            distinct = list(dict.fromkeys(pairs))
            own = {(e.old, e.new) for e in self.edits.get(node, [])}
            if distinct == [None]:
                continue  # only requests psmigrate leaves as they are (and reports) reach it
            if len(distinct) > 1 or own and own != set(distinct):
                edits = "; ".join(f"`{e[0]}` → `{e[1]}`" if e else "a request left as it is"
                                  for e in dict.fromkeys([*distinct, *own]))
                self.report("PS737", node, f"{CODES['PS737']}: {edits}")
                continue
            old, new = distinct[0]
            if old != new and not own:
                self.edits[node].append(Edit(node, None, old, new))

    def _call_site(self, site: CallSite) -> None:
        reading, url = site.reading, site.url
        outside = self._outside(reading)
        if not outside and self._kept_by_noqa(site) is None:  # else nothing of this request is rewritten
            self._host_use(reading, url)
            if reading.host is None and site.library:
                self._client_use(site, reading, url)
        if reading.kind == "v2":
            self._v2_body(site)
            return
        if reading.kind == "dynamic":
            self._report_url("PS703", site, f"{CODES['PS703']}: {_shown(reading.text)}")
            return
        if reading.kind == "split":
            self._report_url("PS703", site, f"the v1 URL {_shown(reading.text)} is split across pieces psmigrate "
                        "cannot rewrite separately; rewrite it by hand")
            return
        if reading.kind == "unknown":
            self._report_url("PS716", site, f"{CODES['PS716']}: {_shown(reading.text)}")
            return
        if reading.kind == "named":
            found = reading.target
            self.report("PS703", url, f"{_shown(reading.text)} names the v1 endpoint `{found.endpoint}` after a "
                        "base URL psmigrate cannot read; rewrite the base and the name by hand (v2: "
                        + (f"`{found.v2}` on `https://{found.host}`)" if found.v2 else f"none: {found.why_not})"))
            return
        target = reading.target
        if target is not None and target.v2 is None:
            self._report_url("PS704", site, f"{target.v1}: {target.why_not}")
            return
        if outside:
            self.report("PS714", url, f"{CODES['PS714']}: {outside[0]}")
            return
        undecided = [e for e in reading.edits if e.origin is not None and self.options.run_files is not None
                     and not made_by_its_file(e, self.options)]
        if undecided:
            where = relative(undecided[0].origin, self.source.path)
            self._report_url("PS737", site, f"{CODES['PS737']}: `{undecided[0].old}` (in {where}) is shared with "
                             "requests that need another rewrite; this request is left as it is")
            return
        kept = self._kept_by_noqa(site)
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

    def _report_url(self, code: str, site: CallSite, message: str, name: str | None = None) -> None:
        """A finding about a call's URL, placed at the literal that names its endpoint (``name``,
        else the v1 endpoint's) or the v1 path in this file (the line to change), which may be a
        constant far from the call."""
        here = [p for p in site.parts if p.origin is None and p.node is not None and p.text]
        target = site.reading.target
        if name is None and target is not None and target.v1:
            name = target.v1.rstrip("/").rsplit("/", 1)[-1]
        # the endpoint's own name first: in f"{PSD_SERVICE}/depthBlur" that is the line to change
        literal = next((p.node for p in reversed(here) if name and re.search(rf"/{re.escape(name)}\b", p.text)), None) \
            or next((p.node for p in here if V1_PATH.search(p.text)), None) \
            or next((p.node for p in here if HOST.search(p.text)), None)
        if literal is None:
            self.report(code, site.url, message, FINDINGS[code].severity)
            return
        if isinstance(literal, cst.FormattedStringText):
            literal = self.source.parents[literal]
        call_line, literal_line = self.source.position(site.call)[0], self.source.position(literal)[0]
        if not self.source.position(site.url)[0] <= literal_line <= self.source.positions[site.call].end.line:
            message += f" (sent by the call on line {call_line})"
        self.report(code, literal, message, FINDINGS[code].severity)

    def _kept_by_noqa(self, site: CallSite) -> cst.CSTNode | None:
        """Where `# noqa: PS721` keeps the call's URL: on the URL's line, or on the first line of
        a call spread over several (its host too, so the call stays whole v1)."""
        edits = [e for e in site.reading.edits if e.origin is None]
        kept = next((e.node for e in edits if self._withheld("PS721", e.node)), None)
        if kept is None and self._withheld("PS721", site.call) and (edits or site.reading.host is not None):
            kept = site.call
        return kept

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
        if found is not None:
            self._bodies.setdefault(found, []).append((target, rewritten, site))

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
        node = find_dict(self.source, site.body, site.call, self._site_set, self._fail)
        if node is None:
            return
        if any(isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
               and e.key.evaluated_value == "inputs" for e in node.elements):
            self._v1_body_on_v2(node, site, family)
            return
        try:
            literal = to_tree(node)
        except NotLiteral as exc:
            self.report("PS701", exc.node, f"{CODES['PS701'].split(';')[0]}: {exc.reason}")
            return
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
            literal = to_tree(node)
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
            literal = to_tree(node, self._comments_above)
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
        indent = self._relative_indent(node)
        renderer = Renderer(literal, self.source.code, self._indent_unit(node), quote_style(node, self.source.index),
                            self._relative_indent, self._json_name(node))
        text = renderer.render(result.body, indent)
        expression = cst.parse_expression(text)  # a transformer pass only where there is a blank line to keep blank
        self.plan.replacements[node] = expression.visit(_BlankLinesStayBlank()) if _BLANK_LINE.search(text) else expression
        if renderer.needs_json:
            self.plan.json_names.add(renderer.json_name)
        kept = Counter(c.value for k in renderer.kept for c in comments_in(k, self.source.index)) + Counter(renderer.carried)
        lost = list((Counter(c.value for c in comments_in(node, self.source.index)) - kept).elements())
        if lost:
            self.report("PS712", node, f"{CODES['PS712']}: {lost[0]}")
        self.report("PS720", node, f"v1 request body for {rewritten}", fix=rewritten)

    def _left_todos(self) -> None:
        """Report each TODO the codemod left on an earlier run, unless its finding is made again."""
        from migrator import codes

        for todo in left_todos(self.source.module, self.source.text):
            start, end = self.source.position(todo.statement)[0], self.source.positions[todo.statement].end.line
            if any(d.code == todo.code and start <= (d.line or 0) <= end for d in self.plan.diagnostics):
                continue
            severity = Severity(codes.get(todo.code).severity) if todo.code in codes.index() else Severity.WARNING
            self.report(todo.code, todo.statement, f"{todo.message} (a TODO psmigrate left: remove the comment "
                        "once the code is changed)", severity)

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

        source.index.visit(Visitor())

    def _literal(self, node: cst.CSTNode, parts: list[Part]) -> None:
        text = "".join(UNKNOWN if p.text is None else p.text for p in parts)
        if not shaped_literal(text):
            return
        reading = read(parts)
        if reading is None:
            return
        shown = _shown(reading.text)
        context = self._context(node)
        if reading.kind == "v2":
            if context != "data":
                self._host_use(reading, node)
        elif reading.kind == "endpoint" and reading.target.v2 is None:
            self.report("PS704", node, f"{reading.target.v1}: {reading.target.why_not}")
        elif reading.kind == "host" and context != "data":
            sent = self.client_uses.get(self._client_of(node))
            if sent and reading.host is not None:  # httpx.Client(base_url=...): its requests' paths decide
                self.host_uses.setdefault(reading.host.node, (reading.host, []))[1].extend(sent)
            else:
                self._host_use(reading, node, "no request psmigrate can follow uses it in this file", loose=True)
        elif reading.kind == "status" and context != "data" or reading.kind == "endpoint" and context == "constant":
            self._host_use(reading, node)
            for edit in reading.edits:
                self.edits[edit.node].append(edit)
        elif reading.kind in ("host", "status", "endpoint"):
            self.report("PS710", node, f"{CODES['PS710']}: {shown}")
        elif reading.kind == "unknown":
            self.report("PS716", node, f"{CODES['PS716']}: {shown}")
        else:
            self.report("PS703", node, f"{CODES['PS703']}: {shown}")

    def _client_use(self, site: CallSite, reading: UrlReading, url: cst.CSTNode) -> None:
        """A request with a path only, sent by a client object (``client.post("/pie/...")``):
        the client's ``base_url`` must suit its operation."""
        key = self._key(site.call.func.value)
        if key is None:
            return
        if reading.want is None:
            what = f"the request at line {self.source.position(url)[0]} goes to an operation psmigrate cannot tell"
        else:
            path = V2_PATH.search(reading.text)
            what = _shown(reading.target.v2 if reading.target and reading.target.v2 else
                          path.group(0) if path else reading.text)
        self.client_uses.setdefault(key, []).append(HostUse(reading.want, url, what, reading.kind == "dynamic"))

    def _client_bases(self) -> None:
        """``httpx.Client(base_url=API_HOST)``: a client whose base is a name; the host literal
        that name holds must suit the path-only requests the client sends."""
        planner = self

        class Visitor(cst.CSTVisitor):
            def visit_Arg(self, node: cst.Arg) -> None:
                if node.keyword is None or node.keyword.value not in BASE_KEYWORDS \
                        or not isinstance(node.value, (cst.Name, cst.Attribute)):
                    return
                sent = planner.client_uses.get(planner._client_of(node.value))
                if not sent or not planner.source.mentions_v1(node.value):
                    return
                reading = read(planner.resolver.parts(node.value))
                if reading is not None and reading.host is not None and reading.kind in ("host", "v2"):
                    planner.host_uses.setdefault(reading.host.node, (reading.host, []))[1].extend(sent)

        self.source.index.visit(Visitor())

    def _client_of(self, node: cst.CSTNode):
        """The variable (or ``self`` attribute) holding the client built by the call whose
        ``base_url=`` is ``node``: ``client = httpx.Client(...)``, ``with ... as client``."""
        arg = self.source.parents.get(node)
        call = self.source.parents.get(arg)
        holder = self.source.parents.get(call)
        if isinstance(holder, cst.WithItem) and holder.asname is not None:
            return self._key(holder.asname.name, target=True)
        if isinstance(holder, cst.Assign) and len(holder.targets) == 1:
            return self._key(holder.targets[0].target, target=True)
        if isinstance(holder, cst.AnnAssign):
            return self._key(holder.target, target=True)
        if isinstance(holder, cst.Return):  # def make_client(): return httpx.Client(base_url=...)
            function = self.source.enclosing(holder, cst.FunctionDef)
            return ("returned by", id(function)) if function is not None else None
        return None

    def _key(self, expr: cst.CSTNode, target: bool = False, depth: int = 0):
        """What identifies the client ``expr`` holds: its variable, a ``self`` attribute, the
        function returning it (``with make_client() as client``), or, for a parameter, what every
        call of its function in this file passes."""
        if isinstance(expr, cst.Name):
            if target:
                return id(expr)
            binding = self.source.single_assignment(expr)
            if binding is None:
                return None
            made_by = self._maker(binding.value) if binding.kind in (ASSIGN, WITH) else None
            if made_by is not None:
                return ("returned by", id(made_by))
            if binding.kind == PARAM and depth < 3 and isinstance(binding.scope, cst.FunctionDef):
                passed = {self._key(arg, depth=depth + 1) if arg is not None else None
                          for _, arg in self._callers(binding.scope, binding.name)}
                return passed.pop() if len(passed) == 1 else None
            return id(binding.node)
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self":
            klass = self.source.enclosing(expr, cst.ClassDef)
            return (id(klass), expr.attr.value) if klass is not None else None
        return None

    def _maker(self, value: cst.BaseExpression | None) -> cst.FunctionDef | None:
        """The function of this module that ``value`` calls (``make_client()``), if it is one."""
        if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Name)):
            return None
        binding = self.source.single_assignment(value.func)
        function = self.source.parents.get(binding.node) if binding is not None and binding.kind == OTHER else None
        return function if isinstance(function, cst.FunctionDef) else None

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
            if isinstance(parent, cst.Arg) and parent.keyword is not None and parent.keyword.value in BASE_KEYWORDS:
                return "binding"  # httpx.Client(base_url="https://..."): a base its requests are sent to
            if isinstance(parent, cst.Arg) and _is_setting(self.source.parents.get(parent)):
                current = self.source.parents.get(parent)  # os.environ.get("HOST", "https://..."): a default
                continue
            if isinstance(parent, (cst.Assign, cst.AnnAssign)):
                line = self.source.parents.get(parent)
                block = self.source.parents.get(line)
                module_level = isinstance(block, cst.Module) or isinstance(self.source.parents.get(block), cst.ClassDef)
                return "constant" if module_level else "binding"
            return "binding" if isinstance(parent, cst.Return) else "data"

    def _models(self) -> None:
        for model in v1_models(self.source):
            first = min(model.nodes, key=self.source.position)
            self.report("PS731", first, model.message)

    def _leftover_strings(self) -> None:
        claimed = self.claimed | self.covered | {id(node) for node in self.edits}
        for node, offset, mention, where in leftover_strings(self.source, claimed):
            line, col = self.source.position(node)
            before = self.source.code(node)[:offset]
            if "\n" in before:  # a long string: the line that names it
                last = before.rsplit("\n", 1)[1]
                line, col = line + before.count("\n"), len(last) - len(last.lstrip()) + 1
            elif isinstance(node, cst.FormattedStringText):
                whole = self.source.parents[node]
                if self.source.position(whole)[0] == line:
                    col = self.source.position(whole)[1]  # the f-string, not a piece of it
            self.report("PS732", node, f"{where} names the v1 endpoint `{mention}` but sends no request; left as "
                        "it is", Severity.INFO, at=(line, col))

    def _v2_response(self, site: CallSite) -> None:
        """A call already sent to v2 answers in v2's shape: its response reads are checked too."""
        if site.reading.kind == "v2" and site.call not in self.calls:
            self.calls[site.call] = STATUS if "/v2/status" in site.reading.text else SUBMIT

    def _response_reads(self) -> None:
        flow = Flow(self.source, self.calls)
        for found in find_reads(self.source, flow):
            rewritten = found.replacement is not None and not self._withheld(found.code, found.node)
            if rewritten:
                self.plan.replacements[found.node] = found.replacement
            self.report(found.code, found.node, found.message, FINDINGS[found.code].severity,
                        fix=found.fix if rewritten else None)


def _a_location(value: cst.CSTNode) -> bool:
    """Whether a dropped output ``href`` named a place (an empty string names none)."""
    value = value.value if isinstance(value, cst.DictElement) else value
    return not (isinstance(value, cst.SimpleString) and not value.evaluated_value.strip())


_BLANK_LINE = re.compile(r"\n[ \t\f]*\r?\n")


class _BlankLinesStayBlank(cst.CSTTransformer):
    """libcst indents every line of a new expression by its block, blank ones too; keep them empty."""

    def leave_EmptyLine(self, original_node: cst.EmptyLine, updated_node: cst.EmptyLine) -> cst.EmptyLine:
        return updated_node.with_changes(indent=False) if updated_node.comment is None else updated_node


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


BASE_KEYWORDS = {"base_url", "api_base", "base", "host", "endpoint_url", "server_url", "api_url", "url_base"}
SETTING_READERS = {"get", "getenv", "getattr", "environ.get", "setdefault"}


def _is_setting(call) -> bool:
    """``os.environ.get(NAME, default)``, ``os.getenv``, ``getattr(settings, NAME, default)``."""
    return isinstance(call, cst.Call) and (cst.helpers.get_full_name_for_node(call.func) or "").rsplit(
        ".", 1)[-1] in SETTING_READERS


def _is_json_module(binding) -> bool:
    return binding.kind == "import" and isinstance(binding.node, cst.Import) and any(
        a.evaluated_name == "json" and (a.evaluated_alias or "json") == "json" for a in binding.node.names)


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _shown(text: str) -> str:
    return "`" + text.replace(UNKNOWN, "{…}") + "`"


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

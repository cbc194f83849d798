"""Plan and apply the rewrite of one Python file.

``plan`` reads the module and decides: literal edits for v1 URLs, new dict literals for converted
request bodies (through the same rule engine as ``psmigrate convert``), rewritten response reads,
and the findings for everything it will not touch. ``apply.apply`` then swaps the planned nodes
(rebuilding only the nodes above them), so everything else in the file stays byte for byte as it was.
"""

from __future__ import annotations

import re

from collections import defaultdict
from dataclasses import dataclass, field

import libcst as cst

from migrator.codemod import Options
from migrator.codemod.binder import ASSIGN, OTHER, PARAM, WITH
from migrator.codemod.apply import edited
from migrator.codemod.bodies import find_dict
from migrator.codemod.calls import CallSite, find_call_sites, is_message_call
from migrator.codemod.findings import CODES, FINDINGS
from migrator.codemod.hosts import HostUse, decide, decided_host, importer_uses, reach, real, relative, resolved
from migrator.codemod.leftovers import leftover_strings
from migrator.codemod.models import v1_models
from migrator.codemod.plan_bodies import Bodies
from migrator.codemod.resolve import Resolver, argument, looked_up
from migrator.codemod.responses import STATUS, SUBMIT, Flow, find_reads
from migrator.codemod.shared_pieces import made_by_its_file, string_pieces, wanted_of
from migrator.codemod.source import SourceModule
from migrator.codemod.todos import left_todos, todo_text
from migrator.codemod.urls import (ANY_HOST, HOST, UNKNOWN, V1_PATH, V2_PATH, Edit, HostRef, Part, Target, UrlReading,
                                   host_url, read, shaped_literal)
from migrator.diagnostics import Diagnostic, Severity
from migrator.noqa import directives, silenced
from migrator.redact import redact


@dataclass
class Plan:
    replacements: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    todos: dict[cst.CSTNode, list[str]] = field(default_factory=lambda: defaultdict(list))
    diagnostics: list[Diagnostic] = field(default_factory=list)
    json_names: set[str] = field(default_factory=set)  # what the added ``import json [as ...]`` binds


class Planner(Bodies):
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
                self._one_of_two_alike(found.node, found.replacement)
            self.report(found.code, found.node, found.message, FINDINGS[found.code].severity,
                        fix=found.fix if rewritten else None)

    def _one_of_two_alike(self, node: cst.CSTNode, replacement: cst.BaseExpression) -> None:
        """``x["_links"]["self"]["href"] or x["statusUrl"]`` (code ready for either answer) would read
        ``x["statusUrl"] or x["statusUrl"]``: the ``or``/``and`` becomes its one read. Only for reads
        (subscripts, ``.get``), which give the same value twice."""
        operation = self.source.parents.get(node)
        if not isinstance(operation, cst.BooleanOperation) or not _plain_read(replacement):
            return
        other = operation.right if operation.left is node else operation.left
        other = self.plan.replacements.get(other, other)
        if not replacement.deep_equals(other):
            return
        for operand in (operation.left, operation.right):
            self.plan.replacements.pop(operand, None)
        self.plan.replacements[operation] = replacement.with_changes(lpar=operation.lpar, rpar=operation.rpar)


def _plain_read(node: cst.BaseExpression) -> bool:
    """A name read through subscripts, attributes and ``.get(...)`` only: no other call."""
    while True:
        if isinstance(node, cst.Subscript):
            node = node.value
        elif isinstance(node, cst.Attribute):
            node = node.value
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get":
            node = node.func.value
        else:
            return isinstance(node, cst.Name)


BASE_KEYWORDS = {"base_url", "api_base", "base", "host", "endpoint_url", "server_url", "api_url", "url_base"}
SETTING_READERS = {"get", "getenv", "getattr", "environ.get", "setdefault"}


def _is_setting(call) -> bool:
    """``os.environ.get(NAME, default)``, ``os.getenv``, ``getattr(settings, NAME, default)``."""
    return isinstance(call, cst.Call) and (cst.helpers.get_full_name_for_node(call.func) or "").rsplit(
        ".", 1)[-1] in SETTING_READERS


def _shown(text: str) -> str:
    return "`" + text.replace(UNKNOWN, "{…}") + "`"


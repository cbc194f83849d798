"""Plan the byte-range edits of one JavaScript or TypeScript module and its findings.

Each request (``calls.py``) is read through the shared machinery: its URL, as pieces followed
through constants and imports, by ``codemod.urls.read``, which moves the path and names the host
the operation needs from ``rules/``; its body, an object literal, through ``convert.convert``.
Response reads go through ``responses.py``, SDK calls through ``sdk.py``. What cannot be done
safely is a finding at its line. A finding that only the v1 code shows (a body psmigrate could not
convert on a URL it did rewrite, a v1 output location v2 no longer writes) is written into the
file as ``// TODO(psmigrate): CODE message`` and read back as a finding on every later run until a
person removes it. Names are read in the scope that declares them (``bindings.py``)."""

from __future__ import annotations

import re

from migrator.codemod import urls
from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.javascript import body as bodies
from migrator.javascript import sdk
from migrator.javascript.calls import Calls, Request
from migrator.javascript.findings import JS_FINDINGS
from migrator.javascript.parse import key, stringified, text_of, unwrap
from migrator.javascript.responses import FOREIGN, STATUS, SUBMIT, Flow
from migrator.javascript.scope import Module
from migrator.javascript.strings import Piece, literal, pieces
from migrator.textkinds import Edit, Plan
from migrator.tree import opaque_pointers
from migrator.treesitter import first_error, nodes, noqa_comments, unclaimed

# a v1 endpoint, or a v1 base URL or path on its own (`"https://image.adobe.io/sensei"` returned by a
# client's `_baseUrl()`, the endpoint added where psmigrate cannot follow)
_V1_MENTION = re.compile(r"(?:https?://image[\w-]*\.adobe\.io)?(?:/|\b)(?:pie/psdService|lrService|sensei)/[A-Za-z]\w*"
                         r"|(?:https?://image[\w-]*\.adobe\.io)?/(?:pie/psdService|lrService|sensei)(?![\w-])")
_NOQA = re.compile(r"//\s*(?:psmigrate:\s*)?noqa(?::?\s*(?P<codes>PS\d{3}(?:[\s,]+PS\d{3})*))?", re.IGNORECASE)
TODO_MARK = "// TODO(psmigrate):"
_TODO = re.compile(r"//\s*TODO\(psmigrate\):\s*(?P<code>PS\d{3})\b\s*(?P<message>.*)")
_BLOCKS = ("program", "statement_block", "class_body", "switch_case", "switch_default", "switch_body")
_ADOBE_HOST = re.compile(r"https?://(?:image|photoshop-api)[\w-]*\.adobe\.io/?\Z")
# A literal that is a whole v1 endpoint URL or path: it names its operation, so its own module
# rewrites it wherever it is used (a table, an exported constant another module imports).
_WHOLE_ENDPOINT = re.compile(r"(?:https?://image[\w-]*\.adobe\.io)?/(?:pie/psdService|lrService|sensei)/[A-Za-z]\w*")


def _finding(code: str, detail: str = "") -> tuple[str, Severity, str]:
    entry = JS_FINDINGS[code]
    return code, entry.severity, entry.summary + (f": {detail}" if detail else "")


class Planner:
    def __init__(self, data: bytes, path: str, disabled: frozenset[str] = frozenset(), add_todos: bool = False,
                 real_path: str | None = None, unsafe: bool = False, run_files: frozenset[str] | None = None,
                 collect: bool = False):
        from collections import defaultdict

        from migrator.javascript.shared import resolved

        self.data = data
        self.run_files = run_files  # the files of this run (resolved); None: not known
        self.collect = collect  # only what this file's requests need of URL pieces (shared.py)
        self.here = resolved(real_path) if real_path else None
        self.wants: dict = defaultdict(list)  # (file, piece start) → shared.Want or None per request
        self.unsafe = unsafe  # --unsafe-fixes: apply PS914's fixes
        self.sdk_fixes: list = []  # the SDK calls with a fix (sdk_fix.SdkFix)
        self.needs_helper = False
        self.path = path
        self.disabled = disabled
        self.add_todos = add_todos
        self.module = Module.of(data, real_path)
        self.root = self.module.root
        self.plan = Plan()
        self.todos: dict[int, list[str]] = {}  # statement start → TODO lines to write above it
        # noqa comments by row, and the rows where one stands on a line of its own
        self.noqa, self.standalone = noqa_comments(self.root, self.data, _NOQA)
        self.claimed: list[tuple[int, int]] = []
        self.host_edits: dict[tuple[int, int], list] = {}
        self.hostless: list[tuple[object, str]] = []  # requests whose host is not in their URL: (node, host)
        self.readings: dict = {}  # key(call) → UrlReading
        self.edited_bodies: set[tuple[int, int]] = set()
        self.todo_rows: set[int] = set()  # lines whose statement has a TODO(psmigrate) comment above it

    # -- positions and silencing ------------------------------------------------------------------
    def line_of(self, byte: int) -> int:
        return self.data.count(b"\n", 0, byte) + 1

    def col_of(self, byte: int) -> int:
        return len(self.data[self.data.rfind(b"\n", 0, byte) + 1:byte].decode("utf-8", "replace")) + 1

    def silenced(self, code: str, node) -> bool:
        if code in self.disabled:
            return True
        statement = statement_of(node)
        first = statement.start_point[0]
        rows = [first - 1] if first - 1 in self.standalone else []
        rows += range(node.start_point[0], node.end_point[0] + 1)
        rows += [first, statement.end_point[0]]
        return any(row in self.noqa and (self.noqa[row] is None or code in self.noqa[row]) for row in rows)

    def report(self, node, code: str, severity: Severity, message: str, at: int | None = None,
               todo: bool = False) -> None:
        if self.silenced(code, node):
            return
        byte = node.start_byte if at is None else at
        self.plan.diagnostics.append(Diagnostic(code, message, severity, line=self.line_of(byte),
                                                col=self.col_of(byte)))
        if (todo or self.add_todos) and severity is not Severity.INFO:
            from migrator.redact import redact

            self.todos.setdefault(statement_of(node).start_byte, []).append(
                redact(f"{code} {' '.join(message.split())}"))

    def find(self, node, code: str, detail: str = "", at: int | None = None, todo: bool = False,
             severity: Severity | None = None) -> None:
        code, default, message = _finding(code, detail)
        self.report(node, code, severity or default, message, at, todo)

    def edit(self, node, start: int, end: int, new: str, code: str, message: str) -> bool:
        if self.silenced(code, node):
            return False
        if self.data[start:end].decode("utf-8", errors="replace") == new:
            return False
        line = self.line_of(start)
        self.plan.edits.append(Edit(start, end, new, code, line))
        entry = JS_FINDINGS[code]
        self.plan.diagnostics.append(Diagnostic(code, f"{entry.summary}: {message}", entry.severity,
                                                line=line, col=self.col_of(start), fix=message))
        return True

    # -- the run ----------------------------------------------------------------------------------
    def run(self) -> Plan:
        error = first_error(self.root)
        if error is not None and (b"adobe.io" in self.data or _V1_MENTION.search(self.data.decode("utf-8", "replace"))):
            self.find(error, "PS910", f"near line {self.line_of(error.start_byte)}; psmigrate changes nothing it "
                      "cannot read there", at=error.start_byte)
        calls = Calls(self.module)
        requests = calls.requests()
        by_key = {key(r.node): r for r in requests}
        self._left_todos()
        for request in requests:
            self._request(request)
        self._refused_wrappers(calls)
        self._resolve_hosts()
        self._imported_edits()
        self._sdk()
        self._responses(by_key)
        self._types()
        self._endpoint_literals()
        self._leftovers()
        self._write_todos()
        self._write_helper()
        return self.plan

    def collect_wants(self) -> dict:
        """What this file's requests need of each URL piece (its own and other files'), consulting
        no other file: the answer ``shared.wanted_of`` gathers for every file that asks."""
        calls = Calls(self.module)
        for request in calls.requests():
            self._request(request)
        self._refused_wrappers(calls)
        self._resolve_hosts()
        self._endpoint_literals()
        return dict(self.wants)

    # -- requests ---------------------------------------------------------------------------------
    def reading(self, request: Request):
        if request.url is None:
            return None
        found = self.module.url_pieces(request.url)
        if request.base is not None and not (found and found[0] is not None and "://" in found[0].text):
            base = self.module.url_pieces(request.base)
            if base and base[-1] is not None and found and found[0] is not None \
                    and not base[-1].text.endswith("/") and not found[0].text.startswith("/"):
                base.append(Piece("/", 0, 0, editable=False))  # got and ky join `prefixUrl` and `path` with one
            found = base + found
        parts = [urls.Part(None) if p is None else urls.Part(p.text, p, p.origin) for p in found]
        return urls.read(parts)

    def _request(self, request: Request) -> None:
        reading = self.reading(request)
        if reading is None:
            return
        node = request.node
        self.claimed.append((node.start_byte, node.end_byte))
        for part in self.module.url_pieces(request.url) + (self.module.url_pieces(request.base) if request.base else []):
            if part is not None and part.origin is None:
                self.claimed.append((part.start, part.end))
        if self._kept_v1(request, reading):
            return
        self.readings[key(node)] = reading
        moved = self._url(request, reading)
        if reading.kind in ("dynamic", "split", "unknown") or reading.target is not None and reading.target.v2 is None:
            for part in self.module.url_pieces(request.url):  # a request left as it is keeps its pieces
                if part is not None and part.origin is not None:
                    self._want(part, None)
        if self.collect:
            return
        if reading.kind in ("endpoint", "v2") and "/v2/status" not in reading.text \
                and (reading.target is None or reading.target.v2 is not None) \
                and not (request.body is None and request.method in (None, "get") and not request.hidden):
            self._body(request, reading, moved)

    def _refused_wrappers(self, calls: Calls) -> None:
        """A call of a request wrapper of the module psmigrate cannot match to its parameters
        (``wrappers.py``), handed a v1 URL: left as it is, and reported (PS930) at that URL."""
        for call, refusal in calls.wrappers.refusals.values():
            for argument in self._spread_out(calls.wrappers.arguments(call)):
                found = self.module.url_pieces(argument)
                if all(p is None for p in found):
                    continue
                reading = urls.read([urls.Part(None) if p is None else urls.Part(p.text, p, p.origin) for p in found])
                if reading is None or reading.kind not in ("endpoint", "status"):
                    continue
                self.claimed.append((call.start_byte, call.end_byte))
                self.claimed += [(p.start, p.end) for p in found if p is not None and p.origin is None]
                for piece in found:  # kept as it is: a request of another file of the run rewrites none of it
                    if piece is not None:
                        self._want(piece, None)
                if self.collect:
                    break
                why = f"is imported from {refusal.imported}, and psmigrate follows the requests of this module's " \
                    "own functions only" if refusal.imported else f"sends a request with its arguments, but {refusal.why}"
                advice = "" if refusal.imported else ", or give the wrapper plain URL and body parameters"
                self.find(argument, "PS930", f"`{refusal.name}` {why}; "
                          f"migrate this call's URL ({reading.target.v1 if reading.target else reading.text}) and "
                          f"body by hand{advice}")
                break

    def _spread_out(self, arguments: list) -> list:
        """A call's arguments, those of a spread array (``...[URL, body]``, or a constant holding
        one) in its place; a spread of what psmigrate cannot see adds none."""
        out = []
        for argument in arguments:
            if argument.type != "spread_element":
                out.append(argument)
                continue
            spread = unwrap(argument.named_children[0]) if argument.named_children else None
            if spread is not None and spread.type == "identifier":
                spread = unwrap(self.module.value_of(spread))
            if spread is not None and spread.type == "array":
                out += [c for c in spread.named_children if c.type not in ("comment", "spread_element")]
        return out

    def _kept_v1(self, request: Request, reading) -> bool:
        """A v1 request whose URL (PS901) or body (PS902) a noqa keeps stays v1 whole: a v2 body
        sent to a v1 URL fails, and so does a v1 body sent to a v2 one. What the noqa does not
        name is still reported, without a fix, on every run (its response reads too: PS909)."""
        if reading.kind != "endpoint" or not reading.edits:
            return False
        holder = self._body_object(request.body) if request.body is not None else None
        url_kept = self.silenced("PS901", request.url)
        body_kept = holder is not None and self.silenced("PS902", holder)
        if not (url_kept or body_kept):
            return False
        line = self.line_of((request.url if url_kept else holder).start_byte)
        if url_kept and holder is not None:
            self.report(holder, "PS902", Severity.WARNING, f"v1 request body for {reading.target.v1}, left as it "
                        f"is: a noqa keeps the request's v1 URL (line {line}); a v2 body would fail there")
        elif body_kept:
            self.report(request.url, "PS901", Severity.WARNING, f"v1 URL {reading.target.v1}, left as it is: a noqa "
                        f"keeps the request's v1 body (line {line}); a v1 body would fail on v2")
        return True

    def _url(self, request: Request, reading) -> bool:
        """Plan the URL's edits; whether the request now goes to v2 (or already did)."""
        node = request.node
        at = request.url
        kind = reading.kind
        if kind in ("dynamic", "split"):
            self.find(at, "PS904", f"`{' '.join(text_of(at, self.data).split())[:80]}`")
            return False
        if kind == "unknown":
            self.find(at, "PS906", f"`{reading.text.replace(urls.UNKNOWN, '…')}`")
            return False
        if kind in ("endpoint", "status") and reading.target is not None and reading.target.v2 is None:
            self.find(at, "PS905", f"{reading.target.v1}: {reading.target.why_not or 'see the migration guide'}",
                      severity=Severity.ERROR)
            return False
        if kind not in ("endpoint", "status", "v2", "host"):
            return False
        moved = kind == "v2"
        for change in reading.edits:
            if self._piece_edit(node, at, change.node, change.old, change.new, f"{change.old} → {change.new}"):
                moved = True
        if reading.want not in (None, urls.ANY_HOST):
            if reading.host is not None:
                piece = reading.host.node
                self.host_edits.setdefault((piece.start, piece.end, piece.origin), []).append(
                    (urls.host_url(reading.want, reading.host.old), piece, reading.host.old, node, at))
            elif kind in ("endpoint", "status", "v2"):
                self.hostless.append((node, at, reading.want))
        return moved or kind in ("endpoint", "status")

    def _want(self, piece: Piece, want) -> None:
        from migrator.javascript.shared import resolved

        origin = resolved(piece.origin) if piece.origin is not None else self.here
        if origin is not None:
            self.wants[(origin, piece.start)].append(want)

    def _piece_edit(self, node, at, piece: Piece, old: str, new: str, message: str) -> bool:
        from migrator.javascript.shared import resolved
        from migrator.javascript import shared

        if piece.end == piece.start:  # the joiner psmigrate put between a base and a path
            self.find(at, "PS904", f"`{old}` spans the base URL and the path; change it to `{new}`")
            return False
        position = piece.text.find(old) if piece.editable else -1
        want = None
        if position >= 0:
            start = piece.start + len(piece.text[:position].encode())
            want = shared.Want(start, start + len(old.encode()), new)
        self._want(piece, want)
        if self.collect:
            return want is not None
        origin = resolved(piece.origin) if piece.origin is not None else self.here
        # what the other requests reaching the piece need: an own piece's other files' (this file's
        # own requests agree among themselves or are reported, PS911), a foreign piece's every file's
        besides = self.here if piece.origin is None else None
        wants = shared.wanted_of(origin, self.run_files, besides).get(piece.start, []) \
            if self.run_files and origin in self.run_files else []
        if piece.origin is None and wants:
            wants = [*wants, want]
        where = ""
        if piece.origin is not None:
            import os

            where = f" (in {os.path.relpath(piece.origin, os.path.dirname(os.path.abspath(self.path)))}, line " \
                    f"{_line_in_file(piece.origin, piece.start)})"
        if wants and want is not None and not shared.agreed(wants, want):
            self.find(at, "PS915", f"`{old}`{where} is shared with requests that need "
                      f"{_wants_text(wants)}: psmigrate leaves it as it is; give each operation its own constant")
            return False
        if piece.origin is not None:
            if wants and shared.agreed(wants, want):
                return True  # the run of the file holding it makes the edit (every request agrees)
            also = " (psmigrate's run on that file does, for an exported whole v1 endpoint)" \
                if _own_literal(piece.text) is not None else ""
            self.find(at, "PS904", f"`{old}` is written in {where[5:-1]}: change it there to `{new}`{also}")
            return False
        if want is None:
            self.find(at, "PS904", f"`{old}` is escaped in a way psmigrate does not rewrite")
            return False
        self.edit(node, want.start, want.end, new, "PS901", message)
        return True

    def _imported_edits(self) -> None:
        """This file's pieces of the requests other files of the run send: rewritten where every
        request reaching them needs the same edit, else reported (PS915)."""
        from migrator.javascript import shared

        if not self.run_files or self.here not in self.run_files or not shared.importers_of(self.here, self.run_files):
            return
        others = shared.wanted_of(self.here, self.run_files, besides=self.here)
        for start, wants in shared.wanted_of(self.here, self.run_files).items():
            if start not in others:
                continue  # only this file's requests reach it: planned with them
            node = self.root.descendant_for_byte_range(start, start)
            while node is not None and node.type not in ("string", "template_string"):
                node = node.parent
            if node is None:
                continue
            self.claimed.append((node.start_byte, node.end_byte))
            if shared.conflicting(wants):
                self.find(node, "PS915", f"requests of this run that use it need {_wants_text(wants)}: psmigrate "
                          "leaves it as it is; give each operation its own constant")
                continue
            for want in dict.fromkeys(w for w in wants if w is not None):
                if any(e.start < want.end and want.start < e.end for e in self.plan.edits):
                    continue  # this file's own requests made it
                old = self.data[want.start:want.end].decode("utf-8", "replace")
                self.edit(node, want.start, want.end, want.new, "PS901",
                          f"{old} → {want.new} (for the requests of the modules of this run that import it)")

    def _resolve_hosts(self) -> None:
        from migrator.javascript import shared

        for wanted in self.host_edits.values():
            hosts = {new for new, *_ in wanted}
            if len(hosts) > 1:
                for new, piece, old, _, _ in wanted:  # what each needs, so the other files' runs see it too
                    position = piece.text.find(old) if piece.editable else -1
                    start = piece.start + len(piece.text[:position].encode())
                    self._want(piece, shared.Want(start, start + len(old.encode()), new) if position >= 0 else None)
                for _, _, _, node, at in wanted:
                    self.find(at, "PS911", f"its requests need {' and '.join(sorted(hosts))}; give each its own "
                              "base URL")
                continue
            new, piece, old, node, at = wanted[0]
            # a host already right is asked for too: another file's request sharing it may need another
            self._piece_edit(node, at, piece, old, new, f"host {old} → {new} (the host this operation is served on)")
        # A request whose host is not in its URL (a wrapper's base, `this.base + path`): the module's
        # one Adobe host literal that no URL claimed is that base when every such request agrees.
        if not self.hostless:
            return
        wants = {want for _, _, want in self.hostless}
        free = [n for n in nodes(self.root, "string", "template_string")
                if not self._claimed(n.start_byte) and _ADOBE_HOST.match(literal(n, self.data) or "")]
        if len(wants) == 1 and len(free) == 1:
            want = wants.pop()
            text = literal(free[0], self.data)
            new = urls.host_url(want, text.rstrip("/")) + ("/" if text.endswith("/") else "")
            node, _, _ = self.hostless[0]
            start = free[0].start_byte + 1
            if new != text:
                self.edit(free[0], start, start + len(text.encode()), new, "PS901",
                          f"host {text} → {new} (the base URL of requests served there)")
            self.claimed.append((free[0].start_byte, free[0].end_byte))
            return
        for node, at, want in self.hostless:
            if want == "image.adobe.io" and not free:
                continue  # v1's host serves it still: nothing to change
            self.find(at, "PS904", f"the host is set outside this URL (a base psmigrate cannot follow); v2 serves "
                      f"this operation on {want}")

    def _claimed(self, byte: int) -> bool:
        return any(lo <= byte < hi for lo, hi in self.claimed)

    # -- bodies -----------------------------------------------------------------------------------
    def _body(self, request: Request, reading, moved: bool) -> None:
        from migrator.convert import convert
        from migrator.rulebook import destination_codes

        node = request.node
        todo = moved and reading.kind != "v2"  # once the URL is v2, only the file can say the body was not
        holder = self._body_object(request.body)
        if holder is None:
            if reading.kind == "v2" and (request.body is not None or request.hidden):
                return  # a v2 call whose body psmigrate does not follow: the person's, as written
            where = request.body if request.body is not None else node
            what = f"`{' '.join(text_of(request.body, self.data).split())[:60]}`" if request.body is not None \
                else "its options are a value psmigrate cannot read" if request.hidden else "no body psmigrate can see"
            operation = reading.target.v2 if reading.target else "its v2 operation"
            self.find(where, "PS907", f"{what}; convert it by hand to the body of {operation} (`psmigrate convert` "
                      "converts a JSON copy)", todo=todo)
            return
        try:
            tree = bodies.to_tree(holder, self.data)
        except bodies.BodyError as exc:
            self.find(exc.node, "PS907", str(exc), todo=todo)
            return
        endpoint = reading.target.v1 if reading.kind == "endpoint" and reading.target else None
        opaque = opaque_pointers(tree) if endpoint is not None else []  # the v1 places: convert moves them
        if reading.kind == "v2" and _valid_v2(reading, tree):
            return  # a body the v2 schema accepts is the person's, as written
        try:
            conversion = convert(tree, endpoint)
        except MigrationError as exc:
            if reading.kind == "v2" and exc.code in ("PS005", "PS006"):
                self._v2_body(holder, tree, reading)
                return
            self.report(holder, exc.code, Severity.ERROR, f"request body not converted: {exc.message}"
                        + (f" [{exc.pointer}]" if exc.pointer else ""), todo=todo)
            return
        if conversion.already_v2:
            return
        family = urls.v2_family(reading.text) if reading.kind == "v2" else None
        if family is not None and family.v2 != conversion.family.v2:
            self.find(holder, "PS908", f"{family.v2}: the body is a v1 {conversion.endpoint.v1} body, for "
                      f"{conversion.family.v2}")
            return
        if opaque:
            self._run_time_values(holder, opaque, endpoint)
        kept = destination_codes() if todo and conversion.diagnostics else frozenset()
        for note in conversion.diagnostics:  # a location v2 no longer writes stays in the file, as in Python
            self.report(holder, note.code, note.severity, note.message + (f" [{note.pointer}]" if note.pointer else ""),
                        todo=note.code in kept)
        span = (holder.start_byte, holder.end_byte)
        if span in self.edited_bodies:
            return
        self.edited_bodies.add(span)
        self.claimed.append(span)
        text = bodies.render(conversion.body, bodies.style_of(holder, self.data))
        self.edit(holder, holder.start_byte, holder.end_byte, text, "PS902",
                  f"v1 {conversion.endpoint.v1} → {conversion.family.v2} body")

    def _run_time_values(self, holder, opaque: list[str], endpoint: str) -> None:
        """A value computed at run time where the rules must look inside it (`outputs:
        targets.map(...)`) is carried over as it is, so the v1 shape it builds stays v1: reported
        at the value (Python's PS713), and as a TODO, since the converted body, v2 to the next run,
        would no longer say so."""
        from migrator.codemod.plan_bodies import blind_spots  # loads libcst: only for such a body

        for pointer in blind_spots(opaque, endpoint):
            value = _value_at(holder, pointer, self.data)
            written = " ".join(text_of(value, self.data).split())
            written = written if len(written) <= 40 else written[:39] + "…"
            self.find(value, "PS907", f"`{pointer}` is `{written}`, computed "
                      "at run time where the rules must restructure it: the rest of the body is converted, this value "
                      "is carried over as it is; build it in v2 form", todo=True)

    def _body_object(self, node, depth: int = 0):
        node = unwrap(node)
        if node is None or depth > 4:
            return None
        if node.type == "identifier":
            return self._body_object(self.module.value_of(node), depth + 1)
        if node.type == "call_expression":
            argument = stringified(node, self.data)
            return self._body_object(argument, depth + 1) if argument is not None else None
        return node if node.type == "object" else None

    def _v2_body(self, holder, tree, reading) -> None:
        from migrator.convert import schema_problems

        family = urls.v2_family(reading.text)
        if family is None or family.schema_ is None:
            return
        problems = schema_problems(family.schema_, tree)
        if problems:
            pointer, sentence = problems[0]
            self.find(holder, "PS908", f"{family.v2}: {sentence}" + (f" [{pointer}]" if pointer else ""))

    # -- responses --------------------------------------------------------------------------------
    def _responses(self, by_key: dict) -> None:
        def made(request: Request):
            reading = self.readings.get(key(request.node))
            if reading is None:
                text = "".join("\x00" if p is None else p.text for p in self.module.url_pieces(request.url)) \
                    if request.url is not None else ""
                host = text.split("://", 1)[1].split("/", 1)[0] if "://" in text else ""
                return FOREIGN if host and "\x00" not in host and not host.endswith("adobe.io") else None
            if reading.kind == "status" or "/v2/status" in reading.text:
                return STATUS
            if reading.kind in ("endpoint", "v2"):
                return SUBMIT
            return None

        flow = Flow(self.module, by_key, made, self._sdk_results())
        for read in flow.reads():
            if read.code == "rewrite":
                self.claimed.append((read.node.start_byte, read.node.end_byte))
                self.edit(read.node, read.start, read.end, read.new, "PS903",
                          f"{text_of(read.node, self.data)[read.start - read.node.start_byte:read.end - read.node.start_byte]}"
                          f" → {read.new} ({read.message})")
            else:
                self.find(read.node, "PS909", read.message, severity=Severity.ERROR if read.waits else None)

    def _types(self) -> None:
        """TypeScript types declaring v1's distinctive response fields: code typed with them reads
        fields v2 never sends (or, once its reads are rewritten, no longer type-checks)."""
        for node in nodes(self.root, "property_signature"):
            if node.type != "property_signature":
                continue
            name = node.child_by_field_name("name")
            field = text_of(name, self.data).strip("'\"") if name is not None else ""
            if field == "_links":
                self.find(node, "PS909", "a type declares v1's `_links`: a v2 submission answers `jobId` and "
                          "`statusUrl`, a v2 status response has no links (results are under `result.outputs[N]`)")
            elif field == "jobID":
                self.find(node, "PS909", "a type declares v1's `jobID`: v2 spells it `jobId`")

    # -- SDK calls --------------------------------------------------------------------------------
    def _sdk(self) -> None:
        """Each call of a v1 SDK method is reported with its v2 operation (PS913); a call of
        aio-lib-photoshop-api whose arguments and credentials psmigrate can read has an unsafe
        fix (PS914, ``sdk_fix.py``), applied with ``--unsafe-fixes``."""
        if not any(imported.module in sdk.PACKAGES for imported in self.module.imports.values()):
            return
        from migrator.javascript.sdk_fix import Fixer

        fixer = Fixer(self.module)
        polls = []
        for node in nodes(self.root, "call_expression"):
            if node.type != "call_expression":
                continue
            function = node.child_by_field_name("function")
            if function is None or function.type != "member_expression":
                continue
            prop = function.child_by_field_name("property")
            method = text_of(prop, self.data) if prop is not None else ""
            if sdk.v1_endpoint(method) is None:
                continue
            v1, v2, host = sdk.v2_of(method)
            self.claimed.append((node.start_byte, node.end_byte))
            if v2 is None:
                self.find(prop, "PS913", f"`{method}` calls v1 {v1}, which has no v2 equivalent ({host})")
                continue
            if method == "pollUntilDone":
                polls.append((node, function, prop))
                continue
            fix, why = self._sdk_fix(fixer, node, function, method, v2, host)
            if fix is not None:
                self.sdk_fixes.append(fix)
                continue
            if v1.endswith("/status"):  # a status getter: v2 polls the URL its submission answered
                self.find(prop, "PS913", f"`{method}` reads v1 {v1}; poll the v2 job's `statusUrl` (GET "
                          f"https://{host}{v2}/{{jobId}}) and wait for its job-level `status`")
                continue
            self.find(prop, "PS913", f"`{method}` calls v1 {v1}; call POST https://{host}{v2} instead "
                      f"(`psmigrate explain PS913` shows an example)" + (f"; no fix: {why}" if why else ""))
        self._check_sdk_results(fixer)
        for fix in list(self.sdk_fixes):
            if not self._apply_sdk_fix(fix):
                self.sdk_fixes.remove(fix)  # not made (no flag, or silenced): its result stays the SDK's
        fixed_names = {fix.bound for fix in self.sdk_fixes if fix.bound}
        for node, function, prop in polls:
            owner = function.child_by_field_name("object")
            name = text_of(owner, self.data) if owner is not None else ""
            if name in fixed_names and node.parent is not None and node.parent.type in ("await_expression",
                                                                                         "expression_statement"):
                if self._sdk_edit(node, node.start_byte, node.end_byte, name,
                                  f"`{name}.pollUntilDone()` → `{name}`: the v2 call above waits for its job"):
                    continue
            v1, _, host = sdk.v2_of("pollUntilDone")
            self.find(prop, "PS913", f"`pollUntilDone` polls v1 {v1}; poll the v2 job's `statusUrl` (GET "
                      f"https://{host}/v2/status/{{jobId}}) and wait for its job-level `status`")

    def _sdk_fix(self, fixer, node, function, method: str, v2: str, host: str):
        """The fix of one SDK call, or (None, why there is none; "" when no SDK psmigrate fixes)."""
        from migrator.convert import convert
        from migrator.javascript import body as bodies
        from migrator.javascript.sdk_fix import AIO, BODIES, HELPER, Methods, SdkFix, Unreadable, _args

        imported = {i.module for i in self.module.imports.values()}
        wrapped = False
        client = None
        if imported & set(sdk.FIREFLY) and AIO not in imported:
            if method.endswith("Async"):
                return None, ("a Firefly Services SDK's `*Async` method (on its internal client) only submits the job "
                              "and resolves to the v1 submission; the fix rewrites the client's methods that wait "
                              "for the job")
        if imported & set(sdk.FIREFLY):
            from migrator.javascript.sdk_firefly import Firefly

            firefly = Firefly(self.module)
            client = firefly.client(function.child_by_field_name("object"))
        if client is not None:  # a Firefly Services SDK client (sdk_firefly.py)
            package, new = client
            name, methods = sdk.FIREFLY[package]
            if method not in methods:
                return None, f"`{name}` has no method `{method}`"
            v1 = sdk.v1_endpoint(method)
            try:
                credentials = firefly.credentials(new, node, self._quote())
                tree = firefly.body(node)
            except Unreadable as exc:
                return None, str(exc)
            if not firefly.helper_takes_result_flag():
                return None, (f"this module's `{HELPER}` was written by an earlier psmigrate and cannot answer as the "
                              "SDK did; delete it and run again")
            wrapped = True
        elif imported & set(sdk.FIREFLY) and AIO not in imported:
            names = " or ".join(f"`new {sdk.FIREFLY[p][0]}({{ clientId, tokenProvider }})`"
                                for p in sorted(imported & set(sdk.FIREFLY), reverse=True))
            return None, f"psmigrate cannot see the {names} that built this client"
        else:
            if method not in BODIES or AIO not in imported:
                return None, ""  # the fix knows aio-lib-photoshop-api's methods, what they send and its `init`
            init = fixer.init_call(function.child_by_field_name("object"))
            if init is None:
                return None, "psmigrate cannot see the `sdk.init(orgId, apiKey, accessToken)` that built this client"
            v1, build = BODIES[method]
            try:
                credentials = fixer.credentials(init, node, self._quote())
                tree = build(Methods(fixer, _args(node)))
            except Unreadable as exc:
                return None, str(exc)
        followed, bound = fixer.bound_name(node)
        if not followed:
            return None, "its result is used where psmigrate cannot follow it"
        try:
            conversion = convert(tree, v1)
        except MigrationError as exc:
            return None, f"its v1 body does not convert ({exc.code}: {exc.message})"
        if any(note.severity is Severity.ERROR for note in conversion.diagnostics):
            note = next(n for n in conversion.diagnostics if n.severity is Severity.ERROR)
            return None, f"its v1 body does not convert ({note.code}: {note.message})"
        style = bodies.style_of(node, self.data)
        style.indent = style.indent or self._indent_unit()
        style.padded = True
        text = (f"{HELPER}({_js_quote(f'https://{host}{v2}', style.quote)}, {credentials}, "
                f"{bodies.render(conversion.body, style)}{', true' if wrapped else ''})")
        return SdkFix(node, text, v1, v2, list(conversion.diagnostics), bound, wrapped), ""

    def _check_sdk_results(self, fixer) -> None:
        """A fix whose result is read where the v2 status response cannot answer is dropped."""
        from migrator.javascript.responses import Flow

        while self.sdk_fixes:
            flow = Flow(self.module, {}, lambda request: None, self._sdk_results(always=True))
            covered = {key(read.node) for read in flow.reads()}
            bad = None
            for fix in self.sdk_fixes:
                if fix.bound is None:
                    continue
                for node, top in fixer.uses(fix.bound, fix.call):
                    first = node.parent.child_by_field_name("property") if key(top) != key(node) \
                        and node.parent.type == "member_expression" else None
                    first = text_of(first, self.data) if first is not None else None
                    if fix.wrapped:  # the SDK's ApiResponse: its `result` is the job status
                        inner = node.parent.parent if first == "result" else None
                        second = inner.child_by_field_name("property") if inner is not None and \
                            inner.type == "member_expression" and key(top) != key(node.parent) else None
                        second = text_of(second, self.data) if second is not None else None
                        if first != "result" or (key(top) not in covered and second not in V2_STATUS_FIELDS):
                            bad = (fix, top)
                            break
                        continue
                    if key(top) not in covered and first not in V2_STATUS_FIELDS and not (
                            first == "pollUntilDone" and key(top) == key(node.parent)):
                        bad = (fix, top)
                        break
                if bad:
                    break
            if bad is None:
                return
            fix, top = bad
            self.sdk_fixes.remove(fix)
            prop = fix.call.child_by_field_name("function").child_by_field_name("property")
            method = text_of(prop, self.data)
            self.find(prop, "PS913", f"`{method}` calls v1 {fix.v1}; call POST https://"
                      f"{sdk.v2_of(method)[2]}{fix.v2} instead (`psmigrate explain PS913` shows an example); no fix: "
                      f"its result is read as `{' '.join(text_of(top, self.data).split())[:60]}`, which psmigrate "
                      "cannot follow to the v2 job status")

    def _sdk_results(self, always: bool = False) -> dict:
        """What the SDK calls resolve to once fixed, each a v2 job status (the Firefly SDKs': an
        ApiResponse holding it): the calls fixed in this run (with --unsafe-fixes), and the calls of
        the module's own ``psmigrateV2Job`` an earlier run wrote, so their reads are reported on
        every later run as on the first."""
        from migrator.codemod.responses import STATUS_JSON
        from migrator.javascript.responses import API_RESPONSE, STATUS, Value
        from migrator.javascript.sdk_fix import HELPER, _args

        found = {}
        if HELPER in self.module.declared:
            for node in nodes(self.root):
                function = node.child_by_field_name("function") if node.type == "call_expression" else None
                if function is not None and function.type == "identifier" and text_of(function, self.data) == HELPER \
                        and self.module.bindings.is_module_level(self.module.bindings.of(function)):
                    arguments = _args(node)
                    wrapped = len(arguments) > 3 and arguments[3].type == "true"
                    found[key(node)] = Value(STATUS, (), API_RESPONSE) if wrapped else STATUS_JSON
        if self.unsafe or always:
            found.update({key(fix.call): Value(STATUS, (), API_RESPONSE) if fix.wrapped else STATUS_JSON
                          for fix in self.sdk_fixes})
        return found

    def _apply_sdk_fix(self, fix) -> bool:
        """Make the fix (with --unsafe-fixes) or say that it is available; whether it was made."""
        node = fix.call
        if not self.unsafe:
            prop = node.child_by_field_name("function").child_by_field_name("property")
            self.find(prop, "PS914", f"`{text_of(prop, self.data)}` → POST {fix.v2}, polled until the job ends "
                      "(a fix is available with --unsafe-fixes)")
            return False
        if not self._sdk_edit(node, node.start_byte, node.end_byte, fix.text,
                              f"v1 {fix.v1} → POST {fix.v2}, polled until the job ends"):
            return False
        for note in fix.notes:  # kept in the file: no later run reads the call as a v1 request again
            self.report(node, note.code, note.severity, note.message + (f" [{note.pointer}]" if note.pointer else ""),
                        todo=True)
        self.needs_helper = True
        return True

    def _sdk_edit(self, node, start: int, end: int, new: str, message: str) -> bool:
        return self.unsafe and self.edit(node, start, end, new, "PS914", message)

    def _quote(self) -> str:
        """The module's string quote: the one most of its string literals use."""
        singles = sum(1 for n in nodes(self.root, "string") if self.data[n.start_byte:n.start_byte + 1] == b"'")
        doubles = sum(1 for n in nodes(self.root, "string") if self.data[n.start_byte:n.start_byte + 1] == b'"')
        return "'" if singles > doubles else '"'

    def _indent_unit(self) -> str:
        found = re.search(rb"\n([ \t]+)\S", self.data)
        if found is None:
            return "  "
        unit = found[1].decode()
        return "\t" if unit.startswith("\t") else " " * min(len(unit), 4)

    def _write_helper(self) -> None:
        from migrator.javascript.sdk_fix import HELPER, helper_text

        if not self.needs_helper or HELPER in self.module.declared:
            return
        text = self.data.decode("utf-8", "replace")
        semicolons = len(re.findall(r";[ \t]*$", text, re.M)) * 2 >= len(re.findall(r"\)[ \t]*$", text, re.M))
        newline = "\r\n" if b"\r\n" in self.data else "\n"
        helper = helper_text(self.path.endswith((".ts", ".tsx", ".mts", ".cts")), semicolons, self._indent_unit(),
                             newline, self._quote())
        lead = "" if self.data.endswith(b"\n") or not self.data else newline
        self.plan.edits.append(Edit(len(self.data), len(self.data), lead + helper, "PS914",
                                    self.line_of(len(self.data))))

    # -- findings kept in the file ------------------------------------------------------------------
    def _left_todos(self) -> None:
        for node in nodes(self.root, "comment"):
            if node.type != "comment":
                continue
            match = _TODO.match(text_of(node, self.data))
            if not match or match["code"] not in _known_codes():
                continue
            statement = node.next_named_sibling or node
            code = match["code"]
            if self.silenced(code, statement):
                continue
            line = self.line_of(statement.start_byte)
            self.plan.diagnostics.append(Diagnostic(code, match["message"].strip(), _severity(code), line=line,
                                                    col=self.col_of(statement.start_byte)))
            self.todo_rows.add(line)

    def _write_todos(self) -> None:
        for start, todos in self.todos.items():
            line_start = self.data.rfind(b"\n", 0, start) + 1
            above = self.data[self.data.rfind(b"\n", 0, max(line_start - 1, 0)) + 1:line_start].strip()
            if above.startswith(TODO_MARK.encode()):
                continue
            indent = self.data[line_start:start].decode("utf-8", "replace")
            indent = indent[:len(indent) - len(indent.lstrip())]
            newline = "\r\n" if b"\r\n" in self.data else "\n"
            text = "".join(f"{indent}{TODO_MARK} {todo}{newline}" for todo in dict.fromkeys(todos))
            self.plan.edits.append(Edit(line_start, line_start, text, "TODO", self.line_of(line_start)))
        rows = self.todo_rows
        if rows:  # a finding made again at a statement its comment already names is reported once
            seen, kept = set(), []
            for diagnostic in self.plan.diagnostics:
                mark = (diagnostic.code, diagnostic.line)
                if diagnostic.line in rows and mark in seen and diagnostic.fix is None:
                    continue
                seen.add(mark)
                kept.append(diagnostic)
            self.plan.diagnostics = kept

    def _endpoint_literals(self) -> None:
        """A string that is a whole v1 endpoint URL or path, outside any request read here, that
        another module imports (``export const``, ``module.exports``), or a job-status path: it
        names its operation, so it moves to v2 where it is written (host too, when it has one),
        and each importing module's run reads its request's body through it."""
        for node in nodes(self.root, "string", "template_string"):
            if node.type not in ("string", "template_string") or self._claimed(node.start_byte + 1):
                continue  # the text inside the quotes: a request's URL claims its pieces
            text = literal(node, self.data)
            reading = _own_literal(text) if text is not None else None
            if reading is None or _in_message(node, self.data):
                continue
            if reading.kind != "status" and not _exported(node, self.data):
                continue  # a submission no request here reads: its body is unseen, so PS912 stays
            piece = pieces(node, self.data)[0]
            self.claimed.append((node.start_byte, node.end_byte))
            for change in reading.edits:
                self._piece_edit(node, node, piece, change.old, change.new,
                                 f"{change.old} → {change.new} (a v1 endpoint named in a constant)")
            if reading.host is not None and reading.want not in (None, urls.ANY_HOST):
                new_host = urls.host_url(reading.want, reading.host.old)
                if new_host != reading.host.old:
                    self._piece_edit(node, node, piece, reading.host.old, new_host,
                                     f"host {reading.host.old} → {new_host} (the host this operation is served on)")

    # -- what is left ---------------------------------------------------------------------------------
    def _leftovers(self) -> None:
        claimed = self.claimed + [(e.start, e.end) for e in self.plan.edits]
        for node, start, mention in unclaimed(self.root, self.data, _V1_MENTION, claimed):
            if not _in_message(node, self.data):
                self.find(node, "PS912", f"`{mention}`", at=start)


# the v2 job status's own fields (the spec's JobStatusResponse): a fixed SDK call's result may
# read them as they are
V2_STATUS_FIELDS = ("jobId", "status", "result", "errorDetails", "createdTime", "modifiedTime")


def _wants_text(wants: list) -> str:
    said = []
    for want in dict.fromkeys(wants):
        said.append("it kept as it is" if want is None else f"`{want.new}`")
    return " and ".join(said)


def _js_quote(text: str, quote: str) -> str:
    from migrator.javascript.strings import js_string

    return js_string(text, quote)


def _exported(node, data: bytes) -> bool:
    """Whether a string is the value of a binding other modules import."""
    parent = node.parent
    if parent is not None and parent.type == "pair":
        parent = parent.parent  # {NAME: "..."}
        holder = parent.parent if parent is not None else None
        return holder is not None and holder.type == "assignment_expression" and \
            text_of(holder.child_by_field_name("left"), data) in ("module.exports", "exports")
    if parent is not None and parent.type == "assignment_expression":
        return text_of(parent.child_by_field_name("left"), data).startswith(("exports.", "module.exports."))
    if parent is not None and parent.type == "variable_declarator":
        declaration = parent.parent
        return declaration is not None and declaration.parent is not None \
            and declaration.parent.type == "export_statement"
    return False


def _own_literal(text: str):
    """The URL reading of a literal that is a whole v1 endpoint with a v2 home, else None."""
    if not _WHOLE_ENDPOINT.fullmatch(text):
        return None
    reading = urls.read([urls.Part(text, Piece(text, 0, len(text.encode())))])
    if reading is None or reading.kind not in ("endpoint", "status") or reading.target is None \
            or reading.target.v2 is None:
        return None
    return reading


def _value_at(holder, pointer: str, data: bytes):
    """The node of the body literal ``holder`` at ``pointer`` (as ``bodies.to_tree`` read it)."""
    from migrator.tree import split_path

    node = holder
    for token in split_path(pointer):
        node = unwrap(node)
        children = [c for c in node.named_children if c.type != "comment"]
        if node.type == "array" and token.isdigit() and int(token) < len(children):
            node = children[int(token)]
            continue
        for child in children if node.type == "object" else ():
            if child.type == "shorthand_property_identifier" and text_of(child, data) == token:
                return child
            key_node = child.child_by_field_name("key") if child.type == "pair" else None
            if key_node is not None and bodies._key(key_node, data) == token:
                node = child.child_by_field_name("value")
                break
        else:
            return node
    return node


def _valid_v2(reading, tree) -> bool:
    from migrator.convert import schema_problems

    family = urls.v2_family(reading.text)
    return family is not None and family.schema_ is not None and not schema_problems(family.schema_, tree)


def statement_of(node):
    while node.parent is not None and node.parent.type not in _BLOCKS:
        node = node.parent
    return node


def _in_message(node, data: bytes) -> bool:
    """A string a log call prints: words for a person, not a request."""
    while node is not None:
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            name = text_of(function, data) if function is not None else ""
            return name.startswith("console.") or name in ("print", "log", "alert") or name.endswith(".log")
        if node.type in ("expression_statement", "lexical_declaration", "variable_declaration"):
            return False
        node = node.parent
    return False


def _line_in_file(path: str, byte: int) -> int:
    try:
        with open(path, "rb") as handle:
            return handle.read()[:byte].count(b"\n") + 1
    except OSError:
        return 1


def _known_codes() -> set[str]:
    from migrator import codes

    return {c.code for c in codes.all_codes()}


def _severity(code: str) -> Severity:
    from migrator import codes

    try:
        return Severity(codes.get(code).severity)
    except KeyError:
        return Severity.WARNING

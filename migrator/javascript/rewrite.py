"""Plan the byte-range edits of one JavaScript or TypeScript module and its findings.

Each request (``calls.py``) is read through the shared machinery: its URL, as pieces followed
through constants and imports, by ``codemod.urls.read``, which moves the path and names the host
the operation needs from ``rules/``; its body, an object literal, through ``convert.convert``.
Response reads go through ``responses.py``, SDK calls through ``sdk.py``. What cannot be done
safely is a finding at its line. A finding that only the v1 code shows (a body psmigrate could not
convert on a URL it did rewrite) is written into the file as ``// TODO(psmigrate): CODE message``
and read back as a finding on every later run until a person removes it."""

from __future__ import annotations

import re

from migrator.codemod import urls
from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.javascript import body as bodies
from migrator.javascript import sdk
from migrator.javascript.calls import Calls, Request
from migrator.javascript.findings import JS_FINDINGS
from migrator.javascript.parse import key, text_of, unwrap
from migrator.javascript.responses import FOREIGN, STATUS, SUBMIT, Flow
from migrator.javascript.scope import Module
from migrator.javascript.strings import Piece, literal, pieces
from migrator.textkinds import Edit, Plan
from migrator.treesitter import first_error, noqa_comments, unclaimed, walk

_V1_MENTION = re.compile(r"(?:https?://image[\w-]*\.adobe\.io)?(?:/|\b)(?:pie/psdService|lrService|sensei)/[A-Za-z]\w*")
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
                 real_path: str | None = None):
        self.data = data
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
        self._resolve_hosts()
        self._responses(by_key)
        self._sdk()
        self._types()
        self._endpoint_literals()
        self._leftovers()
        self._write_todos()
        return self.plan

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
        if reading.kind in ("endpoint", "v2") and "/v2/status" not in reading.text \
                and (reading.target is None or reading.target.v2 is not None) \
                and not (request.body is None and request.method in (None, "get") and not request.hidden):
            self._body(request, reading, moved)

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

    def _piece_edit(self, node, at, piece: Piece, old: str, new: str, message: str) -> bool:
        if piece.end == piece.start:  # the joiner psmigrate put between a base and a path
            self.find(at, "PS904", f"`{old}` spans the base URL and the path; change it to `{new}`")
            return False
        if piece.origin is not None:
            import os

            where = os.path.relpath(piece.origin, os.path.dirname(os.path.abspath(self.path)))
            line = _line_in_file(piece.origin, piece.start)
            also = " (psmigrate's run on that file does, for an exported whole v1 endpoint)" \
                if _own_literal(piece.text) is not None else ""
            self.find(at, "PS904", f"`{old}` is written in {where}, line {line}: change it there to `{new}`{also}")
            return False
        position = piece.text.find(old) if piece.editable else -1
        if position < 0:
            self.find(at, "PS904", f"`{old}` is escaped in a way psmigrate does not rewrite")
            return False
        start = piece.start + len(piece.text[:position].encode())
        self.edit(node, start, start + len(old.encode()), new, "PS901", message)
        return True

    def _resolve_hosts(self) -> None:
        for wanted in self.host_edits.values():
            hosts = {new for new, *_ in wanted}
            if len(hosts) > 1:
                for _, _, _, node, at in wanted:
                    self.find(at, "PS911", f"its requests need {' and '.join(sorted(hosts))}; give each its own "
                              "base URL")
                continue
            new, piece, old, node, at = wanted[0]
            if new != old:
                self._piece_edit(node, at, piece, old, new, f"host {old} → {new} (the host this operation is "
                                 "served on)")
        # A request whose host is not in its URL (a wrapper's base, `this.base + path`): the module's
        # one Adobe host literal that no URL claimed is that base when every such request agrees.
        if not self.hostless:
            return
        wants = {want for _, _, want in self.hostless}
        free = [n for n in walk(self.root) if n.type in ("string", "template_string")
                and not self._claimed(n.start_byte) and _ADOBE_HOST.match(literal(n, self.data) or "")]
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
        for note in conversion.diagnostics:
            self.report(holder, note.code, note.severity, note.message + (f" [{note.pointer}]" if note.pointer else ""),
                        todo=todo)
        span = (holder.start_byte, holder.end_byte)
        if span in self.edited_bodies:
            return
        self.edited_bodies.add(span)
        self.claimed.append(span)
        text = bodies.render(conversion.body, bodies.style_of(holder, self.data))
        self.edit(holder, holder.start_byte, holder.end_byte, text, "PS902",
                  f"v1 {conversion.endpoint.v1} → {conversion.family.v2} body")

    def _body_object(self, node, depth: int = 0):
        node = unwrap(node)
        if node is None or depth > 4:
            return None
        if node.type == "identifier":
            return self._body_object(self.module.value_of(text_of(node, self.data)), depth + 1)
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            arguments = node.child_by_field_name("arguments")
            if function is not None and text_of(function, self.data) == "JSON.stringify" and arguments is not None \
                    and arguments.named_children:
                return self._body_object(arguments.named_children[0], depth + 1)
            return None
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

        flow = Flow(self.module, by_key, made)
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
        for node in walk(self.root):
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
        if not any(imported.module in sdk.PACKAGES for imported in self.module.imports.values()):
            return
        for node in walk(self.root):
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
            else:
                self.find(prop, "PS913", f"`{method}` calls v1 {v1}; call POST https://{host}{v2} instead "
                          f"(`psmigrate explain PS913` shows an example)" if v2 != "/v2/status" else
                          f"`{method}` polls v1 {v1}; poll the v2 job's `statusUrl` (GET https://{host}/v2/status/"
                          "{jobId}) and wait for its job-level `status`")

    # -- findings kept in the file ------------------------------------------------------------------
    def _left_todos(self) -> None:
        for node in walk(self.root):
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
        for node in walk(self.root):
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

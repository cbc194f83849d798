"""Plan the byte-range edits of one shell region (a script, or one fenced block) and its findings.

Each curl command to an Adobe host is read through the shared machinery: its URL (literal pieces
and the literal assignments of the variables it uses) by ``codemod.urls.read``, which moves the
path and names the host the operation needs from ``rules/``; its JSON body through
``convert.convert`` (``sends.py``). jq filters reading its response go through ``jq.py``
(``reads.py``). Whatever cannot be done safely is a finding at its line; the region's other
bytes are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.codemod import urls
from migrator.diagnostics import Diagnostic, Severity
from migrator.shell.curl import Curl, assignments, is_curl, is_named, read_curl
from migrator.shell.findings import SHELL_FINDINGS, finding
from migrator.shell.parse import parse
from migrator.shell.reads import STATUS_URL, Reads
from migrator.shell.reads import key as _key
from migrator.shell.sends import Sends
from migrator.shell.words import Piece, text_of
from migrator.textkinds import Edit, Plan
from migrator.treesitter import first_error, nodes, noqa_comments, unclaimed

# A v1 path naming an endpoint, or a v1 base URL (host and service prefix) that one is added to.
_V1_MENTION = re.compile(r"https?://image[\w-]*\.adobe\.io/(?:pie/psdService|lrService|sensei)(?!\w)(?:/[A-Za-z]\w*)?"
                         r"|/(?:pie/psdService|lrService|sensei)/[A-Za-z]\w*")
_NOQA = re.compile(r"#\s*(?:psmigrate:\s*)?noqa(?::\s*(?P<codes>PS\d{3}(?:[\s,]+PS\d{3})*))?", re.IGNORECASE)
MAX_DEPTH = 8  # variables naming variables


@dataclass
class Region:
    """Shell text to read: ``data`` (prompts or Windows carets already masked, same length as the
    file's bytes it stands for), where it starts in the file, and how it is written."""

    data: bytes
    offset: int = 0
    first_line: int = 1
    newline: str = "\n"
    cmd: bool = False
    silenced: frozenset[str] | None = frozenset()  # a Markdown block's noqa: None silences all
    console: bool = False  # a transcript: a comment line there would read as the command's output


class Planner(Reads, Sends):
    """One region's plan: positions, silencing and the run here; what a request sends
    (``sends.Sends``) and what reads its response (``reads.Reads``) beside it."""

    def __init__(self, region: Region, disabled: frozenset[str] = frozenset(), add_todos: bool = False,
                 base: str | None = None):
        self.region = region
        self.base = base  # the script's directory: where a `-d @file` body is looked for
        self.comments = not region.cmd and not region.console  # cmd has no `#` comments
        self.add_todos = add_todos and self.comments
        self.todos: dict[int, list[str]] = {}  # statement start → its TODO lines
        self.data = region.data
        self.disabled = disabled
        self.plan = Plan()
        self.tree = parse(region.data)
        self.root = self.tree.root_node
        self.vars = assignments(self.root, self.data)
        # noqa comments by row, and the rows where one stands on a line of its own
        self.noqa, self.standalone = noqa_comments(self.root, self.data, _NOQA)
        self.claimed: list[tuple[int, int]] = []
        self.host_edits: dict[tuple[int, int], list[tuple[str, Edit, object]]] = {}
        self.kinds: dict[str, str] = {}  # variable → what it holds: a response (of a kind), a status URL
        self.saved: dict[str, str | None] = {}  # file a curl writes its response to → the response's kind

    # -- positions and silencing ------------------------------------------------------------------
    def line_of(self, byte: int) -> int:
        return self.data.count(b"\n", 0, byte) + self.region.first_line

    def col_of(self, byte: int) -> int:
        return byte - (self.data.rfind(b"\n", 0, byte) + 1) + 1

    def silenced(self, code: str, node) -> bool:
        if code in self.disabled:
            return True
        block = self.region.silenced
        if block is None or code in block:
            return True
        statement = _statement(node)
        first = statement.start_point[0]
        rows = [first - 1] if first - 1 in self.standalone else []  # a comment line of its own above it
        rows += range(first, statement.end_point[0] + 1)
        return any(row in self.noqa and (self.noqa[row] is None or code in self.noqa[row]) for row in rows)

    def report(self, node, code: str, severity: Severity, message: str, at: int | None = None,
               fix: str | None = None, persist: bool = False) -> None:
        """A finding; ``persist``: one no later run could make again, also written into the
        script as a TODO comment above its command (``codemod/todos.py``)."""
        if self.silenced(code, node):
            return
        byte = node.start_byte if at is None else at
        self.plan.diagnostics.append(Diagnostic(code, message, severity, line=self.line_of(byte),
                                                col=self.col_of(byte), fix=fix))
        if persist and self.comments or self.add_todos and severity is not Severity.INFO:
            from migrator.redact import redact

            self.todos.setdefault(_statement(node).start_byte, []).append(redact(f"{code} {' '.join(message.split())}"))

    def find(self, node, code: str, detail: str = "", at: int | None = None) -> None:
        code, severity, message = finding(code, detail)
        self.report(node, code, severity, message, at)

    def edit(self, node, start: int, end: int, new: str, code: str, message: str) -> None:
        if self.silenced(code, node):
            return
        if self.data[start:end].decode("utf-8", errors="replace") == new:
            return
        line = self.line_of(start)
        self.plan.edits.append(Edit(start, end, new, code, line))
        entry = SHELL_FINDINGS[code]
        self.plan.diagnostics.append(Diagnostic(code, f"{entry.summary}: {message}", entry.severity,
                                                line=line, col=self.col_of(start), fix=message))

    # -- the run ----------------------------------------------------------------------------------
    def run(self) -> Plan:
        error = first_error(self.root)
        if error is not None and b"adobe.io" in self.data:
            self.find(error, "PS811", f"near line {self.line_of(error.start_byte)}; psmigrate changes nothing "
                      "in a command it cannot read", at=error.start_byte)
        curls = [n for n in nodes(self.root, "command") if is_curl(n, self.data) and not n.has_error]
        read = {_key(n): read_curl(n, self.data) for n in curls}
        for _ in range(3):  # status-URL variables come from a first reading of the submissions
            self._learn_saved(curls, read)
            self._learn_variables(curls, read)
        for node in curls:
            self._curl(read[_key(node)])
        self._resolve_hosts()
        for node in nodes(self.root, "command"):
            if is_named(node, self.data, "jq") and not node.has_error:
                self._jq(node)
        self._leftovers()
        self._left_todos()
        self._write_todos()
        return self.plan

    def _left_todos(self) -> None:
        """Report each TODO an earlier run left above a command, unless its finding is made again."""
        from migrator import codes
        from migrator.codemod.todos import parse_todo

        if b"TODO(psmigrate)" not in self.data:
            return
        for node in nodes(self.root, "comment"):
            todo = parse_todo(text_of(node, self.data))
            statement = node.next_named_sibling if todo else None
            while statement is not None and statement.type == "comment":
                statement = statement.next_named_sibling
            if statement is None:
                continue
            code, message = todo
            first, last = self.line_of(statement.start_byte), self.line_of(statement.end_byte)
            if any(d.code == code and first <= (d.line or 0) <= last for d in self.plan.diagnostics):
                continue
            severity = Severity(codes.get(code).severity) if code in codes.index() else Severity.WARNING
            self.report(statement, code, severity, f"{message} (a TODO psmigrate left: remove the comment once the "
                        "command is changed)")

    def _write_todos(self) -> None:
        """``# TODO(psmigrate): CODE message`` lines above each statement with a finding, once: a
        statement with such a line above it already gets none."""
        for start, todos in self.todos.items():
            line_start = self.data.rfind(b"\n", 0, start) + 1
            above = self.data[self.data.rfind(b"\n", 0, max(line_start - 1, 0)) + 1:line_start].strip()
            if above.startswith(b"# TODO(psmigrate):"):
                continue
            indent = self.data[line_start:start].decode("utf-8", "replace")
            indent = indent[:len(indent) - len(indent.lstrip())]
            text = "".join(f"{indent}# TODO(psmigrate): {todo}{self.region.newline}" for todo in dict.fromkeys(todos))
            self.plan.edits.append(Edit(line_start, line_start, text, "TODO", self.line_of(line_start)))

    # -- URLs -------------------------------------------------------------------------------------
    def expand(self, found: list[Piece], depth: int = 0) -> list[Piece | None]:
        """Pieces with plain variables replaced by their one literal assignment; None: unknown."""
        out: list[Piece | None] = []
        for piece in found:
            if not piece.splice:
                out.append(piece)
                continue
            assigned = self.vars.get(piece.variable) if piece.variable else None
            if assigned is None or depth >= MAX_DEPTH:
                out.append(None)
                continue
            self.claimed.append((assigned.node.start_byte, assigned.node.end_byte))
            out.extend(self.expand(assigned.pieces, depth + 1))
        return out

    def reading(self, found: list[Piece]):
        expanded = self.expand(found)
        parts = [urls.Part(None) if p is None else urls.Part(p.text, p) for p in expanded]
        return urls.read(parts)

    def _curl(self, call: Curl) -> None:
        node = call.node
        adobe = None
        readings = [(self.reading(found), word) for found, word in call.urls]  # curl takes several URLs
        if self._kept_v1(call, [(r, word) for r, word in readings if r is not None]):
            self.claimed.append((node.start_byte, node.end_byte))
            return
        for reading, word in readings:  # the body goes to each
            if reading is None:
                continue
            adobe = adobe or reading
            self.claimed.append((node.start_byte, node.end_byte))
            self._url(call, reading, word)
        if adobe is None:
            if len(call.urls) == 1 and len(call.urls[0][0]) == 1 and call.urls[0][0][0].splice \
                    and self.kinds.get(call.urls[0][0][0].variable) == STATUS_URL:
                self.claimed.append((node.start_byte, node.end_byte))
            return
        if adobe.kind in ("endpoint", "v2") and call.data and "/v2/status" not in adobe.text:
            self._body(call, adobe)

    def _kept_v1(self, call: Curl, readings: list) -> bool:
        """A v1 command whose URL (PS801) or body (PS802) a noqa keeps stays v1 whole: a v2 body
        sent to a v1 URL fails, and so does a v1 body sent to a v2 one. What the noqa does not
        name is still reported, without a fix, on every run."""
        v1 = [(r, word) for r, word in readings if r.kind == "endpoint" and r.edits]
        if not v1 or not call.data:
            return False
        node = call.node
        url_kept, body_kept = self.silenced("PS801", node), self.silenced("PS802", node)
        if not (url_kept or body_kept):
            return False
        if not body_kept:
            self.report(node, "PS802", Severity.WARNING, f"v1 curl body for {v1[0][0].target.v1}, left as it is: a noqa "
                        "keeps the command's v1 URL; a v2 body would fail there", at=call.data[0].node.start_byte)
        elif not url_kept:
            self.report(node, "PS801", Severity.WARNING, f"v1 URL {v1[0][0].target.v1}, left as it is: a noqa keeps "
                        "the command's v1 body; a v1 body would fail on v2", at=v1[0][1].start_byte)
        return True

    def _url(self, call: Curl, reading, word) -> None:
        node = call.node
        kind = reading.kind
        if kind in ("dynamic", "split"):
            self.find(word, "PS804", f"`{text_of(word, self.data)}`")
            return
        if kind == "unknown":
            self.find(word, "PS806", f"`{reading.text}`")
            return
        if kind in ("endpoint", "status") and reading.target is not None and reading.target.v2 is None:
            self.find(word, "PS805", f"{reading.target.v1}: {reading.target.why_not or 'see the migration guide'}")
            return
        if kind not in ("endpoint", "status", "v2"):
            return
        for change in reading.edits:
            piece: Piece = change.node
            self._piece_edit(node, piece, change.old, change.new, "PS801",
                             f"{change.old} → {change.new}")
        if reading.host is not None and reading.want not in (None, urls.ANY_HOST):
            new_host = urls.host_url(reading.want, reading.host.old)
            piece = reading.host.node  # every call's need is kept: one host piece may serve several
            self.host_edits.setdefault((piece.start, piece.end), []).append((new_host, (piece, reading.host.old), node))

    def _piece_edit(self, node, piece: Piece, old: str, new: str, code: str, message: str) -> bool:
        position = piece.text.find(old) if piece.editable else -1
        if position < 0:
            self.find(node, "PS804", f"`{piece.source}` is escaped or quoted in a way psmigrate does not rewrite")
            return False
        start = piece.start + len(piece.text[:position].encode())
        self.edit(node, start, start + len(old.encode()), new, code, message)
        return True

    def _resolve_hosts(self) -> None:
        for wanted in self.host_edits.values():
            hosts = {new for new, _, _ in wanted}
            if len(hosts) > 1:
                for _, _, node in wanted:
                    self.find(node, "PS812", f"its requests need {' and '.join(sorted(hosts))}; give each its own "
                              "host variable")
                continue
            new, (piece, old), node = wanted[0]
            if new == old:
                continue
            self._piece_edit(node, piece, old, new, "PS801", f"host {old} → {new} (the host this operation "
                             "is served on)")

    # -- what is left ---------------------------------------------------------------------------------
    def _leftovers(self) -> None:
        claimed = self.claimed + [(e.start, e.end) for e in self.plan.edits]
        for node, start, mention in unclaimed(self.root, self.data, _V1_MENTION, claimed):
            if not self._in_message(node):  # `echo "v1 was /pie/psdService/..."`: words for a person
                self.find(node, "PS813", f"`{mention}`", at=start)

    def _in_message(self, node) -> bool:
        while node is not None:
            if node.type == "command":
                return any(is_named(node, self.data, name) for name in ("echo", "printf"))
            node = node.parent
        return False


def _statement(node):
    """The whole command a node belongs to (the pipeline or list around it), for noqa lines."""
    while node.parent is not None and node.parent.type not in ("program", "compound_statement", "do_group",
                                                               "if_statement", "else_clause", "function_definition"):
        node = node.parent
    return node

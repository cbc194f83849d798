"""Plan the byte-range edits of one shell region (a script, or one fenced block) and its findings.

Each curl command to an Adobe host is read through the shared machinery: its URL (literal pieces
and the literal assignments of the variables it uses) by ``codemod.urls.read``, which moves the
path and names the host the operation needs from ``rules/``; its JSON body through
``convert.convert``. jq filters reading its response go through ``jq.py``. Whatever cannot be
done safely is a finding at its line; the region's other bytes are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from migrator.codemod import urls
from migrator.diagnostics import Diagnostic, MigrationError, Severity
from migrator.shell import body as bodies
from migrator.shell import jq
from migrator.shell.curl import Curl, assignments, is_curl, is_named, read_curl
from migrator.shell.findings import SHELL_FINDINGS
from migrator.shell.parse import first_error, parse, walk
from migrator.shell.words import Piece, text_of

SUBMIT, STATUS, STATUS_URL, FOREIGN = "submit_json", "status_json", "status_url", "foreign"
_V1_MENTION = re.compile(r"(?:https?://image[\w-]*\.adobe\.io)?/(?:pie/psdService|lrService|sensei)/[A-Za-z]\w*")
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


@dataclass
class Edit:
    start: int
    end: int
    new: str
    code: str
    line: int


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _finding(code: str, detail: str = "") -> tuple[str, Severity, str]:
    entry = SHELL_FINDINGS[code]
    return code, entry.severity, entry.summary + (f": {detail}" if detail else "")


class Planner:
    def __init__(self, region: Region, disabled: frozenset[str] = frozenset(), add_todos: bool = False,
                 base: str | None = None):
        self.region = region
        self.base = base  # the script's directory: where a `-d @file` body is looked for
        self.add_todos = add_todos and not region.cmd  # cmd has no `#` comments
        self.todos: dict[int, list[str]] = {}  # statement start → its TODO lines
        self.data = region.data
        self.disabled = disabled
        self.plan = Plan()
        self.tree = parse(region.data)
        self.root = self.tree.root_node
        self.vars = assignments(self.root, self.data)
        self.standalone: set[int] = set()  # rows whose noqa comment stands on a line of its own
        self.noqa = self._noqa()
        self.claimed: list[tuple[int, int]] = []
        self.host_edits: dict[tuple[int, int], list[tuple[str, Edit, object]]] = {}
        self.kinds: dict[str, str] = {}  # variable → what it holds: a response (of a kind), a status URL
        self.saved: dict[str, str | None] = {}  # file a curl writes its response to → the response's kind

    # -- positions and silencing ------------------------------------------------------------------
    def line_of(self, byte: int) -> int:
        return self.data.count(b"\n", 0, byte) + self.region.first_line

    def col_of(self, byte: int) -> int:
        return byte - (self.data.rfind(b"\n", 0, byte) + 1) + 1

    def _noqa(self) -> dict[int, frozenset[str] | None]:
        found: dict[int, frozenset[str] | None] = {}
        for node in walk(self.root):
            if node.type == "comment":
                match = _NOQA.search(text_of(node, self.data))
                if match:
                    codes = match["codes"]
                    row = node.start_point[0]
                    found[row] = None if codes is None else frozenset(re.findall(r"PS\d{3}", codes.upper()))
                    line_start = self.data.rfind(b"\n", 0, node.start_byte) + 1
                    if not self.data[line_start:node.start_byte].strip():
                        self.standalone.add(row)
        return found

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
               fix: str | None = None) -> None:
        if self.silenced(code, node):
            return
        byte = node.start_byte if at is None else at
        self.plan.diagnostics.append(Diagnostic(code, message, severity, line=self.line_of(byte),
                                                col=self.col_of(byte), fix=fix))
        if self.add_todos and severity is not Severity.INFO:
            from migrator.redact import redact

            self.todos.setdefault(_statement(node).start_byte, []).append(redact(f"{code} {' '.join(message.split())}"))

    def find(self, node, code: str, detail: str = "", at: int | None = None) -> None:
        code, severity, message = _finding(code, detail)
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
        curls = [n for n in walk(self.root) if is_curl(n, self.data) and not n.has_error]
        read = {_key(n): read_curl(n, self.data) for n in curls}
        for _ in range(3):  # status-URL variables come from a first reading of the submissions
            self._learn_saved(curls, read)
            self._learn_variables(curls, read)
        for node in curls:
            self._curl(read[_key(node)])
        self._resolve_hosts()
        for node in walk(self.root):
            if node.type == "command" and is_named(node, self.data, "jq") and not node.has_error:
                self._jq(node)
        self._leftovers()
        self._write_todos()
        return self.plan

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

    def _kind_of(self, call: Curl) -> str | None:
        for found, _ in call.urls:
            if len(found) == 1 and found[0].splice and found[0].variable in self.kinds \
                    and self.kinds[found[0].variable] == STATUS_URL:
                return STATUS
            reading = self.reading(found)
            if reading is None:
                text = "".join("\x00" if p.splice else p.text for p in found)
                host = text.split("://", 1)[1].split("/", 1)[0] if "://" in text else ""
                if host and "\x00" not in host and not host.endswith("adobe.io"):
                    return FOREIGN
                continue
            if reading.kind == "status" or reading.kind == "v2" and "/v2/status" in reading.text:
                return STATUS
            if reading.kind in ("endpoint", "v2"):
                return SUBMIT
        return None

    def _learn_saved(self, curls, read) -> None:
        """``curl -o response.json ...``, read later by ``jq ... response.json``."""
        kinds: dict[str, set] = {}
        for node in curls:
            call = read[_key(node)]
            if call.output and call.output != "-":
                kinds.setdefault(call.output, set()).add(self._kind_of(call))
        self.saved = {name: next(iter(found)) if len(found) == 1 else None for name, found in kinds.items()}

    def _learn_variables(self, curls, read) -> None:
        for name, assigned in self.vars.items():
            if assigned is None or len(assigned.pieces) != 1 or not assigned.pieces[0].splice:
                continue
            node = assigned.node
            inner = [n for n in walk(node) if n.type == "command"]
            if not inner or node.type not in ("command_substitution", "string"):
                continue
            calls = [n for n in inner if _key(n) in read]
            jqs = [n for n in inner if is_named(n, self.data, "jq")]
            if len(calls) == 1:
                kind = self._kind_of(read[_key(calls[0])])
            elif not calls and len(jqs) == 1 and len(jq.input_files(jqs[0], self.data)) == 1:
                kind = self.saved.get(jq.input_files(jqs[0], self.data)[0])
            else:
                continue
            if not jqs:
                if kind is not None:
                    self.kinds[name] = kind
                continue
            word = jq.filter_word(jqs[-1], self.data)
            text = None if word is None else "".join(p.text or "" for p in jq.filter_pieces(word, self.data))
            if text is not None and kind == SUBMIT and text.strip() in ("._links.self.href", ".statusUrl"):
                self.kinds[name] = STATUS_URL

    def _curl(self, call: Curl) -> None:
        node = call.node
        adobe = None
        for found, word in call.urls:  # curl takes several URLs; the body goes to each
            reading = self.reading(found)
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

    # -- bodies -----------------------------------------------------------------------------------
    def _body(self, call: Curl, reading) -> None:
        from migrator.convert import convert

        node = call.node
        if len(call.data) > 1:
            self.find(call.data[1].node, "PS807", "several data options: curl joins them with `&`, which is not JSON")
            return
        arg = call.data[0]
        if arg.from_file is not None:
            problem = self._body_file(arg.from_file, reading)
            if problem is not None:
                self.find(arg.node, "PS808", problem)
            return
        found, holder = arg.pieces, arg.node
        if len(found) == 1 and found[0].splice:
            assigned = self.vars.get(found[0].variable) if found[0].variable else None
            if assigned is None or all(p.splice for p in assigned.pieces):
                self.find(arg.node, "PS808", f"`{found[0].source}` is set where psmigrate cannot read it "
                          "(another file, a computed value, or more than one assignment)")
                return
            found, holder = assigned.pieces, assigned.node
            self.claimed.append((holder.start_byte, holder.end_byte))
        try:
            tree, splices = bodies.read(found)
        except bodies.BodyError as exc:
            self.report(node, "PS807", Severity.ERROR, f"{SHELL_FINDINGS['PS807'].summary}: {exc}",
                        at=holder.start_byte if exc.at is None else exc.at)
            return
        endpoint = reading.target.v1 if reading.kind == "endpoint" and reading.target else None
        try:
            conversion = convert(tree, endpoint)
        except MigrationError as exc:
            if reading.kind == "v2" and exc.code in ("PS005", "PS006"):
                self._v2_body(node, holder, tree, reading)
                return
            self.report(node, exc.code, Severity.ERROR, f"curl body not converted: {exc.message}"
                        + (f" [{exc.pointer}]" if exc.pointer else ""), at=holder.start_byte)
            return
        if conversion.already_v2:
            return
        family = urls.v2_family(reading.text) if reading.kind == "v2" else None
        if family is not None and family.v2 != conversion.family.v2:  # the body is another operation's
            self.find(node, "PS809", f"{family.v2}: the body is a v1 {conversion.endpoint.v1} body, for "
                      f"{conversion.family.v2}", at=holder.start_byte)
            return
        for note in conversion.diagnostics:
            self.report(node, note.code, note.severity, note.message + (f" [{note.pointer}]" if note.pointer else ""),
                        at=holder.start_byte)
        style = bodies.style_of(found, self.region.newline, self.region.cmd)
        try:
            text = bodies.render(conversion.body, splices, style)
        except bodies.NeedsJsonText as exc:
            self.find(node, "PS808", str(exc), at=holder.start_byte)
            return
        start, end = holder.start_byte, holder.end_byte
        self.edit(node, start, end, text, "PS802", f"v1 {conversion.endpoint.v1} → {conversion.family.v2} body")

    def _body_file(self, name: str, reading) -> str | None:
        """What is wrong with the body file a curl sends, looked for beside the script; None when
        it is there and already v2 (curl reads it relative to where it runs: beside the script is
        the usual place, so a file found elsewhere, or not at all, stays reported)."""
        from pathlib import Path

        from migrator.convert import convert
        from migrator.diagnostics import InputError
        from migrator.source import SourceText

        advice = f"read from `{name}`: convert that file with `psmigrate convert --in-place {name}`"
        if self.base is None or "$" in name or name.startswith(("~", "-")):
            return advice
        path = Path(self.base) / name
        if not path.is_file():
            return advice + " (not found beside the script)"
        try:
            conversion = convert(SourceText.read(str(path)).parse(),
                                 reading.target.v1 if reading.kind == "endpoint" and reading.target else None,
                                 validate=False)
        except (InputError, MigrationError) as exc:
            return f"read from `{name}`, which psmigrate cannot convert: {exc.code} {exc.message}"
        except OSError as exc:
            return f"{advice} ({exc})"
        return None if conversion.already_v2 else f"`{name}` holds a v1 body: convert it with " \
                                                   f"`psmigrate convert --in-place {name}`"

    def _v2_body(self, node, holder, tree, reading) -> None:
        from migrator.convert import schema_problems

        family = urls.v2_family(reading.text)
        if family is None or family.schema_ is None:
            return
        problems = schema_problems(family.schema_, tree)
        if problems:
            pointer, sentence = problems[0]
            self.find(node, "PS809", f"{family.v2}: {sentence}" + (f" [{pointer}]" if pointer else ""),
                      at=holder.start_byte)

    # -- jq ---------------------------------------------------------------------------------------
    def _jq(self, command) -> None:
        word = jq.filter_word(command, self.data)
        if word is None:
            return
        kind = self._input_of(command)
        found = jq.filter_pieces(word, self.data)
        if any(p.splice for p in found):
            return
        text = "".join(p.text for p in found)
        for change in jq.changes(text, kind):
            waits = change.waits and _in_loop_condition(command)
            if change.code == "PS803" and len(found) == 1 and found[0].editable:
                piece = found[0]
                start = piece.start + len(text[:change.chain.start].encode())
                end = piece.start + len(text[:change.chain.end].encode())
                self.edit(command, start, end, change.new, "PS803", f"{text[change.chain.start:change.chain.end]} "
                          f"→ {change.new} ({change.message})")
                continue
            code, severity, message = _finding("PS810", f"`{text[change.chain.start:change.chain.end]}`: "
                                               f"{change.message}")
            self.report(command, code, Severity.ERROR if waits else severity, message,
                        at=word.start_byte)

    def _input_of(self, command) -> str | None:
        """Which response a jq command reads: the curl before it in a pipeline, or a variable
        holding one (``echo "$resp" | jq``, ``jq ... <<< "$resp"``)."""
        parent = command.parent
        if parent is not None and parent.type == "redirected_statement":
            for child in parent.children:
                if child.type == "herestring_redirect":
                    return self._variable_kind(child)
            parent = parent.parent
        if parent is not None and parent.type == "pipeline":
            members = [c for c in parent.children if c.is_named]
            position = next((i for i, c in enumerate(members) if _contains(c, command)), 0)
            if position > 0:
                before = members[position - 1]
                if before.type == "redirected_statement":
                    before = before.children[0]
                if is_curl(before, self.data):
                    return self._kind_of(read_curl(before, self.data))
                if before.type == "command" and (is_named(before, self.data, "echo")
                                                 or is_named(before, self.data, "printf")):
                    return self._variable_kind(before)
                return None
        files = jq.input_files(command, self.data)
        if len(files) == 1 and files[0] in self.saved:
            return self.saved[files[0]]
        return None

    def _variable_kind(self, node) -> str | None:
        for child in walk(node):
            if child.type in ("simple_expansion", "expansion"):
                names = [c for c in child.children if c.type == "variable_name"]
                if names:
                    kind = self.kinds.get(text_of(names[0], self.data))
                    return None if kind == STATUS_URL else kind
        return None

    # -- what is left ---------------------------------------------------------------------------------
    def _leftovers(self) -> None:
        text = self.data.decode("utf-8", errors="replace")
        comments = [(n.start_byte, n.end_byte) for n in walk(self.root) if n.type == "comment"]
        covered = self.claimed + comments + [(e.start, e.end) for e in self.plan.edits]
        for match in _V1_MENTION.finditer(text):
            start = len(text[:match.start()].encode())
            if any(lo <= start < hi for lo, hi in covered):
                continue
            node = self.root.descendant_for_byte_range(start, start)
            if self._in_message(node):
                continue  # `echo "v1 was /pie/psdService/..."`: words for a person, not a request
            self.find(node, "PS813", f"`{match[0]}`", at=start)

    def _in_message(self, node) -> bool:
        while node is not None:
            if node.type == "command":
                return any(is_named(node, self.data, name) for name in ("echo", "printf", "cat", ":"))
            node = node.parent
        return False


def _key(node) -> tuple[int, int, str]:
    """A node's identity: tree-sitter hands out a new Python object at every visit."""
    return node.start_byte, node.end_byte, node.type


def _statement(node):
    """The whole command a node belongs to (the pipeline or list around it), for noqa lines."""
    while node.parent is not None and node.parent.type not in ("program", "compound_statement", "do_group",
                                                               "if_statement", "else_clause", "function_definition"):
        node = node.parent
    return node


def _contains(outer, inner) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _in_loop_condition(node) -> bool:
    child = node
    while child.parent is not None:
        parent = child.parent
        if parent.type in ("while_statement", "until_statement"):
            body = parent.child_by_field_name("body")
            return body is None or not _contains(body, node)
        child = parent
    return False

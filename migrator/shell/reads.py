"""What reads a response, for the planner: which response a curl answers (a submission, a status
poll, another API's), the variables and files that hold one or a status URL, and the jq filters
reading them (``jq.py``), rewritten or reported."""

from __future__ import annotations

import re

from migrator.diagnostics import Severity
from migrator.shell import jq
from migrator.shell.curl import Curl, is_curl, is_named, read_curl
from migrator.shell.findings import finding
from migrator.shell.words import text_of
from migrator.treesitter import walk

SUBMIT, STATUS, STATUS_URL, FOREIGN = "submit_json", "status_json", "status_url", "foreign"
# the status link of a submission, maybe with a default for its absence (`._links.self.href // empty`)
_STATUS_LINK = re.compile(r"""(?:\._links\.self\.href|\.statusUrl)(?:\s*//\s*(?:empty|null|""|''))?""")


class Reads:
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
            call = read[key(node)]
            if call.output and call.output != "-":
                kinds.setdefault(call.output, set()).add(self._kind_of(call))
        self.saved = {name: next(iter(found)) if len(found) == 1 else None for name, found in kinds.items()}

    def _learn_variables(self, curls, read) -> None:
        # a variable may be learnt from one assigned later in the text (a function defined above
        # its caller): read them again until nothing more is learnt
        while True:
            known = dict(self.kinds)
            self._learn_variables_once(read)
            if self.kinds == known:
                return

    def _learn_variables_once(self, read) -> None:
        for name, assigned in self.vars.items():
            if assigned is None or len(assigned.pieces) != 1 or not assigned.pieces[0].splice:
                continue
            node = assigned.node
            inner = [n for n in walk(node) if n.type == "command"]
            if not inner or node.type not in ("command_substitution", "string"):
                continue
            calls = [n for n in inner if key(n) in read]
            jqs = [n for n in inner if is_named(n, self.data, "jq")]
            if len(calls) == 1:
                kind = self._kind_of(read[key(calls[0])])
            elif not calls and len(jqs) == 1:
                files = jq.input_files(jqs[0], self.data)
                if len(files) > 1:
                    continue
                # `jq ... response.json`, or `echo "$response" | jq ...` / `jq ... <<< "$response"`
                kind = self.saved.get(files[0]) if files else self._input_of(jqs[0])
            else:
                continue
            if not jqs:
                if kind is not None:
                    self.kinds[name] = kind
                continue
            word = jq.filter_word(jqs[-1], self.data)
            text = None if word is None else "".join(p.text or "" for p in jq.filter_pieces(word, self.data))
            if text is not None and kind == SUBMIT and _STATUS_LINK.fullmatch(text.strip()):
                self.kinds[name] = STATUS_URL

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
            code, severity, message = finding("PS810", f"`{text[change.chain.start:change.chain.end]}`: "
                                               f"{change.message}")
            self.report(command, code, Severity.ERROR if waits else severity, message,
                        at=word.start_byte)

    def _input_of(self, command) -> str | None:
        """Which response a jq command reads: the curl before it in a pipeline, or a variable
        holding one (``echo "$resp" | jq``, ``jq ... <<< "$resp"``)."""
        for child in command.children:  # `jq ... <<< "$resp"`
            if child.type == "herestring_redirect":
                return self._variable_kind(child)
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


def key(node) -> tuple[int, int, str]:
    """A node's identity: tree-sitter hands out a new Python object at every visit."""
    return node.start_byte, node.end_byte, node.type


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

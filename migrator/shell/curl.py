"""curl commands in a parsed shell region, and the literal variable assignments they may use.

curl's own option syntax is read here: short options bundle (``-sSX POST``, ``-XPOST``), a short
option taking a value takes the rest of its word or the next word, long options take the next
word. Only the options that matter for a migration are kept; the others are skipped with their
values, so a value is never mistaken for the URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from migrator.shell.words import Piece, heredoc_pieces, literal, pieces, text_of
from migrator.treesitter import nodes

# Short options that take a value (curl --help all); every other letter is a flag.
_SHORT_VALUE = set("AbcCdDeEFHKmoPQrTtuUwxXYyz")
_LONG_VALUE = {
    "--abstract-unix-socket", "--alt-svc", "--aws-sigv4", "--cacert", "--capath", "--cert", "--cert-type",
    "--ciphers", "--config", "--connect-timeout", "--connect-to", "--continue-at", "--cookie", "--cookie-jar",
    "--create-file-mode", "--curves", "--data", "--data-ascii", "--data-binary", "--data-raw", "--data-urlencode",
    "--delegation", "--dns-servers", "--doh-url", "--dump-header", "--engine", "--etag-compare", "--etag-save",
    "--expect100-timeout", "--form", "--form-string", "--ftp-account", "--ftp-port", "--header", "--hostpubmd5",
    "--interface", "--json", "--keepalive-time", "--key", "--key-type", "--krb", "--limit-rate", "--local-port",
    "--max-filesize", "--max-redirs", "--max-time", "--netrc-file", "--noproxy", "--oauth2-bearer", "--output",
    "--output-dir", "--pass", "--pinnedpubkey", "--proto", "--proto-default", "--proxy", "--proxy-header",
    "--proxy-user", "--quote", "--random-file", "--range", "--referer", "--request", "--request-target",
    "--resolve", "--retry", "--retry-delay", "--retry-max-time", "--speed-limit", "--speed-time", "--stderr",
    "--time-cond", "--tls-max", "--trace", "--trace-ascii", "--unix-socket", "--upload-file", "--url",
    "--url-query", "--user", "--user-agent", "--variable", "--write-out", "--expand-data", "--expand-url",
}
_DATA = {"-d": "data", "--data": "data", "--data-ascii": "data", "--data-binary": "binary", "--data-raw": "raw",
         "--json": "json"}


@dataclass
class DataArg:
    """A request body argument: its pieces (a heredoc's when it reads ``@-``), the node holding
    them, and how curl reads it (``raw`` never reads ``@file``)."""

    option: str
    pieces: list[Piece]
    node: object
    from_file: str | None = None  # `@path`: the body is in a file


@dataclass
class Curl:
    node: object  # the command node
    urls: list[tuple[list[Piece], object]] = field(default_factory=list)
    method: str | None = None
    headers: list[str] = field(default_factory=list)
    data: list[DataArg] = field(default_factory=list)
    output: str | None = None  # `-o FILE`: where the response body goes

    @property
    def verb(self) -> str:
        return (self.method or ("POST" if self.data else "GET")).upper()


def is_curl(node, data: bytes) -> bool:
    if node.type != "command":
        return False
    name = node.child_by_field_name("name")
    return name is not None and text_of(name, data).rsplit("/", 1)[-1] in ("curl", "curl.exe")


def read_curl(node, data: bytes) -> Curl:
    found = Curl(node)
    words = [c for c in node.children if c.type not in ("command_name", "comment") and c.is_named
             and c.type not in ("variable_assignment", "file_redirect", "herestring_redirect")]
    index = 0

    def value_after(current: int):
        return words[current + 1] if current + 1 < len(words) else None

    while index < len(words):
        word = words[index]
        text = literal(pieces(word, data))
        if text is None or not text.startswith("-") or text == "-":
            found.urls.append((pieces(word, data), word))
            index += 1
            continue
        if text.startswith("--"):
            value = value_after(index) if text in _LONG_VALUE else None
            _take(found, text, value, data, node)
            index += 2 if text in _LONG_VALUE else 1
            continue
        letters = text[1:]
        for position, letter in enumerate(letters):
            if letter in _SHORT_VALUE:
                rest = letters[position + 1:]
                if rest:
                    _take_text(found, "-" + letter, rest)
                    index += 1
                else:
                    _take(found, "-" + letter, value_after(index), data, node)
                    index += 2
                break
        else:
            index += 1
    return found


def _take_text(found: Curl, option: str, value: str) -> None:
    if option == "-X":
        found.method = value
    elif option == "-o":
        found.output = value
    elif option == "-H":
        found.headers.append(value)


def _take(found: Curl, option: str, value_node, data: bytes, command) -> None:
    if value_node is None:
        return
    value_pieces = pieces(value_node, data)
    if option in ("-X", "--request"):
        found.method = literal(value_pieces) or found.method
    elif option in ("-H", "--header"):
        found.headers.append(literal(value_pieces) or "")
    elif option in ("-o", "--output"):
        found.output = literal(value_pieces)
    elif option == "--url":
        found.urls.append((value_pieces, value_node))
    elif option in _DATA:
        kind = _DATA[option]
        text = literal(value_pieces)
        if kind != "raw" and text is not None and text.startswith("@"):
            if text == "@-":
                heredoc = heredoc_of(command, data)
                if heredoc is not None:
                    found.data.append(DataArg(option, heredoc[0], heredoc[1]))
                    return
            found.data.append(DataArg(option, value_pieces, value_node, from_file=text[1:]))
            return
        found.data.append(DataArg(option, value_pieces, value_node))


def heredoc_of(command, data: bytes):
    """The heredoc body feeding ``command`` (``curl ... -d @- <<'EOF'``), as pieces and node."""
    parent = command.parent
    if parent is None or parent.type != "redirected_statement":
        return None
    for child in parent.children:
        if child.type == "heredoc_redirect":
            start = next((c for c in child.children if c.type == "heredoc_start"), None)
            body = next((c for c in child.children if c.type == "heredoc_body"), None)
            if start is None or body is None:
                return None
            quoted = any(q in text_of(start, data) for q in "'\"\\")
            return heredoc_pieces(body, data, quoted), body
    return None


def cat_heredoc(node, data: bytes):
    """``$(cat <<'EOF' ... EOF)``, a body assigned from a heredoc: its pieces and node, or None."""
    if node.type == "string":
        inner = [c for c in node.children if c.is_named]
        node = inner[0] if len(inner) == 1 else node
    if node.type != "command_substitution":
        return None
    statements = [c for c in node.children if c.is_named]
    if len(statements) != 1 or statements[0].type != "redirected_statement":
        return None
    command = statements[0].child_by_field_name("body") or statements[0].children[0]
    if command.type != "command" or not is_named(command, data, "cat") or len(command.children) != 1:
        return None
    return heredoc_of(command, data)


@dataclass
class Assignment:
    name: str
    pieces: list[Piece]
    node: object  # the value node


def assignments(root, data: bytes) -> dict[str, Assignment | None]:
    """Each variable assigned in the region: its one assignment, or None when it is assigned more
    than once (or read by ``read``/``for``), so its value is not known."""
    found: dict[str, Assignment | None] = {}
    for node in nodes(root, "variable_assignment", "for_statement", "command"):
        if node.type == "variable_assignment":
            name_node = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if name_node is None:
                continue
            name = text_of(name_node, data)
            if value is None or name in found:
                found[name] = None
                continue
            found[name] = Assignment(name, pieces(value, data), value)
        elif node.type == "for_statement":
            variable = node.child_by_field_name("variable")
            if variable is not None:
                found[text_of(variable, data)] = None
        elif node.type == "command" and is_named(node, data, "read"):
            names = [text_of(c, data) for c in node.children[1:] if c.type == "word"]
            names = [n for n in names if not n.startswith("-") and n != "''"]
            heredoc = heredoc_of(node, data)
            for name in names:  # `read -r -d '' BODY <<'EOF'`: the heredoc is BODY's value
                single = heredoc is not None and len(names) == 1 and name not in found
                found[name] = Assignment(name, heredoc[0], heredoc[1]) if single else None
    return found


def is_named(node, data: bytes, name: str) -> bool:
    command_name = node.child_by_field_name("name")
    return command_name is not None and text_of(command_name, data) == name

"""Byte-level pre-check: can this file call Adobe's Photoshop API at all?

Decided with one compiled regular expression over the raw bytes, before any parse, so a whole
repository costs about as much as ``grep``. It may say yes too often (a comment naming the host),
never no wrongly: every URL the codemod rewrites contains the v1 host or one of the v1 path
prefixes as plain text in some file, and files importing a constant from such a file are added by
the runner (``imports_candidate``). Files naming the v2 host pass too: a migrated file can still
send a v1-shaped body (PS711) or read a v1 response field (PS707), and lint must keep seeing them
after ``--fix``.

URLs built from configuration (``f"{self.base_url}/smartObject"``, ``self._post("autoTone", ...)``)
hold neither: a file also passes when it names a distinctive v1 endpoint (a camelCase name such as
``smartObject``) as a path segment or a quoted string, or a v2 operation (``/v2/edit``,
``"execute-actions"``), which is what such a file holds after a migration. The names come from the
rule files, read as text (the rulebook itself loads only when a file turns out to need it).
"""

from __future__ import annotations

import re
from functools import cache

API_BYTES = re.compile(rb"image[\w-]*\.adobe\.io|photoshop-api\.adobe\.io|/pie/psdService|/lrService|/sensei/")
# ``may_call_api`` first looks for substrings every match contains ("adobe.io", "/pie/psdService",
# "/lrService", "/sensei/"): ``in`` runs at memchr speed, several times faster than the regular
# expression's scan, and most files contain none of them.


# A v1 status read on its own: a polling helper in a module of its own may name neither host nor
# path, and a loop left waiting on `outputs[N].status` never ends (the codemod reports only such
# distinctive reads in a file that does not name Adobe's API).
_STATUS_KEYS = (re.compile(rb"""["']outputs["']"""), re.compile(rb"""["']status["']"""))


# A request or response model written for v1, in a module of its own (PS731).
_MODEL = re.compile(rb"BaseModel|@dataclass|TypedDict|NamedTuple|@define|@attr")
_MODEL_V1 = re.compile(rb"""alias\s*=\s*["']_links["']|\bjobID\b|^[ \t]+storage\s*[:=]""", re.MULTILINE)


def may_call_api(data: bytes) -> bool:
    if (b"adobe.io" in data or b"/pie/psdService" in data or b"/lrService" in data or b"/sensei/" in data) \
            and API_BYTES.search(data) is not None:
        return True
    if names_pattern().search(data) is not None:
        return True
    if b"outputs" in data and b"status" in data and all(key.search(data) for key in _STATUS_KEYS):
        return True
    return (b"_links" in data or b"jobID" in data or b"storage" in data) and _MODEL_V1.search(data) is not None \
        and _MODEL.search(data) is not None


def distinctive(name: str) -> bool:
    """A v1 endpoint name unlikely in code that has nothing to do with Adobe: camelCase
    (``smartObject``, ``autoTone``), not a plain word (``text``, ``edit``, ``mask``)."""
    return len(name) >= 6 and any(c.isupper() for c in name[1:]) and name[0].islower()


@cache
def endpoint_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(distinctive v1 endpoint names, v2 operation names), from the ``v1:``/``v2:`` lines of
    ``rules/*.yaml``."""
    from migrator.resources import data_dir

    v1: set[str] = set()
    v2: set[str] = set()
    for path in data_dir("rules").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        v1.update(n for n in re.findall(r"^\s*v1:\s*/\S*/([A-Za-z]\w*)\s*$", text, re.M) if distinctive(n))
        v2.update(re.findall(r"^v2:\s*/v2/([a-z][a-z-]*)", text, re.M))
    return tuple(sorted(v1)), tuple(sorted(v2))


def names_source() -> str:
    """The regular expression (text) for the endpoint names ``may_call_api`` passes on: one
    alternation after a ``/`` or a quote, written as a trie (measured: about 2x faster than a
    flat alternation, since each attempt fails at its first letters)."""
    v1, v2 = endpoint_names()
    words = [*v1, *(n for n in v2 if "-" in n), *(f"v2/{n}" for n in v2)]
    return r"[/\"']" + _trie(sorted(set(words))) + r"(?![\w-])"


def _trie(words: list[str]) -> str:
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in groups.items():
        ends = "" in rests
        rests = [r for r in rests if r]
        tail = _trie(rests) if rests else ""
        branches.append(re.escape(first) + (f"(?:{tail})?" if ends and tail else tail))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@cache
def names_pattern() -> re.Pattern[bytes]:
    return re.compile(names_source().encode())


def import_check(module_names: set[str]):
    """A test for "imports one of ``module_names``" (by last dotted segment), or None: does a line
    starting with ``from`` or ``import`` name one of them. Such lines are found with ``bytes.find``
    (measured: a line-anchored regular expression over the whole file costs about three times as
    much, since it tries every position), then each is matched on its own."""
    if not module_names:
        return None
    names = b"|".join(re.escape(n.encode()) for n in sorted(module_names))
    line = re.compile(rb"[ \t]*(?:from|import)[ \t][^\n]*\b(?:" + names + rb")\b")

    def imports(data: bytes) -> bool:
        for keyword in (b"import", b"from"):
            at = data.find(keyword)
            while at != -1:
                start = data.rfind(b"\n", 0, at) + 1
                end = data.find(b"\n", at)
                if end == -1:
                    end = len(data)
                if line.match(data, start, end):
                    return True
                at = data.find(keyword, end)
        return False

    return imports


_IMPORT_LINE = re.compile(rb"^[ \t]*(?:from|import)[ \t]([^\n]*)", re.MULTILINE)
_WORDS = re.compile(rb"\w+")


def imported_words(data: bytes) -> frozenset[bytes]:
    """Every word after the keyword of each line starting with ``from`` or ``import``: a module
    name made of word characters is one of them exactly when ``import_check({name})`` says yes."""
    return frozenset(word for line in _IMPORT_LINE.finditer(data) for word in _WORDS.findall(line[1]))

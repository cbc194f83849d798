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
# Substrings every ``API_BYTES`` match contains: where one is found, the expression decides.
_API_WORDS = (b"adobe.io", b"/pie/psdService", b"/lrService", b"/sensei/")


# A v1 status read on its own: a polling helper in a module of its own may name neither host nor
# path, and a loop left waiting on `outputs[N].status` never ends (the codemod reports only such
# distinctive reads in a file that does not name Adobe's API).
_STATUS_KEYS = (re.compile(rb"""["']outputs["']"""), re.compile(rb"""["']status["']"""))
_STATUS_WORDS = (b"outputs", b"status")


# A request or response model written for v1, in a module of its own (PS731).
_MODEL = re.compile(rb"BaseModel|@dataclass|TypedDict|NamedTuple|@define|@attr")
_MODEL_V1 = re.compile(rb"""alias\s*=\s*["']_links["']|\bjobID\b|^[ \t]+storage\s*[:=]""", re.MULTILINE)
_MODEL_WORDS = (b"_links", b"jobID", b"storage")

_BEFORE_NAME = frozenset(b"/\"'")
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def may_call_api(data: bytes) -> bool:
    """What ``names_source()``, ``API_BYTES`` and the status and model checks say together,
    decided in one pass: an Aho-Corasick automaton (ahocorasick-rs) finds every word any of them
    needs at once, at several times the speed of Python's regular expressions over the same bytes
    (measured on a 20,000-file tree: 0.2 s against 1.0 s). ``tests/codemod/test_prefilter.py``
    checks it against the expressions themselves. Most files hold none of the words: a
    leftmost-first search, which finds a match wherever the overlapping one finds any and runs
    several times faster (it skips ahead on the words' first bytes), turns them away first."""
    words, kinds, screen = _automaton()
    if not screen.find_matches_as_indexes(data):
        return False
    found: set[str] = set()
    for index, start, end in words.find_matches_as_indexes(data, overlapping=True):
        kind = kinds[index]
        if kind == "name":
            if start and data[start - 1] in _BEFORE_NAME and (end == len(data) or data[end] not in _WORD_BYTES):
                return True
        else:
            found.add(kind)
    if "api" in found and API_BYTES.search(data) is not None:
        return True
    if "outputs" in found and "status" in found and all(key.search(data) for key in _STATUS_KEYS):
        return True
    return "model" in found and _MODEL_V1.search(data) is not None and _MODEL.search(data) is not None


@cache
def _automaton():
    """The automaton over every word ``may_call_api`` looks for, each word's kind, and its screen."""
    import ahocorasick_rs

    kinds = {word: "name" for word in name_words()}
    kinds.update({word.decode(): "api" for word in _API_WORDS})
    kinds.update({word.decode(): word.decode() for word in _STATUS_WORDS})
    kinds.update({word.decode(): "model" for word in _MODEL_WORDS})
    words = list(kinds)
    patterns = [w.encode() for w in words]
    return ahocorasick_rs.BytesAhoCorasick(patterns), [kinds[w] for w in words], _screen(patterns)


def _screen(patterns: list[bytes]):
    """An automaton that only tells whether any of ``patterns`` occurs (see ``may_call_api``)."""
    import ahocorasick_rs

    return ahocorasick_rs.BytesAhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostFirst)


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


def name_words() -> list[str]:
    """The endpoint names ``may_call_api`` passes on, after a ``/`` or a quote and before a
    character that cannot continue a name: the distinctive v1 names, the v2 operations with a
    dash in their names, and every v2 operation after ``v2/``."""
    v1, v2 = endpoint_names()
    return sorted({*v1, *(n for n in v2 if "-" in n), *(f"v2/{n}" for n in v2)})


def names_source() -> str:
    """:func:`name_words` as one regular expression (text), written as a trie: what other
    kinds' scanners use, and the definition ``may_call_api``'s automaton is tested against."""
    return r"[/\"']" + _trie(name_words()) + r"(?![\w-])"


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


def import_check(module_names: set[str]):
    """A test for "imports one of ``module_names``" (by last dotted segment), or None: does a line
    starting with ``from`` or ``import`` name one of them, as the word boundaries of
    ``[ \t]*(?:from|import)[ \t][^\n]*\b(?:names)\b`` say. The names are found in one pass by an
    Aho-Corasick automaton (a run's candidates give a few hundred names, rarely present), and only
    the lines holding one are looked at (measured on a 20,000-file tree: 0.04 s against 0.29 s
    for finding every import line with ``bytes.find``)."""
    if not module_names:
        return None
    import ahocorasick_rs

    words = sorted(n.encode() for n in module_names)
    automaton = ahocorasick_rs.BytesAhoCorasick(words)

    def imports(data: bytes) -> bool:
        for index, start, end in automaton.find_matches_as_indexes(data, overlapping=True):
            word = words[index]
            if _boundary(data, start, word[0]) and _boundary(data, end, word[-1], after=True):
                head = _IMPORT_HEAD.match(data, data.rfind(b"\n", 0, start) + 1)
                if head is not None and head.end() <= start:
                    return True
        return False

    return imports


_IMPORT_HEAD = re.compile(rb"[ \t]*(?:from|import)[ \t]")
_WORD_CHARACTERS = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _boundary(data: bytes, at: int, inside: int, after: bool = False) -> bool:
    """Whether ``\\b`` holds at ``at``, where the byte ``inside`` is the name's own on that side."""
    outside = data[at] if after and at < len(data) else data[at - 1] if not after and at > 0 else None
    return (inside in _WORD_CHARACTERS) != (outside is not None and outside in _WORD_CHARACTERS)


_IMPORT_LINE = re.compile(rb"^[ \t]*(?:from|import)[ \t]([^\n]*)", re.MULTILINE)
_WORDS = re.compile(rb"\w+")


def imported_words(data: bytes) -> frozenset[bytes]:
    """Every word after the keyword of each line starting with ``from`` or ``import``: a module
    name made of word characters is one of them exactly when ``import_check({name})`` says yes."""
    return frozenset(word for line in _IMPORT_LINE.finditer(data) for word in _WORDS.findall(line[1]))

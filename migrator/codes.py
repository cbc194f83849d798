"""Every code psmigrate prints, in one index: ``psmigrate rules``/``explain``, the README rule
table (``tools/gen_rule_table.py``) and lint's check of ``--select`` codes read it.

The index is built from the registries that own the codes, never copied from them: lint rules
(``lint/catalog.py``), conversion rules and unsupported endpoints (``rules/*.yaml`` through
``rulebook.py``), the codemod's findings (``codemod/findings.py``), the shell ones
(``shell/findings.py``) and the JavaScript/TypeScript ones (``javascript/findings.py``). The codes the machinery
raises itself (reading a file, choosing an endpoint, validating, ``convert --merge``) belong to
no registry: :data:`MACHINERY` below is theirs. ``tests/test_codes.py`` checks that every
``"PSnnn"`` written in ``migrator/`` or ``rules/`` is in the index.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from migrator.diagnostics import Severity

KINDS = ("input", "source", "convert", "lint", "python", "shell", "javascript")  # source: every source kind


@dataclass(frozen=True)
class Code:
    code: str
    kind: str  # one of KINDS
    name: str
    summary: str
    severity: str  # the most severe way the code is reported
    fixable: bool  # psmigrate changes the input itself (convert, lint --fix, codemod)
    source: str  # the Adobe guide section it comes from, or why there is none
    rationale: str
    registry: str  # where it is defined: lint, rule, endpoint, python, machinery
    family: str | None = None  # conversion codes: the rules/*.yaml family

    def to_json(self) -> dict:
        data = asdict(self)
        del data["registry"]
        if self.family is None:
            del data["family"]
        return data


@dataclass(frozen=True)
class InputExample:
    """Bytes ``SourceText`` rejects with the code at ``line``:``col``; ``data`` None stands for a
    path that cannot be read at all."""

    data: bytes | None
    line: int | None = None
    col: int | None = None


@dataclass(frozen=True)
class WriteExample:
    """A result written where it cannot be, or a write refused because it would lose something;
    ``scenario`` tells how it comes about (``tests/test_hardening_io.py`` plays the refusals)."""

    scenario: str = "psmigrate convert payload.json -o /read-only/payload.json, or a full disk"


@dataclass(frozen=True)
class SourceExample:
    """Source files run with ``max_file_size``: each ``invalid`` one gets the code at 1:1, no
    ``valid`` one does (``tests/test_large_files.py`` runs them through lint and codemod)."""

    max_file_size: int
    invalid: tuple[tuple[str, str], ...]  # (file name, source)
    valid: tuple[tuple[str, str], ...]


_FILLER = "// " + ", ".join(["generated code"] * 5) + "\n"  # what makes a file too large, in miniature


@dataclass(frozen=True)
class BodyExample:
    """A body ``convert`` answers with the code, or ``convert --merge`` steps (endpoint, body)."""

    body: Any = None
    endpoint: str | None = None
    steps: tuple[tuple[str | None, Any], ...] = ()


@dataclass(frozen=True)
class Machinery:
    kind: str
    name: str
    summary: str  # empty for input codes: lint's INPUT_CODES names them
    rationale: str
    source: str
    example: InputExample | BodyExample | WriteExample | SourceExample
    severity: Severity = Severity.ERROR


_IMAGE = {"href": "https://in.example/photo.jpg", "storage": "external"}
_OUT = [{"href": "https://out.example/photo.jpg", "storage": "external", "type": "image/jpeg"}]
_EDIT_GUIDE = "edit-operations.md (Combining multiple operations); llm-migration-reference.md (Example 2: Complex edit)"

MACHINERY: dict[str, Machinery] = {
    "PS001": Machinery(
        "input", "malformed-json", "",
        "The file is not JSON; psmigrate never guesses at a broken payload. Lint reports it and goes on "
        "with the next file; convert stops.",
        "RFC 8259 (JSON), not an Adobe guide", InputExample(b'{"inputs": [}', 1, 13)),
    "PS002": Machinery(
        "input", "duplicate-key", "",
        "JSON parsers disagree on which of two equal keys wins (Python keeps the last, others the first), so "
        "the body Adobe receives may not be the one you read; keep one.",
        "RFC 8259 §4 (object names SHOULD be unique), not an Adobe guide",
        InputExample(b'{"outputs": [], "outputs": []}', 1, 17)),
    "PS003": Machinery(
        "input", "not-utf-8", "",
        "JSON exchanged between systems must be UTF-8, and psmigrate writes files back in their own encoding, "
        "so a file in another encoding is refused rather than re-encoded.",
        "RFC 8259 §8.1 (JSON is exchanged as UTF-8), not an Adobe guide", InputExample(b'{"name": "caf\xe9"}', 1, 14)),
    "PS004": Machinery(
        "input", "empty-file", "",
        "An empty file or one holding only whitespace has no body to migrate.",
        "RFC 8259 (a JSON text is one value), not an Adobe guide", InputExample(b"  \n", 1, 1)),
    "PS008": Machinery(
        "input", "unreadable-file", "",
        "The path cannot be read (missing, no permission; a directory whose entries cannot be listed, whose "
        "files were therefore not checked); nothing is written for it.",
        "none: a file system error", InputExample(None)),
    "PS010": Machinery(
        "input", "changed-during-run", "",
        "psmigrate writes a file some time after it read it (the codemod reads every file of a run before it "
        "writes any); a file edited or deleted in between would lose that edit if it were replaced, so it is "
        "left as it is and reported, as code formatters do. Run psmigrate on it again.",
        "none: a file system race", WriteExample("`codemod --write` (or `lint --fix`, `convert --in-place`) "
                                                 "over a tree while an editor saves one of its files")),
    "PS011": Machinery(
        "input", "dangling-symlink", "",
        "A symbolic link is written through, to its target, and stays a link; a link whose target does not "
        "exist has nothing to write through to, and replacing it with a regular file would break the link "
        "silently, so it is refused.",
        "none: a file system error", WriteExample("`convert --in-place` or `-o` onto a symbolic link to a "
                                                  "file that was moved or deleted")),
    "PS015": Machinery(
        "input", "beyond-limits", "",
        "Valid JSON psmigrate will not read: nested more than 100 levels deep, an integer of more than 4,300 "
        "digits, or a number beyond a 64-bit float. Every step after parsing walks the body recursively, and "
        "Adobe's API reads numbers as 64-bit floats; no request body needs any of these, so the file is "
        "reported at the place and the run goes on with the next one.",
        "RFC 8259 §9 (parsers may limit nesting depth and number range), not an Adobe guide",
        InputExample(b'{"outputs": ' + b"[" * 101 + b"]" * 101 + b"}", 1, 112)),
    "PS016": Machinery(
        "input", "unwritable-file", "",
        "The result could not be written (no permission, a full disk, a read-only file system); the file is "
        "left as it was (writes go to a temporary file renamed over it) and counted as failed, not as "
        "rewritten.",
        "none: a file system error", WriteExample()),
    "PS018": Machinery(
        "source", "file-too-large", "source file over max-file-size that names Adobe's API; not parsed",
        "Parsing and planning a source file cost time and memory in proportion to its size, with a large "
        "constant (a 14 MB bundle takes half a minute of CPU and 1.2 GB), so a file larger than `max-file-size` bytes "
        "(default 1 MiB, as Biome's `files.maxSize`; hand-written sources are far smaller, bundles and vendored "
        "builds are not) is not parsed. One whose bytes name Adobe's API may hold a v1 call, so it is reported "
        "here on every run instead of skipped silently; a file over the cap that never names the API stays "
        "quiet. Raise `max-file-size` in [tool.psmigrate] (or pass --max-file-size; 0 lifts the cap) to migrate "
        "it, or `exclude` it when it is built from sources psmigrate reads.",
        "none: a limit of psmigrate's, as Biome's files.maxSize",
        SourceExample(100, invalid=(
            ("app.bundle.js", 'fetch("https://image.adobe.io/sensei/cutout", {method: "POST", body});\n' + _FILLER),
            ("client.py", 'requests.post("https://image.adobe.io/sensei/cutout", json=body)\n'
                          + _FILLER.replace("//", "#")),
            ("deploy.sh", 'curl -X POST "https://image.adobe.io/sensei/cutout" -d "$BODY"\n'
                          + _FILLER.replace("//", "#"))),
            valid=(("vendor.bundle.js", "export const pad = (s, n) => s.padStart(n);\n" + _FILLER),
                   ("client.js", 'fetch("https://image.adobe.io/sensei/cutout");\n')))),
    "PS005": Machinery(
        "convert", "unknown-shape", "not a request body psmigrate recognises",
        "The body is not a JSON object, or matches neither a v1 endpoint's recogniser (rules/*.yaml) nor a "
        "v2 schema; pass --endpoint NAME to say which v1 endpoint it is for.",
        "index.md (Service migration reference)", BodyExample({"pictures": ["photo.jpg"]})),
    "PS006": Machinery(
        "convert", "ambiguous-endpoint", "body fits several v1 endpoints; pass --endpoint",
        "Some v1 endpoints take the same body (autoTone and autoStraighten without options), and the v2 body "
        "differs between them, so psmigrate asks rather than guesses.",
        "edit-operations.md", BodyExample({"inputs": _IMAGE, "outputs": _OUT})),
    "PS007": Machinery(
        "convert", "already-v2", "already a v2 body; nothing to do",
        "A body valid against a v2 schema is left alone, so running psmigrate twice changes nothing.",
        "photoshop-v2-openapi.json (request schemas)",
        BodyExample({"image": {"source": {"url": "https://in.example/photo.jpg"}},
                     "outputs": [{"destination": {"url": "https://out.example/photo.jpg"},
                                  "mediaType": "image/jpeg"}]}),
        Severity.INFO),
    "PS009": Machinery(
        "convert", "invalid-v2-result", "the converted body is not valid v2",
        "Nothing is dropped silently: a v1 field no rule moves stays in place, fails v2 validation and stops "
        "the conversion with its v1 location, instead of being sent to Adobe and rejected there.",
        "photoshop-v2-openapi.json (request schemas)",
        BodyExample({"inputs": [_IMAGE], "options": {"actions": [{"href": "https://in.example/a.atn",
                                                                  "storage": "external"}]},
                     "outputs": _OUT, "priority": "high"})),
    "PS323": Machinery(
        "convert", "merge-not-lightroom", "--merge combines Lightroom (/v2/edit) bodies only",
        "Only Lightroom edits combine into one v2 call (`edits` holds every operation); other endpoints "
        "take one operation per call.",
        _EDIT_GUIDE,
        BodyExample(steps=(("photoshopActions", {"inputs": [_IMAGE], "options": {"actions": [
            {"href": "https://in.example/a.atn", "storage": "external"}]}, "outputs": _OUT}),))),
    "PS324": Machinery(
        "convert", "merge-inputs-differ", "--merge: the calls read different images",
        "v1 chained calls on one image; v2's single call reads one image, so calls on different images "
        "cannot be merged.",
        _EDIT_GUIDE,
        BodyExample(steps=(("autoTone", {"inputs": _IMAGE, "outputs": _OUT}),
                           ("autoStraighten", {"inputs": {**_IMAGE, "href": "https://in.example/other.jpg"},
                                               "outputs": _OUT})))),
    "PS325": Machinery(
        "convert", "merge-edits-conflict", "--merge: two calls set one setting to different values",
        "One v2 call takes one value per setting; which of two conflicting values was meant is for a person "
        "to decide.",
        _EDIT_GUIDE,
        BodyExample(steps=(("edit", {"inputs": _IMAGE, "options": {"Exposure": 1.0}, "outputs": _OUT}),
                           ("edit", {"inputs": _IMAGE, "options": {"Exposure": -0.5}, "outputs": _OUT})))),
    "PS326": Machinery(
        "convert", "merge-outputs-replaced", "--merge: an earlier call's outputs are dropped",
        "In a v1 chain the earlier calls' outputs only carried the image to the next call; the merged call "
        "writes the last call's outputs, the final result.",
        _EDIT_GUIDE,
        BodyExample(steps=(("autoTone", {"inputs": _IMAGE,
                                         "outputs": [{**_OUT[0], "href": "https://out.example/step1.jpg"}]}),
                           ("autoStraighten", {"inputs": _IMAGE, "outputs": _OUT}))),
        Severity.WARNING),
}


@cache
def index() -> dict[str, Code]:
    """Every code, sorted; raises if two registries claim one code."""
    found: dict[str, Code] = {}
    for entry in (*_machinery(), *_lint(), *_conversion(), *_unsupported(), *_python(), *_shell(), *_javascript()):
        if entry.code in found:
            raise ValueError(f"{entry.code} is defined twice ({found[entry.code].registry}, {entry.registry})")
        found[entry.code] = entry
    return dict(sorted(found.items()))


def all_codes() -> list[Code]:
    return list(index().values())


def get(code: str) -> Code:
    """The entry for ``code`` (any case); KeyError when psmigrate never prints it."""
    return index()[code.strip().upper()]


def _machinery():
    from migrator.lint.catalog import INPUT_CODES

    for code, m in MACHINERY.items():
        summary = INPUT_CODES[code] if m.kind == "input" else m.summary
        yield Code(code, m.kind, m.name, summary, m.severity.value, False, m.source, m.rationale, "machinery")


def _lint():
    from migrator.lint.catalog import all_rules

    for r in all_rules():
        yield Code(r.code, "lint", r.name, r.summary, r.severity.value, r.fixable, r.source, r.rationale, "lint")


def _conversion():
    from migrator import rulebook

    for family in rulebook.families():
        for rule in family.rules:
            yield Code(rule.code, "convert", rule.name, rule.summary, _rule_severity(rule), rule.op != "manual",
                       rule.source, rule.rationale, "rule", family.family)


def _rule_severity(rule) -> str:
    if rule.op == "manual" or any(e.error == rule.code for e in rule.examples):
        return Severity.ERROR.value  # the rule stops the conversion
    return getattr(rule, "severity", Severity.INFO.value)  # drop rules say; other rules are changes


def _unsupported():
    from migrator import rulebook

    for family in rulebook.endpoint_map():
        for endpoint in family.endpoints:
            stop = endpoint.unsupported
            if stop is not None:
                opt_in = f" (converts with {stop.opt_in})" if stop.opt_in else ""
                yield Code(stop.code, "convert", f"unsupported-{endpoint.name}",
                           f"{endpoint.v1} has no supported v2 equivalent{opt_in}", Severity.ERROR.value, False,
                           endpoint.guide, " ".join(stop.message.split()), "endpoint", family.family)


def _python():
    from migrator.codemod.findings import FINDINGS

    for code, f in FINDINGS.items():
        yield Code(code, "python", f.name, f.summary, f.severity.value, f.fixable, f.source, f.rationale, "python")


def _shell():
    from migrator.shell.findings import SHELL_FINDINGS

    for code, f in SHELL_FINDINGS.items():
        yield Code(code, "shell", f.name, f.summary, f.severity.value, f.fixable, f.source, f.rationale, "shell")


def _javascript():
    from migrator.javascript.findings import JS_FINDINGS

    for code, f in JS_FINDINGS.items():
        yield Code(code, "javascript", f.name, f.summary, f.severity.value, f.fixable, f.source, f.rationale,
                   "javascript")

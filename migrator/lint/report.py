"""Print lint findings as text, JSON, SARIF 2.1.0 or GitHub workflow annotations.

Whatever the format, the finished output is redacted on its way out (``migrator.output``), so a
presigned URL's signature or token quoted in a message or a pointer never reaches a log.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from migrator import __version__
from migrator.diagnostics import Diagnostic, Severity

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def render(diagnostics: list[Diagnostic], output_format: str) -> str:
    return RENDERERS[output_format](diagnostics)


def _text(diagnostics: list[Diagnostic]) -> str:
    return "".join(d.render_text() + "\n" for d in diagnostics)


def _json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        props = [f"file={_gh_property(d.path or '-')}"]
        if d.line is not None:
            props += [f"line={d.line}", f"col={d.col or 1}"]
        props.append(f"title={_gh_property(d.code)}")
        pointer = f" [{d.pointer}]" if d.pointer else ""
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_gh_data(f'{d.code} {d.message}{pointer}')}\n")
    return "".join(lines)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif(diagnostics: list[Diagnostic]) -> str:
    descriptors = list(_descriptors())
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = [_sarif_result(d, index) for d in diagnostics]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "psmigrate", "version": __version__, "rules": descriptors}},
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _descriptors() -> Iterable[dict]:
    from migrator.codes import all_codes

    for code in all_codes():
        yield {
            "id": code.code,
            "name": "".join(w.capitalize() for w in code.name.replace("_", "-").replace(" ", "-").split("-")),
            "shortDescription": {"text": code.summary},
            "fullDescription": {"text": code.rationale},
            "help": {"text": f"{code.rationale} Source: {code.source}. See `psmigrate explain {code.code}`."},
            "defaultConfiguration": {"level": _SARIF_LEVEL[Severity(code.severity)]},
            "properties": {"kind": code.kind, "source": code.source, "fixable": code.fixable},
        }


def _sarif_result(d: Diagnostic, index: dict[str, int]) -> dict:
    location: dict = {"physicalLocation": {"artifactLocation": _artifact(d.path or "-")}}
    if d.line is not None:
        location["physicalLocation"]["region"] = {"startLine": d.line, "startColumn": d.col or 1}
    if d.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": d.pointer, "kind": "member"}]
    result = {"ruleId": d.code, "level": _SARIF_LEVEL[d.severity], "message": {"text": d.message},
              "locations": [location]}
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    return result


def _artifact(path: str) -> dict:
    """As code-scanning tools expect: a URI relative to ``%SRCROOT%`` (the directory psmigrate ran
    in, given in ``originalUriBaseIds``), or an absolute ``file://`` URI for a file outside it."""
    if path in ("-", "<stdin>"):
        return {"uri": "stdin"}
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}


RENDERERS = {"text": _text, "json": _json, "sarif": _sarif, "github": _github}

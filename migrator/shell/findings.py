"""The shell and Markdown codes (the PS8xx range), shared by ``psmigrate codemod`` and ``lint``.

Each code is a record as the Python ones are (``codemod/findings.py``): a one-line summary (the
start of every message), why, the Adobe source, and Fixit-style examples: INVALID shell (or
Markdown) that produces the code at ``line``, VALID text that does not.
``tests/shell/test_finding_examples.py`` runs every example through ``rewrite_shell_bytes``.
Codes raised by the conversion itself (PS0xx–PS3xx) are reported as they are, at the body.
"""

from __future__ import annotations

from textwrap import dedent

from migrator.diagnostics import Severity
from migrator.finding import ENDPOINT_MAP, REQUEST_STRUCTURE, RESPONSES, Example, Finding


def _sh(text: str, line: int | None = None, suffix: str = ".sh") -> Example:
    return Example(dedent(text).lstrip("\n"), line, suffix)


_V2_CALL = '''
    curl -X POST https://photoshop-api.adobe.io/v2/execute-actions \\
      -H "Authorization: Bearer $TOKEN" -H "x-api-key: $KEY" -H "Content-Type: application/json" \\
      -d '{"image": {"source": {"url": "'"$IN"'"}}, "options": {"actions": [{"source": {"url": "https://b.example/a.atn"}}]}, "outputs": [{"destination": {"url": "'"$OUT"'"}, "mediaType": "image/png"}]}'
'''
_V1_BODY = ("""{"inputs": [{"href": "'"$IN"'", "storage": "external"}], "options": {"actions": [{"href": """
            """"https://b.example/a.atn", "storage": "external"}]}, "outputs": [{"href": "'"$OUT"'", "storage": """
            """"external", "type": "image/png"}]}""")

SHELL_FINDINGS: dict[str, Finding] = {
    "PS801": Finding(
        "curl-url-rewritten",
        "curl calls a v1 URL that psmigrate rewrites to v2",
        "v1 served every operation from image.adobe.io under /pie/psdService, /lrService and /sensei; v2 serves "
        "/v2/<operation> on the host its operation names in rules/ (photoshop-api.adobe.io, or image.adobe.io "
        "for remove-background and its job status). The URL is rewritten where its text is literal: in the "
        "command, or in a variable assigned once, literally, in the same script or block.",
        ENDPOINT_MAP,
        invalid=(_sh('''
            curl -s "https://image.adobe.io/pie/psdService/status/$JOB" -H "Authorization: Bearer $TOKEN"
            ''', 1),),
        valid=(_sh('''
            curl -s "https://photoshop-api.adobe.io/v2/status/$JOB" -H "Authorization: Bearer $TOKEN"
            '''),),
        fixable=True,
    ),
    "PS802": Finding(
        "curl-body-rewritten",
        "curl sends a v1 JSON body that psmigrate converts to v2",
        "The body is read as JSON (shell splices such as '\"$IN\"' kept as values computed at run time), "
        "converted by the same rules as `psmigrate convert`, and written back in the quoting it had.",
        REQUEST_STRUCTURE,
        invalid=(_sh(f'''
            curl -X POST https://image.adobe.io/pie/psdService/photoshopActions \\
              -H "Authorization: Bearer $TOKEN" -H "x-api-key: $KEY" -H "Content-Type: application/json" \\
              -d '{_V1_BODY}'
            ''', 3),),
        valid=(_sh(_V2_CALL),),
        fixable=True,
    ),
    "PS803": Finding(
        "jq-read-rewritten",
        "a jq filter reads a v1 response field that psmigrate rewrites for v2",
        "A v2 submission answers `jobId` and `statusUrl` instead of `_links.self.href`; a v2 status has one "
        "job-level `status` instead of `outputs[N].status`, and the results under `result.outputs[N]` "
        "(`destination.url`); where the filter reads a response psmigrate knows (the curl before it in the "
        "pipe, or a variable holding it), the read is rewritten.",
        RESPONSES,
        invalid=(_sh('''
            curl -s "https://photoshop-api.adobe.io/v2/status/$JOB" | jq -r '.outputs[0].status'
            ''', 1),),
        valid=(_sh('''
            curl -s "https://photoshop-api.adobe.io/v2/status/$JOB" | jq -r '.status'
            '''),),
        fixable=True,
    ),
    "PS804": Finding(
        "curl-url-unreadable",
        "v1 URL built from values psmigrate cannot read; rewrite it by hand",
        "The host or path comes from a variable set outside the script or block (or more than once, or "
        "computed), or is escaped so that its text is not the URL's, so psmigrate cannot tell which v2 "
        "endpoint it becomes, nor edit it safely.",
        ENDPOINT_MAP,
        invalid=(_sh('''
            curl -X POST "https://image.adobe.io/pie/psdService/$OPERATION" -d @body.json
            ''', 1),),
        valid=(_sh('''
            curl -X POST "https://photoshop-api.adobe.io/v2/$OPERATION" -d @body.json
            '''),),
        severity=Severity.ERROR,
    ),
    "PS805": Finding(
        "curl-endpoint-without-v2",
        "curl calls a v1 endpoint with no v2 equivalent",
        "Adobe lists the endpoint as not supported in v2 (depthBlur needs Neural Filters), or v2 has nothing "
        "like it (`/pie/psdService/hello`, v1's credentials check); the command stays and is reported.",
        ENDPOINT_MAP + "; depth-blur.md",
        invalid=(_sh('''
            curl -s https://image.adobe.io/pie/psdService/hello -H "Authorization: Bearer $TOKEN"
            ''', 1),),
        valid=(_sh('''
            curl -s "https://photoshop-api.adobe.io/v2/status/$JOB" -H "Authorization: Bearer $TOKEN"
            '''),),
        severity=Severity.ERROR,
    ),
    "PS806": Finding(
        "curl-unknown-v1-endpoint",
        "curl calls a v1 path psmigrate does not know",
        "The path has a v1 service prefix but names no endpoint in the guides' map, so there is no v2 URL "
        "to move it to.",
        ENDPOINT_MAP,
        invalid=(_sh('''
            curl -s https://image.adobe.io/pie/psdService/thumbnailize -d @body.json
            ''', 1),),
        valid=(_sh(_V2_CALL),),
        severity=Severity.ERROR,
    ),
    "PS807": Finding(
        "curl-body-unparsable",
        "curl body is not JSON psmigrate can read; nothing in it was changed",
        "A body with a syntax error, a duplicate key, a splice where no JSON value can stand, or several `-d` "
        "options (curl joins them with `&`) is never rewritten: the finding names the line, and stays there "
        "until the body is fixed, also once its URL is v2.",
        REQUEST_STRUCTURE,
        invalid=(_sh('''
            curl -X POST https://image.adobe.io/pie/psdService/photoshopActions \\
              -d '{"inputs": [{"href": "'"$IN"'", "storage": "external"},]}'
            ''', 2),),
        valid=(_sh(_V2_CALL),),
        severity=Severity.ERROR,
    ),
    "PS808": Finding(
        "curl-body-not-followed",
        "curl body comes from where psmigrate cannot follow it; convert it by hand",
        "A body read from a file (`-d @body.json`) is looked for beside the script: already v2, it is not "
        "reported; v1, it is, until `psmigrate convert --in-place` converts it. A file not found there, or a "
        "body in a variable set elsewhere or more than once, is not text psmigrate can read: the URL moves "
        "and the body stays reported, also once the URL is v2 (`# noqa: PS808` once you know it is v2).",
        REQUEST_STRUCTURE,
        invalid=(_sh('''
            curl -X POST https://image.adobe.io/pie/psdService/photoshopActions -d @body.json
            ''', 1),),
        valid=(_sh(_V2_CALL),),
    ),
    "PS809": Finding(
        "curl-v2-body-invalid",
        "curl sends a body the v2 schema rejects",
        "The URL is v2 but its literal body fits neither a v1 endpoint psmigrate converts nor the v2 schema "
        "of the operation (splices set aside): Adobe would refuse it.",
        "photoshop-v2-openapi.json (request schemas)",
        invalid=(_sh('''
            curl -X POST https://photoshop-api.adobe.io/v2/execute-actions -d '{"image": {"source": {"url": "'"$IN"'"}}}'
            ''', 1),),
        valid=(_sh(_V2_CALL),),
        severity=Severity.ERROR,
    ),
    "PS810": Finding(
        "jq-v1-read",
        "a jq filter reads a v1 response field that v2 moved or removed",
        "v2 responses have no `_links`, one job-level `status` and results under `result.outputs`; where "
        "psmigrate cannot see which response the filter reads, or v2 has no single equivalent, the read is "
        "reported (an error when a `while`/`until` loop waits on it: v2 never sends the field).",
        RESPONSES,
        invalid=(_sh('''
            jq -r '._links.self.href' response.json
            ''', 1),),
        valid=(_sh('''
            jq -r '.statusUrl' response.json
            '''),),
    ),
    "PS811": Finding(
        "shell-unparsable",
        "shell text psmigrate cannot parse; a command there naming Adobe's API is left as it is",
        "psmigrate edits shell only where tree-sitter's bash grammar reads it without error; an unbalanced "
        "quote or a stray `fi` makes every later word uncertain.",
        "none: shell syntax (tree-sitter-bash)",
        invalid=(_sh('''
            curl -s "https://image.adobe.io/pie/psdService/status/$JOB
            ''', 1),),
        valid=(_sh('''
            curl -s "https://photoshop-api.adobe.io/v2/status/$JOB"
            '''),),
        severity=Severity.ERROR,
    ),
    "PS812": Finding(
        "shared-host-variable",
        "a host variable serves requests that v2 sends to different hosts",
        "In v2 remove-background (and its job status) stays on image.adobe.io while every other operation "
        "moves to photoshop-api.adobe.io; one variable cannot hold both, so its host is left and each call "
        "reported.",
        "photoshop-v2-openapi.with-remove-background.json (path-level `servers`); remove-background/index.md",
        invalid=(_sh('''
            API=https://image.adobe.io
            curl -X POST "$API/pie/psdService/photoshopActions" -d @actions.json
            curl -X POST "$API/sensei/cutout" -d @cutout.json
            ''', 2),),
        valid=(_sh('''
            API=https://photoshop-api.adobe.io
            curl -s "$API/v2/status/$JOB"
            '''),),
        severity=Severity.ERROR,
    ),
    "PS813": Finding(
        "v1-endpoint-leftover",
        "shell code or a Markdown code block still names a v1 endpoint outside any curl command psmigrate reads",
        "A v1 URL in a variable no curl uses, in `wget` or another client, or in a command psmigrate could "
        "not read would still reach v1, which has reached end of life; comments are not reported. In Markdown, "
        "a Python, JavaScript, TypeScript or HTTP block naming one is reported too: psmigrate migrates such code "
        "in its own files, and a README left showing v1 calls is copied into new code.",
        "deprecation-announcement (v1 end of life 2026-07-31)",
        invalid=(_sh('''
            wget --post-file=body.json https://image.adobe.io/pie/psdService/photoshopActions
            ''', 1), _sh('''
            # Quick start

            ```python
            r = requests.post("https://image.adobe.io/pie/psdService/smartObject", json=body)
            ```
            ''', 4, ".md")),
        valid=(_sh('''
            # v1 was https://image.adobe.io/pie/psdService/photoshopActions
            wget --post-file=body.json https://photoshop-api.adobe.io/v2/execute-actions
            '''),),
    ),
    "PS814": Finding(
        "bare-splice-in-enum",
        "a shell value is written where v2 accepts only listed strings; check what it holds",
        "A splice outside JSON quotes (`\"quality\": '\"$Q\"'`) sends whatever the variable holds as "
        "the value; where v2 accepts only named values (JPEG `quality`, `compression`, `mediaType`) a v1 "
        "number or a misspelt name is refused by Adobe, and nothing checks it before. It is read from the v2 "
        "body, so it stays until the value is written in the body or quoted.",
        "photoshop-v2-openapi.json (JpegOutput quality, PngOutput compression); create-composite-v1-reference.md",
        invalid=(_sh('''
            curl -X POST https://photoshop-api.adobe.io/v2/create-composite \\
              -d '{"image": {"source": {"url": "'"$IN"'"}}, "outputs": [{"destination": {"url": "'"$OUT"'"}, "mediaType": "image/jpeg", "quality": '"$QUALITY"'}]}'
            ''', 2),),
        valid=(_sh('''
            curl -X POST https://photoshop-api.adobe.io/v2/create-composite \\
              -d '{"image": {"source": {"url": "'"$IN"'"}}, "outputs": [{"destination": {"url": "'"$OUT"'"}, "mediaType": "image/jpeg", "quality": "maximum"}]}'
            '''),),
    ),
    "PS820": Finding(
        "convert-given-shell",
        "a shell script or Markdown file, not a JSON payload: migrate its curl commands with `psmigrate codemod`",
        "`psmigrate convert` reads one JSON body; a script or document holding curl commands is the codemod's "
        "(and lint's) source kind, which reads each command's URL and body.",
        "none: psmigrate's own command line",
        invalid=(),
        valid=(),
        severity=Severity.ERROR,
        no_example="raised by `psmigrate convert` given a .sh or .md file (tests/shell/test_cli.py)",
    ),
}

def finding(code: str, detail: str = "") -> tuple[str, Severity, str]:
    """(code, severity, message) of a finding: its summary, then what this one is about."""
    entry = SHELL_FINDINGS[code]
    return code, entry.severity, entry.summary + (f": {detail}" if detail else "")


SHELL_FIXED = frozenset(code for code, finding in SHELL_FINDINGS.items() if finding.fixable)

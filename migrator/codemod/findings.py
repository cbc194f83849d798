"""The codemod's finding codes (PS7xx), shared with ``psmigrate lint`` for Python files.

Each code is a small record: a one-line summary (``CODES[code]``, the start of every message),
why it is reported, the Adobe guide section it comes from, and Fixit-style examples: INVALID
Python that produces the code on the given line, VALID Python that does not.
``tests/codemod/test_finding_examples.py`` runs every example through ``rewrite_bytes``.

Engine codes (PS1xx–PS3xx) raised while converting a body are reported as they are, placed at
the part of the dict literal they name.
"""

from __future__ import annotations

from textwrap import dedent

from migrator.diagnostics import Severity
from migrator.finding import ENDPOINT_MAP, REQUEST_STRUCTURE, RESPONSES, Example, Finding


def _py(text: str, line: int | None = None, siblings: tuple[tuple[str, str], ...] = ()) -> Example:
    return Example(dedent(text).lstrip("\n"), line, siblings=tuple((n, dedent(s).lstrip("\n")) for n, s in siblings))


_V1_ACTIONS = "https://image.adobe.io/pie/psdService/photoshopActions"
_V2_ACTIONS = "https://photoshop-api.adobe.io/v2/execute-actions"
_HOSTS = ("photoshop-v2-openapi.with-remove-background.json (path-level `servers` of /v2/remove-background); "
          "remove-background/index.md")
_V2_BODY = f'''
    import requests


    def run(psd, out):
        return requests.post("{_V2_ACTIONS}", json={{
            "image": {{"source": {{"url": psd}}}},
            "options": {{"actions": [{{"source": {{"url": "https://bucket.example/resize.atn"}}}}]}},
            "outputs": [{{"destination": {{"url": out}}, "mediaType": "image/png"}}],
        }})
'''

FINDINGS: dict[str, Finding] = {
    "PS701": Finding(
        "body-not-followed",
        "request body built where psmigrate cannot follow it (across functions, in a loop, changed after it "
        "is built, or spread with `**`); convert it by hand",
        "Only a dict literal written in the call, or bound once in the same scope (or as a module constant) and "
        "never changed, can be rewritten safely; a body built elsewhere would need whole-program reasoning, so "
        "the URL moves and the body is left for a person.",
        REQUEST_STRUCTURE,
        invalid=(_py(f'''
            import requests


            def submit(payload):
                return requests.post("{_V1_ACTIONS}", json=payload)
            ''', 5),),
        valid=(_py(f'''
            import requests


            def submit(psd, out):
                payload = {{"inputs": [{{"href": psd, "storage": "external"}}],
                           "outputs": [{{"href": out, "storage": "external", "type": "image/png"}}]}}
                return requests.post("{_V1_ACTIONS}", json=payload)
            '''),),
    ),
    "PS702": Finding(
        "body-from-model-or-file",
        "request body comes from a model or a file; convert the model or the file",
        "A body loaded from JSON or dumped from a model is data, not code: convert the file with "
        "`psmigrate convert`, or change the model's fields, rather than the call. It stays reported once the URL "
        "is v2, since psmigrate cannot see what the file or model holds: `# noqa: PS702` once it is v2.",
        REQUEST_STRUCTURE,
        invalid=(_py(f'''
            import json

            import requests


            def submit(path):
                with open(path) as f:
                    body = json.load(f)
                return requests.post("{_V1_ACTIONS}", json=body)
            ''', 8),),
        valid=(_py(_V2_BODY),),
    ),
    "PS703": Finding(
        "dynamic-v1-url",
        "v1 URL built at run time from parts psmigrate cannot read; rewrite it by hand",
        "The v1 host or path is assembled from values only known at run time (or split so that host and path "
        "cannot be rewritten separately), so psmigrate cannot tell which v2 endpoint it becomes.",
        ENDPOINT_MAP,
        invalid=(_py('''
            import requests


            def submit(endpoint, body):
                return requests.post(f"https://image.adobe.io/pie/psdService/{endpoint}", json=body)
            ''', 5),),
        valid=(_py(f'''
            import requests


            def submit(body):
                return requests.post("{_V2_ACTIONS}", json=body)
            '''),),
    ),
    "PS704": Finding(
        "endpoint-without-v2",
        "v1 endpoint with no v2 equivalent",
        "Adobe lists this v1 endpoint as removed or not yet supported in v2 (e.g. depthBlur, which needs "
        "Neural Filters), or v2 has nothing like it (`/pie/psdService/hello`, v1's credentials check); there is "
        "nothing to rewrite it to, so the call stays and is reported.",
        ENDPOINT_MAP + "; depth-blur.md; edit-operations.md (Deprecated endpoints)",
        invalid=(_py('''
            import requests


            def blur(src, dst):
                return requests.post("https://image.adobe.io/pie/psdService/depthBlur", json={
                    "inputs": [{"href": src, "storage": "external"}],
                    "options": {"blurStrength": 80},
                    "outputs": [{"href": dst, "storage": "external", "type": "image/jpeg"}],
                })
            ''', 5), _py('''
            import requests


            def token_works(headers):
                return requests.get("https://image.adobe.io/pie/psdService/hello", headers=headers).ok
            ''', 5)),
        valid=(_py(_V2_BODY),),
    ),
    "PS705": Finding(
        "endpoint-without-rules",
        "no conversion rules for this endpoint yet: the URL moves to v2, the body needs a manual step",
        "The guides map the v1 endpoint to a v2 one, but rules/ has no family for it, so only the URL is "
        "rewritten.",
        "index.md (Service migration reference)",
        invalid=(),
        valid=(_py(_V2_BODY),),
        no_example="every v1 endpoint in the guides' map has conversion rules today, so no code produces it; "
                   "it returns if a family is removed from rules/",
    ),
    "PS706": Finding(
        "v1-response-read-rewritten",
        "reads a v1 response field that psmigrate rewrites for v2",
        "The value read comes from a call this run rewrote (followed through assignments, `.json()`, return "
        "values, the arguments every call of a local helper passes, loop variables and `self` attributes), and "
        "the v2 response has the same information under a new name (`_links.self.href` → `statusUrl`, also as "
        "`\"_links\" in response`; `outputs[N].status` → `status`; `jobID` → `jobId`; `created` → "
        "`createdTime`; `outputs[N]._links.renditions[0].href` → `result.outputs[N].destination.url`, where v2 "
        "writes output N's one file), so the read is rewritten with the call, in `[...]` or `.get(...)` form as "
        "written (the renditions read in `[...]` form only: with `.get(...)` the default is the user's call).",
        RESPONSES,
        invalid=(_py('''
            import requests


            def job_state(job_id):
                data = requests.get(f"https://image.adobe.io/pie/psdService/status/{job_id}").json()
                return data["outputs"][0]["status"]
            ''', 6), _py('''
            import requests


            def state(body):
                return body.get("outputs", [])[0].get("status")


            def job_state(job_id):
                return state(requests.get(f"https://image.adobe.io/pie/psdService/status/{job_id}").json())
            ''', 5), _py('''
            import requests


            def first_file(job_id):
                job = requests.get(f"https://image.adobe.io/pie/psdService/status/{job_id}").json()
                return job["outputs"][0]["_links"]["renditions"][0]["href"]
            ''', 6)),
        valid=(_py('''
            import requests


            def job_state(job_id):
                data = requests.get(f"https://photoshop-api.adobe.io/v2/status/{job_id}").json()
                return data["status"]
            '''),),
        fixable=True,
    ),
    "PS707": Finding(
        "v1-response-read",
        "reads a v1 response field that v2 moved or removed",
        "v2 responses have no hypermedia `_links`, one job-level `status` and results under `result.outputs`; "
        "where psmigrate cannot see that the value comes from a call it rewrote, or v2 has no single "
        "equivalent, the read is reported for a person to change.",
        RESPONSES,
        invalid=(_py('''
            def status_url_of(submit_response):
                return submit_response["_links"]["self"]["href"]
            ''', 2),),
        valid=(_py('''
            def status_url_of(submit_response):
                return submit_response["statusUrl"]
            '''),),
    ),
    "PS708": Finding(
        "job-id-from-status-url",
        "job id cut out of a v1 status URL; v2 responses carry `jobId`",
        "v1 only returned a status link, so code split the job id off its end; a v2 submission returns "
        "`jobId` and `statusUrl` (JobAcceptedResponse), which is simpler and does not depend on the URL's shape.",
        RESPONSES + "; photoshop-v2-openapi.json (JobAcceptedResponse)",
        invalid=(_py('''
            def job_id_of(status_url):
                return status_url.rsplit("/", 1)[-1]
            ''', 2),),
        valid=(_py('''
            def job_id_of(submit_response):
                return submit_response["jobId"]
            '''),),
        severity=Severity.INFO,
    ),
    "PS709": Finding(
        "unparsable-file",
        "file cannot be parsed; skipped",
        "psmigrate rewrites code through a concrete syntax tree, so a file that is not valid Python 3 (or "
        "cannot be decoded, or nests too deeply) is skipped whole rather than edited as text.",
        "none: a limit of psmigrate, not an API change",
        invalid=(_py('''
            import requests

            print "job submitted"
            ''', 3),),
        valid=(_py('''
            import requests

            print("job submitted")
            '''),),
        severity=Severity.ERROR,
    ),
    "PS710": Finding(
        "v1-url-as-data",
        "v1 URL used where psmigrate cannot see a request sent with it (data, a call that sends nothing); "
        "not rewritten",
        "A v1 URL kept in a list, compared against or handed to a function that sends nothing may be "
        "matched against real v1 traffic or documentation, so it is reported rather than changed.",
        ENDPOINT_MAP,
        invalid=(_py(f'''
            ENDPOINTS = ["{_V1_ACTIONS}"]
            ''', 1),),
        valid=(_py(f'''
            ENDPOINTS = ["{_V2_ACTIONS}"]
            '''),),
    ),
    "PS711": Finding(
        "v1-body-to-v2-endpoint",
        "v2 endpoint called with a v1-shaped body (it has `inputs`)",
        "A half-migrated call: the URL is already v2 but the body still has v1's `inputs` array, which v2 "
        "rejects; v2 takes `image.source` (or `images` for artboards). A body recognised as a v1 endpoint "
        "that moved to this operation is converted (PS720, as on a v1 URL); this is reported when it is "
        "not: a body of another operation, or one that is not literal.",
        "llm-migration-reference.md (Common migration issues and solutions › Issue: Using V1 input structure)",
        invalid=(_py(f'''
            import requests


            def tone(photo, out):
                return requests.post("{_V2_ACTIONS}", json={{
                    "inputs": {{"href": photo, "storage": "external"}},
                    "outputs": [{{"href": out, "storage": "external", "type": "image/jpeg"}}],
                }})
            ''', 5),),
        valid=(_py(_V2_BODY),),
    ),
    "PS712": Finding(
        "comments-lost",
        "comments inside the rewritten body could not be kept",
        "Comments are carried over with the values they sit above; a comment above a key the rules remove or "
        "merge (`storage`, `type`) has no place in the v2 body, so it is named here instead of dropped silently.",
        "none: a limit of psmigrate, not an API change",
        invalid=(_py(f'''
            import requests


            def run(psd, out):
                return requests.post("{_V1_ACTIONS}", json={{
                    "inputs": [{{"href": psd, "storage": "external"}}],
                    "options": {{"actions": [{{"href": "https://bucket.example/resize.atn", "storage": "external"}}]}},
                    "outputs": [{{
                        "href": out,
                        # kept in our bucket
                        "storage": "external",
                        "type": "image/png",
                    }}],
                }})
            ''', 5),),
        valid=(_py(f'''
            import requests


            def run(psd, out):
                return requests.post("{_V1_ACTIONS}", json={{
                    "inputs": [{{"href": psd, "storage": "external"}}],
                    "options": {{"actions": [{{"href": "https://bucket.example/resize.atn", "storage": "external"}}]}},
                    # kept in our bucket
                    "outputs": [{{"href": out, "storage": "external", "type": "image/png"}}],
                }})
            '''),),
    ),
    "PS713": Finding(
        "run-time-value-in-body",
        "a value computed at run time sits where the rules need to look inside it",
        "The body is converted, but a variable or call stands where a rule must restructure its content (e.g. "
        "`outputs` given as a variable): it is carried over unchanged and must already hold v2 data.",
        REQUEST_STRUCTURE,
        invalid=(_py(f'''
            import requests


            def run(psd, outputs):
                return requests.post("{_V1_ACTIONS}", json={{
                    "inputs": [{{"href": psd, "storage": "external"}}],
                    "options": {{"actions": [{{"href": "https://bucket.example/resize.atn", "storage": "external"}}]}},
                    "outputs": outputs,
                }})
            ''', 8),),
        valid=(_py(f'''
            import requests


            def run(psd, out):
                return requests.post("{_V1_ACTIONS}", json={{
                    "inputs": [{{"href": psd, "storage": "external"}}],
                    "options": {{"actions": [{{"href": "https://bucket.example/resize.atn", "storage": "external"}}]}},
                    "outputs": [{{"href": out, "storage": "external", "type": "image/png"}}],
                }})
            '''),),
    ),
    "PS714": Finding(
        "url-defined-outside-run",
        "the v1 URL is defined in a file this run does not cover; run psmigrate on that file too",
        "The URL comes from a constant in another module; rewriting the call without that module would leave "
        "a v2 body sent to a v1 URL, so nothing is changed until both files are in the same run.",
        ENDPOINT_MAP,
        invalid=(_py('''
            import requests

            from settings import ACTIONS_URL


            def run(psd, out):
                return requests.post(ACTIONS_URL, json={
                    "inputs": [{"href": psd, "storage": "external"}],
                    "outputs": [{"href": out, "storage": "external", "type": "image/png"}],
                })
            ''', 7, siblings=(("settings.py", f'ACTIONS_URL = "{_V1_ACTIONS}"\n'),)),),
        valid=(_py(f'''
            import requests

            ACTIONS_URL = "{_V1_ACTIONS}"


            def run(psd, out):
                return requests.post(ACTIONS_URL, json={{
                    "inputs": [{{"href": psd, "storage": "external"}}],
                    "options": {{"actions": [{{"href": "https://bucket.example/resize.atn", "storage": "external"}}]}},
                    "outputs": [{{"href": out, "storage": "external", "type": "image/png"}}],
                }})
            '''),),
    ),
    "PS715": Finding(
        "rewrite-did-not-parse",
        "internal error: the rewritten file did not parse; left unchanged",
        "Every rewritten file is parsed again before it is written; if that fails, psmigrate has a bug, and "
        "the file is left as it was rather than written broken. Please report it with the file.",
        "none: a safety check of psmigrate",
        invalid=(),
        valid=(_py(_V2_BODY),),
        severity=Severity.ERROR,
        no_example="no known input produces it: it guards against a psmigrate bug",
    ),
    "PS716": Finding(
        "unknown-v1-endpoint",
        "unknown v1 endpoint",
        "The URL has the v1 host and service prefix but an endpoint name neither the rules nor Adobe's "
        "endpoint map know (a typo, or an endpoint Adobe never documented), so there is no v2 target.",
        ENDPOINT_MAP,
        invalid=(_py('''
            import requests


            def run(psd):
                return requests.post("https://image.adobe.io/pie/psdService/actionJsonCreate", json={
                    "inputs": [{"href": psd, "storage": "external"}],
                })
            ''', 5),),
        valid=(_py(_V2_BODY),),
    ),
    "PS717": Finding(
        "host-not-rewritten",
        "v1 host or base URL not rewritten: the requests it reaches need different v2 hosts, or psmigrate "
        "cannot follow them all",
        "v2 serves `/v2/remove-background` (and the status of its jobs) from `image.adobe.io` and every other "
        "operation from `photoshop-api.adobe.io`, so the host depends on the operation. A host or base URL is "
        "rewritten only when every request it reaches is known and needs the same host; otherwise it stays, "
        "and each request it would send to the wrong host is reported (PS718). Give each host its own constant.",
        _HOSTS,
        invalid=(_py('''
            import requests

            BASE = "https://image.adobe.io"


            def submit(path, body):
                return requests.post(BASE + path, json=body)
            ''', 3),),
        valid=(_py('''
            import requests

            BASE = "https://image.adobe.io"


            def job(job_id):
                return requests.get(f"{BASE}/pie/psdService/status/{job_id}")
            '''),),
    ),
    "PS718": Finding(
        "wrong-host",
        "request sent to a host that does not serve its v2 operation",
        "Each v2 operation has one host (the spec's path-level `servers`): `image.adobe.io` for "
        "remove-background, `photoshop-api.adobe.io` for the rest. The host comes from a literal psmigrate "
        "cannot change safely (shared with other operations, or set in another file), so it is reported at "
        "every request it sends to the wrong place, on every run until it is fixed.",
        _HOSTS,
        invalid=(_py('''
            import requests

            HOST = "https://photoshop-api.adobe.io"


            def remove_background(body):
                return requests.post(HOST + "/v2/remove-background", json=body)


            def play(body):
                return requests.post(HOST + "/v2/execute-actions", json=body)
            ''', 7),),
        valid=(_py('''
            import requests


            def remove_background(image):
                return requests.post("https://image.adobe.io/v2/remove-background", json={
                    "image": {"source": {"url": image}}, "mode": "cutout"})
            '''),),
    ),
    "PS719": Finding(
        "invalid-v2-body",
        "request body that the v2 schema of its endpoint rejects",
        "What is written literally in a body sent to a v2 endpoint is checked against Adobe's v2 schema, as "
        "`psmigrate convert` checks a file (values computed at run time aside); a body v2 would reject is "
        "reported at the field, whether it was written by hand or left by an earlier migration.",
        "photoshop-v2-openapi.json (request bodies of /v2/*)",
        invalid=(_py(f'''
            import requests


            def run(psd, out):
                return requests.post("{_V2_ACTIONS}", json={{
                    "image": {{"source": {{"url": psd}}}},
                    "options": {{"actions": [{{"source": {{"url": "s3://a.atn"}}}}], "globalFont": "Arial"}},
                    "outputs": [{{"destination": {{"url": out}}, "mediaType": "image/png"}}],
                }})
            ''', 7),),
        valid=(_py(_V2_BODY),),
        severity=Severity.ERROR,
    ),
    "PS720": Finding(
        "v1-request-body",
        "v1 request body that psmigrate converts to v2",
        "A dict literal sent to a v1 endpoint is converted by the same rules as `psmigrate convert`; "
        "variables and calls inside it are carried over unchanged.",
        REQUEST_STRUCTURE,
        invalid=(_py(f'''
            import requests


            def run(psd, out):
                return requests.post("{_V1_ACTIONS}", json={{
                    "inputs": [{{"href": psd, "storage": "external"}}],
                    "options": {{"actions": [{{"href": "https://bucket.example/resize.atn", "storage": "external"}}]}},
                    "outputs": [{{"href": out, "storage": "external", "type": "image/png"}}],
                }})
            ''', 5),),
        valid=(_py(_V2_BODY),),
        fixable=True,
    ),
    "PS721": Finding(
        "v1-url",
        "v1 URL that psmigrate rewrites to v2",
        "v2 has a new host (`photoshop-api.adobe.io`) and one `/v2/...` path per operation, including the "
        "unified `/v2/status/{jobId}`; URLs sent in requests, and hosts and status URLs anywhere, are rewritten.",
        ENDPOINT_MAP + "; status-migration.md (Basic migration example)",
        invalid=(_py('''
            import requests


            def job(job_id):
                return requests.get(f"https://image.adobe.io/pie/psdService/status/{job_id}")
            ''', 5),),
        valid=(_py('''
            import requests


            def job(job_id):
                return requests.get(f"https://photoshop-api.adobe.io/v2/status/{job_id}")
            '''),),
        fixable=True,
    ),
    "PS730": Finding(
        "poll-loop-waits-on-v1-field",
        "a poll loop waits for a v1 response field that v2 never sends; it would never end",
        "v1 reported each output's `status`; v2 reports one job-level `status` (JobStatusResponse). A loop "
        "(or a helper a loop calls) that waits for `outputs[N].status` or another v1 field would poll a v2 job "
        "forever, or fail on a missing key, so psmigrate reports it as an error wherever it cannot rewrite the "
        "read itself (an item of a loop over `outputs`, a response it cannot follow to a call it rewrote).",
        RESPONSES,
        invalid=(_py('''
            import time


            def wait(session, status_url):
                while True:
                    body = session.get(status_url).json()
                    if all(o["status"] == "succeeded" for o in body["outputs"]):
                        return body
                    time.sleep(5)
            ''', 7),),
        valid=(_py('''
            import time


            def wait(session, status_url):
                while True:
                    body = session.get(status_url).json()
                    if body["status"] in ("succeeded", "failed"):
                        return body
                    time.sleep(5)
            '''),),
        severity=Severity.ERROR,
    ),
    "PS731": Finding(
        "v1-model",
        "a request or response model (pydantic, dataclass, attrs, TypedDict) still has v1 fields",
        "A model is data that many places build or read, so psmigrate does not rename its fields; it reports "
        "the model once, at its first v1 field, with what v2 has instead: `_links` (v2 submissions return "
        "`statusUrl` and `jobId`), `jobID` (`jobId`), `inputs` (`image.source`), `href` + `storage` file "
        "references (`{url}` under `source`/`destination`), and properties that parse `_links.self.href`.",
        REQUEST_STRUCTURE + "; " + RESPONSES,
        invalid=(_py('''
            from pydantic import BaseModel, Field


            class Submitted(BaseModel):
                links: dict = Field(alias="_links")
            ''', 5), _py('''
            from dataclasses import dataclass


            @dataclass
            class FileRef:
                href: str
                storage: str = "external"
            ''', 6)),
        valid=(_py('''
            from pydantic import BaseModel, Field


            class Submitted(BaseModel):
                job_id: str = Field(alias="jobId")
                status_url: str = Field(alias="statusUrl")
            '''), _py('''
            from dataclasses import dataclass


            @dataclass
            class FileRef:
                url: str
            ''')),
    ),
    "PS732": Finding(
        "v1-endpoint-in-string",
        "a string that is not a request URL still names a v1 endpoint; left as it is",
        "Log lines, prints, docstrings, error messages and constants no call uses are not requests, so "
        "psmigrate does not change them (they may describe history or match v1 traffic); each is reported, "
        "informationally, so that a search for what is left of v1 is complete. Comments are not reported. "
        "Reword the string, or mark the line `# noqa: PS732`.",
        ENDPOINT_MAP,
        invalid=(_py('''
            import logging

            log = logging.getLogger(__name__)


            def submit(session, url, body):
                log.info("POST https://image.adobe.io/pie/psdService/photoshopActions")
                return session.post(url, json=body)
            ''', 7),),
        valid=(_py('''
            import logging

            log = logging.getLogger(__name__)


            def submit(session, url, body):
                # this was POST https://image.adobe.io/pie/psdService/photoshopActions in v1
                log.info("POST https://photoshop-api.adobe.io/v2/execute-actions")
                return session.post(url, json=body)
            '''),),
        severity=Severity.INFO,
    ),
    "PS733": Finding(
        "unknown-v2-operation",
        "the request goes to a /v2/ path that is not a v2 operation",
        "Adobe's v2 API has one path per operation (execute-actions, create-composite, edit, "
        "create-artboard, generate-manifest, remove-background, status); any other `/v2/...` path "
        "answers 404. It usually comes from a base URL rewritten for its other requests while this one "
        "named a v1 endpoint with no v2 equivalent (`/hello`, `depthBlur`): remove the request, or send it "
        "to the operation that replaces it.",
        ENDPOINT_MAP,
        invalid=(_py('''
            import requests

            BASE = "https://photoshop-api.adobe.io/v2"


            def check(headers):
                return requests.get(f"{BASE}/hello", headers=headers)
            ''', 7),),
        valid=(_py('''
            import requests

            BASE = "https://photoshop-api.adobe.io/v2"


            def status(headers, job_id):
                return requests.get(f"{BASE}/status/{job_id}", headers=headers)
            '''),),
        severity=Severity.ERROR,
    ),
    "PS734": Finding(
        "placeholder-url",
        "a URL in a v2 request body is a template placeholder, not an address",
        "A value such as `<EDITED_IMAGE_URL>`, `{{url}}` or `${URL}` is what a template leaves where an "
        "address was meant to go; Adobe accepts the request (202) and the job fails when it tries to "
        "fetch or upload there. psmigrate writes such placeholders itself where v1 added a file on the "
        "server and v2 needs its URL (splitView, sideBySide: PS121, PS122): put the presigned URL there.",
        "execute-actions guide (additionalContents); status-migration.md (Common error codes: 400401, 422404)",
        invalid=(_py('''
            import requests


            def submit(headers, psd):
                body = {"image": {"source": {"url": psd}},
                        "options": {"additionalContents": [{"source": {"url": "<PRODUCT_LOGO_URL>"}}],
                                    "actions": [{"source": {"url": "https://bucket.example/a.atn"}}]}}
                return requests.post("https://photoshop-api.adobe.io/v2/execute-actions", json=body, headers=headers)
            ''', 6),),
        valid=(_py('''
            import requests


            def submit(headers, psd, logo):
                body = {"image": {"source": {"url": psd}},
                        "options": {"additionalContents": [{"source": {"url": logo}}],
                                    "actions": [{"source": {"url": "https://bucket.example/a.atn"}}]}}
                return requests.post("https://photoshop-api.adobe.io/v2/execute-actions", json=body, headers=headers)
            '''),),
        severity=Severity.ERROR,
    ),
    "PS735": Finding(
        "result-expected-at-dropped-location",
        "code reads the output location v1 wrote to; v2 writes nothing there",
        "v1 remove-background wrote its result to the body's `output.href`; v2 takes no output location "
        "and stores the result itself (PS384), so a client that returns or opens that location after the "
        "job succeeds gets a file that was never written. The codemod follows the value from the body to "
        "its later reads (through helper parameters and method calls) and reports each; as nothing in "
        "the migrated body shows it any more, it leaves a `# TODO(psmigrate): PS735` comment there, "
        "reported on every run until it is removed. Read `result.outputs[0].destination.url` from the "
        "job status instead, and copy the file if it must be at your location.",
        "remove-background/index.md (Remove Background, status polling); status-migration.md (Response format)",
        invalid=(_py('''
            import requests


            def cutout(headers, source, target):
                body = {"input": {"href": source, "storage": "external"}, "output": {"href": target, "storage": "external"}}
                requests.post("https://image.adobe.io/sensei/cutout", json=body, headers=headers)
                return target
            ''', 7), _py('''
            import requests


            def cutout(headers, source):
                body = {"image": {"source": {"url": source}}, "mode": "cutout"}
                status_url = requests.post("https://image.adobe.io/v2/remove-background", json=body, headers=headers).json()["statusUrl"]
                # TODO(psmigrate): PS735 `target` is where v1 wrote the result (`/output/href`); v2 writes nothing there (PS384)
                return status_url
            ''', 8)),
        valid=(_py('''
            import requests


            def cutout(headers, source):
                body = {"image": {"source": {"url": source}}, "mode": "cutout"}
                status_url = requests.post("https://image.adobe.io/v2/remove-background", json=body, headers=headers).json()["statusUrl"]
                job = requests.get(status_url, headers=headers).json()
                return job["result"]["outputs"][0]["destination"]["url"]
            '''),),
    ),
    "PS736": Finding(
        "body-sent-to-several-endpoints",
        "one request body is sent to several v1 endpoints, each needing its own v2 body",
        "In v1 many endpoints took the same body shape (`inputs`/`outputs`), so a helper could build one "
        "body and send it to whichever endpoint its caller named. In v2 the operation is in the body "
        "(Lightroom's `edits.autoTone`, remove-background's `mode`), so no single conversion is right for "
        "every caller; converting it for one would silently run that operation for all. The body is "
        "left as it is for a person to split (the URLs are rewritten), and the finding is written into "
        "the code as a TODO, so that it is reported on every later run.",
        ENDPOINT_MAP,
        invalid=(_py('''
            import requests


            def submit(endpoint, source, target, headers):
                return requests.post(f"https://image.adobe.io/lrService/{endpoint}", headers=headers, json={
                    "inputs": {"href": source, "storage": "external"},
                    "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
                })


            def tone_then_straighten(source, toned, level, headers):
                submit("autoTone", source, toned, headers)
                submit("autoStraighten", toned, level, headers)
            ''', 5),),
        valid=(_py('''
            import requests


            def submit(endpoint, source, target, headers):
                return requests.post(f"https://image.adobe.io/lrService/{endpoint}", headers=headers, json={
                    "inputs": {"href": source, "storage": "external"},
                    "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
                })


            def tone(source, toned, headers):
                submit("autoTone", source, toned, headers)
            '''),),
        severity=Severity.ERROR,
    ),
    "PS737": Finding(
        "shared-piece-needs-different-rewrites",
        "a piece of URL shared by several requests needs different rewrites for them",
        "A base path in a settings module (`LIGHTROOM_PATH = \"/lrService\"`) is rewritten by its own file's "
        "run when every request of the run that reaches it needs the same edit, so that the file "
        "sending the request and the file holding the piece change together. When the requests "
        "disagree, no edit is right for all of them, and changing the piece for one would break the "
        "others: the piece and the requests stay as they are, and each is reported.",
        ENDPOINT_MAP,
        no_example="it needs two files of one run that send different requests through one piece; "
                   "tests/codemod/test_shared_pieces.py covers it",
        invalid=(),
        valid=(_py('''
            import requests

            LIGHTROOM = "https://image.adobe.io/lrService"


            def tone(headers, body):
                return requests.post(f"{LIGHTROOM}/autoTone", json=body, headers=headers)
            '''),),
    ),
    "PS738": Finding(
        "appended-in-a-loop-to-a-capped-list",
        "items appended in a loop to a list v2 takes only so many of",
        "A body built by appending to a literal's lists is converted with each append's item once (and "
        "checked against the v2 schema so); how often an append in a loop runs is known only at run time, "
        "so v2's limit on that list (25 outputs, 100 layers) cannot be checked here. Adobe refuses the "
        "whole request when the loop adds more. Reported on every run until `# noqa: PS738` says the loop "
        "stays within it.",
        REQUEST_STRUCTURE,
        invalid=(_py(f'''
            import requests


            def export(psd, targets, headers):
                data = {{"inputs": [{{"href": psd, "storage": "external"}}], "outputs": []}}
                for target in targets:
                    data["outputs"].append({{"href": target, "storage": "external", "type": "image/png"}})
                return requests.post("https://image.adobe.io/pie/psdService/renditionCreate", headers=headers, json=data)
            ''', 7),),
        valid=(_py(f'''
            import requests


            def export(psd, target, headers):
                data = {{"inputs": [{{"href": psd, "storage": "external"}}], "outputs": []}}
                if target:
                    data["outputs"].append({{"href": target, "storage": "external", "type": "image/png"}})
                return requests.post("https://image.adobe.io/pie/psdService/renditionCreate", headers=headers, json=data)
            '''),),
    ),
}

CODES = {code: finding.summary for code, finding in FINDINGS.items()}

# What the codemod changes itself (lint reports them as fixable); every other code is a finding a
# person must look at.
FIXED_CODES = frozenset(code for code, finding in FINDINGS.items() if finding.fixable)

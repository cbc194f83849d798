"""The JavaScript and TypeScript codes (the PS9xx range), shared by ``psmigrate codemod`` and ``lint``.

Each code is a record as the Python and shell ones are: a one-line summary (the start of every
message), why, the Adobe source, and Fixit-style examples: INVALID code that produces the code at
``line``, VALID code that does not. ``tests/javascript/test_finding_examples.py`` runs them all.
Codes raised by the conversion itself (PS0xx–PS3xx) are reported as they are, at the body.
"""

from __future__ import annotations

from textwrap import dedent

from migrator.diagnostics import Severity
from migrator.finding import ENDPOINT_MAP, REQUEST_STRUCTURE, RESPONSES, Example, Finding


def _js(text: str, line: int | None = None, suffix: str = ".js") -> Example:
    return Example(dedent(text).lstrip("\n"), line, suffix)


_V1_BODY = ('{inputs: [{href: input, storage: "external"}], options: {actions: [{href: action, storage: "external"}]}, '
            'outputs: [{href: output, storage: "external", type: "image/png"}]}')
_V2_BODY = ('{image: {source: {url: input}}, options: {actions: [{source: {url: action}}]}, '
            'outputs: [{destination: {url: output}, mediaType: "image/png"}]}')

JS_FINDINGS: dict[str, Finding] = {
    "PS901": Finding(
        "js-url-rewritten",
        "the request calls a v1 URL that psmigrate rewrites to v2",
        "v1 served every operation from image.adobe.io under /pie/psdService, /lrService and /sensei; v2 serves "
        "/v2/<operation> on the host its operation names in rules/ (photoshop-api.adobe.io, or image.adobe.io for "
        "remove-background and its job status). The URL is rewritten where its text is a literal of this module: "
        "in the call, a template literal, or a constant the URL names.",
        ENDPOINT_MAP,
        invalid=(_js('''
            const res = await fetch(`https://image.adobe.io/pie/psdService/status/${jobId}`, {headers});
            ''', 1),),
        valid=(_js('''
            const res = await fetch(`https://photoshop-api.adobe.io/v2/status/${jobId}`, {headers});
            '''),),
        fixable=True,
    ),
    "PS902": Finding(
        "js-body-rewritten",
        "the request sends a v1 body that psmigrate converts to v2",
        "An object literal body (passed directly, through a `const`, or inside `JSON.stringify(...)`) is read as "
        "a payload, converted by the same rules as `psmigrate convert`, and written back in its own style; "
        "names, calls and template literals are carried as values computed at run time, verbatim.",
        REQUEST_STRUCTURE,
        invalid=(_js(f'''
            await fetch("https://image.adobe.io/pie/psdService/photoshopActions", {{
              method: "POST", headers, body: JSON.stringify({_V1_BODY}),
            }});
            ''', 2),),
        valid=(_js(f'''
            await fetch("https://photoshop-api.adobe.io/v2/execute-actions", {{
              method: "POST", headers, body: JSON.stringify({_V2_BODY}),
            }});
            '''),),
        fixable=True,
    ),
    "PS903": Finding(
        "js-response-read-rewritten",
        "the code reads a v1 response field that psmigrate rewrites to its v2 name",
        "v1 answered a submission with `_links.self.href` and a status poll with per-output `outputs[N].status`; "
        "v2 answers with `statusUrl` and `jobId`, and one job-level `status`. A read is rewritten where psmigrate "
        "knows which response it reads (followed from the request through `.json()`, axios's `.data` and the "
        "names it is assigned to).",
        RESPONSES,
        invalid=(_js('''
            const res = await fetch("https://photoshop-api.adobe.io/v2/execute-actions", {method: "POST", body});
            const statusUrl = (await res.json())._links.self.href;
            ''', 2),),
        valid=(_js('''
            const res = await fetch("https://photoshop-api.adobe.io/v2/execute-actions", {method: "POST", body});
            const statusUrl = (await res.json()).statusUrl;
            '''),),
        fixable=True,
    ),
    "PS904": Finding(
        "js-url-unreadable",
        "the request's v1 URL is built where psmigrate cannot rewrite it",
        "A URL whose endpoint name is computed at run time, whose host or path is split across values, escaped, "
        "or written in another module, or whose base URL psmigrate cannot follow, must be changed by hand: the "
        "v1 path would reach an API at end of life, a v1 host would refuse v2 operations served elsewhere.",
        ENDPOINT_MAP,
        invalid=(_js('''
            const res = await fetch(`https://image.adobe.io/pie/psdService/${name}`, {method: "POST", body});
            ''', 1),),
        valid=(_js('''
            const res = await fetch(`https://photoshop-api.adobe.io/v2/${name}`, {method: "POST", body});
            '''),),
    ),
    "PS905": Finding(
        "js-no-v2-endpoint",
        "the request calls a v1 endpoint that has no v2 equivalent",
        "depthBlur needs Neural Filters, which v2 does not offer; hello was a credentials check with no v2 "
        "counterpart. No rewrite exists: the call must be removed or replaced.",
        "depth-blur.md; llm-migration-reference.md (Complete V1 to V2 endpoint mapping)",
        invalid=(_js('''
            await axios.post("https://image.adobe.io/pie/psdService/depthBlur", body);
            ''', 1),),
        valid=(_js('''
            await axios.post("https://photoshop-api.adobe.io/v2/execute-actions", body);
            '''),),
        severity=Severity.ERROR,
    ),
    "PS906": Finding(
        "js-unknown-endpoint",
        "the request calls a v1 path that is no endpoint psmigrate knows",
        "The path is under a v1 service prefix but names no endpoint of the v1 API reference; psmigrate cannot "
        "tell its v2 home.",
        ENDPOINT_MAP,
        invalid=(_js('''
            await axios.post("https://image.adobe.io/pie/psdService/notAThing", body);
            ''', 1),),
        valid=(_js('''
            await axios.post("https://photoshop-api.adobe.io/v2/execute-actions", body);
            '''),),
    ),
    "PS907": Finding(
        "js-body-not-followed",
        "the request's v1 body is not one psmigrate can read",
        "psmigrate converts an object literal it can see (in the call, a `const` of the module, or inside "
        "`JSON.stringify`); a body built elsewhere, passed in, or holding spreads or computed keys is left as it "
        "is; a value computed at run time where the rules must restructure it (`outputs: targets.map(...)`) is "
        "carried over as it is while the rest of the body is converted. Sent to a v2 URL it would be refused, so "
        "the finding stays: at the call while the URL is v1, and as "
        "a `// TODO(psmigrate): PS907` comment once psmigrate has moved the URL, reported on every run until "
        "removed.",
        REQUEST_STRUCTURE,
        invalid=(_js('''
            export async function run(body) {
              return fetch("https://image.adobe.io/pie/psdService/photoshopActions", {method: "POST", body});
            }
            ''', 2), _js('''
            export async function run(psd, targets) {
              return fetch("https://image.adobe.io/pie/psdService/renditionCreate", {method: "POST", body: JSON.stringify({
                inputs: [{href: psd, storage: "external"}],
                outputs: targets.map((t) => ({href: t, storage: "external", type: "image/png"})),
              })});
            }
            ''', 4)),
        valid=(_js('''
            export async function run(body) {
              return fetch("https://photoshop-api.adobe.io/v2/execute-actions", {method: "POST", body});
            }
            '''),),
        severity=Severity.ERROR,
    ),
    "PS908": Finding(
        "js-v2-body-invalid",
        "the request sends a body to a v2 URL that the v2 schema rejects",
        "A body sent to /v2/<operation> must validate against that operation's schema in Adobe's v2 spec; a v1 "
        "body of another operation is never converted for the wrong one.",
        "photoshop-v2-openapi.json (request body schemas)",
        invalid=(_js('''
            await axios.post("https://photoshop-api.adobe.io/v2/execute-actions", {image: {source: {}}, outputs: []});
            ''', 1),),
        valid=(_js(f'''
            await axios.post("https://photoshop-api.adobe.io/v2/execute-actions", {_V2_BODY});
            '''),),
        severity=Severity.ERROR,
    ),
    "PS909": Finding(
        "js-v1-response-read",
        "the code reads a v1 response field that v2 does not send",
        "v2 responses have no hypermedia `_links` and no per-output `outputs[N].status`/`_links.renditions`; "
        "results are under `result.outputs[N]`. Where psmigrate cannot tell which response is read, or v2 has no "
        "field of the same meaning, the read is reported; a poll loop waiting on such a field is an error, since "
        "it would never end.",
        RESPONSES,
        invalid=(_js('''
            const status = await (await fetch(statusUrl, {headers})).json();
            console.log(status.outputs[0]._links.renditions[0].href);
            ''', 2),),
        valid=(_js('''
            const status = await (await fetch(statusUrl, {headers})).json();
            console.log(status.result.outputs[0].destination.url);
            '''),),
    ),
    "PS910": Finding(
        "js-unparsable",
        "psmigrate cannot parse this JavaScript or TypeScript",
        "tree-sitter's grammar recovered from a syntax error; psmigrate changes nothing it cannot read, so a v1 "
        "call there is not migrated.",
        "none: psmigrate's own parser",
        invalid=(_js('''
            const url = "https://image.adobe.io/pie/psdService/text";
            fetch(url, {method: "POST" body: x});
            ''', 2),),
        valid=(_js('''
            const url = "https://photoshop-api.adobe.io/v2/execute-actions";
            fetch(url, {method: "POST", body: x});
            '''),),
        severity=Severity.ERROR,
    ),
    "PS911": Finding(
        "js-shared-host",
        "one host literal serves requests that v2 serves on different hosts",
        "v2 serves remove-background on image.adobe.io and every other operation on photoshop-api.adobe.io; a "
        "base URL shared by both kinds of request cannot be rewritten to either. Give each its own base.",
        "photoshop-v2-openapi.json (path-level servers)",
        invalid=(_js('''
            const BASE = "https://image.adobe.io";
            await axios.post(`${BASE}/sensei/cutout`, cutout);
            await axios.post(`${BASE}/pie/psdService/text`, text);
            ''', 2),),
        valid=(_js('''
            const BASE = "https://image.adobe.io";
            await axios.post(`${BASE}/v2/remove-background`, cutout);
            '''),),
    ),
    "PS912": Finding(
        "js-v1-leftover",
        "the code still names a v1 endpoint outside any request psmigrate reads",
        "A v1 URL in text psmigrate does not read as a request (a command line, a template built elsewhere, a "
        "client psmigrate does not know, a v1 base URL an endpoint is added to where psmigrate cannot follow) "
        "would still reach v1, which has reached end of life; comments and log "
        "messages are not reported. A string that is a whole v1 endpoint URL or path is rewritten where it is "
        "written instead (PS901), since it names its operation.",
        "deprecation-announcement (v1 end of life 2026-07-31)",
        invalid=(_js('''
            execSync("curl -X POST https://image.adobe.io/pie/psdService/text -d @body.json");
            ''', 1), _js('''
            const app = {
              baseUrl() { return "https://image.adobe.io/sensei"; },
              removeBackground(body) { return axios({url: this.baseUrl() + "/cutout", method: "POST", data: body}); },
            };
            ''', 2)),
        valid=(_js('''
            // v1 was /pie/psdService/text
            execSync("curl -X POST https://photoshop-api.adobe.io/v2/execute-actions -d @body.json");
            '''),),
    ),
    "PS913": Finding(
        "js-v1-sdk-call",
        "the code calls Adobe's v1 SDK, which has no v2 release",
        "@adobe/aio-lib-photoshop-api, @adobe/photoshop-apis and @adobe/lightroom-apis call v1 endpoints only and "
        "have no v2 release. Each method is reported with the v2 operation that replaces it; call it with "
        "`fetch`, e.g. `const {statusUrl} = await (await fetch(\"https://photoshop-api.adobe.io/v2/execute-actions\", "
        "{method: \"POST\", headers: {Authorization: `Bearer ${token}`, \"x-api-key\": key, \"Content-Type\": "
        "\"application/json\"}, body: JSON.stringify(v2Body)})).json()`, then poll `statusUrl` until its "
        "`status` is `succeeded` or `failed`.",
        "llm-migration-reference.md (Complete V1 to V2 endpoint mapping); status-migration.md",
        invalid=(_js('''
            const sdk = require("@adobe/aio-lib-photoshop-api");
            const client = await sdk.init(org, key, token);
            const job = await client.applyPhotoshopActions(input, output, {actions});
            ''', 3),),
        valid=(_js('''
            const res = await fetch("https://photoshop-api.adobe.io/v2/execute-actions", {method: "POST", headers,
              body: JSON.stringify(body)});
            '''),),
        severity=Severity.ERROR,
    ),
    "PS914": Finding(
        "js-v1-sdk-call-fixable",
        "the code calls Adobe's v1 SDK with arguments psmigrate can read: --unsafe-fixes rewrites it to v2",
        "A call of @adobe/aio-lib-photoshop-api whose files, options and client credentials psmigrate can read "
        "(literals, module constants, the apiKey and accessToken given to `sdk.init` where those names mean the "
        "same at the call) becomes `psmigrateV2Job(url, credentials, body)`: a helper written once at the end of "
        "the module that POSTs the v2 body (converted by the rules of `psmigrate convert` from the v1 body the "
        "SDK would have sent) to the operation's host and polls `statusUrl` until the job ends, as the SDK's "
        "methods did. Reads of the result are rewritten to the v2 job status (`outputs[0].status` → `status`), "
        "and `job.pollUntilDone()` on it becomes `job`. A call of a `PhotoshopClient` (@adobe/photoshop-apis) or "
        "`LightroomClient` (@adobe/lightroom-apis) built in view from `{ clientId, tokenProvider }` sends its "
        "first argument, read through constants and the SDK's enums, as the v1 body; it becomes "
        "`psmigrateV2Job(url, { Authorization: `Bearer ${await tokenProvider.getToken()}`, \"x-api-key\": "
        "clientId }, body, true)`, which resolves to `{ result: <v2 job status> }` and throws when the job fails, "
        "as the SDK's jobs resolve and reject. A client built from a `clientSecret`, a configuration or body "
        "psmigrate cannot read, an AbortSignal, or a result read beyond `result` keeps the PS913 finding with "
        "its reason. The fix is unsafe, as ruff names it: the call no longer goes through the SDK (its retries, "
        "its logging, Adobe I/O Files paths), so it is applied only with `--unsafe-fixes`; without the flag the "
        "finding says a fix is available.",
        "llm-migration-reference.md (Complete V1 to V2 endpoint mapping); status-migration.md; aio-lib-photoshop-"
        "api's src/index.js and src/fileresolver.js (what each method sends); @adobe/photoshop-apis 1.0.0 and "
        "2.0.1 Photoshop.js and PhotoshopAsyncClient.js, @adobe/lightroom-apis 1.0.0 Lightroom.js, "
        "@adobe/firefly-services-sdk-core request.js and AsyncJobPromise.js (request, credentials, result)",
        invalid=(_js('''
            const sdk = require("@adobe/aio-lib-photoshop-api");
            async function main(org, key, token) {
              const client = await sdk.init(org, key, token);
              const job = await client.createRendition("https://in.example/a.psd", "https://out.example/a.png");
              return job.outputs[0].status;
            }
            ''', 4),
                 _js('''
            const { PhotoshopClient } = require("@adobe/photoshop-apis");
            async function main(clientId, tokenProvider) {
              const photoshop = new PhotoshopClient({ clientId, tokenProvider });
              const job = await photoshop.createRendition({
                inputs: [{ href: "https://in.example/a.psd", storage: "external" }],
                outputs: [{ href: "https://out.example/a.png", storage: "external", type: "image/png" }] });
              return job.result.outputs[0].status;
            }
            ''', 4)),
        valid=(_js('''
            async function main(key, token) {
              const job = await psmigrateV2Job("https://photoshop-api.adobe.io/v2/create-composite",
                { Authorization: `Bearer ${token}`, "x-api-key": key },
                { image: { source: { url: "https://in.example/a.psd" } },
                  outputs: [{ destination: { url: "https://out.example/a.png" }, mediaType: "image/png" }] });
              return job.status;
            }
            '''),
               _js('''
            async function main(clientId, tokenProvider) {
              const job = await psmigrateV2Job("https://photoshop-api.adobe.io/v2/create-composite",
                { Authorization: `Bearer ${await tokenProvider.getToken()}`, "x-api-key": clientId },
                { image: { source: { url: "https://in.example/a.psd" } },
                  outputs: [{ destination: { url: "https://out.example/a.png" }, mediaType: "image/png" }] }, true);
              return job.result.status;
            }
            ''')),
        severity=Severity.ERROR,
        fixable=True,
        unsafe=True,
    ),
    "PS915": Finding(
        "js-shared-piece-conflict",
        "a URL piece shared by several modules serves requests that need different edits",
        "A constant another module imports (`export const HOST = \"https://image.adobe.io\"`, `LIGHTROOM = "
        "\"/lrService\"`) is rewritten by its own file's run when every request of the run that reaches it, in "
        "that file and in the files importing it, needs the same edit; each importing file's run then relies on "
        "it. When they need different edits (remove-background stays on image.adobe.io, every other operation "
        "moves to photoshop-api.adobe.io), or one of them is left as it is, no file changes those requests and "
        "each reports them: give each operation its own constant.",
        ENDPOINT_MAP,
        invalid=(Example(dedent('''
            import { HOST } from "./config.mjs";
            await fetch(`${HOST}/sensei/cutout`, {method: "POST", headers, body});
            ''').lstrip("\n"), 2, ".mjs", siblings=(
                ("config.mjs", 'export const HOST = "https://image.adobe.io";\n'),
                ("tone.mjs", 'import { HOST } from "./config.mjs";\n'
                             'await fetch(`${HOST}/lrService/autoTone`, {method: "POST", headers, body});\n'),
            ), in_run=True),),
        valid=(Example(dedent('''
            import { IMAGE_HOST } from "./config.mjs";
            await fetch(`${IMAGE_HOST}/v2/remove-background`, {method: "POST", headers, body});
            ''').lstrip("\n"), None, ".mjs", siblings=(
                ("config.mjs", 'export const IMAGE_HOST = "https://image.adobe.io";\n'
                               'export const PHOTOSHOP_HOST = "https://photoshop-api.adobe.io";\n'),
            ), in_run=True),),
    ),
    "PS930": Finding(
        "js-wrapper-not-followed",
        "the call hands a v1 URL to a function psmigrate cannot follow as a request wrapper",
        "A function of the module whose own request sends one of its parameters as the URL (`async function "
        "adobePost(url, token, payload)`) is followed like a direct request: the argument bound to that "
        "parameter is the URL and the one bound to the parameter it sends as the body is the body, both migrated "
        "where they are written. psmigrate does not guess when the arguments cannot be matched to those "
        "parameters by position (a rest parameter, a spread argument before them, a missing argument), when the "
        "wrapper builds its URL or body itself from its parameters, changes the body it was given, or sends "
        "different parameters in different requests; or when the function is imported from another module of "
        "the project (its requests are not read). The call is left as it is, its v1 URL kept as it is for every "
        "file of the run, and its URL and body must be migrated by hand (or the wrapper written so its URL and "
        "body are plain parameters).",
        ENDPOINT_MAP,
        invalid=(_js('''
            async function adobePost(...args) {
              return (await fetch(args[0], {method: "POST", body: JSON.stringify(args[1])})).json();
            }
            await adobePost("https://image.adobe.io/lrService/autoTone", body);
            ''', 4),),
        valid=(_js('''
            async function adobePost(url, payload) {
              return (await fetch(url, {method: "POST", body: JSON.stringify(payload)})).json();
            }
            await adobePost("https://photoshop-api.adobe.io/v2/edit", body);
            '''),),
        severity=Severity.ERROR,
    ),
}

JS_FIXED = frozenset(code for code, finding in JS_FINDINGS.items() if finding.fixable)
JS_UNSAFE = frozenset(code for code, finding in JS_FINDINGS.items() if finding.unsafe)  # with --unsafe-fixes only

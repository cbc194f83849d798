"""The unsafe fix of the Firefly Services SDKs' calls (``sdk_firefly.py``): what it must refuse
beyond the fixtures, and the findings it leaves being found again on every later run."""

from __future__ import annotations

from textwrap import dedent

import pytest

from migrator.codemod import Options
from migrator.javascript.apply import rewrite_js_bytes

HEAD = '''
import { PhotoshopClient, StorageType } from "@adobe/photoshop-apis";
import { provider } from "./auth.mjs";
const ps = new PhotoshopClient({ clientId: "key", tokenProvider: provider });
'''


def _run(text: str, unsafe: bool = True, name: str = "client.mjs"):
    return rewrite_js_bytes(dedent(text).encode(), name, Options(unsafe_fixes=unsafe))


def _codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_without_the_flag_the_fix_is_only_offered():
    text = HEAD + '''
export async function go() {
  const job = await ps.createRendition({ inputs: [{ href: "https://in.example/a.psd", storage: "external" }],
    outputs: [{ href: "https://out.example/a.png", storage: "external", type: "image/png" }] });
  return job.result.outputs[0].status;
}
'''
    result = _run(text, unsafe=False)
    assert result.after == result.before
    assert [d.message for d in result.diagnostics if d.code == "PS914"][0].endswith(
        "(a fix is available with --unsafe-fixes)")


def test_a_read_v2_cannot_answer_is_reported_again_after_the_fix():
    text = HEAD + '''
export async function go() {
  const job = await ps.createRendition({ inputs: [{ href: "https://in.example/a.psd", storage: "external" }],
    outputs: [{ href: "https://out.example/a.png", storage: "external", type: "image/png" }] });
  return job.result._links.self.href;
}
'''
    first = _run(text)
    assert "psmigrateV2Job(" in first.after.decode() and "PS909" in _codes(first)
    for unsafe in (True, False):
        again = rewrite_js_bytes(first.after, "client.mjs", Options(unsafe_fixes=unsafe))
        assert again.after == first.after
        assert "PS909" in _codes(again)


@pytest.mark.parametrize("body, reason", [
    # a name of the body means something else where the call is than where the constant is
    ('''const url = process.argv[2];
const BODY = { inputs: [{ href: url, storage: "external" }], outputs: [{ href: "https://o.example/a.png",
  storage: "external", type: "image/png" }] };
export async function go(url) { const job = await ps.createRendition(BODY); return job.result.jobId; }''',
     "does not mean the same"),
    # a URL assigned again after the body that reads it was built
    ('''let url = "https://in.example/a.psd";
export async function go() {
  url = "https://in.example/b.psd";
  const job = await ps.createRendition({ inputs: [{ href: url, storage: "external" }],
    outputs: [{ href: "https://o.example/a.png", storage: "external", type: "image/png" }] });
  return job.result.jobId;
}''', "assigned again"),
    # an enum member the package does not export
    ('''export async function go(u) {
  const job = await ps.createRendition({ inputs: [{ href: u, storage: StorageType.S3 }],
    outputs: [{ href: "https://o.example/a.png", storage: "external", type: "image/png" }] });
  return job.result.jobId;
}''', "StorageType.S3"),
    # a constant of the body changed before the call
    ('''const OUT = { href: "https://o.example/a.png", storage: "external" };
OUT.type = "image/png";
export async function go(u) {
  const job = await ps.createRendition({ inputs: [{ href: u, storage: "external" }], outputs: [OUT] });
  return job.result.jobId;
}''', "is changed after it is declared"),
    # the result handed on whole
    ('''export async function go(u, keep) {
  const job = await ps.createRendition({ inputs: [{ href: u, storage: "external" }],
    outputs: [{ href: "https://o.example/a.png", storage: "external", type: "image/png" }] });
  keep(job.result);
}''', "cannot follow"),
])
def test_the_fix_refuses_what_it_cannot_be_sure_of(body, reason):
    result = _run(HEAD + body)
    assert result.after == result.before
    messages = [d.message for d in result.diagnostics if d.code == "PS913"]
    assert messages and reason in messages[0], messages


def test_a_lightroom_client_in_commonjs_is_fixed_with_its_own_credentials():
    text = '''
const { LightroomClient } = require("@adobe/lightroom-apis");
async function tone(clientId, tokenProvider, input, output) {
  const lightroom = new LightroomClient({ clientId, tokenProvider });
  const job = await lightroom.applyPreset({
    inputs: { source: { href: input, storage: "external" },
      presets: [{ href: "https://presets.example/warm.xmp", storage: "external" }] },
    outputs: [{ href: output, storage: "external", type: "image/jpeg" }],
  });
  return job.result.outputs[0].status;
}
'''
    result = _run(text, name="tone.cjs")
    after = result.after.decode()
    assert 'psmigrateV2Job("https://photoshop-api.adobe.io/v2/edit", { Authorization: `Bearer ${await ' \
           'tokenProvider.getToken()}`, "x-api-key": clientId }' in after
    assert after.count(", true)") == 1 and "return job.result.status;" in after

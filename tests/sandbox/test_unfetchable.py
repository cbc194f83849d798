"""URLs no server could open: Adobe accepts the body (202) and fails the job; so does the sandbox."""

from __future__ import annotations

import copy
import json

import pytest

from migrator.convert import convert
from migrator.sandbox import Options, Sandbox
from migrator.sandbox.fetch import template_placeholder
from tests.sandbox.conftest import ACTIONS_BODY, AUTH, REMOVE_BACKGROUND_BODY

JSON = {**AUTH, "Content-Type": "application/json"}


def _run(sandbox: Sandbox, body, endpoint="/v2/execute-actions", host="photoshop-api.adobe.io"):
    accepted = sandbox.handle("POST", f"https://{host}{endpoint}", JSON, json.dumps(body))
    assert accepted.status == 202, accepted.body
    return accepted, [sandbox.handle("GET", accepted.body["statusUrl"], JSON).body for _ in range(3)]


def _with(pointer_tokens, url):
    body = copy.deepcopy(ACTIONS_BODY)
    node = body
    for token in pointer_tokens[:-1]:
        node = node[token]
    node[pointer_tokens[-1]] = url
    return body


@pytest.mark.parametrize("url", ["<EDITED_IMAGE_URL>", "{{url}}", "${URL}", "", "   ", "in.psd", "/files/in.psd",
                                 "ftp://bucket.example/in.psd", "https://bucket.example/{{name}}.psd",
                                 "https://bucket.example/%7B%7Bname%7D%7D.psd", "https://bucket.example/{}.psd",
                                 "https://bucket.example/%s.psd", "https:///in.psd"])
def test_an_input_no_server_could_fetch_fails_the_job(url):
    accepted, polls = _run(Sandbox(), _with(["image", "source", "url"], url))
    assert [p["status"] for p in polls] == ["pending", "running", "failed"]
    failed = polls[-1]
    assert "result" not in failed
    assert [set(e) for e in failed["errorDetails"]] == [{"errorCode", "message"}]  # the spec's ErrorDetails
    assert failed["errorDetails"][0]["errorCode"] == "400401"
    assert failed["errorDetails"][0]["message"].startswith("/image/source/url: The value provided is not valid: ")


def test_a_placeholder_destination_fails_with_the_output_code_and_every_pointer_is_named():
    body = _with(["outputs"], [{"destination": {"url": "<OUTPUT_URL>"}, "mediaType": "image/png"},
                               {"destination": {"url": "https://bucket.example/ok.png"}, "mediaType": "image/png"}])
    body["options"]["actions"][0]["source"]["url"] = "${ACTION_URL}"
    _, polls = _run(Sandbox(), body)
    details = polls[-1]["errorDetails"]
    assert [(e["errorCode"], e["message"].split(":", 1)[0]) for e in details] == [
        ("400401", "/options/actions/0/source/url"), ("422404", "/outputs/0/destination/url")]
    assert "`${ACTION_URL}` is a template placeholder" in details[0]["message"]


def test_real_urls_still_succeed():
    body = _with(["image", "source", "url"], "https://acme.blob.core.windows.net/in/a%20b.psd?sv=2024&sig=abc%3D")
    _, polls = _run(Sandbox(), body)
    assert polls[-1]["status"] == "succeeded"
    _, polls = _run(Sandbox(), REMOVE_BACKGROUND_BODY, "/v2/remove-background", "image.adobe.io")
    assert polls[-1]["status"] == "succeeded"


@pytest.mark.parametrize("url", [
    "https://bucket.s3.amazonaws.com/in.psd?X-Amz-Credential=AK%2F20260101%2Fus-east-1&X-Amz-Signature=ab12",
    "https://acme.blob.core.windows.net/c/o.png?sv=2024-05-04&sr=b&sig=a%2Bb%3D",
    "https://dl.dropboxusercontent.com/apitl/1/AbC-dEf_123",
    "https://storage.googleapis.com/b/o.psd?X-Goog-Signature=0a1b",
    "http://localhost:9000/bucket/in.psd",
])
def test_real_presigned_urls_hold_no_placeholder(url):
    assert template_placeholder(url) is None


def test_a_converted_body_with_the_guides_stand_ins_fails_until_they_are_replaced():
    # convert puts <EDITED_IMAGE_URL>/<PRODUCT_LOGO_URL> where v1 supplied the images itself (PS121/PS122)
    v1 = {"inputs": [{"href": "https://bucket.example/in.jpg", "storage": "external"}],
          "outputs": [{"href": "https://bucket.example/out.jpg", "storage": "external", "type": "image/jpeg"}]}
    result = convert(v1, "sideBySide")
    _, polls = _run(Sandbox(), result.body)
    pointers = {e["message"].split(":", 1)[0] for e in polls[-1]["errorDetails"]}
    assert pointers == {"/options/additionalContents/0/source/url", "/options/additionalContents/1/source/url"}


def test_fail_rate_still_fails_a_good_body_with_the_server_error_code():
    _, polls = _run(Sandbox(Options(fail_rate=1.0)), ACTIONS_BODY)
    assert [e["errorCode"] for e in polls[-1]["errorDetails"]] == ["500600"]


def test_a_placeholder_job_is_recorded_as_accepted_then_failed():
    sandbox = Sandbox()
    accepted, _ = _run(sandbox, _with(["image", "source", "url"], "{{url}}"))
    records = sandbox.requests
    assert [r["status"] for r in records] == [202, 200, 200, 200]
    assert records[-1]["response_json"]["status"] == "failed"
    assert sandbox.jobs == {accepted.body["jobId"]: "failed"}

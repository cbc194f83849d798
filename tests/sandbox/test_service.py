"""The framework-free core: what it accepts (exactly what ``psmigrate lint`` passes), the answers'
shapes, jobs, hosts and faults."""

from __future__ import annotations

import copy
import json
import threading

import pytest

from migrator import rulebook
from migrator.diagnostics import Severity
from migrator.lint.catalog import all_rules
from migrator.lint.payload import Payload, infer_endpoint
from migrator.lint.runner import lint_body
from migrator.sandbox import Options, Sandbox
from migrator.sandbox.fetch import template_placeholder
from migrator.tree import split_path
from tests.lint.test_guide_examples import EXAMPLES, TRUE_POSITIVES
from tests.sandbox.conftest import ACTIONS_BODY, AUTH, REMOVE_BACKGROUND_BODY

JSON = {**AUTH, "Content-Type": "application/json"}
HOSTS = {f.v2: f.host for f in rulebook.endpoint_map()}


def _submit(sandbox: Sandbox, endpoint: str, body, headers=JSON):
    return sandbox.handle("POST", f"https://{HOSTS.get(endpoint, 'photoshop-api.adobe.io')}{endpoint}", headers,
                          json.dumps(body).encode())


def _poll(sandbox: Sandbox, url: str, times: int = 3):
    answers = [sandbox.handle("GET", url, JSON) for _ in range(times)]
    return answers[-1]


def _error_codes(body, endpoint) -> set[str]:
    return {d.code for d in lint_body(copy.deepcopy(body), endpoint) if d.severity == Severity.ERROR}


def _codes_in(answer) -> set[str]:
    return {m.rsplit("(", 1)[1].split(";")[0] for m in (e["message"] for e in answer.body.get("errors", []))}


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox(Options(seed=7))


# -- what is accepted: the lint catalog decides ---------------------------------------------


@pytest.mark.parametrize(("endpoint", "body"), EXAMPLES)
def test_adobe_guide_v2_examples_are_accepted(request, sandbox, endpoint, body):
    answer = _submit(sandbox, endpoint, body)
    expected = {c for c in TRUE_POSITIVES.get(request.node.callspec.id, (set(), ""))[0]
                if _error_codes(body, endpoint) >= {c}}
    if expected:  # elided ActionJSON ("[...]") in the guide: lint reports it, so the sandbox refuses it
        assert answer.status == 400 and _codes_in(answer) == expected
    else:
        assert answer.status == 202, answer.body
        final = _poll(sandbox, answer.body["statusUrl"]).body
        placeholders = _placeholder_urls(body)
        if not placeholders:
            assert final["status"] == "succeeded"
            return
        # as written, with the guide's `<SIGNED_GET_URL>`: accepted, then failed as at Adobe
        assert final["status"] == "failed" and "result" not in final
        assert {e["message"].split(":", 1)[0] for e in final["errorDetails"]} == set(placeholders)
        filled = _submit(sandbox, endpoint, _filled(body, placeholders))  # with real URLs it works
        assert filled.status == 202 and _poll(sandbox, filled.body["statusUrl"]).body["status"] == "succeeded"


def _placeholder_urls(body) -> dict[str, str]:
    """pointer → a real URL, for each source or destination URL holding a template placeholder."""
    return {pointer: f"https://bucket.example/{index}.bin" for index, (pointer, holder, key)
            in enumerate(Payload(body, None).keys_named("url")) if template_placeholder(str(holder[key]))}


def _filled(body, urls: dict[str, str]):
    body = copy.deepcopy(body)
    for pointer, url in urls.items():
        *parents, last = split_path(pointer)
        node = body
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node[token]
        node[last] = url
    return body


def _defects() -> list:
    found = []
    for rule in all_rules():
        for index, example in enumerate(rule.invalid):
            body = example.body
            endpoint = example.endpoint or (infer_endpoint(body) if isinstance(body, dict) else None)
            if endpoint is None and rule.v1_body:
                endpoint = "/v2/execute-actions"  # a whole v1 body sent to a v2 operation
            if endpoint is None:
                continue  # PS698: a body fitting no endpoint; the URL names one here
            found.append(pytest.param(rule.code, example, endpoint, id=f"{rule.code}-{index}"))
    return found


DEFECTS = _defects()


def test_enough_defects_run():
    assert len(DEFECTS) >= 45  # every INVALID example of the catalog but PS698 (a body fitting no endpoint)


@pytest.mark.parametrize(("code", "example", "endpoint"), DEFECTS)
def test_lint_defects_are_refused_with_their_pointer(sandbox, code, example, endpoint):
    errors = _error_codes(example.body, endpoint)
    answer = _submit(sandbox, endpoint, example.body)
    if not errors:  # only warnings: a request Adobe accepts
        assert answer.status == 202
        return
    assert answer.status == 400 and answer.body["error_code"] == "validation_error"
    assert _codes_in(answer) == errors  # the sandbox and lint never disagree
    if code in errors and example.pointer is not None:
        where = f"{example.pointer or '(the body)'}: "
        assert any(e["message"].startswith(where) and f"({code};" in e["message"] for e in answer.body["errors"])


# -- answers --------------------------------------------------------------------------------


def test_status_follows_the_spec_shape(sandbox):
    accepted = _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY)
    assert set(accepted.body) == {"jobId", "statusUrl"} and accepted.status == 202
    seen = [sandbox.handle("GET", accepted.body["statusUrl"], JSON).body for _ in range(4)]
    assert [s["status"] for s in seen] == ["pending", "running", "succeeded", "succeeded"]
    assert set(seen[0]) == {"jobId", "status", "createdTime", "modifiedTime"}
    assert seen[2]["modifiedTime"] >= seen[0]["createdTime"]
    assert sandbox.jobs == {accepted.body["jobId"]: "succeeded"}


def test_remove_background_is_served_and_polled_on_image_adobe_io(sandbox):
    accepted = _submit(sandbox, "/v2/remove-background", REMOVE_BACKGROUND_BODY)
    assert accepted.body["statusUrl"].startswith("https://image.adobe.io/v2/status/")
    job_id = accepted.body["jobId"]
    assert sandbox.handle("GET", f"https://photoshop-api.adobe.io/v2/status/{job_id}", JSON).status == 404
    done = _poll(sandbox, accepted.body["statusUrl"])
    output = done.body["result"]["outputs"][0]
    assert output["mediaType"] == "image/png" and output["destination"]["url"].startswith("https://image.adobe.io/")
    fetched = sandbox.handle("GET", output["destination"]["url"])
    assert fetched.status == 200 and fetched.headers["Content-Type"] == "image/png"
    assert fetched.content().startswith(b"\x89PNG")
    on_wrong_host = sandbox.handle("POST", "https://photoshop-api.adobe.io/v2/remove-background", JSON,
                                   json.dumps(REMOVE_BACKGROUND_BODY))
    assert on_wrong_host.status == 404


def test_generate_manifest_returns_a_layer_manifest(sandbox):
    body = {"image": {"source": {"url": "https://bucket.example/poster.psd"}}, "includeLayerThumbnails": True,
            "exportOptions": {"mediaType": "image/jpeg"},
            "outputs": [{"destination": {"embedded": "json"}, "mediaType": "application/json"}]}
    accepted = _submit(sandbox, "/v2/generate-manifest", body)
    assert accepted.status == 202, accepted.body
    output = _poll(sandbox, accepted.body["statusUrl"]).body["result"]["outputs"][0]
    manifest = output["destination"]["content"]
    assert manifest["document"]["title"] == "poster.psd"
    assert {layer["type"] for layer in manifest["layers"]} == {"background_layer", "layer", "text_layer"}
    assert all(set(layer["bounds"]) == {"left", "top", "right", "bottom"} for layer in manifest["layers"])
    assert all(layer["visible"] is True for layer in manifest["layers"])  # manifest-migration.md's name
    assert all(layer["thumbnail"]["mediaType"] == "image/jpeg" for layer in manifest["layers"])


def test_hosted_and_embedded_outputs(sandbox):
    body = copy.deepcopy(ACTIONS_BODY)
    body["outputs"] = [{"destination": {"validityPeriod": 3600}, "mediaType": "image/png"},
                       {"destination": {"embedded": "base64"}, "mediaType": "image/png"}]
    accepted = _submit(sandbox, "/v2/execute-actions", body)
    assert accepted.status == 202, accepted.body
    hosted, embedded = _poll(sandbox, accepted.body["statusUrl"]).body["result"]["outputs"]
    assert hosted["destination"]["url"].endswith(".png") and hosted["destination"]["validityPeriod"] == 3600
    assert embedded["destination"]["content"]


@pytest.mark.parametrize(("method", "url", "headers", "body", "status", "code"), [
    ("POST", "https://photoshop-api.adobe.io/v2/execute-actions", AUTH, b"{}", 415, "invalid_content_type"),
    ("POST", "https://photoshop-api.adobe.io/v2/execute-actions", JSON, b"{not json", 400, "invalid_json"),
    ("GET", "https://photoshop-api.adobe.io/v2/execute-actions", JSON, b"", 405, "unsupported_method"),
    ("POST", "https://photoshop-api.adobe.io/v2/status/abc", JSON, b"{}", 405, "unsupported_method"),
    ("GET", "https://photoshop-api.adobe.io/v2/status/abc", JSON, b"", 404, "unknown_job_id"),
    ("POST", "https://photoshop-api.adobe.io/v2/nothing-here", JSON, b"{}", 404, "not_found"),
    ("POST", "https://image.adobe.io/sensei/cutout", JSON, b"{}", 410, "gone"),
    ("POST", "https://image.adobe.io/lrService/mask", JSON, b"{}", 410, "gone"),
])
def test_error_answers(sandbox, method, url, headers, body, status, code):
    answer = sandbox.handle(method, url, headers, body)
    assert (answer.status, answer.body["error_code"]) == (status, code)
    assert set(answer.body) <= {"error_code", "message", "errors"}


def test_v1_endpoint_without_a_v2_equivalent_says_so(sandbox):
    answer = sandbox.handle("POST", "https://image.adobe.io/lrService/mask", JSON, b"{}")
    assert "no v2 equivalent" in answer.body["message"] and "PS330" in answer.body["message"]
    remove = sandbox.handle("POST", "https://image.adobe.io/sensei/cutout", JSON, b"{}")
    assert "https://image.adobe.io/v2/remove-background" in remove.body["message"]


def test_the_sandboxs_own_address_serves_every_operation(sandbox):
    for endpoint, body in (("/v2/execute-actions", ACTIONS_BODY), ("/v2/remove-background", REMOVE_BACKGROUND_BODY)):
        answer = sandbox.handle("POST", f"http://127.0.0.1:9/{endpoint.lstrip('/')}", JSON, json.dumps(body))
        assert answer.status == 202 and answer.body["statusUrl"].startswith("http://127.0.0.1:9/v2/status/")


def test_jobs_advance_by_time_when_asked():
    now = [100.0]
    sandbox = Sandbox(Options(job_seconds=10), clock=lambda: now[0])
    url = _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY).body["statusUrl"]
    states = []
    for at in (100.0, 104.0, 105.0, 109.9, 110.0):
        now[0] = at
        states.append(sandbox.handle("GET", url, JSON).body["status"])
    assert states == ["pending", "pending", "running", "running", "succeeded"]


def test_rate_limit_window_and_retry_after():
    now = [0.0]
    sandbox = Sandbox(Options(rate_limit=(2, 3.0)), clock=lambda: now[0])
    codes = [_submit(sandbox, "/v2/execute-actions", ACTIONS_BODY).status for _ in range(3)]
    assert codes == [202, 202, 429]
    now[0] = 1.2
    refused = _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY)
    assert refused.status == 429 and refused.headers["Retry-After"] == "2"
    now[0] = 3.0
    assert _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY).status == 202
    assert [r["fault"] for r in sandbox.requests] == [None, None, "rate-limit", "rate-limit", None]


def test_fault_rates_are_repeatable_with_a_seed():
    def run() -> list[int]:
        sandbox = Sandbox(Options(throttle_rate=0.3, error_rate=0.3, seed=42))
        return [_submit(sandbox, "/v2/execute-actions", ACTIONS_BODY).status for _ in range(40)]

    first = run()
    assert first == run()
    assert {202, 429} <= set(first) and set(first) & {500, 502, 503, 504}


def test_latency_is_handed_to_the_adapter():
    answer = _submit(Sandbox(Options(latency=0.25)), "/v2/execute-actions", ACTIONS_BODY)
    assert answer.delay == 0.25


def test_expected_credentials():
    sandbox = Sandbox(Options(api_key="right-key", token="right-token"))
    ok = {"x-api-key": "right-key", "Authorization": "Bearer right-token", "Content-Type": "application/json"}
    assert _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY, ok).status == 202
    assert _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY, {**ok, "x-api-key": "wrong"}).status == 403
    assert _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY, {**ok, "Authorization": "Bearer x"}).status == 401


def test_options_are_checked():
    with pytest.raises(ValueError):
        Options(fail_rate=1.5)
    with pytest.raises(ValueError):
        Options(rate_limit=(0, 3))


def test_no_record_is_lost_under_threads(sandbox):
    def client() -> None:
        for _ in range(25):
            url = _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY).body["statusUrl"]
            _poll(sandbox, url)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sandbox.requests) == 8 * 25 * 4
    assert len(sandbox.jobs) == 200 and set(sandbox.jobs.values()) == {"succeeded"}


def test_introspection_and_reset(sandbox):
    _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY)
    assert len(sandbox.handle("GET", "http://127.0.0.1:9/_sandbox/requests").body) == 1
    assert len(sandbox.handle("GET", "http://127.0.0.1:9/_sandbox/jobs").body) == 1
    assert sandbox.handle("POST", "http://127.0.0.1:9/_sandbox/reset").status == 200
    assert sandbox.requests == [] and sandbox.jobs == {}
    assert sandbox.handle("GET", "http://127.0.0.1:9/_sandbox/nothing").status == 404


def test_warnings_are_accepted_and_recorded(sandbox):
    body = copy.deepcopy(ACTIONS_BODY)
    body["options"]["actions"] = [{"source": {"content": '[{"_obj":"flattenImage"}]'}}]  # no contentType: PS602
    answer = _submit(sandbox, "/v2/execute-actions", body)
    assert answer.status == 202
    [finding] = sandbox.requests[-1]["lint"]
    assert (finding["code"], finding["severity"], finding["pointer"]) == ("PS602", "warning", "/options/actions/0/source")


def test_wrong_method_names_the_allowed_one(sandbox):
    answer = sandbox.handle("PUT", "https://photoshop-api.adobe.io/v2/edit", JSON, b"{}")
    assert answer.status == 405 and answer.headers["Allow"] == "POST"


@pytest.mark.parametrize("raw", [b'{"a": NaN}', b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe"])
def test_json_adobe_would_not_read_is_invalid_json(sandbox, raw):
    answer = sandbox.handle("POST", "https://photoshop-api.adobe.io/v2/execute-actions", JSON, raw)
    assert (answer.status, answer.body["error_code"]) == (400, "invalid_json")


def test_an_internal_error_is_a_500_naming_psmigrate(sandbox, monkeypatch, capsys):
    monkeypatch.setattr("migrator.sandbox.service._lint", lambda *a: 1 / 0)
    answer = _submit(sandbox, "/v2/execute-actions", ACTIONS_BODY)
    assert answer.status == 500 and "psmigrate sandbox internal error" in answer.body["message"]
    assert sandbox.requests[-1]["fault"] == "internal-error"
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_a_v1_remove_background_poll_is_sent_to_image_adobe_io(sandbox):
    # rules/status.yaml: senseiStatus's jobs (cutout, mask) are polled on image.adobe.io in v2
    answer = sandbox.handle("GET", "https://image.adobe.io/sensei/status/abc", JSON)
    assert answer.status == 410 and "GET https://image.adobe.io/v2/status/{jobId}" in answer.body["message"]
    other = sandbox.handle("GET", "https://image.adobe.io/pie/psdService/status/abc", JSON)
    assert "GET https://photoshop-api.adobe.io/v2/status/{jobId}" in other.body["message"]


def test_the_wrong_host_answers_404_naming_the_right_one(sandbox):
    wrong = sandbox.handle("POST", "https://photoshop-api.adobe.io/v2/remove-background", JSON,
                           json.dumps(REMOVE_BACKGROUND_BODY))
    assert (wrong.status, wrong.body["error_code"]) == (404, "not_found")
    assert "/v2/remove-background is served on image.adobe.io" in wrong.body["message"]
    job_id = _submit(sandbox, "/v2/remove-background", REMOVE_BACKGROUND_BODY).body["jobId"]
    elsewhere = sandbox.handle("GET", f"https://photoshop-api.adobe.io/v2/status/{job_id}", JSON)
    assert (elsewhere.status, elsewhere.body["error_code"]) == (404, "unknown_job_id")
    assert "accepted on image.adobe.io" in elsewhere.body["message"]
    assert sandbox.handle("GET", "https://photoshop-api.adobe.io/v2/status/nope", JSON).body["message"] == \
        "Job not found"

"""Response reads followed through a module: what is rewritten, what is reported, and that a poll
loop left waiting on a v1 field is never silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.codemod import rewrite_bytes
from migrator.codemod.findings import FIXED_CODES

FIXTURES = Path(__file__).parent / "fixtures"
SUBMIT = 'requests.post("https://image.adobe.io/pie/psdService/photoshopActions", json=BODY)'
STATUS = 'requests.get(f"https://image.adobe.io/pie/psdService/status/{job_id}")'
HEAD = ('import time\n\nimport requests\n\nBODY = {"inputs": [{"href": "s3://a", "storage": "external"}], '
        '"outputs": [{"href": "s3://b", "storage": "external", "type": "image/png"}]}\n\n\n')


def rewritten(code: str) -> str:
    result = rewrite_bytes((HEAD + code).encode(), "client.py")
    return result.after.decode().split("\n\n\n", 1)[1]


def codes(code: str) -> list[tuple[str, int]]:
    result = rewrite_bytes((HEAD + code).encode(), "client.py")
    first = HEAD.count("\n")
    return [(d.code, d.line - first) for d in result.findings]


@pytest.mark.parametrize(("read", "expected"), [
    ('r.json()["_links"]["self"]["href"]', 'r.json()["statusUrl"]'),
    ('r.json().get("_links", {}).get("self", {}).get("href")', 'r.json().get("statusUrl")'),
    ('r.json()["jobID"]', 'r.json()["jobId"]'),
    ('"_links" in r.json()', '"statusUrl" in r.json()'),
    ("'_links' not in r.json()", "'statusUrl' not in r.json()"),
])
def test_submission_reads_are_rewritten(read, expected):
    after = rewritten(f"def submit():\n    r = {SUBMIT}\n    return {read}\n")
    assert f"    return {expected}\n" in after


@pytest.mark.parametrize(("read", "expected"), [
    ('job.get("_links", {}).get("self", {}).get("href") or job.get("statusUrl")', 'job.get("statusUrl")'),
    ('(job["statusUrl"] or job["_links"]["self"]["href"])', '(job["statusUrl"])'),
    ('job.get("statusUrl") or job["_links"]["self"]["href"] or ""', 'job.get("statusUrl") or job["statusUrl"] or ""'),
    ('job.get("statusUrl") or job.get("_links", {}).get("self", {}).get("href") or ""', 'job.get("statusUrl") or ""'),
    ('job.get("jobID") and job.get("jobId")', 'job.get("jobId")'),
])
def test_code_ready_for_either_answer_reads_the_v2_field_once(read, expected):
    after = rewritten(f"def submit():\n    job = {SUBMIT}.json()\n    return {read}\n")
    assert f"    return {expected}\n" in after


@pytest.mark.parametrize(("read", "expected"), [
    ('body["outputs"][0]["status"]', 'body["status"]'),
    ('body.get("outputs", [])[0].get("status")', 'body.get("status")'),
    ('body["outputs"][0]["created"]', 'body["createdTime"]'),
    ('body["jobID"]', 'body["jobId"]'),
])
def test_status_reads_are_rewritten(read, expected):
    after = rewritten(f"def state(job_id):\n    body = {STATUS}.json()\n    return {read}\n")
    assert f"    return {expected}\n" in after


def test_a_helper_is_rewritten_when_every_call_passes_it_a_status():
    code = (f"def state(body):\n    return body['outputs'][0]['status']\n\n\n"
            f"def poll(job_id):\n    while state({STATUS}.json()) != 'succeeded':\n        time.sleep(1)\n")
    assert "    return body['status']\n" in rewritten(code)
    assert codes(code) == []


def test_a_helper_called_with_something_else_too_is_reported_as_a_poll_loop_wait():
    code = (f"def state(body):\n    return body['outputs'][0]['status']\n\n\n"
            f"def poll(job_id, other):\n    while state({STATUS}.json()) != 'succeeded':\n        time.sleep(1)\n"
            f"    return state(other)\n")
    assert "    return body['outputs'][0]['status']\n" in rewritten(code)
    assert codes(code) == [("PS730", 2)]


def test_a_self_attribute_carries_the_response():
    code = (f"class Jobs:\n    def __init__(self):\n        self.last = None\n\n"
            f"    def submit(self):\n        self.last = {SUBMIT}.json()\n\n"
            f"    def job_id(self):\n        return self.last['jobID']\n")
    assert "        return self.last['jobId']\n" in rewritten(code)


def test_a_loop_over_outputs_waiting_for_their_status_is_an_error():
    code = (f"def wait(job_id):\n    while True:\n        body = {STATUS}.json()\n"
            f"        if all(o['status'] == 'succeeded' for o in body['outputs']):\n            return body\n"
            f"        time.sleep(1)\n")
    found = codes(code)
    assert ("PS730", 4) in found
    result = rewrite_bytes((HEAD + code).encode(), "client.py")
    assert [d.severity.value for d in result.findings if d.code == "PS730"] == ["error"]


def test_a_computed_output_index_is_reported_not_guessed():
    code = f"def state(job_id, i):\n    body = {STATUS}.json()\n    return body['outputs'][i]['status']\n"
    assert "body['outputs'][i]['status']" in rewritten(code)
    assert codes(code) == [("PS707", 3)]


def test_another_apis_links_are_not_ours():
    code = "def page():\n    return requests.get('https://api.example.com/items').json()['_links']['next']\n"
    assert codes(code) == []


def test_noqa_leaves_a_rewritable_read_alone():
    code = f"def submit():\n    r = {SUBMIT}\n    return r.json()['jobID']  # noqa: PS706\n"
    assert "r.json()['jobID']  # noqa: PS706" in rewritten(code)
    assert [c for c, _ in codes(code) if c in ("PS706", "PS707", "PS730")] == []


@pytest.mark.parametrize("before", sorted(FIXTURES.glob("*.before.py")), ids=lambda p: p.name)
def test_what_the_codemod_leaves_is_reported_again_on_the_migrated_file(before):
    """The promise's second half: a finding stays until the line is fixed."""
    kept = {"PS703", "PS704", "PS707", "PS708", "PS710", "PS716", "PS730", "PS731", "PS732"}
    after = FIXTURES / before.name.replace(".before.py", ".after.py")
    first = rewrite_bytes(before.read_bytes(), str(before)).findings
    again = rewrite_bytes(after.read_bytes(), str(before)).findings
    assert sorted(d.code for d in first if d.code in kept) == sorted(d.code for d in again if d.code in kept)
    assert not {d.code for d in again} & FIXED_CODES


def test_the_prefilter_passes_a_polling_helper_that_names_no_host():
    from migrator.codemod.prefilter import may_call_api

    assert may_call_api((FIXTURES / "poll_helper_module.before.py").read_bytes())
    assert not may_call_api(b"def page(p):\n    return p['_links']['next']['href']\n")
    assert not may_call_api(b"STATUS = 'ok'\noutputs = []\n")


def test_a_poll_loop_testing_another_v1_field_is_an_error_and_one_check_is_a_warning():
    code = (f"def wait(job_id):\n    while True:\n        body = {STATUS}.json()\n"
            f"        if body.get('outputs') and body['outputs'][0]['status'] == 'succeeded':\n"
            f"            return body\n        time.sleep(1)\n\n\n"
            f"def once(job_id):\n    body = {STATUS}.json()\n    if body.get('outputs'):\n        return body\n")
    assert "        if body.get('outputs') and body['status'] == 'succeeded':\n" in rewritten(code)
    assert codes(code) == [("PS730", 4), ("PS707", 11)]


def test_the_prefilter_passes_a_module_of_v1_models_only():
    from migrator.codemod.prefilter import may_call_api

    assert may_call_api((FIXTURES / "models_module.before.py").read_bytes())
    assert not may_call_api(b"from pydantic import BaseModel\n\n\nclass A(BaseModel):\n    storage_path: str\n")
    assert not may_call_api(b"class Disk:\n    storage: str\n")  # not a model library's class


@pytest.mark.parametrize("read", ['err["title"]', "err.get('code')", 'err["details"]', '"type" in err'])
def test_a_v1_error_answer_read_is_reported(read):
    # v1 errors answered {type, title, code, details}; v2 answers {error_code, message, errors}
    code = f"def submit():\n    r = {SUBMIT}\n    err = r.json()\n    if r.status_code != 202:\n" \
           f"        raise RuntimeError({read})\n    return err['statusUrl']\n"
    assert [c for c in codes(code) if c[1] > 0] == [("PS707", 5)]  # what BODY (in HEAD) needs is not the point


def test_the_same_keys_deeper_in_a_response_or_of_another_api_are_not_error_reads():
    code = (f"def layers(job_id):\n    body = {STATUS}.json()\n    return body['result']['outputs'][0]['type']\n\n\n"
            "def other():\n    return requests.get('https://api.example.com/x').json()['title']\n")
    assert codes(code) == []


def test_a_match_statement_waiting_on_a_v1_shape_is_reported():
    code = (f"def poll(job_id):\n    while True:\n        match {STATUS}.json():\n"
            "            case {'outputs': [{'status': 'succeeded'}]}:\n                return True\n"
            "            case {'status': 'failed', 'jobId': job}:\n                return False\n"
            "        time.sleep(1)\n")
    assert codes(code) == [("PS707", 4), ("PS730", 4)]  # the v2 case (`status`, `jobId`) is fine

"""Details of the payload round trip and of the lint-facing API."""

from __future__ import annotations

from migrator.codemod import rewrite_bytes

CALL = '''import requests


def run(psd, atn, out):
    return requests.post("https://image.adobe.io/pie/psdService/photoshopActions", json={
        # the document
        "inputs": [{"href": psd, "storage": "external"}],
        "options": {"actions": [{"href": atn, "storage": "external"}]},  # one action
        "outputs": [{"href": out, "storage": "external", "type": "image/png"}],  # where it goes
    })
'''


def test_comments_follow_the_entries_whose_key_survives_and_the_rest_are_reported():
    result = rewrite_bytes(CALL.encode(), "job.py")
    after = result.after.decode()
    assert '"options": {"actions": [{"source": {"url": atn}}]},  # one action' in after
    assert '"outputs": [{"destination": {"url": out}, "mediaType": "image/png"}],  # where it goes' in after
    assert "# the document" not in after  # its key, `inputs`, became `image`
    assert [d.code for d in result.findings] == ["PS712"]


def test_every_change_is_a_diagnostic_with_a_fix_and_findings_have_none():
    found = rewrite_bytes(CALL.encode(), "job.py").diagnostics
    assert [(d.code, d.line, d.fix is not None) for d in found] == [
        ("PS721", 5, True), ("PS712", 5, False), ("PS720", 5, True)]


def test_noqa_on_a_line_silences_its_findings_and_keeps_its_code_as_it_is():
    source = CALL.replace('json={\n', 'json={  # noqa: PS720, PS712\n')
    result = rewrite_bytes(source.encode(), "job.py")
    after = result.after.decode()
    assert [d.code for d in result.diagnostics] == ["PS721"]
    assert '"inputs": [{"href": psd, "storage": "external"}]' in after  # the body is left as it was
    assert "photoshop-api.adobe.io/v2/execute-actions" in after  # the URL, not silenced, still moves


def test_bare_noqa_silences_every_code_on_its_line_and_noqa_in_a_string_does_not():
    bare = rewrite_bytes(CALL.replace('json={\n', 'json={  # NOQA\n').encode(), "job.py")
    assert bare.diagnostics == [] and bare.after == bare.before
    quoted = 'import requests\nrequests.get("https://image.adobe.io/pie/psdService/status/1", params={"q": "# noqa"})\n'
    assert [d.code for d in rewrite_bytes(quoted.encode(), "job.py").diagnostics] == ["PS721"]


def test_disabled_codes_are_neither_reported_nor_applied():
    from migrator.codemod import Options

    result = rewrite_bytes(CALL.encode(), "job.py", Options(disabled=frozenset({"PS720", "PS712"})))
    assert [d.code for d in result.diagnostics] == ["PS721"]
    assert '"inputs": [{"href": psd' in result.after.decode() and "import json" not in result.after.decode()

"""Details of the payload round trip and of the lint-facing API."""

from __future__ import annotations

from migrator.codemod import analyse_file, rewrite_bytes

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


def test_analyse_file_reports_fixable_calls_with_a_fix_and_writes_nothing(tmp_path):
    target = tmp_path / "job.py"
    target.write_text(CALL)
    found = analyse_file(target)
    assert [(d.code, d.line, d.fix is not None) for d in found] == [("PS712", 5, False), ("PS720", 5, True)]
    assert target.read_text() == CALL


def test_analyse_file_skips_files_the_prefilter_rejects(tmp_path):
    target = tmp_path / "other.py"
    target.write_text("import requests\nrequests.get('https://example.com')\n")
    assert analyse_file(target) == []

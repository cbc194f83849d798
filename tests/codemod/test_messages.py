"""What the codemod says: no internal names in messages, known endpoints named as known, and
findings placed on the line a person changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.codemod import rewrite_bytes
from migrator.files import unified_diff

FIXTURES = Path(__file__).parent / "fixtures"


def findings(source: str):
    return rewrite_bytes(source.encode(), "client.py").diagnostics


@pytest.mark.parametrize("before", sorted(FIXTURES.glob("*.before.py")), ids=lambda p: p.name)
def test_no_internal_repr_in_any_message(before):
    for diagnostic in rewrite_bytes(before.read_bytes(), str(before)).diagnostics:
        assert "Opaque(" not in diagnostic.message and "JsonText(" not in diagnostic.message, diagnostic


def test_a_run_time_value_is_named_by_its_expression():
    found = findings('''
import requests


def cut(src, kind):
    return requests.post("https://image.adobe.io/sensei/cutout", json={"input": {"href": src, "storage": kind}})
''')
    message = next(d.message for d in found if d.code == "PS381")
    assert "`kind` (set at run time)" in message


def test_hello_is_a_known_endpoint_without_a_v2_equivalent():
    found = findings('import requests\n\nrequests.get("https://image.adobe.io/pie/psdService/hello")\n')
    assert [(d.code, d.line) for d in found] == [("PS704", 3)]
    assert "no v2 equivalent" in found[0].message and "unknown" not in found[0].message


def test_a_finding_about_a_constant_url_sits_at_the_constant_and_names_the_call():
    found = findings('''import requests

CREATE = "https://image.adobe.io/pie/psdService/actionJsonCreate"


def create(body):
    return requests.post(CREATE, json=body)
''')
    assert [(d.code, d.line, d.col) for d in found] == [("PS716", 3, 10)]
    assert "(sent by the call on line 7)" in found[0].message


def test_a_long_docstring_is_reported_on_the_line_that_names_v1():
    found = findings('"""Notes.\n\nWe called /lrService/autoTone here.\n"""\nURL = "https://photoshop-api.adobe.io/v2/edit"\n')
    assert [(d.code, d.line, d.col) for d in found] == [("PS732", 3, 1)]


def test_comments_naming_v1_are_left_alone():
    source = '# was https://image.adobe.io/pie/psdService/actionJSON\nURL = "https://photoshop-api.adobe.io/v2/edit"\n'
    assert findings(source) == []


def test_diff_hunks_stay_small_in_long_files():
    """difflib's junk heuristic (files over 200 lines) would match blank lines and brackets
    elsewhere and show a large rewritten block."""
    block = ["def f{0}():\n", "    return {{\n", "        'x': {0},\n", "    }}\n", "\n", "\n"]
    before = [line.format(i) for i in range(80) for line in block]
    after = list(before)
    for index in (79, 45, 32):  # difflib.unified_diff shows 24 changed lines here
        at = index * 6 + 2
        after[at:at + 1] = ["        'y': {\n", "        },\n", "\n", "    }\n", "\n"]
    diff = unified_diff("f.py", "".join(before), "".join(after))
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 3 * 6  # each block: one line out, five in

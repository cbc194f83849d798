"""The rewritten file is spliced from the original text (``apply.splice``): it must be the text
that rebuilding the tree and generating the whole file gives (``apply`` + ``add_json_import``),
whatever the file's layout. ``conftest.py`` makes every rewrite of these tests compare the two."""

from __future__ import annotations

import itertools
import random

import libcst as cst
import pytest

from migrator.codemod import Options, apply, rewrite_bytes

BODY = '''{{
{i}    "inputs": {inputs},{comment}
{blank}
{i}    "options": {{"actionJSON": [{{"_obj": "gaussianBlur", "radius": {radius}}}]}},
{i}    "outputs": [{{"href": {dst}, "storage": "external", "type": "image/jpeg"}}],
{i}}}'''

PREAMBLES = ["", '"""A client."""\n', '"""A client."""\nfrom __future__ import annotations\n\n',
             "import os\n\n", "# a comment above the code\n\n", "import os  # why\nimport requests\n\n",
             "TIMEOUT = 30\n", '"""A client."""\n\n# seconds\nTIMEOUT = 30\n\n', "\n\n# header\n\nTIMEOUT = 30  # s\n"]


def _source(rng: random.Random) -> str:
    unit = rng.choice(["    ", "\t", "  "])
    inner = rng.choice([unit, unit, "  " if unit != "  " else "   "])  # a method body indented its own way
    wrapper = rng.choice(["function", "method", "elif", "decorated", "module", "match"])
    dst = rng.choice(["dst", "dst \\\n        + '.jpg'", "'''out\nfile'''", "f'{dst}'", "(\n        dst)"])
    levels = {"function": 1, "method": 2, "elif": 2, "decorated": 1, "module": 0, "match": 2}[wrapper]
    i = unit + inner if wrapper == "method" else unit * levels
    inputs = rng.choice(['[{"href": src, "storage": "external"}]', "sources"])  # sources: PS713, a TODO
    radius = rng.choice(["2", "radius", "radius"])  # a value known at run time: json.dumps, import json
    body = BODY.format(i=i, dst=dst, inputs=inputs, radius=radius, comment=rng.choice(["", "  # inputs"]),
                       blank=rng.choice(["", i + "    # above options", "   ", i])).replace("\n\n", "\n")
    call = f'{i}r = requests.post("https://image.adobe.io/pie/psdService/actionJSON", json={body})\n'
    call += f'{i}link = r.json()["_links"]["self"]["href"]\n'
    head = {"function": "def send(src, dst):\n", "decorated": "@trace\ndef send(src, dst):\n",
            "method": f"class Client:\n{unit}def send(self, src, dst):\n",
            "elif": f"def send(src, dst, a):\n{unit}if a:\n{unit * 2}pass\n{unit}elif src:\n",
            "match": f"def send(src, dst, a):\n{unit}match a:\n{unit}{unit}case 1:\n", "module": ""}[wrapper]
    if wrapper == "match":
        call = call.replace(i, unit * 3)
    imports = rng.choice(["import requests\n\n", "import requests\n\n", ""])  # none: the call comes first
    preamble = rng.choice(PREAMBLES)
    text = (imports + preamble if rng.random() < 0.3 else preamble + imports) + head + call \
        + rng.choice(["", "\n# the end\n"])
    if rng.random() < 0.3:
        text = text.rstrip("\n")
    return text.replace("\n", rng.choice(["\n", "\r\n"]))


def test_every_layout_is_spliced_as_it_is_generated(monkeypatch):
    """Bodies at every depth, under decorators, ``elif`` and ``match``, with tabs, CRLF, no final
    newline, comments and blank lines, carried values spanning lines (a backslash, a triple-quoted
    string: those bodies are parsed), TODO blocks and the ``import json`` line in every place."""
    spliced = []
    real = apply.splice

    def counting(source, plan):
        code = real(source, plan)
        spliced.append(code is not None)
        return code

    monkeypatch.setattr(apply, "splice", counting)
    rng = random.Random(14)
    rewritten = 0
    for _ in range(120):
        data = _source(rng).encode()
        for todos in (False, True):
            result = rewrite_bytes(data, "client.py", Options(add_todos=todos))  # VERIFY compares both ways
            assert not result.failed, (data, result.diagnostics)
            rewritten += result.changed
    # all but an import json line going where a TODO block goes too (left to apply)
    assert rewritten > 200 and len(spliced) - 5 <= sum(spliced) < len(spliced)


def _layouts():
    pieces = ["x", "[1, 2]", '"s"', "# note", "", "   ", "{\n    'a': 1,\n}"]
    rng = random.Random(7)
    for _ in range(200):
        lines = [rng.choice(pieces) for _ in range(rng.randint(1, 6))]
        items = [f"    {line}" if line and not line.isspace() and not line.startswith("#") else line for line in lines]
        body = "\n".join(f"{item}," if item.strip() and not item.strip().startswith("#") else item for item in items)
        yield "{\n    'k': [\n" + body + "\n    ],\n}"


@pytest.mark.parametrize(("indent", "newline"), list(itertools.product(["", "    ", "\t", "  \t"], ["\n", "\r\n"])))
def test_a_rendered_body_in_place_is_what_libcst_generates_from_it(indent, newline):
    module = cst.parse_module("x = 1" + newline)
    checked = 0
    for text in _layouts():
        blank = apply_blank(text)
        rendered = apply.Rendered(text, True, blank, _blank_stays_blank if blank else None)
        expected = apply._code_in_place(rendered.node, [indent] if indent else [], module)
        assert rendered.in_place(indent, module.default_newline) == expected, repr(text)
        checked += 1
    assert checked == 200


def apply_blank(text: str) -> bool:
    from migrator.codemod.plan_bodies import _BLANK_LINE

    return _BLANK_LINE.search(text) is not None


def _blank_stays_blank(expression):
    from migrator.codemod.plan_bodies import _keep_blank_lines_blank

    return _keep_blank_lines_blank(expression)


def test_a_body_with_a_newline_inside_a_string_or_after_a_backslash_is_not_plain_text():
    from migrator.codemod.plan_bodies import _plain_layout

    class Source:  # what _plain_layout reads of a file: no carried node here
        pass

    assert not _plain_layout("{'a': '''x\ny'''}", [], Source())
    assert not _plain_layout("{'a': x \\\n + y}", [], Source())
    assert _plain_layout("{\n    'a': x,  # c\n\n    'b': 'y',\n}", [], Source())

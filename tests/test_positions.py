"""Pointer → line:col is computed by scanning only the path to the pointer; it must place every
pointer exactly where a full source map of the file (json-source-map) places it. (That map
does not escape ``/`` and ``~`` in keys, so keys holding them are checked on their own.)"""

from __future__ import annotations

import json
from pathlib import Path

import json_source_map
import pytest

from migrator.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*(ROOT / "tests" / "guide_pairs").rglob("*.json"), *(ROOT / "examples").rglob("*.json"),
                ROOT / "schemas" / "EditRequest.json", ROOT / "schemas" / "GenerateManifestRequest.json"])
ODD = {  # layouts the corpus lacks: CRLF, tabs, one line, no space, escapes in keys, empty containers
    "crlf": '{\r\n\t"a": [\r\n\t\t1,\r\n\t\t{"b": 2}\r\n\t]\r\n}\r\n',
    "one line": '{"a":{"xy":[[],{},[3,{"k":"v"}]],"b":"s\\"t"},"c":null}',
    "spaces": '  \n  {   }  ',
}


def _expected(source_map: dict, pointer: str) -> tuple[int, int]:
    while pointer not in source_map:
        pointer = pointer.rsplit("/", 1)[0]
    entry = source_map[pointer]
    start = entry.key_start or entry.value_start
    return start.line + 1, start.column + 1


def _cases():
    for path in FILES:
        yield path.name, SourceText.read(str(path)).text
    yield from ODD.items()


@pytest.mark.parametrize(("name", "text"), list(_cases()), ids=[n for n, _ in _cases()])
def test_every_pointer_and_every_missing_child_is_placed_as_the_source_map_places_it(name, text):
    source_map = json_source_map.calculate(text)
    pointers = list(source_map)
    missing = [p + suffix for p in pointers[:200] for suffix in ("/nope", "/99", "/0/x")]
    source = SourceText(name, text)
    assert {p: source.locate(p) for p in pointers + missing} == {p: _expected(source_map, p) for p in pointers + missing}


def test_a_bom_is_not_counted_as_a_column(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"a": {"b": 1}}, indent=2).encode())
    assert SourceText.read(str(path)).locate("/a/b") == (3, 5)


def test_keys_holding_a_slash_or_a_tilde_are_found_by_their_escaped_tokens():
    source = SourceText("odd.json", '{"/v2/edit": {"a~b": [0, {"c": 1}]}}')
    assert source.locate("/~1v2~1edit/a~0b/1/c") == (1, 27)
    assert source.locate("/~1v2~1edit/a~0b") == (1, 15)
    assert source.locate("/v2/edit") == (1, 1)  # no key "v2" at the root


def test_keys_are_compared_decoded():
    text = '{ "\\u00e9t\\u00e9" : { "q\\"uote" : [ true , false ] } }'
    assert SourceText("escaped.json", text).locate('/\u00e9t\u00e9/q"uote/1') == (1, 1 + text.index("false"))

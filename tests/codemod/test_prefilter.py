"""The byte-level pre-filter: v1 and v2 hosts and paths, and the endpoint names of URLs built on a
configured base (issue 11, item 7)."""

from __future__ import annotations

import pytest

from migrator import rulebook
from migrator.codemod.prefilter import distinctive, endpoint_names, may_call_api


@pytest.mark.parametrize("source", [
    b'requests.post("https://image.adobe.io/pie/psdService/actionJSON")',
    b'f"{self.base_url}/smartObject"',
    b'self._request("autoTone", body)',
    b"client.submit('documentManifest', body)",
    b'self._post("/v2/execute-actions", body)',  # migrated, the host set elsewhere
    b'url = base + "/v2/edit"',
    b'self._request("create-composite", body)',
])
def test_passes_files_that_can_call_photoshop(source):
    assert may_call_api(source)


@pytest.mark.parametrize("source", [
    b'def text(self): return "mask"',
    b'url = base + "/edit"',
    b"# smartObjects are great",
    b'"textLayer"',
])
def test_skips_files_that_cannot(source):
    assert not may_call_api(source)


def test_the_names_come_from_the_rule_files():
    v1, v2 = endpoint_names()
    known = {e.v1.rsplit("/", 1)[-1] for f in rulebook.endpoint_map() for e in f.endpoints}
    assert set(v1) == {n for n in known if distinctive(n)}
    assert "smartObject" in v1 and "text" not in v1 and "mask" not in v1
    assert set(v2) == {f.v2.split("/")[2] for f in rulebook.endpoint_map()}


def _import_check_by_regex(names: set[str]):
    """The line-anchored regular expression ``import_check`` stands for."""
    import re

    alternatives = b"|".join(re.escape(n.encode()) for n in sorted(names))
    pattern = re.compile(rb"^[ \t]*(?:from|import)[ \t][^\n]*\b(?:" + alternatives + rb")\b", re.MULTILINE)
    return lambda data: pattern.search(data) is not None


def test_import_check_and_imported_words_agree_with_the_regular_expression():
    import random

    from migrator.codemod.prefilter import import_check, imported_words

    rng = random.Random(14)
    pieces = [b"from", b"import", b" ", b"\t", b"\n", b"\r\n", b"client", b"client_1", b"x", b".", b"(", b"#",
              b"fromimport", b"importclient", b"\\\n", b"as", b"_", b"a.client", b"mod-x", b"\xc3\xa9"]
    names = {"client", "mod-x"}
    check, by_regex = import_check(names), _import_check_by_regex(names)
    single, single_by_regex = import_check({"client"}), _import_check_by_regex({"client"})
    for _ in range(20_000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert check(data) == by_regex(data), data
        assert (b"client" in imported_words(data)) == single(data) == single_by_regex(data), data


def _by_expressions(data: bytes) -> bool:
    """What ``may_call_api`` stands for, written with the regular expressions alone."""
    import re

    from migrator.codemod import prefilter as p

    return (p.API_BYTES.search(data) is not None or re.search(p.names_source().encode(), data) is not None
            or all(key.search(data) for key in p._STATUS_KEYS)
            or p._MODEL_V1.search(data) is not None and p._MODEL.search(data) is not None)


_PIECES = [b"/", b'"', b"'", b"-", b"_", b"x", b"\n", b" ", b"  ", b"=", b":", b"image.adobe.io", b"image-x.adobe.io",
           b"photoshop-api.adobe.io", b"adobe.io", b"/pie/psdService", b"/lrService", b"/sensei/", b"smartObject",
           b"autoTone", b"autoToneX", b"v2/edit", b"v2/", b"edit", b"create-composite", b"execute-actions",
           b"outputs", b"status", b"_links", b"alias", b"jobID", b"storage", b"BaseModel", b"@dataclass", b"\xc3\xa9"]


def test_the_one_pass_agrees_with_the_expressions_it_stands_for():
    import random

    rng = random.Random(11)
    for _ in range(20_000):
        data = b"".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12)))
        assert may_call_api(data) == _by_expressions(data), data


def test_the_one_pass_agrees_on_every_fixture():
    from pathlib import Path

    for path in sorted((Path(__file__).parent / "fixtures").glob("*.py")):
        data = path.read_bytes()
        assert may_call_api(data) == _by_expressions(data), path.name

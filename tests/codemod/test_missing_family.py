"""An endpoint whose family has no rules file yet: the URL still moves, the body is reported."""

from __future__ import annotations

from pathlib import Path

from migrator import rulebook
from migrator.codemod import rewrite_bytes, urls

BEFORE = Path(__file__).parent / "fixtures" / "document_operations_inline.before.py"


def test_without_rules_the_url_moves_and_the_body_is_a_manual_step(monkeypatch):
    endpoints = [(f, e) for f, e in rulebook.all_endpoints() if f.family != "create-composite"]
    monkeypatch.setattr(rulebook, "all_endpoints", lambda: endpoints)
    urls.target.cache_clear()
    try:
        result = rewrite_bytes(BEFORE.read_bytes(), str(BEFORE))
    finally:
        urls.target.cache_clear()
    before, after = BEFORE.read_text(), result.after.decode()
    assert after == before.replace("https://image.adobe.io/pie/psdService/documentOperations",
                                   "https://photoshop-api.adobe.io/v2/create-composite")
    assert [(d.code, d.line) for d in result.findings] == [("PS705", 8)]
    assert "convert the request body by hand" in result.findings[0].message

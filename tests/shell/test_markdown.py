"""Fenced blocks found with their exact byte ranges, whatever the document's line breaks."""

from __future__ import annotations

import pytest

from migrator.shell.apply import rewrite_shell_bytes
from migrator.shell.markdown import blocks, caret_mask, console_mask

CALL = "curl -s https://image.adobe.io/pie/psdService/status/1"
MIGRATED = "curl -s https://photoshop-api.adobe.io/v2/status/1"


@pytest.mark.parametrize("before", ["a\x0cb \u2028 c\n", "caf\u00e9 \u2014 \U0001f600\n", "x\r\n", "", "> quote\n"])
def test_edits_land_in_the_block_after_any_text(before):
    newline = "\r\n" if "\r\n" in before else "\n"
    doc = f"{before}{newline}```sh{newline}{CALL}{newline}```{newline}tail{newline}"
    result = rewrite_shell_bytes(doc.encode(), "doc.md")
    assert result.after.decode() == doc.replace(CALL, MIGRATED)


def test_only_shell_tags_are_blocks_and_an_unclosed_fence_runs_to_the_end():
    doc = "```python\nx\n```\n\n~~~bash title=x\necho 1\n~~~\n\n```\nplain\n```\n\n```console\n$ a\n"
    found = blocks(doc)
    assert [b.tag for b in found] == ["bash", "console"]
    assert doc.encode()[found[0].start:found[0].end] == b"echo 1\n"
    assert doc.encode()[found[1].start:found[1].end] == b"$ a\n"


def test_masks_keep_the_length():
    console = b"$ curl -s x \\\n  -H y\noutput line\n$ echo\n"
    masked = console_mask(console)
    assert len(masked) == len(console) and masked.startswith(b"  curl") and b"output" not in masked
    assert caret_mask(b"curl ^\r\n  -d x ^\n") == b"curl \\\r\n  -d x \\\n"

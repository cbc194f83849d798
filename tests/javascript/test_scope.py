"""What a URL expression is, across constants and sibling modules (ES modules and CommonJS)."""

from __future__ import annotations

import pytest

from migrator.javascript.scope import Module
from migrator.treesitter import walk


def _url_of(tmp_path, source: str, siblings: dict[str, str]) -> str:
    for name, text in siblings.items():
        (tmp_path / name).write_text(text)
    path = tmp_path / "main.js"
    path.write_bytes(source.encode())
    module = Module.of(path.read_bytes(), str(path))
    call = next(n for n in walk(module.root) if n.type == "call_expression"
                and n.child_by_field_name("function").text == b"f")
    found = module.url_pieces(call.child_by_field_name("arguments").named_children[0])
    return "".join("?" if p is None else p.text for p in found)


@pytest.mark.parametrize(("source", "siblings", "expected"), [
    ('import { B } from "./c.js";\nf(`${B}/x`);', {"c.js": 'const A = "h";\nexport { A as B };\n'}, "h/x"),
    ('import * as c from "./c.mjs";\nf(c.A + "/x");', {"c.mjs": 'export const A = "h";\n'}, "h/x"),
    ('const { A } = require("./c");\nf(A);', {"c.js": 'exports.A = "h";\n'}, "h"),
    ('const A = require("./c").A;\nf(A);', {"c.js": 'module.exports = { A: "h" };\n'}, "h"),
    ('import base from "./c.ts";\nf(base);', {"c.ts": 'export default "h";\n'}, "h"),
    ('import { A } from "./c.js";\nf(A);', {"c.js": 'const A = "h";\n'}, "?"),  # not exported
    ('let A = "h";\nA = "k";\nf(A);', {}, "?"),  # assigned again
    ('const A = process.env.BASE ?? "h";\nf(`${A}/x`);', {}, "h/x"),
])
def test_url_pieces(tmp_path, source, siblings, expected):
    assert _url_of(tmp_path, source, siblings) == expected

"""The codemod's one walk (``index.py``) and its positions (``positions.py``) stand in for
libcst's own visitor passes and ``PositionProvider``: they must give the same answers on every
file the codemod tests know."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from migrator.codemod.index import Index
from migrator.codemod.positions import Positions

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.py"))
E2E = sorted((Path(__file__).parent.parent / "e2e" / "clients").glob("*.py"))

# every construct whose code libcst generates in a way of its own: parentheses, decorators,
# f-strings, comprehensions, lambdas, walrus, match, async, type hints, line continuations, CRLF
TRICKY = (
    "@app.route('/x', methods=['POST'])\nasync def f(a, /, b: int = (1), *c, d=f'{x!r:>{w}}', **e) -> 'T':\n"
    "    async with s.post(u, json={'a': [i for i in (y := z) if i]}) as r:\n"
    "        return await r.json() if r else (lambda q: q)(\\\n  1)\n"
    "match p:\n    case {'k': [1, *rest]} | None if rest:\n        pass\n"
    "class C(B, metaclass=M):\n    x: int = 1; y = 2  # c\n\n\n\n# end\n"
)


def modules():
    for path in [*FIXTURES, *E2E]:
        yield path.name, cst.parse_module(path.read_bytes())
    yield "tricky", cst.parse_module(TRICKY)
    yield "tricky-crlf", cst.parse_module(TRICKY.replace("\n", "\r\n"))


@pytest.mark.parametrize(("name", "module"), list(modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_positions_agree_with_libcst(name, module):
    expected = PositionProvider()._gen(MetadataWrapper(module, unsafe_skip_copy=True))
    positions = Positions(module)
    assert all(node in positions for node in expected)
    assert all(positions[node] == expected[node] for node in expected)


@pytest.mark.parametrize(("name", "module"), list(modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_index_holds_each_node_in_visit_order_with_its_parent_and_subtree(name, module):
    visited: list[cst.CSTNode] = []
    parents: dict = {}

    class Walk(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if visited:
                parents[node] = stack[-1]
            visited.append(node)
            stack.append(node)
            return True

        def on_leave(self, node: cst.CSTNode) -> None:
            stack.pop()

    stack: list[cst.CSTNode] = []
    module.visit(Walk())
    index = Index(module)
    assert index.nodes == visited
    assert list(index.parents.items()) == list(parents.items())
    for node in visited[:: max(1, len(visited) // 50)]:
        below: list[cst.CSTNode] = []

        class Below(cst.CSTVisitor):
            def on_visit(self, inner: cst.CSTNode) -> bool:
                below.append(inner)
                return True

        node.visit(Below())
        assert index.below(node) == below


def test_index_visit_skips_a_subtree_as_libcst_does():
    module = cst.parse_module("print(f(1), g(2))\nh(3)\n")
    seen: dict[str, list[str]] = {"libcst": [], "index": []}

    def visitor(into: list[str]) -> cst.CSTVisitor:
        class Calls(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> bool:
                into.append(cst.Module([]).code_for_node(node.func))
                return cst.Module([]).code_for_node(node.func) != "print"

        return Calls()

    module.visit(visitor(seen["libcst"]))
    Index(module).visit(visitor(seen["index"]))
    assert seen["index"] == seen["libcst"] == ["print", "h"]


def test_positions_agree_with_libcst_whatever_the_newlines():
    """Lines are counted in the generated text at once (``\\r\\n``, ``\\r``, ``\\n``), where libcst
    counts them token by token: the same on files mixing the three, continuations and strings
    spread over lines included."""
    import random

    rng = random.Random(14)
    statements = [["x = 1"], ["y = (1,", "     2)"], ["s = '''a", "b'''"], ["# c"], [""], ["z = f'{x}'"],
                  ["def f():", "    return 1 + \\", "        2", "    # inside", "    return {", "    }"]]
    checked = 0
    for _ in range(300):
        picked = [line for _ in range(rng.randint(1, 8)) for line in rng.choice(statements)]
        text = "".join(line + rng.choice(["\n", "\r\n", "\r"]) for line in picked) + rng.choice(["", "x"])
        try:
            module = cst.parse_module(text)
        except cst.ParserSyntaxError:
            continue
        expected = PositionProvider()._gen(MetadataWrapper(module, unsafe_skip_copy=True))
        positions = Positions(module)
        assert all(positions[node] == expected[node] for node in expected), repr(text)
        assert positions.text == module.code
        checked += 1
    assert checked > 200

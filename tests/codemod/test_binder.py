from __future__ import annotations

import libcst as cst

from migrator.codemod.binder import ASSIGN, IMPORT, LOOP, OTHER, PARAM, WITH, bind

SOURCE = '''
import json
from config import URL as BASE
URL = "module"

class Client:
    URL = "class"

    def post(self, body):
        return URL, body

def run(items):
    payload = {"a": 1}
    for item in items:
        pass
    with open("f") as handle:
        pass
    total = 0
    total += 1
    global counter
    return payload, item, handle, total, json, BASE, [x for x in items], x
'''


def kinds(source: str) -> dict[str, list[str]]:
    module = cst.parse_module(source)
    scopes = bind(module)
    found: dict[str, list[str]] = {}

    class Reads(cst.CSTVisitor):
        def visit_Return(self, node: cst.Return) -> None:
            for name in _names(node.value):
                found[name.value] = [b.kind for b in scopes.lookup(name)]

    module.visit(Reads())
    return found


def _names(node):
    names = []

    class Collect(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            names.append(name)

    node.visit(Collect())
    return names


def test_each_read_finds_its_binding_by_pythons_rules():
    found = kinds(SOURCE)
    assert found["URL"] == [ASSIGN]  # the module's: a method does not see its class's names
    assert found["body"] == [PARAM]
    assert found["payload"] == [ASSIGN]
    assert found["item"] == [LOOP]
    assert found["handle"] == [WITH]
    assert found["total"] == [ASSIGN, OTHER]  # bound twice: never "bound once"
    assert found["json"] == [IMPORT] and found["BASE"] == [IMPORT]
    assert found["x"] == []  # a comprehension's variable stays in the comprehension


def test_single_assignment_values_are_the_assigned_expressions():
    module = cst.parse_module("def f():\n    url = 'a' + 'b'\n    return url\n")
    scopes = bind(module)
    read = _names(module.body[0].body.body[1])[0]
    (binding,) = scopes.lookup(read)
    assert isinstance(binding.value, cst.BinaryOperation)
    assert scopes.references(binding) == [read]

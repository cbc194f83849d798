"""Where v1 wrote a result that v2 no longer writes: the later reads of that value.

A v1 remove-background body names its output location (``"output": {"href": target}``); v2 takes
none and stores the result itself (PS384). The conversion is right, but code that then returns or
reads ``target`` expects a file that is never written. Those reads are the lines a person must
change, so each is reported (PS735), and the codemod leaves a ``# TODO(psmigrate)`` comment there
that lint reports on every later run (``todos.py``): once the body is v2 nothing else shows it.

The value is followed as the planner follows a request's parameters: a name read after the
request in the same function; a parameter, through each call of its function in the module (a
method called on ``self`` or on an instance made here too), and so on, a few calls deep.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from migrator.codemod.binder import PARAM
from migrator.codemod.source import SourceModule

STATEMENT = (cst.SimpleStatementLine, cst.BaseCompoundStatement)
DEPTH = 3  # calls followed outwards from the request

Callers = Callable[[cst.CSTNode, str], list[tuple[cst.Call, cst.BaseExpression | None]]]


def later_reads(source: SourceModule, value: cst.CSTNode, request: cst.CSTNode, callers: Callers,
                depth: int = 0, passing: frozenset[int] = frozenset()) -> list[cst.Name]:
    """The reads of ``value``'s variable after the statement holding ``request``; where there are
    none and it is a parameter, its reads in each caller after the call passing it (a read that
    passes it to the same function again, ``passing``, is no use of the result)."""
    if isinstance(value, cst.DictElement):  # where the body's pointers lead: the key and its value
        value = value.value
    if not isinstance(value, cst.Name) or depth > DEPTH:
        return []
    binding = source.single_assignment(value)
    if binding is None:
        return []
    statement = source.enclosing(request, STATEMENT)
    end = source.positions[statement].end.line if statement is not None else source.position(request)[0]
    reads = [n for n in source.scopes.references(binding) if source.position(n)[0] > end and id(n) not in passing]
    if reads or binding.kind != PARAM:
        return reads
    calls = callers(binding.scope, binding.name)
    passed = frozenset(id(argument) for _, argument in calls if argument is not None)
    for call, argument in calls:
        if argument is not None:
            reads += later_reads(source, argument, call, callers, depth + 1, passed)
    return reads

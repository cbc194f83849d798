"""Where each node of a parsed file starts and ends: libcst's ``PositionProvider``, cheaper.

The provider generates the file's code once and records every node's range on the way, as
``CodeRange`` objects built inside a generator-based context manager per node, with a regular
expression split per token. Most nodes are never asked for, so this records plain tuples in the
same pass, with the same rules (the syntactic position where a node states one), and builds a
``CodeRange`` only for a node that is looked up. ``tests/codemod/test_positions_index.py``
checks the two agree on every node of the codemod's fixtures.
"""

from __future__ import annotations

import libcst as cst
from libcst._position import CodePosition, CodeRange
from libcst.metadata.position_provider import NEWLINE_RE, PositionProvidingCodegenState


class Positions:
    """``positions[node]`` → ``CodeRange`` (1-based lines, 0-based columns), as libcst gives it."""

    def __init__(self, module: cst.Module):
        self._raw: dict[cst.CSTNode, tuple[int, int, int, int]] = {}
        self._ranges: dict[cst.CSTNode, CodeRange] = {}
        module._codegen(_State(default_indent=module.default_indent, default_newline=module.default_newline,
                               provider=None, raw=self._raw))

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        found = self._ranges.get(node)
        if found is None:
            line, column, end_line, end_column = self._raw[node]
            found = self._ranges[node] = CodeRange(CodePosition(line, column), CodePosition(end_line, end_column))
        return found

    def __contains__(self, node: object) -> bool:
        return node in self._raw


class _State(PositionProvidingCodegenState):
    def __init__(self, raw: dict, **fields) -> None:
        super().__init__(**fields)
        self.raw = raw
        self.starts: list[tuple[int, int]] = []

    def _update_position(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            segments = NEWLINE_RE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self.starts.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self.starts.pop()
        if node not in self.raw:  # a syntactic position recorded inside wins
            self.raw[node] = (*start, self.line, self.column)

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
                                  end_node: cst.CSTNode | None = None) -> _Syntactic:
        return _Syntactic(self, node, start_node, end_node)


class _Syntactic:
    """The context manager ``record_syntactic_position`` returns, as a plain class."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: _State, node, start_node, end_node) -> None:
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = (self.state.line, self.state.column)

    def __exit__(self, *exc) -> bool:
        raw = self.state.raw
        start = raw[self.start_node][:2] if self.start_node is not None else self.start
        end = raw[self.end_node][2:] if self.end_node is not None else (self.state.line, self.state.column)
        raw[self.node] = (*start, *end)
        return False

"""Where each node of a parsed file starts and ends: libcst's ``PositionProvider``, cheaper.

The provider generates the file's code once and records every node's range on the way, as
``CodeRange`` objects built inside a generator-based context manager per node, with a regular
expression split per token. Most nodes are never asked for, so this records plain character
offsets in the same pass, with the same rules (the syntactic position where a node states one),
and turns an offset into a line and column only for a node that is looked up. The same pass
keeps the generated text and each node's whole extent in it (``span``), which is what lets the
rewrite be spliced into the original text (``apply.splice``) instead of generating the file
again. ``tests/codemod/test_positions_index.py`` checks the positions agree with libcst's on
every node of the codemod's fixtures.
"""

from __future__ import annotations

from bisect import bisect_right

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst._position import CodePosition, CodeRange
from libcst.metadata.position_provider import NEWLINE_RE


class Positions:
    """``positions[node]`` → ``CodeRange`` (1-based lines, 0-based columns), as libcst gives it;
    ``text``: the module's code; ``span(node)``: the offsets of all of the node's code in it."""

    def __init__(self, module: cst.Module):
        state = _State(default_indent=module.default_indent, default_newline=module.default_newline)
        module._codegen(state)
        self.text = "".join(state.tokens)
        self._raw = state.raw  # node → (start, end) offsets: its syntactic range where it states one
        self._whole = state.whole  # node → (start, end) where that differs from its syntactic range
        # Positions are counted in the code as generated, before the module drops a last newline
        # the file did not have (libcst counts them so too).
        self._generated = self.text + state.popped
        self._line_starts: list[int] | None = None
        self._ranges: dict[cst.CSTNode, CodeRange] = {}

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        found = self._ranges.get(node)
        if found is None:
            start, end = self._raw[node]
            found = self._ranges[node] = CodeRange(self._position(start), self._position(end))
        return found

    def __contains__(self, node: object) -> bool:
        return node in self._raw

    def span(self, node: cst.CSTNode) -> tuple[int, int]:
        """Where all of the node's code (its leading lines and whitespace too) sits in ``text``;
        the end may pass ``text`` by the last newline the module drops."""
        return self._whole.get(node) or self._raw[node]

    def _position(self, offset: int) -> CodePosition:
        starts = self._line_starts
        if starts is None:
            starts = self._line_starts = [0, *(m.end() for m in NEWLINE_RE.finditer(self._generated))]
        line = bisect_right(starts, offset)
        return CodePosition(line, offset - starts[line - 1])


class _State(CodegenState):
    """Code generation that keeps the offset it has reached and each node's offsets."""

    def __init__(self, **fields) -> None:
        super().__init__(**fields)
        self.offset = 0
        self.indent_width = 0
        self.starts: list[int] = []
        self.raw: dict[cst.CSTNode, tuple[int, int]] = {}
        self.whole: dict[cst.CSTNode, tuple[int, int]] = {}
        self.popped = ""

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.offset += len(value)

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        self.offset += self.indent_width

    def increase_indent(self, value: str) -> None:
        self.indent_tokens.append(value)
        self.indent_width += len(value)

    def decrease_indent(self) -> None:
        self.indent_width -= len(self.indent_tokens.pop())

    def pop_trailing_newline(self) -> None:
        if self.tokens:
            self.popped = self.tokens.pop()

    def before_codegen(self, node: cst.CSTNode) -> None:
        self.starts.append(self.offset)

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self.starts.pop()
        if node in self.raw:  # a syntactic position recorded inside wins
            self.whole[node] = (start, self.offset)
        else:
            self.raw[node] = (start, self.offset)

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
                                  end_node: cst.CSTNode | None = None) -> _Syntactic:
        return _Syntactic(self, node, start_node, end_node)


class _Syntactic:
    """The context manager ``record_syntactic_position`` returns, as a plain class."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: _State, node, start_node, end_node) -> None:
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = self.state.offset

    def __exit__(self, *exc) -> bool:
        raw = self.state.raw
        start = raw[self.start_node][0] if self.start_node is not None else self.start
        end = raw[self.end_node][1] if self.end_node is not None else self.state.offset
        raw[self.node] = (start, end)
        return False

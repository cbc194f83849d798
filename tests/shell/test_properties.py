"""Properties over shell text made from the fixtures' own lines, cut and shuffled: the rewrite
never raises, never makes a file parse worse, and a second run changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator.shell.apply import regions, rewrite_shell_bytes
from migrator.shell.parse import parse
from tests.shell.fixture_tool import befores

LINES = sorted({line for path in befores() for line in path.read_text(encoding="utf-8").splitlines(keepends=True)})
NOISE = ["'", '"', "\\\n", "$(", ")", "<<EOF\n", "EOF\n", "```\n", "```bash\n", "$ ", " ^\n", "\r\n", "{", "}"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES) | st.sampled_from(NOISE), min_size=1, max_size=25),
       st.sampled_from(["x.sh", "x.md"]))
def test_rewrite_is_total_idempotent_and_never_parses_worse(pieces, name):
    data = "".join(pieces).encode()
    first = rewrite_shell_bytes(data, name)
    assert not first.failed or first.after == data
    second = rewrite_shell_bytes(first.after, name)
    assert second.after == first.after
    before = [parse(r.data).root_node.has_error for r in regions(data, name)]
    after = [parse(r.data).root_node.has_error for r in regions(first.after, name)]
    assert len(before) == len(after) and all(a <= b for a, b in zip(after, before))

"""The end-to-end suite's summary table (the sandbox fixture comes from the psmigrate plugin)."""

from __future__ import annotations

from tests.e2e import harness


def pytest_terminal_summary(terminalreporter, config):
    lines = harness.summary_lines()
    if not lines:
        return
    terminalreporter.section("end-to-end: migrated v1 clients against the v2 sandbox")
    if config.option.verbose > 0:  # -v: what broke and what lint said, client by client
        for outcome in sorted(harness.RESULTS, key=lambda o: (o.client, o.mode)):
            terminalreporter.write_line(outcome.explain())
    for line in lines:
        terminalreporter.write_line(line)

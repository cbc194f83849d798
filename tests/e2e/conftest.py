"""The end-to-end suite's plumbing: the v2 sandbox fixture and the summary table."""

from __future__ import annotations

import importlib.util

import pytest

from tests.e2e import harness

SANDBOX_PLUGIN = "migrator.sandbox.pytest_plugin"


def sandbox_available() -> bool:
    try:
        return importlib.util.find_spec(SANDBOX_PLUGIN) is not None
    except ModuleNotFoundError:
        return False


def pytest_configure(config):
    # The plugin ships with the `sandbox` extra; register it here when no entry point did.
    if sandbox_available() and not config.pluginmanager.has_plugin(SANDBOX_PLUGIN):
        try:
            config.pluginmanager.import_plugin(SANDBOX_PLUGIN)
        except ImportError:  # the extra's dependencies are not installed
            pass


@pytest.fixture
def v2_sandbox(request):
    """The in-process v2 sandbox, or None where the `sandbox` extra is not installed."""
    if "psmigrate_sandbox" not in request.fixturenames and not request.config.pluginmanager.has_plugin(SANDBOX_PLUGIN):
        return None
    return request.getfixturevalue("psmigrate_sandbox")


def pytest_terminal_summary(terminalreporter):
    lines = harness.summary_lines()
    if lines:
        terminalreporter.section("end-to-end: migrated v1 clients against the v2 sandbox")
        for line in lines:
            terminalreporter.write_line(line)

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(os.environ.get("PSMIGRATE_REFERENCE", ROOT.parent / "shared" / "reference"))


@pytest.fixture
def reference() -> Path:
    """Adobe's specs and guides; tests that compare against them skip where they are absent."""
    if not REFERENCE.is_dir():
        pytest.skip(f"reference material not found at {REFERENCE}")
    return REFERENCE


def pytest_collection_finish(session) -> None:
    """Importing migrator.cli turns the cyclic collector off until a command is loaded (start-up
    speed); the test process is not a psmigrate run, so it gets it back once tests are collected."""
    import gc

    gc.enable()

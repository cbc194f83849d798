from __future__ import annotations

import pytest

from migrator.codemod import apply


@pytest.fixture(autouse=True)
def every_splice_checked(monkeypatch):
    """Every rewrite these tests make is also made by rebuilding the tree and generating the whole
    file, and the two texts must be the same (``apply.splice`` stands for that)."""
    monkeypatch.setattr(apply, "VERIFY", True)

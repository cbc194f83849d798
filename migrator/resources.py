"""Find the data shipped with the tool: ``rules/`` and ``schemas/``.

From an installed wheel they live inside the package (``migrator/_data/``, put there by the
build); from a source checkout or an editable install they are the top-level folders of the
repository. Nothing here ever reads outside those two places.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder shipped with psmigrate is missing (looked in {_PACKAGE})")

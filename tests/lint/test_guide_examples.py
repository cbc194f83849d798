"""Adobe's own v2 examples from the migration guides must lint clean: a finding on a body the
spec accepts is a false positive, and a false positive is a bug.

Which examples run: every complete v2 body in ``tests/guide_pairs/*/v2-only/*.json`` and on
the v2 side of ``tests/guide_pairs/*/*.json``. Left out, with the reason:

* ``fragment: true`` — a piece of a body (just ``outputs``, one layer), not a request;
* bodies our v2 schema rejects — the guides' own mistakes, covered by ``tests/test_schemas.py``
  and not a question of lint false positives;
* bodies without a ``v2_endpoint``.

:data:`TRUE_POSITIVES` lists the few schema-valid guide bodies that do have a real problem
(elided ActionJSON such as ``"[...]"``, ``s3://`` destinations the spec forbids); for them the
test asserts exactly those findings.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from migrator import schemas
from migrator.lint.payload import infer_endpoint, schema_index
from migrator.lint.runner import lint_body

PAIRS = Path(__file__).resolve().parent.parent / "guide_pairs"

ELIDED = "the guide elides the ActionJSON (\"[...]\"), which is not a JSON array of steps"
S3 = "the guide writes s3:// destinations; the spec says UrlDestination.url must be HTTPS"
TRUE_POSITIVES = {
    "execute-actions/depth-blur--basic-migration.json": ({"PS604", "PS615"}, f"{ELIDED}; {S3}"),
    "execute-actions/product-crop--basic-migration.json": ({"PS604", "PS615"}, f"{ELIDED}; {S3}"),
    "execute-actions/side-by-side--basic-migration.json": ({"PS604", "PS615"}, f"{ELIDED}; {S3}"),
    "execute-actions/v2-only/depth-blur--custom-blur-strength.json": ({"PS604"}, ELIDED),
    "execute-actions/v2-only/product-crop--custom-padding.json": ({"PS604"}, ELIDED),
    "execute-actions/v2-only/side-by-side--png-output.json": ({"PS604"}, ELIDED),
}


def _eligible() -> list:
    found = []
    for path in sorted([*PAIRS.glob("*/v2-only/*.json"), *PAIRS.glob("*/*.json")]):
        data = json.loads(path.read_text(encoding="utf-8"))
        endpoint, body = data.get("v2_endpoint"), data.get("v2")
        if data.get("fragment") or body is None or endpoint not in schema_index():
            continue
        if schemas.is_valid(schema_index()[endpoint], body):
            found.append(pytest.param(endpoint, body, id=str(path.relative_to(PAIRS))))
    return found


EXAMPLES = _eligible()


def test_enough_guide_examples_run():
    assert len(EXAMPLES) >= 50, "the guide fixtures moved or shrank; this test would prove nothing"


@pytest.mark.parametrize(("endpoint", "body"), EXAMPLES)
def test_guide_v2_example_lints_clean(request, endpoint, body):
    codes = {d.code for d in lint_body(copy.deepcopy(body), endpoint)}
    expected, _reason = TRUE_POSITIVES.get(request.node.callspec.id, (set(), ""))
    assert codes == expected


@pytest.mark.parametrize(("endpoint", "body"), EXAMPLES)
def test_endpoint_is_inferred_from_the_body_alone(endpoint, body):
    assert infer_endpoint(body) == endpoint


def _v1_sides() -> list:
    found = []
    for path in sorted(PAIRS.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not data.get("fragment") and isinstance(data.get("v1"), dict):
            found.append(pytest.param(data["v1"], id=str(path.relative_to(PAIRS))))
    return found


V1_SIDES = _v1_sides()


def test_enough_v1_examples_run():
    assert len(V1_SIDES) >= 30


@pytest.mark.parametrize("body", V1_SIDES)
def test_guide_v1_example_is_reported_as_a_whole_v1_body(body):
    assert [d.code for d in lint_body(copy.deepcopy(body))] == ["PS401"]

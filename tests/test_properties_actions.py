"""Property tests over bodies generated from Adobe's v1 schemas (execute-actions family):
convert returns a valid v2 body or raises a coded MigrationError, and is idempotent."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings

from migrator.convert import convert
from migrator.diagnostics import MigrationError
from tests.conftest import REFERENCE
from tests.v1_schemas import v1_bodies

pytestmark = pytest.mark.skipif(not REFERENCE.is_dir(), reason="reference material absent")

SCHEMAS = {
    "photoshopActions": "PITS/post_photoshop_actions.schema.json",
    "actionJSON": "PITS/post_action_json.schema.json",
}


def check(body, endpoint):
    try:
        result = convert(copy.deepcopy(body), endpoint=endpoint)
    except MigrationError as exc:
        assert exc.code.startswith("PS")
        return
    again = convert(copy.deepcopy(result.body), endpoint=endpoint)
    assert again.already_v2 and again.body == result.body


@pytest.mark.parametrize("endpoint", sorted(SCHEMAS))
def test_generated_v1_bodies_convert_or_fail_with_a_code(endpoint):
    if not REFERENCE.is_dir():
        pytest.skip("reference material absent")

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(v1_bodies(REFERENCE, SCHEMAS[endpoint]))
    def run(body):
        check(body, endpoint)

    run()

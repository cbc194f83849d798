"""``count_fixtures`` computes the suite's three counts over the codemod fixtures; these keep
it honest on fixtures whose verdict is known (the full table: ``python -m tests.e2e.count_fixtures``)."""

from __future__ import annotations

import pytest

from tests.e2e import count_fixtures

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("name", "expected"), [
    ("actions_inline_requests", "WORKS"),  # a dict-literal body and URL, rewritten and accepted
    ("depth_blur", "REPORTED"),  # no v2 equivalent: 410 if run, PS704 from lint
])
def test_known_fixture_verdicts(name, expected, tmp_path):
    outcome = count_fixtures.fixture_outcome(count_fixtures.FIXTURES / f"{name}.before.py", tmp_path)
    assert outcome.verdict == expected, outcome.explain()


def test_made_up_arguments():
    import inspect

    def sample(token, psd_url, out, job_id, attempts=3):
        pass

    params = inspect.signature(sample).parameters
    clients = count_fixtures._clients([])
    assert count_fixtures.argument_for(params["token"], clients) == "e2e-test-credential"
    assert count_fixtures.argument_for(params["psd_url"], clients).startswith("https://")
    assert count_fixtures.argument_for(params["attempts"], clients) == 3
    with pytest.raises(count_fixtures.Unresolvable):
        count_fixtures.argument_for(params["job_id"], clients)

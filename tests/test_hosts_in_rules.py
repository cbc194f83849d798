"""Each v2 operation's host is rule data (issue 11, item 5): the path-level `servers` of Adobe's
spec put /v2/remove-background on image.adobe.io, every other path on photoshop-api.adobe.io,
and the remove-background guide polls its jobs on image.adobe.io too."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from migrator import rulebook
from migrator.rulebook import Family


def hosts() -> dict[str, str]:
    return {endpoint.name: family.host_of(endpoint) for family in rulebook.endpoint_map()
            for endpoint in family.endpoints}


def test_remove_background_and_its_job_status_stay_on_image_adobe_io():
    found = hosts()
    assert {name for name, host in found.items() if host == "image.adobe.io"} == {"cutout", "mask", "senseiStatus"}
    assert set(found.values()) == {"image.adobe.io", "photoshop-api.adobe.io"}


def test_every_family_must_name_a_host():
    family = {"family": "f", "v2": "/v2/f", "method": "GET", "schema": None, "summary": "s",
              "endpoints": [{"name": "e", "v1": "/e/{id}", "guide": "g.md"}]}
    with pytest.raises(ValidationError, match="host"):
        Family.model_validate(family)
    with pytest.raises(ValidationError, match="host"):
        Family.model_validate({**family, "host": "https://photoshop-api.adobe.io"})  # a host, not a URL
    assert Family.model_validate({**family, "host": "photoshop-api.adobe.io"}).host == "photoshop-api.adobe.io"

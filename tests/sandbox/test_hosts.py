"""Each family's ``host`` in ``rules/`` is the host Adobe's v2 spec serves its operation on:
the path-level ``servers`` where the path has them, else the spec's top-level ``servers``."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from migrator import rulebook

SPECS = ("photoshop-v2-openapi.json", "photoshop-v2-openapi.with-remove-background.json")


def test_family_hosts_follow_the_spec(reference):
    served: dict[str, str] = {}
    for name in SPECS:
        spec = json.loads((reference / "adobe" / name).read_text(encoding="utf-8"))
        default = urlsplit(spec["servers"][0]["url"]).hostname
        for path, item in spec["paths"].items():
            servers = item.get("servers") or spec["servers"]
            served.setdefault(path, urlsplit(servers[0]["url"]).hostname or default)
    hosts = {family.v2: family.host for family in rulebook.endpoint_map()}
    assert hosts == {path: served[path] for path in hosts}
    assert hosts["/v2/remove-background"] == "image.adobe.io"

"""Recognition reads each body once along a trie of the recognisers' paths and remembers what
each set of held paths fits; it must agree with the plain reading of ``has``/``lacks``."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

from migrator import recognise, rulebook
from migrator.tree import matches, split_path

GUIDE_PAIRS = Path(__file__).parent / "guide_pairs"


def spelled_out(body):
    fits = {}
    for family, endpoint in rulebook.all_endpoints():
        if endpoint.recognise and \
                all(matches(body, split_path(p)) for p in endpoint.recognise.has) and \
                not any(matches(body, split_path(p)) for p in endpoint.recognise.lacks):
            fits.setdefault(endpoint.name, (family, endpoint))
    return fits


def guide_bodies():
    for path in sorted(GUIDE_PAIRS.rglob("*.json")):
        pair = json.loads(path.read_text(encoding="utf-8"))
        for side in ("v1", "v2"):
            if isinstance(pair.get(side), dict):
                yield path.stem, pair[side]


def mutated(body, rng):
    """The body with a few keys deleted or added at random depths (recogniser keys among them)."""
    body = copy.deepcopy(body)
    for _ in range(3):
        node = body
        while isinstance(node, (dict, list)) and node and rng.random() < 0.7:
            key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
            if isinstance(node, dict) and rng.random() < 0.3:
                del node[key]
                break
            node = node[key]
        if isinstance(node, dict):
            node[rng.choice(["inputs", "options", "layers", "type", "input", "0", "add", "output", "mask"])] = \
                rng.choice([{}, [], 1, [{}], {"type": "x"}, {"0": {}}, [{"add": {}}]])
    return body


@pytest.mark.parametrize("name,body", list(guide_bodies()))
def test_recognition_agrees_with_has_and_lacks_read_plainly(name, body):
    rng = random.Random(name)
    for candidate in [body] + [mutated(body, rng) for _ in range(10)]:
        found, expected = recognise.candidates(candidate), spelled_out(candidate)
        assert list(found) == list(expected), candidate
        assert all(found[name][1] is expected[name][1] for name in found)


def test_the_remembered_sets_are_bounded(monkeypatch):
    monkeypatch.setattr(recognise, "_MOST_SETS", 3)
    monkeypatch.setattr(recognise, "_BUILT", [])
    keys = ["document", "layers", "actions", "xmp", "presets", "unit"]
    for n in range(2 ** len(keys)):
        body = {"inputs": [{}], "options": {key: {} for i, key in enumerate(keys) if n >> i & 1}, "outputs": []}
        assert list(recognise.candidates(body)) == list(spelled_out(body))
        assert len(recognise._index().fits) <= 3

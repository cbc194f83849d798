"""The pointer patterns rules match: the compiled matchers against a plain reading of the spec."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.tree import matches, reorder

TOKENS = st.sampled_from(["a", "b", "*", "0", "1", ""])
LEAVES = st.sampled_from([1, "x", None, True])
TREES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.sampled_from(["a", "b", "0", "1", ""]), inner, max_size=3), max_leaves=20)


def spelled_out(root, tokens):
    """Level by level: ``*`` is every key or index, a digit also indexes an array."""
    found = [(None, None, root)]
    for token in tokens:
        step = []
        for _, _, node in found:
            if isinstance(node, dict):
                if token == "*":
                    step += [(node, k, v) for k, v in node.items()]
                elif token in node:
                    step.append((node, token, node[token]))
            elif isinstance(node, list):
                if token == "*":
                    step += [(node, i, v) for i, v in enumerate(node)]
                elif token.isdigit() and int(token) < len(node):
                    step.append((node, int(token), node[int(token)]))
        found = step
    return found


def identities(found):
    return [(id(parent), key, id(value)) for parent, key, value in found]


@settings(max_examples=500)
@given(TREES, st.lists(TOKENS, max_size=4).map(tuple))
def test_compiled_matchers_find_what_the_pattern_says_in_its_order(tree, tokens):
    assert identities(matches(tree, tokens)) == identities(spelled_out(tree, tokens))


def test_a_digit_is_an_object_key_or_an_array_index():
    inner = {"x": 1}
    assert matches({"0": inner}, ("0", "x")) == [(inner, "x", 1)]
    assert matches([inner], ("0", "x")) == [(inner, "x", 1)]
    assert matches([inner], ("1", "x")) == []
    assert matches({"a": [inner]}, ("a", "*")) == [([inner], 0, inner)]


@given(st.lists(st.sampled_from("abcdefg"), unique=True), st.lists(st.sampled_from("abcdefgh"), max_size=6))
def test_reorder_puts_the_named_keys_first_in_order_and_keeps_the_rest_as_they_were(keys, order):
    obj = {key: i for i, key in enumerate(keys)}
    before = dict(obj)
    reorder(obj, tuple(order))
    named = list(dict.fromkeys(k for k in order if k in before))
    assert list(obj) == named + [k for k in keys if k not in order]
    assert obj == before

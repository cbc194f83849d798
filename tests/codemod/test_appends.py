"""Bodies built by appending dict literals to a literal's lists (``migrator/codemod/appends.py``):
where each item's v2 place is found, what is refused and why, and that what is written stays
reported on later runs."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import libcst as cst
import pytest

from migrator.codemod import Options, rewrite_bytes
from migrator.codemod.appends import Append, Refused, capped, place
from migrator.convert import schema_problems

FIXTURES = Path(__file__).parent / "fixtures"
APPENDS = sorted(FIXTURES.glob("appends_*.before.py"))


def _append(*path: str) -> Append:
    call = cst.parse_expression(f"data{''.join(f'[{k!r}]' for k in path)}.append({{}})")
    return Append(call, call.func.value, path, call.args[0].value, False)


def _as(doubled):
    return lambda copies: doubled


def test_the_item_is_found_at_the_end_of_its_v2_list():
    result = {"image": {}, "edits": {"layers": [{"n": 1}, {"n": 2}]}}
    doubled = {"image": {}, "edits": {"layers": [{"n": 1}, {"n": 2}, {"n": 2}]}}
    [found] = place(result, [_append("options", "layers")], _as(doubled))
    assert (found.path, found.index) == (("edits", "layers"), 1)


@pytest.mark.parametrize(("result", "doubled", "why"), [
    # the item went to two places (a layer and an output made from it)
    ({"a": [1], "b": [2]}, {"a": [1, 1], "b": [2, 2]}, "not one list element"),
    # the rest of the body changes with the number of items
    ({"image": {}, "outputs": [1]}, {"images": [], "outputs": [1, 1]}, "not one list element"),
    # the item is not a list element at all
    ({"image": {"url": "x"}}, {"image": {"url": "x"}, "extra": 1}, "not one list element"),
    # its v2 list is inside a list element
    ({"outputs": [{"layers": [1]}]}, {"outputs": [{"layers": [1, 1]}]}, "inside a list element"),
    # the rules put it first: appending would put it last
    ({"outputs": [9, 0]}, {"outputs": [9, 9, 0]}, "not at the end"),
])
def test_a_place_that_is_not_one_element_at_the_end_of_a_list_is_refused(result, doubled, why):
    with pytest.raises(Refused, match=why):
        place(result, [_append("outputs")], _as(doubled))


def test_items_of_two_v1_lists_meeting_in_one_v2_list_are_refused():
    result = {"outputs": [1, 2]}
    answers = iter([{"outputs": [1, 1, 2]}, {"outputs": [1, 2, 2]}])
    with pytest.raises(Refused, match="different lists all go to `/outputs`"):
        place(result, [_append("a"), _append("b")], lambda copies: next(answers))


def test_a_conversion_that_fails_with_two_items_is_a_count_dependence():
    from migrator.diagnostics import MigrationError

    def fails(copies):
        raise MigrationError("PS201", "v2 takes exactly one input image")

    with pytest.raises(Refused, match="with two items the conversion fails \\(PS201 v2 takes exactly one"):
        place({"image": {}}, [_append("inputs")], fails)


def test_the_cap_is_what_the_v2_schema_says():
    body = {"image": {"source": {"url": "https://a.example/in.psd"}},
            "edits": {"layers": [{"type": "layer", "name": "x"}]},
            "outputs": [{"destination": {"url": "https://a.example/o.png"}, "mediaType": "image/png"}]}
    assert capped("CreateCompositeRequest", body, ("outputs",), body["outputs"][0], schema_problems) == 25
    assert capped("CreateCompositeRequest", body, ("edits", "layers"), body["edits"]["layers"][0],
                  schema_problems) is None
    assert len(body["outputs"]) == 1  # the body is as it was


@pytest.mark.parametrize("before", APPENDS, ids=lambda p: p.name)
@pytest.mark.parametrize("todos", [False, True])
def test_later_runs_change_nothing_and_report_what_asks_for_a_change_again(before, todos):
    options = Options(add_todos=todos)
    first = rewrite_bytes(before.read_bytes(), str(before), options)
    second = rewrite_bytes(first.after, str(before), options)
    assert second.after == first.after
    asks = {"PS701", "PS719", "PS738"}  # the rewrite may move them down a line or two
    assert sorted(d.code for d in second.findings if d.code in asks) == \
        sorted(d.code for d in first.findings if d.code in asks)


def _run(code: str):
    return rewrite_bytes(dedent(code).lstrip().encode(), "client.py")


LOOP = '''
    import requests


    def export(psd, targets):
        data = {"inputs": [{"href": psd, "storage": "external"}], "outputs": []}
        for target in targets:
            data["outputs"].append({"href": target, "storage": "external", "type": "image/png"}){noqa}
        return requests.post("https://image.adobe.io/pie/psdService/renditionCreate", json=data)
    '''


def test_noqa_ps738_silences_the_cap_and_the_body_is_still_converted():
    result = _run(LOOP.replace("{noqa}", "  # noqa: PS738"))
    assert "PS738" not in {d.code for d in result.findings}
    assert b'data["outputs"].append({"destination": {"url": target}, "mediaType": "image/png"})  # noqa: PS738' \
        in result.after


def test_a_request_sent_before_the_appends_keeps_the_body_v1_for_every_request():
    result = _run('''
        import requests

        URL = "https://image.adobe.io/pie/psdService/renditionCreate"


        def export(psd, first, second):
            data = {"inputs": [{"href": psd, "storage": "external"}], "outputs": [{"href": first, "storage": "external", "type": "image/png"}]}
            requests.post(URL, json=data)
            data["outputs"].append({"href": second, "storage": "external", "type": "image/png"})
            return requests.post(URL, json=data)
        ''')
    assert b'"inputs"' in result.after and b'"href": second' in result.after
    assert [(d.code, d.line) for d in result.findings if d.code == "PS701"] == [("PS701", 9)]
    assert "the append comes after the request is sent" in next(d.message for d in result.findings
                                                                  if d.code == "PS701")


def test_a_part_of_the_body_passed_to_a_call_is_a_change():
    result = _run('''
        import requests


        def export(psd, target):
            data = {"inputs": [{"href": psd, "storage": "external"}], "outputs": []}
            add_output(data["outputs"], target)
            return requests.post("https://image.adobe.io/pie/psdService/renditionCreate", json=data)
        ''')
    [finding] = [d for d in result.findings if d.code == "PS701"]
    assert finding.line == 6 and "hands `data[\"outputs\"]` to other code" in finding.message


def test_reading_a_scalar_of_the_body_is_not_a_change():
    result = _run('''
        import requests


        def export(psd, target):
            data = {"inputs": [{"href": psd, "storage": "external"}], "outputs": []}
            source = data["inputs"][0]["href"]
            data["outputs"].append({"href": target, "storage": "external", "type": "image/png"})
            print(len(data["outputs"]), source)
            return requests.post("https://image.adobe.io/pie/psdService/renditionCreate", json=data)
        ''')
    assert "PS701" not in {d.code for d in result.findings}
    assert b'data["outputs"].append({"destination": {"url": target}, "mediaType": "image/png"})' in result.after


def test_a_comment_the_item_loses_is_reported_at_the_item():
    result = _run('''
        import requests


        def export(psd, target):
            data = {"inputs": [{"href": psd, "storage": "external"}], "outputs": []}
            data["outputs"].append({
                # the preview
                "href": target, "storage": "external", "type": "image/png",
            })
            return requests.post("https://image.adobe.io/pie/psdService/renditionCreate", json=data)
        ''')
    assert [(d.code, d.line, d.message.split(": ")[-1]) for d in result.findings if d.code == "PS712"] == \
        [("PS712", 6, "# the preview")]

"""Every curl example in Adobe's v1 guides that names a v1 endpoint (copied into guide_examples/,
one fenced block per file, its source named on its first line): each v1 command is migrated, its
body to exactly what ``convert`` makes of it, or a finding at the command says why not."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from migrator.codemod import is_change, urls
from migrator.convert import convert
from migrator.diagnostics import MigrationError, Severity
from migrator.shell import body as bodies
from migrator.shell.apply import regions, rewrite_shell_bytes
from migrator.shell.curl import is_curl, read_curl
from migrator.shell.parse import parse
from migrator.treesitter import walk

EXAMPLES = sorted((Path(__file__).parent / "guide_examples").glob("*.sh"))
V1 = urls.V1_PATH


def curls(data: bytes, path: str):
    """(first line, last line, v1 path or None, body tree or None) of each curl command."""
    found = []
    for region in regions(data, path):
        for node in walk(parse(region.data).root_node):
            if not is_curl(node, region.data):
                continue
            call = read_curl(node, region.data)
            text = "".join(p.source for pieces, _ in call.urls for p in pieces)
            v1 = V1.search(text)
            tree = None
            if call.data and call.data[0].from_file is None:
                try:
                    tree = bodies.read(call.data[0].pieces)[0]
                except bodies.BodyError:
                    tree = None
            found.append((node.start_point[0] + 1, node.end_point[0] + 1,
                          v1[0] if v1 and "image.adobe.io" in text else None, tree, "/v2/" in text))
    return found


def test_the_examples_are_there():
    assert len(EXAMPLES) >= 40
    assert all(p.read_text().startswith("# from ") for p in EXAMPLES)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_v1_command_is_migrated_as_convert_would_or_reported(path):
    data = path.read_bytes()
    result = rewrite_shell_bytes(data, path.name)
    before, after = curls(data, path.name), curls(result.after, path.name)
    assert len(before) == len(after)
    reasons = [d for d in result.diagnostics if not is_change(d) and d.severity is not Severity.INFO]
    for (first, last, v1, tree, _), (_, _, still_v1, new_tree, v2) in zip(before, after):
        if v1 is None:
            continue
        reported = [d for d in reasons if first <= d.line <= last and (d.code.startswith("PS8") or
                                                                       d.severity is Severity.ERROR)]
        if reported:
            continue  # reported with its reason, at the command
        assert still_v1 is None and v2, f"{path.name}:{first}: a v1 command neither migrated nor reported"
        if tree is not None:
            expected = convert(copy.deepcopy(tree), v1).body
            assert new_tree == expected, f"{path.name}:{first}: the body is not what convert makes of it"


def test_most_guide_commands_migrate_whole():
    migrated = reported = 0
    for path in EXAMPLES:
        result = rewrite_shell_bytes(path.read_bytes(), path.name)
        reported += len({d.line for d in result.diagnostics if not is_change(d) and d.severity is Severity.ERROR})
        migrated += sum(1 for d in result.diagnostics if d.code == "PS802")
    assert migrated >= 30 and reported >= 8, (migrated, reported)  # 34 and 10 today


def test_a_body_convert_refuses_is_reported_with_convert_s_code():
    path = next(p for p in EXAMPLES if p.stem == "v1-to-v2__llm-migration-reference__1")
    result = rewrite_shell_bytes(path.read_bytes(), path.name)
    refused = [d for d in result.diagnostics if d.code == "PS009"]
    assert len(refused) == 3
    tree = curls(path.read_bytes(), path.name)[0][3]
    with pytest.raises(MigrationError) as raised:
        convert(tree, "/lrService/autoTone")
    assert raised.value.code == "PS009"

"""Very large source files (issue 13 item 12, issue 15): ``max-file-size`` and PS018, and the
JavaScript planner's node index. The fast tests use a small cap set through the configuration or
the command line instead of large files; the slow ones run real sizes."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main
from migrator.codes import MACHINERY
from migrator.sizecap import DEFAULT_MAX_FILE_SIZE

EXAMPLE = MACHINERY["PS018"].example
CAP = EXAMPLE.max_file_size
JS_FIXTURES = Path(__file__).parent / "javascript" / "fixtures"
V1_JS = (JS_FIXTURES / "fetch_actions_poll.js").read_text()


def psmigrate(*args, cwd: Path | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def configured(tmp_path: Path, cap: int | str = CAP) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.psmigrate]\nmax-file-size = {cap}\n")
    return tmp_path / "pyproject.toml"


def codes_at(output: str) -> list[tuple[str, str]]:
    """(path:line:col, code) of each text finding line."""
    found = []
    for line in output.splitlines():
        where, _, rest = line.partition(": ")
        if rest[:2] == "PS":
            found.append((where, rest.split()[0]))
    return found


# -- the examples of PS018 -----------------------------------------------------------------------
@pytest.mark.parametrize("name,source", EXAMPLE.invalid, ids=[n for n, _ in EXAMPLE.invalid])
@pytest.mark.parametrize("command", ["lint", "codemod"])
def test_an_invalid_example_is_ps018_at_1_1_and_a_finding(tmp_path, name, source, command):
    assert len(source.encode()) > CAP
    (tmp_path / name).write_text(source)
    config = configured(tmp_path)
    args = ["lint"] if command == "lint" else ["codemod", "--check"]
    code, out, err = psmigrate(*args, "--config", config, tmp_path / name)
    assert code == 1
    assert codes_at(out + err) == [(f"{tmp_path / name}:1:1", "PS018")]
    assert f"{len(source.encode()):,} bytes" in out + err and f"max-file-size ({CAP:,} bytes)" in out + err


@pytest.mark.parametrize("name,source", EXAMPLE.valid, ids=[n for n, _ in EXAMPLE.valid])
@pytest.mark.parametrize("command", ["lint", "codemod"])
def test_a_valid_example_has_no_ps018(tmp_path, name, source, command):
    (tmp_path / name).write_text(source)
    config = configured(tmp_path)
    args = ["lint"] if command == "lint" else ["codemod", "--check"]
    code, out, err = psmigrate(*args, "--config", config, tmp_path / name)
    assert "PS018" not in out + err
    if "adobe.io" not in source:  # over the cap, never naming the API: quiet
        assert code == 0 and codes_at(out + err) == []
    else:  # under the cap: read as always
        assert ("PS901" if command == "lint" else "would rewrite") in out + err


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_ps018_is_reported_in_every_lint_output_format(tmp_path, output_format):
    name, source = EXAMPLE.invalid[0]
    (tmp_path / name).write_text(source)
    code, out, _ = psmigrate("lint", "--max-file-size", CAP, "--output-format", output_format, tmp_path / name)
    assert code == 1
    if output_format == "json":
        [finding] = json.loads(out)
        assert (finding["code"], finding["line"], finding["col"], finding["severity"]) == ("PS018", 1, 1, "error")
    elif output_format == "sarif":
        [result] = json.loads(out)["runs"][0]["results"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (result["ruleId"], region["startLine"], region["startColumn"]) == ("PS018", 1, 1)
    elif output_format == "github":
        assert out.startswith("::error ") and "line=1,col=1" in out and "PS018" in out
    else:
        assert codes_at(out) == [(f"{tmp_path / name}:1:1", "PS018")]


def test_codemod_json_report_holds_ps018(tmp_path):
    name, source = EXAMPLE.invalid[0]
    (tmp_path / name).write_text(source)
    code, _, err = psmigrate("codemod", "--check", "--max-file-size", CAP, "--output-format", "json", tmp_path / name)
    assert code == 1
    assert [(f["code"], f["line"], f["col"]) for f in json.loads(err)] == [("PS018", 1, 1)]


@pytest.mark.parametrize("name", ["client.py", "client.js", "deploy.sh"])
def test_the_codemod_summary_does_not_count_a_file_over_the_cap_as_parsed(tmp_path, name):
    small = {"client.py": 'import requests\nrequests.get("https://image.adobe.io/pie/psdService/hello")\n',
             "client.js": V1_JS, "deploy.sh": "curl https://image.adobe.io/pie/psdService/hello\n"}[name]
    (tmp_path / "small").mkdir()
    (tmp_path / "small" / name).write_text(small)
    (tmp_path / ("big-" + name)).write_text(small + "\n" * (len(small) + 10))
    code, _, err = psmigrate("codemod", "--check", "--max-file-size", len(small) + 5, tmp_path)
    assert "PS018" in err
    assert err.splitlines()[-1].startswith("psmigrate codemod: 2 files scanned, 1 parsed, "), err


@pytest.mark.parametrize("args", [["lint", "--fix"], ["lint", "--diff"], ["codemod", "--write"], ["codemod"]],
                         ids=" ".join)
def test_a_file_over_the_cap_is_left_whole_and_reported_again_on_every_run(tmp_path, args):
    path = tmp_path / "client.js"
    source = V1_JS + "// padding\n" * 40
    path.write_text(source)
    config = configured(tmp_path, len(V1_JS))
    for _ in range(2):
        code, out, err = psmigrate(*args, "--config", config, path)
        assert code == 1, (out, err)
        assert [c for _, c in codes_at(out + err)] == ["PS018"]
        assert path.read_text() == source


def test_a_cap_of_zero_lifts_it_and_the_command_line_overrides_the_configuration(tmp_path):
    path = tmp_path / "client.js"
    path.write_text(V1_JS)
    config = configured(tmp_path, 10)
    assert [c for _, c in codes_at(psmigrate("lint", "--config", config, path)[1])] == ["PS018"]
    for flag in ("0", str(len(V1_JS))):
        code, out, _ = psmigrate("lint", "--config", config, "--max-file-size", flag, path)
        found = [c for _, c in codes_at(out)]
        assert code == 1 and "PS018" not in found and "PS901" in found
    configured(tmp_path, 0)
    assert "PS018" not in psmigrate("lint", "--config", config, path)[1]


def test_the_default_cap_is_one_mebibyte(tmp_path):
    assert DEFAULT_MAX_FILE_SIZE == 1024 * 1024
    over = tmp_path / "big.js"
    over.write_text(V1_JS + ("// padding\n" * (DEFAULT_MAX_FILE_SIZE // 11 + 1)))
    under = tmp_path / "small.js"
    under.write_text(V1_JS)
    code, out, _ = psmigrate("lint", "--config", tmp_path, over, under)
    assert code == 1
    assert (f"{over}:1:1", "PS018") in codes_at(out)
    assert (f"{under}:1:1", "PS018") not in codes_at(out) and any(w.startswith(str(under)) for w, _ in codes_at(out))


@pytest.mark.parametrize("value", ["-1", '"1MB"', "true", "1.5"])
def test_a_max_file_size_that_is_not_a_number_of_bytes_is_a_usage_error(tmp_path, value):
    path = tmp_path / "client.js"
    path.write_text(V1_JS)
    config = configured(tmp_path, value)
    for command in (["lint"], ["codemod", "--check"]):
        code, out, err = psmigrate(*command, "--config", config, path)
        assert code == 2 and "max-file-size must be a number of bytes" in out + err


def test_a_negative_max_file_size_option_is_a_usage_error(tmp_path):
    path = tmp_path / "client.js"
    path.write_text(V1_JS)
    assert psmigrate("lint", "--max-file-size", "-5", path)[0] == 2


def test_per_file_ignores_can_silence_ps018_as_any_code(tmp_path):
    name, source = EXAMPLE.invalid[0]
    (tmp_path / name).write_text(source)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.psmigrate]\nmax-file-size = {CAP}\n[tool.psmigrate.per-file-ignores]\n"*.bundle.js" = ["PS018"]\n')
    assert psmigrate("lint", "--config", tmp_path / "pyproject.toml", tmp_path / name)[0] == 0


def test_explain_shows_the_examples():
    code, out, _ = psmigrate("explain", "PS018")
    assert code == 0 and "max-file-size" in out
    assert all(name in out for name, _ in EXAMPLE.invalid + EXAMPLE.valid)


# -- the planner's node index --------------------------------------------------------------------
def _sources():
    rng = random.Random(18)
    for path in sorted(JS_FIXTURES.iterdir()):
        if path.suffix in (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx"):
            data = path.read_bytes()
            yield path.name, data
            cut = rng.randrange(1, len(data))  # a broken file: error recovery's nodes are found too
            yield f"{path.name}[:{cut}]", data[:cut] + data[cut + 7:]


TYPE_SETS = [("call_expression",), ("comment",), ("string", "template_string"),
             ("variable_declarator", "assignment_expression", "member_expression", "arrow_function"),
             ("identifier", "function"), ("property_signature", "no_such_type")]


@pytest.mark.parametrize("name,data", list(_sources()), ids=lambda v: v if isinstance(v, str) else "")
def test_nodes_of_given_types_are_the_walks_in_document_order(name, data):
    from migrator.javascript.parse import parse
    from migrator.treesitter import nodes, walk

    suffix = name.split("[")[0].rsplit(".", 1)[1]
    root = parse(data, f"x.{suffix}").root_node
    for types in TYPE_SETS:
        wanted = [(n.type, n.start_byte, n.end_byte) for n in walk(root) if n.type in types and n.is_named]
        assert [(n.type, n.start_byte, n.end_byte) for n in nodes(root, *types)] == wanted, types


# -- real sizes ----------------------------------------------------------------------------------
def _large_files(tmp_path: Path, megabytes: float) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("large_files", Path(__file__).parent.parent / "bench" /
                                                  "large_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(tmp_path, megabytes)
    return tmp_path


@pytest.mark.slow
def test_large_files_of_every_kind_get_ps018_by_default_and_their_findings_with_the_cap_lifted(tmp_path):
    out_dir = _large_files(tmp_path, 1.2)
    names = ["big.js", "bundle.min.js", "big.sh", "big.md", "big.py"]
    code, out, _ = psmigrate("lint", *(out_dir / n for n in names))
    assert code == 1
    assert sorted(codes_at(out)) == sorted((f"{out_dir / n}:1:1", "PS018") for n in names)
    code, out, _ = psmigrate("lint", "--max-file-size", 0, *(out_dir / n for n in names))
    found = {(w.split(":")[0], c) for w, c in codes_at(out)}
    assert "PS018" not in {c for _, c in found}
    for name, expected in (("big.js", "PS901"), ("bundle.min.js", "PS901"), ("big.sh", "PS801"),
                           ("big.md", "PS801"), ("big.py", "PS721")):
        assert (str(out_dir / name), expected) in found, name


@pytest.mark.slow
def test_a_large_script_migrates_as_its_small_version_does(tmp_path):
    from migrator.javascript.parse import parse

    path = tmp_path / "big.js"
    filler = "".join(f"export function f{i}(a) {{ return a.map((x) => x * {i}); }}\n" for i in range(20_000))
    path.write_text(filler + V1_JS + filler)
    small = tmp_path / "small.js"
    small.write_text(V1_JS)
    assert psmigrate("codemod", "--write", "--max-file-size", 0, path, small)[0] in (0, 1)
    big_after = path.read_text()
    assert big_after[len(filler):len(big_after) - len(filler)] == small.read_text() != V1_JS
    assert not parse(big_after.encode(), "big.js").root_node.has_error


def test_a_root_no_parse_remembered_gets_the_nodes_the_query_finds():
    from migrator.javascript.parse import _parser, parse
    from migrator.treesitter import nodes

    data = V1_JS.encode()
    remembered = parse(data, "x.js").root_node
    unknown = _parser("javascript").parse(data).root_node  # not through parse(): nothing remembered
    for types in TYPE_SETS:
        assert [(n.type, n.start_byte) for n in nodes(unknown, *types)] == \
            [(n.type, n.start_byte) for n in nodes(remembered, *types)]

"""The compiled validator (jsonschema-rs, the hot path) and jsonschema (which words failures)
must agree on every body the tests know, against every v2 schema: if they did not, convert would
accept a body and then find no error to report, or the reverse.

The bodies: both sides of every guide pair and every v2-only guide body, the examples of every
conversion rule (``rules/*.yaml``) and lint rule, the example payloads, the dict literals of the
codemod fixtures, and each of those converted by the engine (the bodies convert validates).
"""

from __future__ import annotations

import ast
import copy
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from migrator import schemas
from migrator.convert import convert
from migrator.diagnostics import MigrationError
from migrator.lint.catalog import all_rules
from migrator.lint.payload import schema_index

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = sorted(set(schema_index().values()))


def _guide_bodies():
    for path in sorted((ROOT / "tests" / "guide_pairs").rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for side in ("v1", "v2"):
            if data.get(side) is not None:
                yield f"{path.relative_to(ROOT)}:{side}", data[side]


def _rule_examples():
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules", []):
            for index, example in enumerate(rule.get("examples", [])):
                for side in ("v1", "v2"):
                    if example.get(side) is not None:
                        yield f"{rule['code']} example {index} {side}", example[side]
    for rule in all_rules():
        for index, example in enumerate([*rule.valid, *rule.invalid]):
            yield f"{rule.code} lint example {index}", example.body


def _files():
    for path in sorted((ROOT / "examples").rglob("*.json")):
        yield str(path.relative_to(ROOT)), json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "tests" / "codemod" / "fixtures").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                try:
                    yield f"{path.name}:{node.lineno}", ast.literal_eval(node)
                except ValueError:  # holds a variable or a call: not a JSON value
                    continue


def _corpus() -> list[tuple[str, object]]:
    found = [*_guide_bodies(), *_rule_examples(), *_files()]
    converted = []
    for name, body in found:
        try:
            converted.append((f"{name} converted", convert(copy.deepcopy(body), validate=False).body))
        except (MigrationError, KeyError):
            continue
    return found + converted


CORPUS = _corpus()


def test_the_corpus_holds_valid_and_invalid_bodies_for_every_schema():
    for name in SCHEMAS:
        verdicts = {schemas.is_valid(name, body) for _, body in CORPUS}
        assert verdicts == {True, False}, name


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_compiled_validator_agrees_with_jsonschema(schema_name):
    reference = Draft202012Validator(schemas.schema(schema_name))
    disagree = [name for name, body in CORPUS if schemas.is_valid(schema_name, body) != reference.is_valid(body)]
    assert not disagree, disagree[:10]


def test_an_invalid_body_is_worded_and_a_valid_one_has_no_errors():
    name = schema_index()["/v2/execute-actions"]
    valid = next(body for _, body in CORPUS if schemas.is_valid(name, body))
    assert schemas.errors(name, valid) == []
    pointer, sentence = schemas.errors(name, {**valid, "outputs": []})[0]
    assert pointer == "/outputs" and "at least 1" in sentence


def test_a_body_holding_a_value_that_is_not_json_falls_back_to_jsonschema():
    class Expression:  # what the codemod carries for a variable in a dict literal
        pass

    name = schema_index()["/v2/execute-actions"]
    assert schemas.is_valid(name, {"image": Expression()}) is False


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_the_wording_validator_finds_the_errors_jsonschema_finds_on_the_schema_as_written(schema_name):
    """Failures are worded from a copy of the schema with its $refs inlined (when it has no
    cycle): it must report the same errors, at the same places, with the same keywords."""
    reference = Draft202012Validator(schemas.schema(schema_name))
    invalid = [body for _, body in CORPUS if not schemas.is_valid(schema_name, body)][::5]

    def found(errors):
        return sorted((list(e.absolute_path), e.validator, e.message) for e in errors)

    assert invalid
    for body in invalid:
        assert found(schemas.iter_errors(schema_name, body)) == found(reference.iter_errors(body))

"""Shell completion through click's protocol: the shell runs ``psmigrate`` with
``_PSMIGRATE_COMPLETE`` set, and COMP_WORDS/COMP_CWORD saying what is typed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from migrator.codes import all_codes


def psmigrate(instruction: str, words: str = "", cword: str = "") -> list[str]:
    env = {**os.environ, "_PSMIGRATE_COMPLETE": instruction, "COMP_WORDS": words, "COMP_CWORD": cword}
    result = subprocess.run([sys.executable, "-m", "migrator"], env=env, capture_output=True, text=True,
                            timeout=60, check=True)
    return result.stdout.splitlines()


@pytest.mark.parametrize(("shell", "registers"), [
    ("bash", "complete -o nosort -F _psmigrate_completion psmigrate"),
    ("zsh", "compdef _psmigrate_completion psmigrate"),
    ("fish", "complete --no-files --command psmigrate"),
])
def test_each_shell_gets_a_script_that_registers_psmigrate(shell, registers):
    assert registers in "\n".join(psmigrate(f"{shell}_source"))


def test_bash_completes_command_names_from_the_lazy_group():
    assert psmigrate("bash_complete", "psmigrate e", "1") == ["plain,endpoints", "plain,explain"]


def test_bash_completes_explain_with_codes():
    expected = [f"plain,{e.code}" for e in all_codes() if e.code.startswith("PS70")]
    assert psmigrate("bash_complete", "psmigrate explain PS70", "2") == expected
    assert len(expected) == 9


def test_zsh_shows_each_code_with_its_summary_and_lower_case_works():
    assert psmigrate("zsh_complete", "psmigrate explain ps72", "2") == [
        "plain", "PS720", "v1 request body that psmigrate converts to v2",
        "plain", "PS721", "v1 URL that psmigrate rewrites to v2"]


def test_fish_completes_explain_with_codes():
    lines = psmigrate("fish_complete", "psmigrate explain PS00", "PS00")
    assert [line.split("\t")[0] for line in lines] == [f"plain,PS00{n}" for n in range(1, 10)]

"""What the command line does when psmigrate itself fails: exit 2 and one clear line."""

from __future__ import annotations

from click.testing import CliRunner

from migrator import rulebook
from migrator.cli import main


def test_an_internal_error_exits_2_with_one_line_and_redacts(monkeypatch, tmp_path):
    def broken():
        raise RuntimeError("cannot load https://x.example/a?X-Amz-Signature=s3cr3t")

    monkeypatch.setattr(rulebook, "endpoint_map", broken)
    monkeypatch.delenv("PSMIGRATE_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["endpoints"])
    assert result.exit_code == 2
    assert result.stderr.startswith("psmigrate: internal error: RuntimeError: cannot load")
    assert "s3cr3t" not in result.stderr and "Traceback" not in result.stderr


def test_psmigrate_debug_shows_the_exception(monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(rulebook, "endpoint_map", broken)
    monkeypatch.setenv("PSMIGRATE_DEBUG", "1")
    result = CliRunner().invoke(main, ["endpoints"])
    assert isinstance(result.exception, RuntimeError)


def test_usage_errors_still_exit_2_through_click():
    result = CliRunner().invoke(main, ["explain", "PS000"])
    assert result.exit_code == 2 and "Error:" in result.stderr

"""curl in shell scripts and Markdown: a source kind of ``psmigrate codemod`` and ``lint``.

``apply.py`` cuts a file into *regions* of shell text (the whole script, or each fenced shell
block of a Markdown file, ``markdown.py``) with their byte offsets, plans each and applies the
edits; ``parse.py`` parses a region with tree-sitter's bash grammar; ``words.py`` reads a shell
word into literal pieces and run-time splices; ``curl.py`` finds curl commands and their parts;
``body.py`` turns a JSON body into a payload tree (splices as ``Opaque`` leaves) and back, in the
quoting it had; ``jq.py`` reads jq filters; ``rewrite.py`` plans byte-range edits through the
shared engine (``urls.read``; ``sends.py``: ``convert``; ``reads.py``: responses and jq);
``findings.py`` holds the PS8xx codes with their own examples; ``found.py`` is what ``convert``
says given such a file; ``lint.py`` is the lint source kind and ``run.py`` the codemod's.
"""

from __future__ import annotations

SCRIPT_SUFFIXES = (".sh", ".bash", ".zsh")
MARKDOWN_SUFFIXES = (".md",)
WALKED_SUFFIXES = SCRIPT_SUFFIXES + MARKDOWN_SUFFIXES  # what a directory walk picks up
TEXT_SUFFIXES = (".txt",)  # plain text: read as a shell script when named on the command line
# What else pre-commit's `shell` type holds (identify's table), read as shell when named.
NAMED_SUFFIXES = (".ksh", ".bats", ".csh")
NAMED_FILES = {".bash_aliases", ".bash_profile", ".bashrc", ".cshrc", ".envrc", ".profile", ".zlogin", ".zlogout",
               ".zprofile", ".zshenv", ".zshrc", "PKGBUILD", "direnvrc"}
SHEBANG = (b"#!/bin/sh", b"#!/bin/bash", b"#!/usr/bin/env bash", b"#!/usr/bin/env sh", b"#!/bin/zsh",
           b"#!/usr/bin/env zsh")


def is_shell_path(path: str, named: bool = False) -> bool:
    """Whether ``path`` is read as shell or Markdown: by suffix, or (named on the command line)
    plain text or a file without a suffix that starts with a shell shebang."""
    if path == "-":
        return False
    lowered = path.lower()
    if lowered.endswith(WALKED_SUFFIXES):
        return True
    if not named:
        return False
    if lowered.endswith(TEXT_SUFFIXES + NAMED_SUFFIXES):
        return True
    import os

    if os.path.basename(path) in NAMED_FILES:
        return True
    if os.path.splitext(os.path.basename(path))[1]:
        return False
    try:
        with open(path, "rb") as handle:
            return handle.readline().startswith(SHEBANG)
    except OSError:
        return False

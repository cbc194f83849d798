"""The codemod's finding codes (PS7xx): stable, one line each, shared with ``psmigrate lint``.

Engine codes (PS1xx–PS3xx) raised while converting a body are reported as they are, placed at
the part of the dict literal they name.
"""

from __future__ import annotations

CODES = {
    "PS701": "request body built where psmigrate cannot follow it (across functions, in a loop, changed after it "
             "is built, or spread with `**`); convert it by hand",
    "PS702": "request body comes from a model or a file; convert the model or the file",
    "PS703": "v1 URL built at run time from parts psmigrate cannot read; rewrite it by hand",
    "PS704": "v1 endpoint with no v2 equivalent",
    "PS705": "no conversion rules for this endpoint yet: the URL moves to v2, the body needs a manual step",
    "PS706": "reads a v1 response field that psmigrate rewrites for v2",
    "PS707": "reads a v1 response field that v2 moved or removed",
    "PS708": "job id cut out of a v1 status URL; v2 responses carry `jobId`",
    "PS709": "file cannot be parsed; skipped",
    "PS710": "v1 URL used where psmigrate cannot see a request sent with it (data, a call that sends nothing); not rewritten",
    "PS711": "v2 endpoint called with a v1-shaped body (it has `inputs`)",
    "PS712": "comments inside the rewritten body could not be kept",
    "PS713": "a value computed at run time sits where the rules need to look inside it",
    "PS714": "the v1 URL is defined in a file this run does not cover; run psmigrate on that file too",
    "PS715": "internal error: the rewritten file did not parse; left unchanged",
    "PS716": "unknown v1 endpoint",
    "PS720": "v1 request body that psmigrate converts to v2",
    "PS721": "v1 URL that psmigrate rewrites to v2",
}

# What the codemod changes itself (lint reports them as fixable); every other code is a finding a
# person must look at.
FIXED_CODES = {"PS706", "PS720", "PS721"}

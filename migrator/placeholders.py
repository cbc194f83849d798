"""Template placeholders: what a template or a formatting call leaves where a URL was meant to go.

The sandbox fails a job whose URL holds one (Adobe could not fetch it), and the codemod reports a
v2 request body that still holds one (PS734), so both read them the same way.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# A URL cannot hold `<`, `>`, `{` or `}` unencoded (RFC 3986), so none of these is part of a real
# address.
TEMPLATE_PLACEHOLDER = re.compile(
    r"<[^<>\s]{1,200}>"  # <EDITED_IMAGE_URL>: Adobe's guides, psmigrate convert (PS121/PS122)
    r"|\{\{.{0,200}?\}\}"  # {{url}}: Jinja, Mustache, Handlebars, Postman
    r"|\$\{[^{}]{1,200}\}"  # ${URL}: shell, JavaScript template literals, Terraform
    r"|\{[\w.\[\]]{0,200}\}"  # {url}, {0}, {}: a str.format() never applied
    r"|%(?:\(\w{1,200}\))?s"  # %s, %(url)s: a %-format never applied (`%s` is no percent-escape)
)


def template_placeholder(text: str) -> str | None:
    """The first template placeholder in ``text`` (as written, or percent-decoded), if any."""
    for candidate in (text, unquote(text)):
        found = TEMPLATE_PLACEHOLDER.search(candidate)
        if found:
            return found[0]
    return None

"""Keep secrets out of everything the tool prints.

Presigned URLs carry their authority in the query string (S3 ``X-Amz-Signature``, Azure SAS
``sig``, Dropbox and generic ``token``s). Those values are replaced by ``REDACTED``; the rest of
the URL stays so a user can still tell which file a message is about.
"""

from __future__ import annotations

import re

_SECRET_PARAMS = (
    "X-Amz-Signature",
    "X-Amz-Credential",
    "X-Amz-Security-Token",
    "X-Goog-Signature",
    "X-Goog-Credential",
    "Signature",
    "sig",
    "token",
    "access_token",
    "id_token",
    "refresh_token",
    "api_key",
    "apikey",
    "key",
    "code",
    "client_secret",
)

_PARAM = re.compile(
    r"(?P<name>[?&;](?:" + "|".join(re.escape(p) for p in _SECRET_PARAMS) + r"))=(?P<value>[^&#\s\"'<>\\]+)",
    re.IGNORECASE,
)
_BEARER = re.compile(r"(?P<name>\bBearer\s+)(?P<value>[A-Za-z0-9\-._~+/]{8,}=*)")


def redact(text: str) -> str:
    text = _PARAM.sub(lambda m: f"{m['name']}=REDACTED", text)
    return _BEARER.sub(lambda m: f"{m['name']}REDACTED", text)

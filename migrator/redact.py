"""Keep secrets out of everything the tool prints.

Presigned URLs carry their authority in the query string (S3 ``X-Amz-Signature``, GCS
``X-Goog-Signature``, Azure SAS ``sig``, Dropbox and generic ``token``s); requests carry it in
headers (``Authorization: Bearer``/``Basic``, ``x-api-key``) and token responses in JSON fields
(``"access_token": ...``). Those values become ``REDACTED``; the rest stays, so a user can still
tell which file or line a message is about.

Printed text quotes the user's files as they are written, so a separator may be escaped: ``&``
as ``\\u0026`` (Go, .NET JSON), ``\\x26`` (Python), ``%26`` (a URL inside a URL) or ``&amp;``
(HTML), ``=`` as ``\\u003d`` or ``%3D``. The patterns match the escaped forms as well as the
plain ones, which is redacting the decoded text without changing what else is printed.

:func:`redact` runs once, where text leaves the process (:mod:`migrator.output`); nothing else
needs to call it.
"""

from __future__ import annotations

import base64
import binascii
import re

MASK = "REDACTED"

_SECRET_PARAMS = (
    "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token",  # AWS SigV4
    "Signature", "AWSAccessKeyId",  # AWS SigV2, GCS V2
    "X-Goog-Signature", "X-Goog-Credential", "GoogleAccessId",  # GCS V4
    "sig",  # Azure SAS
    "rlkey",  # Dropbox shared links
    "token", "access_token", "id_token", "refresh_token", "auth", "authorization",
    "api_key", "apikey", "api-key", "x-api-key", "key",
    "code", "client_secret", "secret", "password",
)
_NAMES = "|".join(re.escape(p) for p in sorted(_SECRET_PARAMS, key=len, reverse=True))

# A query separator, literal or escaped; ``=`` likewise. Backslashes may be doubled (JSON in JSON).
_AMP = r"(?:[?&;]|\\+u0026|\\+x26|\\+046|%26|%3[Ff]|&amp;|\\+u003[Ff]|\\+x3[Ff])"
_EQ = r"(?:=|\\+u003[Dd]|\\+x3[Dd]|%3[Dd])"
# A secret's characters: URL-safe ones, percent escapes other than an escaped separator, and
# string escapes other than a quote or a separator. It never ends in punctuation that belongs to
# the sentence around it (``sig=abc.`` keeps its full stop).
_ESCAPE = (r"%(?!26|23|3[Ff]|22|27)[0-9A-Fa-f]{2}"
           r"|\\+u(?!0026|0023|0022|0027|003[CcEeFf])[0-9A-Fa-f]{4}"
           r"|\\+x(?!26|23|22|27|3[CcEeFf])[0-9A-Fa-f]{2}|\\+/")
_BODY = rf"(?:{_ESCAPE}|[A-Za-z0-9\-._~+/=])"
_END = rf"(?:{_ESCAPE}|[A-Za-z0-9\-_~+/=])"
_VALUE = rf"(?:{_BODY}*{_END})"

# ``&sig=...``, and ``"access_token=..."`` at the start of a quoted string (a form body).
_PARAM = re.compile(rf"(?P<name>(?:{_AMP}|(?<=[\"']))(?:{_NAMES}){_EQ})(?P<value>{_VALUE})", re.IGNORECASE)

# "x-api-key": "value", 'password': '...', api_key = "..." (dicts, JSON, keyword arguments): the
# value must be a quoted literal, so ``token=token`` in code stays as it is; ``x-api-key: value``
# unquoted as an HTTP header or in YAML.
_FIELD_NAMES = "|".join(re.escape(n) for n in (
    "x-api-key", "api-key", "api_key", "apikey", "access_token", "refresh_token", "id_token", "client_secret",
    "password", "secret", "token", "x-amz-security-token", "sig", "signature"))
_QUOTE = r"(?:\\*[\"'])"
_FIELD = re.compile(
    rf"(?P<name>(?<![\w-]){_QUOTE}?(?:{_FIELD_NAMES}){_QUOTE}?\s*[:=]\s*{_QUOTE})"
    r"(?P<value>(?:\\+u(?!0022|0027)[0-9A-Fa-f]{4}|\\+/|[^\s\"'\\])+)"
    rf"|(?P<header>(?<![\w-])(?:{_FIELD_NAMES}):[ \t]*)(?P<plain>[^\s\"'\\,;}}\])]*[^\s\"'\\,;}}\]):.])",
    re.IGNORECASE,
)
# Authorization schemes are case-insensitive (RFC 9110 §11.1): Bearer, bearer, BEARER; "token"
# only right after an Authorization header name (GitHub's style), where it cannot be prose.
_SCHEME = re.compile(
    r"(?P<name>(?:\bbearer|(?<=authorization)\\*[\"']?\s*[:=]\s*\\*[\"']?token)\s+)(?P<value>[A-Za-z0-9\-._~+/]{8,}=*)",
    re.IGNORECASE)
_BASIC = re.compile(r"(?P<name>\bbasic\s+)(?P<value>[A-Za-z0-9+/]{6,}={0,2})", re.IGNORECASE)
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
_SLASH = r"(?:/|\\+/|%2[Ff]|~1)"  # also JSON's ``\/`` and a JSON pointer's ``~1``
_USERINFO = re.compile(rf"(?P<name>[a-z][a-z0-9+.-]*:{_SLASH}{_SLASH}[^/\\\s:@\"'<>]+:)(?P<value>[^/\s@\"'<>]+)(?=@)",
                       re.IGNORECASE)
# Dropbox temporary links and tokens carry the secret in the path or as an ``sl.`` token.
_DROPBOX = re.compile(rf"(?P<name>dropboxusercontent\.com{_SLASH}(?:[a-z]{{1,5}}{_SLASH})?(?:\d{_SLASH})?"
                      rf"(?:get{_SLASH})?)(?P<value>[A-Za-z0-9_-]{{16,}})", re.IGNORECASE)
_DROPBOX_TOKEN = re.compile(r"\bsl\.[A-Za-z0-9_-]{20,}")


def _masked(match: re.Match) -> str:
    return match["name"] + MASK


def _field(match: re.Match) -> str:
    return (match["name"] or match["header"]) + MASK


def _basic(match: re.Match) -> str:
    """Only what decodes as ``user:password`` is a Basic credential; "basic usage" stays prose."""
    value = match["value"]
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
    except (binascii.Error, ValueError):
        return match[0]
    return match["name"] + MASK if b":" in decoded else match[0]


def redact(text: str) -> str:
    if not text:
        return text
    text = _JWT.sub(MASK, text)
    text = _DROPBOX_TOKEN.sub(MASK, text)
    text = _PARAM.sub(_masked, text)
    text = _FIELD.sub(_field, text)
    text = _SCHEME.sub(_masked, text)
    text = _BASIC.sub(_basic, text)
    text = _USERINFO.sub(_masked, text)
    return _DROPBOX.sub(_masked, text)

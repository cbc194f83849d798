"""Keep secrets out of everything the tool prints.

Presigned URLs carry their authority in the query string (S3 ``X-Amz-Signature``, GCS
``X-Goog-Signature``, Azure SAS ``sig``, Dropbox and generic ``token``s); requests carry it in
headers (``Authorization: Bearer``/``Basic``, ``x-api-key``) and token responses in JSON fields
(``"access_token": ...``). Those values become ``REDACTED``; the rest stays, so a user can still
tell which file or line a message is about.

Printed text quotes the user's files as they are written, so a separator may be escaped: ``&``
as ``\\u0026`` (Go, .NET JSON), ``\\x26`` (Python), ``%26`` (a URL inside a URL) or ``&amp;``
(HTML), ``=`` as ``\\u003d`` or ``%3D`` (``%253D`` once more, as GitHub annotations escape ``%``), ``/`` as ``\\/`` (PHP) or ``~1`` (a JSON pointer). The
patterns match the escaped forms as well as the plain ones, which is redacting the decoded text
without changing anything else that is printed.

Names and schemes are case-insensitive (``Bearer``, ``BEARER``). For speed the patterns run
case-sensitively on an ASCII-lowercased copy of the text, which has the same length, and the
spans they find are masked in the original.

:func:`redact` runs once, where text leaves the process (:mod:`migrator.output`); nothing else
needs to call it.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator

MASK = "REDACTED"


class _Lazy:
    """A regular expression compiled on first use: compiling all of them took about 10 ms of
    every start of the tool, and most printed lines never reach most of them (``_FINDERS``)."""

    def __init__(self, source: str):
        self.source = source
        self._pattern: re.Pattern | None = None

    @property
    def pattern(self) -> re.Pattern:
        if self._pattern is None:
            self._pattern = re.compile(self.source)
        return self._pattern

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.pattern.finditer(text)

_SECRET_PARAMS = (
    "x-amz-signature", "x-amz-credential", "x-amz-security-token",  # AWS SigV4
    "signature", "awsaccesskeyid",  # AWS SigV2, GCS V2
    "x-goog-signature", "x-goog-credential", "googleaccessid",  # GCS V4
    "sig",  # Azure SAS
    "rlkey",  # Dropbox shared links
    "token", "access_token", "id_token", "refresh_token", "auth", "authorization",
    "api_key", "apikey", "api-key", "x-api-key", "key",
    "code", "client_secret", "secret", "password",
)
_NAMES = "|".join(re.escape(p) for p in sorted(_SECRET_PARAMS, key=len, reverse=True))

# A query separator, literal or escaped; ``=`` likewise. Backslashes may be doubled (JSON in JSON).
_AMP = r"(?:[?&;]|\\{1,8}u0026|\\{1,8}x26|\\{1,8}046|%(?:25){0,3}26|%(?:25){0,3}3f|&amp;|\\{1,8}u003f|\\{1,8}x3f)"
_EQ = r"(?:=|\\{1,8}u003d|\\{1,8}x3d|%(?:25){0,3}3d)"
_SLASH = r"(?:/|\\{1,8}/|%(?:25){0,3}2f|~1)"
# A secret's characters: URL-safe ones, percent escapes other than an escaped separator, and
# string escapes other than a quote or a separator. It never ends in punctuation that belongs to
# the sentence around it (``sig=abc.`` keeps its full stop).
_ESCAPE = (r"%(?!(?:25){0,3}(?:26|23|3f|22|27))[0-9a-f]{2}"
           r"|\\{1,8}u(?!0026|0023|0022|0027|003[cef])[0-9a-f]{4}"
           r"|\\{1,8}x(?!26|23|22|27|3[cef])[0-9a-f]{2}|\\{1,8}/")
_VALUE = rf"(?:(?:{_ESCAPE}|[a-z0-9\-._~+/=])*(?:{_ESCAPE}|[a-z0-9\-_~+/=]))"

# ``&sig=...``; and ``"access_token=...`` at the start of a quoted string (a form body).
_PARAM = _Lazy(rf"(?=[?&;%\\])(?:{_AMP})(?:{_NAMES}){_EQ}(?P<value>{_VALUE})")
_QUOTED_PARAM = _Lazy(rf"[\"'](?:{_NAMES}){_EQ}(?P<value>{_VALUE})")
# "x-api-key": "value", 'password': '...', api_key = "..." (dicts, JSON, keyword arguments): the
# value must be a quoted literal, so ``token=token`` in code stays as it is; ``x-api-key: value``
# unquoted as an HTTP header or in YAML.
_FIELD_NAMES = ("x-api-key", "api-key", "api_key", "apikey", "access_token", "refresh_token", "id_token",
                "client_secret", "password", "secret", "token", "x-amz-security-token", "sig", "signature")
_FIELD = _Lazy(
    r"(?P<key>" + "|".join(re.escape(n) for n in sorted(_FIELD_NAMES, key=len, reverse=True)) + ")"
    r"(?P<sep>(?:\\{0,8}[\"'])?[ \t]*[:=][ \t]*(?:\\{0,8}[\"']){0,2})"  # `"\"value\""`: a quoted quote
    r"(?P<value>(?:\\{1,8}u(?!0022|0027)[0-9a-f]{4}|\\{1,8}/|[^\s\"'\\])+)")
_HEADER_STOP = re.compile(r"[,;})\]]")
_CURL_USER = _Lazy(r"(?:-u|--user|--proxy-user)(?:\s+|=)?[\"']?[^\s:\"'$]*:(?P<value>[^\s\"']+)")
# Authorization schemes are case-insensitive (RFC 9110 §11.1): Bearer, bearer, BEARER; "token"
# only right after an Authorization header name (GitHub's style), where it cannot be prose.
_BEARER = _Lazy(r"bearer\s+(?P<value>[a-z0-9\-._~+/]{8,}=*)")
_AUTH_TOKEN = _Lazy(r"authorization\\{0,8}[\"']?\s*[:=]\s*\\{0,8}[\"']?token\s+(?P<value>[a-z0-9\-._~+/]{8,}=*)")
_BASIC = _Lazy(r"basic\s+(?P<value>[a-z0-9+/]{6,}={0,2})")
# The lookbehind keeps a run like ``eyjeyjeyj...`` to one attempt, not one per position.
_JWT = _Lazy(r"(?<![a-z0-9_-])eyj[a-z0-9_-]{5,}\.eyj[a-z0-9_-]{5,}\.[a-z0-9_-]*")
_USERINFO = _Lazy(rf":{_SLASH}{_SLASH}[^/\\\s:@\"'<>]+:(?P<value>[^/\s@\"'<>]+)(?=@)")
# Dropbox temporary links and tokens carry the secret in the path or as an ``sl.`` token.
_DROPBOX = _Lazy(rf"dropboxusercontent\.com{_SLASH}(?:[a-z]{{1,5}}{_SLASH})?(?:\d{_SLASH})?(?:get{_SLASH})?"
                      r"(?P<value>[a-z0-9_-]{16,})")
_DROPBOX_TOKEN = _Lazy(r"sl\.[a-z0-9_-]{20,}")

Span = tuple[int, int]


def _starts_word(low: str, index: int, also: str = "_") -> bool:
    """Whether a word starts at ``index`` (``xbearer`` is no scheme, ``mysecret`` no field)."""
    return index == 0 or not (low[index - 1].isalnum() or low[index - 1] in also)


def _spans(pattern: _Lazy, word: str | None = None) -> Callable[[str, str], Iterator[Span]]:
    """The ``value`` group (or the whole match) of each match; with ``word``, only matches that
    start a word, ``word`` naming the characters besides letters and digits that continue one."""

    def find(low: str, text: str) -> Iterator[Span]:
        group = "value" if "value" in pattern.pattern.groupindex else 0
        for match in pattern.finditer(low):
            if word is None or _starts_word(low, match.start(), word):
                yield match.span(group)
    return find


def _basic(low: str, text: str) -> Iterator[Span]:
    """Only what decodes as ``user:password`` is a Basic credential; "basic usage" stays prose."""
    for match in _BASIC.finditer(low):
        if not _starts_word(low, match.start()):
            continue
        start, end = match.span("value")
        value = text[start:end]
        try:
            decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        except (binascii.Error, ValueError):
            continue
        if b":" in decoded:
            yield start, end


def _field(low: str, text: str) -> Iterator[Span]:
    """A name ending in one of :data:`_FIELD_NAMES` (``client_secret``, and as shell and
    JavaScript write them ``ADOBE_API_KEY``, ``PS_ACCESS_TOKEN``, ``accessToken``) given a value."""
    for match in _FIELD.finditer(low):
        start, end = match.span("value")
        sep = match["sep"]
        if sep.endswith(("'", '"')):  # a quoted literal
            yield start, end
        elif sep.strip().startswith(("\\", "'", '"')):
            continue
        elif ":" in sep or _SHELL_VALUE.fullmatch(low, start, _unquoted_end(low, start, end)):
            # an unquoted header value, or ``TOKEN=...`` as shell assigns it; in code the same
            # shapes are ``token: str`` and ``token=token``, which a diff must keep
            end = _unquoted_end(low, start, end)
            if _secret_like(low[start:end]):
                yield start, end


def _unquoted_end(low: str, start: int, end: int) -> int:
    stop = _HEADER_STOP.search(low, start, end)  # an unquoted value ends at punctuation
    end = stop.start() if stop else end
    while end > start and low[end - 1] in ".:":
        end -= 1
    return end


_SHELL_VALUE = re.compile(r"[a-z0-9\-_~+/=]+")  # no `$`, `(` or `.`: a literal, not a name or a call


def _user_option(low: str, text: str) -> Iterator[Span]:
    """curl's ``-u user:password`` and ``--user``/``--proxy-user`` (a ``$VARIABLE`` stays)."""
    for match in _CURL_USER.finditer(low):
        if _starts_word(low, match.start(), "-") and not match["value"].startswith("$"):
            yield match.span("value")


def _secret_like(value: str) -> bool:
    """An unquoted ``token: value`` is a secret when the value looks like one (a digit, or long):
    in code the same shape is an annotation, ``token: str = None``, which a diff must keep."""
    return any(c.isdigit() for c in value) or len(value) >= 16


# Each finder with the substrings (of the lowered text) one of which every match of it contains:
# a line holding none of them is not searched, and its pattern is not even compiled.
_FINDERS = (
    (("?", "&", ";", "%", "\\"), _spans(_PARAM)),
    (('"', "'"), _spans(_QUOTED_PARAM)),
    (("key", "token", "secret", "password", "sig"), _field),
    (("-u", "--user", "--proxy-user"), _user_option),
    (("bearer",), _spans(_BEARER, "_")),
    (("authorization",), _spans(_AUTH_TOKEN)),
    (("basic",), _basic),
    (("eyj",), _spans(_JWT)),
    (("@",), _spans(_USERINFO)),
    (("dropboxusercontent.com",), _spans(_DROPBOX)),
    (("sl.",), _spans(_DROPBOX_TOKEN, "_.")),
)


def redact(text: str) -> str:
    if not text:
        return text
    # ASCII letters lowered and nothing else, so that every index in ``low`` is one in ``text``.
    low = text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    spans = sorted(span for needles, find in _FINDERS if any(n in low for n in needles)
                   for span in find(low, text) if span[1] > span[0])
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in spans:
        if end <= position:
            continue
        start = max(start, position)
        pieces += [text[position:start], MASK]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)

"""A corpus of secret shapes through every command, output format and mode: none is printed.

Each shape hides one marker (``Zq<n>...``) where a real credential would be. The corpus is
carried the ways a secret reaches psmigrate: a URL in a v1 body (plain, and JSON-escaped as Go and
PHP write it), a key of a v2 body (so it lands in a message and in a pointer), a Python client
(URL literals, headers, comments beside a rewritten line: diff context) and the command line (a
path that does not exist, a --config, an --endpoint, an explain code). Only the converted body
``convert`` prints as its result keeps the user's URLs, by design: that is data, not a message.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main
from migrator.redact import redact


def _marker(n: int) -> str:
    return f"Zq{n:02d}SeCrEtVaLuE9k7x"


BASIC = base64.b64encode(f"psmigrate:{_marker(10)}".encode()).decode()
SHAPES = {  # name: (text holding the secret, the marker that must never be printed)
    "aws-sigv4": ("https://bucket.s3.amazonaws.com/in.psd?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                  f"AKIA{_marker(1)}%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z"
                  f"&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature={_marker(1)}", _marker(1)),
    "aws-session": (f"https://bucket.s3.amazonaws.com/in.psd?X-Amz-Security-Token={_marker(2)}&X-Amz-Date=1",
                    _marker(2)),
    "aws-sigv2": (f"https://bucket.s3.amazonaws.com/in.psd?AWSAccessKeyId=AKIAEXAMPLE&Expires=1700000000"
                  f"&Signature={_marker(3)}%2B%3D", _marker(3)),
    "gcs-v4": ("https://storage.googleapis.com/bucket/in.psd?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential="
               "sa%40project.iam.gserviceaccount.com%2F20260101%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date="
               f"20260101T000000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature={_marker(4)}",
               _marker(4)),
    "gcs-v2": (f"https://storage.googleapis.com/bucket/in.psd?GoogleAccessId=sa@p.iam&Expires=1700000000"
               f"&Signature={_marker(5)}", _marker(5)),
    "azure-sas": ("https://acct.blob.core.windows.net/c/in.psd?sv=2022-11-02&ss=b&srt=o&sp=r"
                  f"&se=2026-01-01T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig={_marker(6)}%3D", _marker(6)),
    "dropbox-temporary-link": (f"https://uc1a2b.dl.dropboxusercontent.com/cd/0/get/{_marker(7)}AbC-d_E/file",
                               _marker(7)),
    "dropbox-token": (f"Authorization: Bearer sl.{_marker(8)}AbCdEfGhIj", _marker(8)),
    "bearer-any-case": (f"authorization: BEARER {_marker(9)}", _marker(9)),
    "basic": (f"Authorization: Basic {BASIC}", BASIC),
    "x-api-key": (f"x-api-key: {_marker(11)}", _marker(11)),
    "access-token-param": (f"https://api.example.com/files/in.psd?access_token={_marker(12)}&dl=1", _marker(12)),
    "jwt": (f"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwc21pZ3JhdGUifQ.{_marker(13)}", _marker(13)),
    "userinfo": (f"https://deploy:{_marker(14)}@files.example.com/in.psd", _marker(14)),
    "generic-token": (f"https://cdn.example.com/in.psd?expires=1&token={_marker(15)}", _marker(15)),
    "dropbox-shared-link": (f"https://www.dropbox.com/scl/fi/abc/in.psd?rlkey={_marker(16)}&dl=1", _marker(16)),
    "url-in-a-url": ("https://cdn.example.com/r?to=https%3A%2F%2Facct.blob.core.windows.net%2Fc%2Fin.psd%3Fsv%3D1"
                     f"%26sig%3D{_marker(17)}", _marker(17)),
    # as shell scripts and JavaScript hold credentials
    "shell-export": (f"export PS_ACCESS_TOKEN={_marker(18)}", _marker(18)),
    "prefixed-name": (f'ADOBE_CLIENT_SECRET="{_marker(19)}"', _marker(19)),
    "camel-case": (f'accessToken: "{_marker(20)}"', _marker(20)),
    "ims-form": (f"grant_type=client_credentials&client_id=abc&client_secret={_marker(21)}&scope=openid",
                 _marker(21)),
    "curl-user": (f"curl -u deploy:{_marker(22)} https://ims-na1.adobelogin.com/ims/token/v3", _marker(22)),
}
MARKERS = [marker for _, marker in SHAPES.values()]
URLS = {name: text for name, (text, _) in SHAPES.items() if text.startswith("https://")}
HEADERS = {name: text for name, (text, _) in SHAPES.items() if not text.startswith("https://")}


def _escaped_like_go(text: str) -> str:
    """json.dumps output as Go and .NET write it (``&`` as ``\\u0026``) and PHP (``/`` as ``\\/``)."""
    return text.replace("&", "\\u0026").replace("/", "\\/")


def _v1_body(url: str) -> dict:
    return {"inputs": [{"href": url, "storage": "external"}],
            "options": {"actions": [{"href": "https://in.example/a.atn", "storage": "external"}]},
            "outputs": [{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}]}


def _v2_body_with_key(key: str) -> dict:
    return {"image": {"source": {"url": "https://in.example/a.psd"}},
            "options": {"actions": [{"source": {"url": "https://in.example/a.atn"}}]},
            "outputs": [{"destination": {"url": "https://out.example/a.jpg"}, "mediaType": "image/jpeg",
                         key: True}]}


def _python_client(url: str, header: str, escaped: bool) -> str:
    literal = json.dumps(url)
    if escaped:  # Python escapes for & in the string literal
        literal = literal.replace("&", "\\x26", 1).replace("&", "\\u0026")
    name, _, value = header.partition(": ")
    return f'''import requests


def run() -> str:
    # {header}
    response = requests.post(
        "https://image.adobe.io/pie/psdService/photoshopActions",
        headers={{{json.dumps(name)}: {json.dumps(value)}, "x-api-key": "{_marker(11)}"}},
        json={{
            "inputs": [{{"href": {literal}, "storage": "external"}}],  # {url}
            "options": {{"actions": [{{"href": "https://in.example/a.atn", "storage": "external"}}]}},
            "outputs": [{{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}}],
        }},
    )
    return response.json()["_links"]["self"]["href"]
'''


def _curl(url: str, header: str, escaped: bool) -> str:
    """A curl command holding the secrets: the header, in a comment too, and the URL in the body
    (JSON-escaped in the single-quoted body when ``escaped``) and in a comment above it."""
    href = _escaped_like_go(url) if escaped else url
    return f"""# {header}
# {url}
curl -s -X POST "https://image.adobe.io/pie/psdService/photoshopActions" \\
  -H '{header}' \\
  -H "x-api-key: {_marker(11)}" \\
  -d '{{"inputs": [{{"href": "{href}", "storage": "external"}}],
  "options": {{"actions": [{{"href": "https://in.example/a.atn", "storage": "external"}}]}},
  "outputs": [{{"href": "https://out.example/a.jpg", "storage": "external", "type": "image/jpeg"}}]}}'
"""


def _shell_client(url: str, header: str, escaped: bool) -> str:
    return "#!/bin/bash\nset -e\n" + _curl(url, header, escaped)


def _markdown_client(url: str, header: str, escaped: bool) -> str:
    return f"# Submitting a job\n\nSend {header} with the request for {url}:\n\n```sh\n{_curl(url, header, escaped)}```\n"


def _javascript_client(url: str, header: str, escaped: bool) -> str:
    literal = json.dumps(url)
    if escaped:  # JavaScript's escapes for & in the string literal
        literal = literal.replace("&", "\\x26", 1).replace("&", "\\u0026")
    return f"""// {header}
async function run() {{
  const res = await fetch("https://image.adobe.io/pie/psdService/photoshopActions", {{
    method: "POST",
    headers: {{ "x-api-key": "{_marker(11)}", "X-Note": {json.dumps(header)} }},
    body: JSON.stringify({{
      inputs: [{{ href: {literal}, storage: "external" }}], // {url}
      options: {{ actions: [{{ href: "https://in.example/a.atn", storage: "external" }}] }},
      outputs: [{{ href: "https://out.example/a.jpg", storage: "external", type: "image/jpeg" }}],
    }}),
  }});
  return (await res.json())._links.self.href;
}}
"""


CLIENTS = {"src": (".py", _python_client), "sh": (".sh", _shell_client), "md": (".md", _markdown_client),
           "js": (".js", _javascript_client), "ts": (".ts", _javascript_client)}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """payloads/ (v1 bodies, plain and escaped), v2/ (secrets in keys), and a client per shape in
    each source kind: src/ (Python), sh/ (shell), md/ (Markdown), js/ and ts/."""
    headers = list(HEADERS.values())
    for n, (name, url) in enumerate(URLS.items()):
        for folder, text in (("payloads", json.dumps(_v1_body(url), indent=2)),
                             ("escaped", _escaped_like_go(json.dumps(_v1_body(url), indent=2))),
                             ("v2", json.dumps(_v2_body_with_key(url), indent=2))):
            (tmp_path / folder).mkdir(exist_ok=True)
            (tmp_path / folder / f"{name}.json").write_text(text + "\n")
        for folder, (suffix, client) in CLIENTS.items():
            (tmp_path / folder).mkdir(exist_ok=True)
            (tmp_path / folder / f"{name.replace('-', '_')}{suffix}").write_text(
                client(url, headers[n % len(headers)], escaped=n % 2 == 1))
    return tmp_path


def _run(*args) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def _assert_clean(text: str) -> None:
    leaked = [m for m in MARKERS if m in text]
    assert not leaked, f"secrets printed: {leaked}\n{text[:3000]}"


def test_the_corpus_has_at_least_12_shapes_and_redact_catches_each_where_it_is_plain_or_escaped():
    assert len(SHAPES) >= 12
    for name, (text, marker) in SHAPES.items():
        for form in (text, _escaped_like_go(text), json.dumps(text), text.replace("&", "\\x26"),
                     text.replace("&", "%26"), text.replace("%", "%25"), f"({text}).", f"'{text}',"):
            assert marker not in redact(form), (name, form)


@pytest.mark.parametrize("after, kept", [("sig=abc.", "."), ("sig=abc,", ","), ("sig=abc)", ")"),
                                         ("sig=abc;", ";"), ("sig=abc:", ":"), ("sig=abc'", "'"),
                                         ('sig=abc"', '"'), ("sig=abc]", "]"), ("sig=abc>", ">")])
def test_redaction_keeps_the_punctuation_after_a_secret(after, kept):
    assert redact(f"see https://x.example/o.png?{after} next") == f"see https://x.example/o.png?sig=REDACTED{kept} next"


@pytest.mark.parametrize("mode", [["--diff"], ["--check"], ["-o", "OUT"], ["--in-place"]])
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_convert_prints_no_secret(corpus, mode, output_format):
    mode = [str(corpus / "out") if m == "OUT" else m for m in mode]
    printed = ""
    for folder in ("payloads", "escaped", "v2"):
        code, out, err = _run("convert", *mode, "--output-format", output_format, corpus / folder)
        assert code in (0, 1, 2)
        printed += out + err
    _assert_clean(printed)
    assert printed.count("REDACTED") >= len(URLS)  # the secrets did reach the output, redacted


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_convert_to_standard_output_keeps_the_body_whole_and_its_messages_clean(corpus, output_format):
    for name, url in URLS.items():  # one file to standard output: the body is the user's data
        code, out, err = _run("convert", "--output-format", output_format, corpus / "payloads" / f"{name}.json")
        _assert_clean(err)
        assert code == 0 and json.loads(out)["image"]["source"]["url"] == url


LINT_RUNS = [(mode, output_format) for mode in ([], ["--fix"]) for output_format in ("text", "json", "sarif", "github")]


@pytest.mark.parametrize("mode, output_format", [*LINT_RUNS, (["--diff"], "text")])
def test_lint_prints_no_secret(corpus, mode, output_format):
    code, out, err = _run("lint", *mode, "--output-format", output_format, corpus)
    assert code in (0, 1, 2)
    _assert_clean(out + err)
    assert (out + err).count("REDACTED") >= len(URLS)
    if output_format in ("json", "sarif"):
        json.loads(out)  # still valid after redaction


@pytest.mark.parametrize("mode", ["--diff", "--check", "--write"])
@pytest.mark.parametrize("output_format", ["text", "json"])
@pytest.mark.parametrize("extra", [[], ["--add-todos"]])
@pytest.mark.parametrize("kind", CLIENTS)
def test_codemod_prints_no_secret(corpus, mode, output_format, extra, kind):
    code, out, err = _run("codemod", mode, "--output-format", output_format, *extra, corpus / kind)
    assert code in (0, 1)
    _assert_clean(out + err)
    if mode == "--diff":  # the context lines of the diff hold every shape
        assert out.count("+++ b/") == len(URLS), out  # every client was rewritten
        assert out.count("REDACTED") >= len(URLS) + len(HEADERS)


@pytest.mark.parametrize("mode, output_format", [*LINT_RUNS, (["--diff"], "text")])
@pytest.mark.parametrize("kind", CLIENTS)
def test_lint_prints_no_secret_for_any_source_kind(corpus, mode, output_format, kind):
    code, out, err = _run("lint", *mode, "--output-format", output_format, corpus / kind)
    assert code in (0, 1)
    _assert_clean(out + err)
    if mode == ["--diff"]:
        assert out.count("+++ b/") == len(URLS) and out.count("REDACTED") >= len(URLS) + len(HEADERS)
    if output_format in ("json", "sarif"):
        json.loads(out)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_secrets_on_the_command_line_are_not_echoed_in_errors(tmp_path, shape):
    text, _ = SHAPES[shape]
    body = tmp_path / "body.json"
    body.write_text(json.dumps(_v1_body("https://in.example/a.psd")))
    for args in (["convert", text], ["lint", text], ["codemod", text], ["codemod", "--check", text],
                 ["lint", "--config", text, body], ["codemod", "--config", text, tmp_path],
                 ["convert", "--endpoint", text, body], ["lint", "--endpoint", text, body], ["explain", text],
                 ["convert", "--output-format", text, body], ["convert", "--merge", text, body],
                 ["rules", "--output-format", text], ["endpoints", "--output-format", text], [text]):
        code, out, err = _run(*args)
        assert code == 2, (args, out, err)
        _assert_clean(out + err)


# ---- the exit itself: every way of writing to the standard streams goes through it --------------

def test_every_way_of_writing_to_the_standard_streams_is_redacted(capfdbinary):
    import sys

    import click

    from migrator.output import redacted_streams, write_data

    url = f"https://x.example/o.png?sig={_marker(6)}"
    with redacted_streams():
        sys.stdout.write(url[:25])  # a line written in pieces is redacted when it is whole
        sys.stdout.write(url[25:] + "\n")
        print(url, file=sys.stderr)
        click.echo(url)
        click.echo(url, err=True)
        sys.stdout.buffer.write((url + "\n").encode())
        sys.stdout.writelines([url, "\n"])
        write_data(url + "\n")  # the data the user asked for: as it is
    out, err = capfdbinary.readouterr()
    assert out.decode().count("sig=REDACTED") == 4 and err.decode().count("sig=REDACTED") == 2
    assert out.decode().count(url) == 1 and out.decode().endswith(url + "\n")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8"])
def test_click_errors_are_redacted_whatever_the_terminal_encoding(tmp_path, encoding):
    import os
    import subprocess
    import sys

    url = f"https://x.example/o.png?sig={_marker(6)}"
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for args in (["codemod", url], ["explain", url], ["lint", url], ["convert", url]):
        done = subprocess.run([sys.executable, "-m", "migrator", *args], capture_output=True, env=env, cwd=tmp_path)
        assert done.returncode == 2 and b"REDACTED" in done.stdout + done.stderr, done
        _assert_clean((done.stdout + done.stderr).decode("utf-8", "replace"))


@pytest.mark.parametrize("code", ["def __init__(self, token: str = None, api_key: Optional[str] = None):",
                                  "    password: SecretStr", "secret: bytes = b''"])
def test_an_annotation_named_like_a_secret_is_code_and_stays_in_a_diff(code):
    assert redact(code) == code


@pytest.mark.parametrize("mode", [[], ["--check"], ["--diff"]])
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_convert_given_source_files_prints_no_secret(corpus, mode, output_format):
    """convert names the curl commands of a script it is given (PS820) and refuses code files."""
    named = [p for kind in ("sh", "md", "js", "ts", "src") for p in sorted((corpus / kind).iterdir())]
    code, out, err = _run("convert", *mode, "--output-format", output_format, *named)
    assert code == 2 and "PS820" in out + err
    _assert_clean(out + err)

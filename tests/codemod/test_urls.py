from __future__ import annotations

import libcst as cst

from migrator.codemod.urls import ANY_HOST, Part, host_url, read, target


def parts(*texts):
    return [Part(t, cst.SimpleString(repr(t)) if t is not None else None) for t in texts]


def test_stage_hosts_keep_their_suffix():
    reading = read(parts("https://image-stage.adobe.io/pie/psdService/actionJSON"))
    assert reading.kind == "endpoint"
    assert [(e.old, e.new) for e in reading.edits] == [("/pie/psdService/actionJSON", "/v2/execute-actions")]
    assert reading.host.old == "https://image-stage.adobe.io" and reading.want == "photoshop-api.adobe.io"
    assert host_url(reading.want, reading.host.old) == "https://photoshop-api-stage.adobe.io"
    assert host_url("image.adobe.io", reading.host.old) == "https://image-stage.adobe.io"


def test_the_host_an_operation_needs_comes_from_the_rules():
    assert read(parts("https://image.adobe.io/sensei/cutout")).want == "image.adobe.io"
    assert read(parts("https://image.adobe.io/sensei/status/", None)).want == "image.adobe.io"
    assert read(parts("https://image.adobe.io/pie/psdService/status/", None)).want == "photoshop-api.adobe.io"
    assert read(parts("https://photoshop-api.adobe.io/v2/remove-background")).want == "image.adobe.io"
    assert read(parts("https://image.adobe.io/v2/execute-actions")).want == "photoshop-api.adobe.io"
    assert read(parts("https://image.adobe.io/v2/status/", None)).want == ANY_HOST
    assert read(parts("https://image.adobe.io")).want is None  # a bare host: its operation is unknown


def test_endpoint_names_after_an_unknown_base():
    assert read(parts(None, "/smartObject")).kind == "named"
    assert read(parts("autoTone")).target.v1 == "/lrService/autoTone"
    assert read(parts(None, "/text")) is None  # not distinctive
    assert read(parts("see smartObject")) is None


def test_prefix_and_name_in_different_pieces_are_rewritten_separately():
    reading = read(parts("https://image.adobe.io/pie/psdService", "/photoshopActions"))
    assert [(e.old, e.new) for e in reading.edits] == [("/pie/psdService", "/v2"),
                                                           ("/photoshopActions", "/execute-actions")]


def test_a_path_cut_inside_a_name_is_split_and_not_rewritten():
    assert read(parts("https://image.adobe.io/pie/psdService/photo", "shopActions")).kind == "split"


def test_status_urls_with_run_time_ids():
    reading = read(parts("https://image.adobe.io/lrService/status/", None))
    assert reading.kind == "status"
    assert [(e.old, e.new) for e in reading.edits][0] == ("/lrService/status", "/v2/status")


def test_prose_and_other_apis_on_the_host_are_not_v1_calls():
    assert read(parts("calling https://image.adobe.io/pie/psdService/actionJSON")) is None
    assert read(parts("https://image.adobe.io/v1/mask-objects")) is None
    assert read(parts("https://photoshop-api.adobe.io/v2/execute-actions")).kind == "v2"


def test_endpoints_without_v2_and_unknown_ones():
    assert target("/pie/psdService/depthBlur").v2 is None
    assert target("/pie/psdService/nonsense") is None
    assert read(parts(None, "/pie/psdService/", None)).kind == "dynamic"


def test_a_url_written_after_spaces_is_read_as_clients_send_it():
    # requests' prepare_url and fetch's URL parser drop leading spaces: `" https://image.adobe.io/..."`
    # reached v1, so it is rewritten (its spaces kept), not left as a leftover
    reading = read(parts(" https://image.adobe.io/sensei/mask"))
    assert reading.kind == "endpoint" and reading.host.old == "https://image.adobe.io"
    assert [(e.old, e.new) for e in reading.edits] == [("/sensei/mask", "/v2/remove-background")]
    assert read(parts(None, " /pie/psdService/text")) is None  # after a run-time piece the space is the URL's
    assert read(parts(" calling https://image.adobe.io/pie/psdService/actionJSON")) is None

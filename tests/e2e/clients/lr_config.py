"""Lightroom settings: where the service lives and how to authenticate."""

import os

LIGHTROOM_HOST = "https://image.adobe.io"
LIGHTROOM_PATH = "/lrService"
POLL_SECONDS = 3


def lightroom_headers() -> dict:
    return {"Authorization": f"Bearer {os.environ['ADOBE_ACCESS_TOKEN']}", "x-api-key": os.environ["ADOBE_CLIENT_ID"]}

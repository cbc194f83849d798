"""Shared settings for the Photoshop API scripts (imported by several clients)."""

import os

API_HOST = "https://image.adobe.io"
PSD_SERVICE = f"{API_HOST}/pie/psdService"
TIMEOUT = 30
POLL_EVERY = 2.0

ASSETS = "https://acme-assets.s3.amazonaws.com"
SIGNATURE = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0f3c9a"


def auth_headers() -> dict:
    return {
        "Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}",
        "x-api-key": os.environ["PS_API_KEY"],
        "Content-Type": "application/json",
    }

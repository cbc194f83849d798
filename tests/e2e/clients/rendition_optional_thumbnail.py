"""Render a PSD to a full-size PNG and, when asked, a JPEG thumbnail: the literal holds the first
output and an `if` appends the second before the request."""

import os
import time

import httpx

PSD = "https://acme-assets.s3.amazonaws.com/in/catalog.psd?X-Amz-Signature=e501"
FULL = "https://acme-assets.s3.amazonaws.com/out/catalog.png?X-Amz-Signature=e502"
THUMB = "https://acme-assets.s3.amazonaws.com/out/catalog-thumb.jpg?X-Amz-Signature=e503"


def render(client: httpx.Client, thumbnail: bool) -> dict:
    payload = {
        "inputs": [{"href": PSD, "storage": "external"}],
        "outputs": [{"href": FULL, "storage": "external", "type": "image/png"}],
    }
    if thumbnail:
        payload["outputs"].append({"href": THUMB, "storage": "external", "type": "image/jpeg", "width": 256})
    response = client.post("https://image.adobe.io/pie/psdService/renditionCreate", json=payload)
    response.raise_for_status()
    return response.json()


def main() -> list:
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    with httpx.Client(headers=headers) as client:
        job = render(client, thumbnail=True)
        while True:
            status = client.get(job["_links"]["self"]["href"]).json()
            state = status["outputs"][0]["status"]
            if state == "failed":
                raise RuntimeError(status)
            if state == "succeeded":
                return [FULL, THUMB]
            time.sleep(1)

"""A rendition request whose body is a module constant, posted from a function and polled from
another: the shape of many one-file scripts (the body at the top, beside the URL and the keys)."""

import os
import time

import requests

API_KEY = os.environ.get("PS_API_KEY")
TOKEN = os.environ.get("PS_ACCESS_TOKEN")
RENDITION_URL = "https://image.adobe.io/pie/psdService/renditionCreate"
TARGET = "https://acme-assets.s3.amazonaws.com/out/poster.png?X-Amz-Signature=m801"
RENDITION = {
    "inputs": [{"href": "https://acme-assets.s3.amazonaws.com/in/poster.psd?X-Amz-Signature=m802",
                "storage": "external"}],
    "outputs": [{"href": TARGET, "storage": "external", "type": "image/png", "width": 1200}],
}


def submit() -> dict:
    response = requests.post(RENDITION_URL, json=RENDITION,
                             headers={"Authorization": f"Bearer {TOKEN}", "x-api-key": API_KEY})
    response.raise_for_status()
    return response.json()


def wait(job: dict) -> dict:
    status_url = job["_links"]["self"]["href"]
    while True:
        result = requests.get(status_url, headers={"Authorization": f"Bearer {TOKEN}", "x-api-key": API_KEY}).json()
        status = result["outputs"][0]["status"]
        if status in ("succeeded", "failed"):
            return result
        time.sleep(1)


def main() -> list:
    result = wait(submit())
    if result["outputs"][0]["status"] != "succeeded":
        raise RuntimeError("the rendition failed")
    return [TARGET]

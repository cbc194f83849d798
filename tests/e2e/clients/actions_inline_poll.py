"""Play an action on a PSD and wait for the JPEG, everything in one function (the quick-start way)."""

import os
import time

import requests

API_HOST = "https://image.adobe.io"

session = requests.Session()
session.headers.update({
    "Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}",
    "x-api-key": os.environ["PS_API_KEY"],
})


def main() -> list:
    jpeg_url = "https://acme-assets.s3.amazonaws.com/out/hero.jpg?X-Amz-Signature=w101"
    response = session.post(f"{API_HOST}/pie/psdService/photoshopActions", json={
        "inputs": [{"href": "https://acme-assets.s3.amazonaws.com/in/hero.psd?X-Amz-Signature=w102", "storage": "external"}],
        "options": {"actions": [{"href": "https://acme-assets.s3.amazonaws.com/actions/web.atn?X-Amz-Signature=w103", "storage": "external", "actionName": "Web"}]},
        "outputs": [{"href": jpeg_url, "storage": "external", "type": "image/jpeg", "quality": 7}],
    }, timeout=30)
    response.raise_for_status()
    status_url = response.json()["_links"]["self"]["href"]
    while True:
        job = session.get(status_url, timeout=30).json()
        state = job["outputs"][0]["status"]
        if state == "succeeded":
            return [jpeg_url]
        if state == "failed":
            raise RuntimeError(f"job failed: {job}")
        time.sleep(2)

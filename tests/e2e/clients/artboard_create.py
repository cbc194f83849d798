"""Lay several product images side by side on artboards (artboardCreate)."""

import os
import time

import requests

ARTBOARD_URL = "https://image.adobe.io/pie/psdService/artboardCreate"
STATUS_EVERY = 2


def artboard_body(images: list, target: str) -> dict:
    artboards = []
    for image in images:
        artboards.append({"href": image, "storage": "external"})
    return {
        "options": {"artboard": artboards},
        "outputs": [{"href": target, "storage": "external", "type": "vnd.adobe.photoshop"}],
    }


def main() -> list:
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    images = [f"https://acme-assets.s3.amazonaws.com/in/look-{n}.png?X-Amz-Signature=m301" for n in range(3)]
    target = "https://acme-assets.s3.amazonaws.com/out/lookbook.psd?X-Amz-Signature=m302"
    response = requests.post(ARTBOARD_URL, headers=headers, json=artboard_body(images, target))
    response.raise_for_status()
    job_link = response.json()["_links"]["self"]["href"]
    while True:
        status = requests.get(job_link, headers=headers).json()
        if status["outputs"][0]["status"] == "succeeded":
            return [target]
        if status["outputs"][0]["status"] == "failed":
            raise RuntimeError(status)
        time.sleep(STATUS_EVERY)

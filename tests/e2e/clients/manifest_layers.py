"""List the layers of a PSD with documentManifest (names of the text layers to localise)."""

import os
import time

import requests

MANIFEST_URL = "https://image.adobe.io/pie/psdService/documentManifest"


def get_manifest(psd: str) -> dict:
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    response = requests.post(MANIFEST_URL, headers=headers, json={"inputs": [{"href": psd, "storage": "external"}]})
    response.raise_for_status()
    status_url = response.json()["_links"]["self"]["href"]
    while True:
        job = requests.get(status_url, headers=headers).json()
        if job["outputs"][0]["status"] == "succeeded":
            return job["outputs"][0]  # e2e: person
        if job["outputs"][0]["status"] == "failed":
            raise RuntimeError(job["outputs"][0].get("errors"))
        time.sleep(1)


def walk(layers: list) -> list:
    names = []
    for layer in layers:
        names.append(layer["name"])
        names.extend(walk(layer.get("children", [])))
    return names


def main() -> list:
    manifest = get_manifest("https://acme-assets.s3.amazonaws.com/templates/banner.psd?X-Amz-Signature=n401")
    names = walk(manifest["layers"])  # e2e: person
    if not names:
        raise RuntimeError("manifest without layers")
    return names

"""Swap the artwork inside a mock-up's smart object; the service base comes from the environment."""

import os
import time

import requests

DEFAULT_BASE = "https://image.adobe.io/pie/psdService"


class SmartObjectClient:
    def __init__(self, base_url: str = None):
        self.base_url = base_url or os.environ.get("PS_API_BASE", DEFAULT_BASE)
        self.session = requests.Session()
        self.session.headers.update({
            "Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}",
            "x-api-key": os.environ["PS_API_KEY"],
        })

    def replace(self, template: str, layer: str, artwork: str, target: str) -> dict:
        response = self.session.post(f"{self.base_url}/smartObject", json={
            "inputs": [{"href": template, "storage": "external"}],
            "options": {"layers": [{"name": layer, "input": {"href": artwork, "storage": "external"}}]},
            "outputs": [{"href": target, "storage": "external", "type": "image/png"}],
        })
        response.raise_for_status()
        return response.json()

    def wait(self, job: dict) -> dict:
        url = job["_links"]["self"]["href"]
        while True:
            status = self.session.get(url).json()
            if status["outputs"][0]["status"] == "succeeded":
                return status
            if status["outputs"][0]["status"] == "failed":
                raise RuntimeError(status)
            time.sleep(5)


def main() -> list:
    client = SmartObjectClient()
    target = "https://acme-assets.s3.amazonaws.com/out/mug.png?X-Amz-Signature=d401"
    client.wait(client.replace(
        "https://acme-assets.s3.amazonaws.com/mockups/mug.psd?X-Amz-Signature=d402",
        "Artwork",
        "https://acme-assets.s3.amazonaws.com/art/logo.png?X-Amz-Signature=d403",
        target,
    ))
    return [target]

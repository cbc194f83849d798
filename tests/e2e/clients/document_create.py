"""Create a new white 1000x1000 PSD with a logo layer (documentCreate)."""

import os
import time

import requests

API = "https://image.adobe.io/pie/psdService"


class DocumentService:
    def __init__(self, token: str, api_key: str):
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {token}", "x-api-key": api_key})

    def create(self, logo: str, target: str, width: int = 1000, height: int = 1000) -> str:
        response = self.session.post(f"{API}/documentCreate", json={
            "options": {
                "document": {"width": width, "height": height, "resolution": 72, "fill": "white", "mode": "rgb"},
                "layers": [{"type": "layer", "name": "Logo", "input": {"href": logo, "storage": "external"}}],
            },
            "outputs": [{"href": target, "storage": "external", "type": "vnd.adobe.photoshop"}],
        })
        response.raise_for_status()
        return response.json()["_links"]["self"]["href"]

    def status(self, href: str) -> str:
        return self.session.get(href).json()["outputs"][0]["status"]


def main() -> list:
    service = DocumentService(os.environ["PS_ACCESS_TOKEN"], os.environ["PS_API_KEY"])
    target = "https://acme-assets.s3.amazonaws.com/out/new-doc.psd?X-Amz-Signature=c301"
    href = service.create("https://acme-assets.s3.amazonaws.com/brand/logo.png?X-Amz-Signature=c302", target)
    state = service.status(href)
    while state not in ("succeeded", "failed"):
        time.sleep(1)
        state = service.status(href)
    if state == "failed":
        raise RuntimeError("documentCreate failed")
    return [target]

"""A tiny Lightroom SDK: endpoint names in a table, one submit() for all of them."""

import os
import time

import requests

LR_BASE = "https://image.adobe.io/lrService"
ENDPOINTS = {
    "auto_tone": "autoTone",
    "auto_straighten": "autoStraighten",
}


class Lightroom:
    def __init__(self):
        self.session = requests.Session()
        self.session.headers.update({
            "Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}",
            "x-api-key": os.environ["PS_API_KEY"],
        })

    def submit(self, name: str, source: str, target: str) -> str:
        url = f"{LR_BASE}/{ENDPOINTS[name]}"
        body = {
            "inputs": {"href": source, "storage": "external"},
            "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
        }
        response = self.session.post(url, json=body)
        response.raise_for_status()
        return response.json()["_links"]["self"]["href"]

    def wait(self, status_url: str) -> dict:
        while True:
            job = self.session.get(status_url).json()
            if job["outputs"][0]["status"] in ("succeeded", "failed"):
                return job
            time.sleep(2)


def main() -> list:
    lightroom = Lightroom()
    results = []
    for name in ENDPOINTS:
        target = f"https://acme-assets.s3.amazonaws.com/out/{name}.jpg?X-Amz-Signature=l201"
        job = lightroom.wait(lightroom.submit(name, "https://acme-assets.s3.amazonaws.com/in/horizon.jpg?X-Amz-Signature=l202", target))
        if job["outputs"][0]["status"] != "succeeded":
            raise RuntimeError(job)
        results.append(target)
    return results

"""Check the credentials with /hello, then crop a PSD's canvas with documentOperations."""

import os
import time

import requests

BASE = "https://image.adobe.io/pie/psdService"


def headers() -> dict:
    return {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}


def say_hello() -> str:
    response = requests.get(f"{BASE}/hello", headers=headers())  # e2e: person
    response.raise_for_status()
    return response.text


def crop(source: str, target: str) -> str:
    response = requests.post(f"{BASE}/documentOperations", headers=headers(), json={
        "inputs": [{"href": source, "storage": "external"}],
        "options": {"document": {"crop": {"bounds": {"left": 0, "top": 0, "width": 800, "height": 800}}}},
        "outputs": [{"href": target, "storage": "external", "type": "image/png"}],
    })
    response.raise_for_status()
    return response.json()["_links"]["self"]["href"]


def main() -> list:
    say_hello()
    target = "https://acme-assets.s3.amazonaws.com/out/square.png?X-Amz-Signature=t001"
    status_url = crop("https://acme-assets.s3.amazonaws.com/in/wide.psd?X-Amz-Signature=t002", target)
    while True:
        job = requests.get(status_url, headers=headers()).json()
        if job["outputs"][0]["status"] == "succeeded":
            return [target]
        if job["outputs"][0]["status"] == "failed":
            raise RuntimeError(job)
        time.sleep(2)

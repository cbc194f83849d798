"""Run an action on a PSD and export one PNG per target: the outputs are added with `.extend`,
which psmigrate does not follow, so the body is left for a person (PS701 at the extend)."""

import os
import time

import requests

PSD = "https://acme-assets.s3.amazonaws.com/in/poster.psd?X-Amz-Signature=d401"
ACTION = "https://acme-assets.s3.amazonaws.com/actions/sharpen.atn?X-Amz-Signature=d402"
TARGETS = ["https://acme-assets.s3.amazonaws.com/out/poster-a.png?X-Amz-Signature=d403",
           "https://acme-assets.s3.amazonaws.com/out/poster-b.png?X-Amz-Signature=d404"]


def submit(headers: dict) -> str:
    body = {
        "inputs": [{"href": PSD, "storage": "external"}],
        "options": {"actions": [{"href": ACTION, "storage": "external"}]},
        "outputs": [],
    }
    body["outputs"].extend({"href": t, "storage": "external", "type": "image/png"} for t in TARGETS)  # e2e: person
    response = requests.post("https://image.adobe.io/pie/psdService/photoshopActions", headers=headers, json=body)
    response.raise_for_status()
    return response.json()["_links"]["self"]["href"]


def main() -> list:
    headers = {"Authorization": f"Bearer {os.environ['ACCESS_TOKEN']}", "x-api-key": os.environ["CLIENT_ID"]}
    status_url = submit(headers)
    while True:
        job = requests.get(status_url, headers=headers).json()
        states = {output["status"] for output in job["outputs"]}
        if "failed" in states:
            raise RuntimeError(job)
        if states == {"succeeded"}:
            return TARGETS
        time.sleep(2)

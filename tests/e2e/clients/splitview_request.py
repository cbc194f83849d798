"""Before/after comparison image with the splitView convenience endpoint, via requests.request."""

import json
import os
import time

import requests

SPLIT_VIEW = "https://image.adobe.io/pie/psdService/splitView"


def call(method: str, url: str, payload: dict = None) -> dict:
    headers = {
        "Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}",
        "x-api-key": os.environ["PS_API_KEY"],
        "Content-Type": "application/json",
    }
    response = requests.request(method, url, headers=headers, data=json.dumps(payload) if payload else None)
    response.raise_for_status()
    return response.json()


def main() -> list:
    target = "https://acme-assets.s3.amazonaws.com/out/compare.jpg?X-Amz-Signature=v201"
    job = call(  # e2e: person
        "POST",
        SPLIT_VIEW,
        {
            "inputs": [{"href": "https://acme-assets.s3.amazonaws.com/in/room.jpg?X-Amz-Signature=v202", "storage": "external"}],
            "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
        },
    )
    while True:
        status = call("GET", job["_links"]["self"]["href"])
        if status["outputs"][0]["status"] == "succeeded":
            return [target]
        if status["outputs"][0]["status"] == "failed":
            raise RuntimeError(status)
        time.sleep(2)

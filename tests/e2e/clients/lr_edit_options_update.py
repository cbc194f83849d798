"""Manual Lightroom edits: a house style merged with per-photo tweaks, sent to /lrService/edit."""

import os
import time

import requests

EDIT_URL = "https://image.adobe.io/lrService/edit"
HOUSE_STYLE = {"Exposure": 0.3, "Contrast": 10, "Vibrance": 15}


def edit(source: str, target: str, tweaks: dict) -> str:
    options = dict(HOUSE_STYLE)
    options.update(tweaks)
    response = requests.post(
        EDIT_URL,
        headers={"Authorization": f"Bearer {os.environ['ADOBE_ACCESS_TOKEN']}", "x-api-key": os.environ["ADOBE_CLIENT_ID"]},
        json={
            "inputs": {"href": source, "storage": "external"},
            "options": options,
            "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
        },
    )
    response.raise_for_status()
    return response.json()["_links"]["self"]["href"]


def main() -> list:
    target = "https://acme-assets.s3.amazonaws.com/out/portrait-edit.jpg?X-Amz-Signature=k101"
    status_url = edit(
        "https://acme-assets.s3.amazonaws.com/in/portrait.jpg?X-Amz-Signature=k102",
        target,
        {"Saturation": -10, "Clarity": 20},
    )
    headers = {"Authorization": f"Bearer {os.environ['ADOBE_ACCESS_TOKEN']}", "x-api-key": os.environ["ADOBE_CLIENT_ID"]}
    while True:
        job = requests.get(status_url, headers=headers).json()
        status = job["outputs"][0]["status"]
        if status == "succeeded":
            return [target]
        if status == "failed":
            raise RuntimeError(job)
        time.sleep(2)

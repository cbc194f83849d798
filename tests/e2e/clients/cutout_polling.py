"""Remove the background of catalogue photos with Sensei's cutout service."""

import os
import time

import requests

SENSEI = "https://image.adobe.io/sensei"


def cutout(source: str, target: str) -> str:
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    response = requests.post(f"{SENSEI}/cutout", headers=headers, json={
        "input": {"href": source, "storage": "external"},
        "output": {"href": target, "storage": "external"},
    })
    response.raise_for_status()
    job_id = response.json()["_links"]["self"]["href"].split("/")[-1]
    while True:
        status = requests.get(f"{SENSEI}/status/{job_id}", headers=headers).json()
        if status["status"] == "succeeded":
            return status["output"]["href"]
        if status["status"] == "failed":
            raise RuntimeError(status.get("errors"))
        time.sleep(3)


def main() -> list:
    return [cutout(
        "https://acme-assets.s3.amazonaws.com/in/chair.jpg?X-Amz-Signature=o501",
        "https://acme-assets.s3.amazonaws.com/out/chair-cutout.png?X-Amz-Signature=o502",
    )]

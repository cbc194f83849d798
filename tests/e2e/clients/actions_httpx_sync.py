"""Batch-run a Photoshop action with an httpx.Client bound to the API host."""

import os
import time

import httpx

ATN = "https://acme-assets.s3.amazonaws.com/actions/sharpen.atn?X-Amz-Signature=dd01"


def make_client() -> httpx.Client:
    return httpx.Client(
        base_url="https://image.adobe.io",
        headers={"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]},
        timeout=30.0,
    )


def run_action(client: httpx.Client, source: str, target: str) -> str:
    response = client.post("/pie/psdService/photoshopActions", json={
        "inputs": [{"href": source, "storage": "external"}],
        "options": {"actions": [{"href": ATN, "storage": "external", "actionName": "Sharpen"}]},
        "outputs": [{"href": target, "storage": "external", "type": "image/png"}],
    })
    response.raise_for_status()
    return response.json()["_links"]["self"]["href"]


def wait(client: httpx.Client, status_url: str) -> dict:
    for _ in range(100):
        job = client.get(status_url).json()
        output = job["outputs"][0]
        if output["status"] == "succeeded":
            return output
        if output["status"] == "failed":
            raise RuntimeError(output)
        time.sleep(2)
    raise TimeoutError(status_url)


def main() -> list:
    results = []
    with make_client() as client:
        for index in range(3):
            target = f"https://acme-assets.s3.amazonaws.com/out/sharp-{index}.png?X-Amz-Signature=dd02"
            wait(client, run_action(client, f"https://acme-assets.s3.amazonaws.com/in/{index}.psd?X-Amz-Signature=dd03", target))
            results.append(target)
    return results

"""Export web renditions of a PSD at several widths with renditionCreate."""

import json
import os
import time

import requests

RENDITION_URL = "https://image.adobe.io/pie/psdService/renditionCreate"
WIDTHS = (320, 640, 1280)
DEFAULT_OUTPUT = {"storage": "external", "type": "image/jpeg", "quality": 8}


def renditions_for(source: str, target_prefix: str) -> dict:
    outputs = []
    for width in WIDTHS:
        output = dict(DEFAULT_OUTPUT)
        output.update({"href": f"{target_prefix}-{width}.jpg?X-Amz-Signature=b201", "width": width})
        outputs.append(output)
    return {"inputs": [{"href": source, "storage": "external"}], "outputs": outputs}


def main() -> list:
    headers = {
        "Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}",
        "x-api-key": os.environ["PS_API_KEY"],
        "Content-Type": "application/json",
    }
    payload = renditions_for(
        "https://acme-assets.s3.amazonaws.com/in/catalog.psd?X-Amz-Signature=b202",
        "https://acme-assets.s3.amazonaws.com/out/catalog",
    )
    response = requests.post(RENDITION_URL, headers=headers, data=json.dumps(payload))
    response.raise_for_status()
    status_url = response.json()["_links"]["self"]["href"]
    while True:
        job = requests.get(status_url, headers=headers).json()
        states = {output["status"] for output in job["outputs"]}
        if "failed" in states:
            raise RuntimeError(job)
        if states == {"succeeded"}:
            return [output["href"] for output in payload["outputs"]]
        time.sleep(2)

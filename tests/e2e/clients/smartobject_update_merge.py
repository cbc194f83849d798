"""Replace a smart object and export it; callers pass extra output options as keyword arguments."""

import os
import time

import requests

SMART_OBJECT = "https://image.adobe.io/pie/psdService/smartObject"


def replace_smart_object(template: str, artwork: str, target: str, layer: str = "Placeholder", **output_options) -> str:
    payload = {"inputs": [{"href": template, "storage": "external"}]}
    payload.update({"options": {"layers": [{"name": layer, "input": {"href": artwork, "storage": "external"}}]}})
    payload["outputs"] = [{"href": target, "storage": "external", "type": "image/jpeg", **output_options}]
    response = requests.post(
        SMART_OBJECT,
        headers={"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]},
        json=payload,
    )
    response.raise_for_status()
    return response.json()["_links"]["self"]["href"]


def main() -> list:
    target = "https://acme-assets.s3.amazonaws.com/out/tshirt.jpg?X-Amz-Signature=e501"
    status_url = replace_smart_object(
        "https://acme-assets.s3.amazonaws.com/mockups/tshirt.psd?X-Amz-Signature=e502",
        "https://acme-assets.s3.amazonaws.com/art/print.png?X-Amz-Signature=e503",
        target,
        quality=12,
        width=1600,
    )
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    for _ in range(40):
        job = requests.get(status_url, headers=headers).json()
        output = job["outputs"][0]
        if output["status"] == "succeeded":
            return [target]
        if output["status"] == "failed":
            raise RuntimeError(output)
        time.sleep(3)
    raise TimeoutError(status_url)

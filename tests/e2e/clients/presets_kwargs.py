"""Apply one or more Lightroom presets (.xmp files) to a photo."""

import os
import time

import requests

LIGHTROOM = "https://image.adobe.io/lrService"
PRESET_LIBRARY = "https://acme-assets.s3.amazonaws.com/presets"


def apply_presets(source: str, target: str, presets: list, **output) -> dict:
    options = {"presets": []}
    for name in presets:
        options["presets"].append({"href": f"{PRESET_LIBRARY}/{name}.xmp?X-Amz-Signature=i901", "storage": "external"})
    body = {
        "inputs": {"href": source, "storage": "external"},
        "options": options,
        "outputs": [{"href": target, "storage": "external", "type": "image/jpeg", **output}],
    }
    response = requests.post(
        f"{LIGHTROOM}/presets",
        headers={"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]},
        json=body,
    )
    response.raise_for_status()
    return response.json()


def check(job: dict) -> dict:
    return requests.get(
        job["_links"]["self"]["href"],
        headers={"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]},
    ).json()


def main() -> list:
    target = "https://acme-assets.s3.amazonaws.com/out/film-look.jpg?X-Amz-Signature=i902"
    job = apply_presets(
        "https://acme-assets.s3.amazonaws.com/in/street.jpg?X-Amz-Signature=i903",
        target,
        ["film-warm", "grain-light"],
        overwrite=True,
    )
    status = check(job)
    while status["outputs"][0]["status"] not in ("succeeded", "failed"):
        time.sleep(2)
        status = check(job)
    if status["outputs"][0]["status"] == "failed":
        raise RuntimeError(status)
    return [target]

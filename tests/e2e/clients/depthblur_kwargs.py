"""Portrait background blur with the v1 depthBlur convenience endpoint."""

import os
import time

import requests

PSD_SERVICE = "https://image.adobe.io/pie/psdService"
DEFAULT_BLUR = {"focalDistance": 0, "focalRange": 50, "blurStrength": 40, "haze": 0, "grain": 0}


def depth_blur(source: str, target: str, **overrides) -> dict:
    options = {**DEFAULT_BLUR, **overrides}
    response = requests.post(
        f"{PSD_SERVICE}/depthBlur",  # e2e: person
        headers={"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]},
        json={
            "inputs": [{"href": source, "storage": "external"}],
            "options": options,
            "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
        },
    )
    response.raise_for_status()
    return response.json()


def main() -> list:
    target = "https://acme-assets.s3.amazonaws.com/out/portrait-blur.jpg?X-Amz-Signature=cc03"
    job = depth_blur(
        "https://acme-assets.s3.amazonaws.com/in/portrait.jpg?X-Amz-Signature=cc04", target, blurStrength=60,
    )
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    for _ in range(30):
        status = requests.get(job["_links"]["self"]["href"], headers=headers).json()
        if status["outputs"][0]["status"] == "succeeded":
            return [target]
        if status["outputs"][0]["status"] == "failed":
            raise RuntimeError(status)
        time.sleep(2)
    raise TimeoutError("depthBlur job did not finish")

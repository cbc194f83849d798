"""Apply a Lightroom XMP develop setting with httpx, the status poll in a helper."""

import os
import time

import httpx

XMP_ENDPOINT = "https://image.adobe.io/lrService/xmp"


def headers() -> dict:
    return {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}


def apply_xmp(source: str, xmp: str, target: str) -> httpx.Response:
    return httpx.post(XMP_ENDPOINT, headers=headers(), json={
        "inputs": {"href": source, "storage": "external"},
        "options": {"xmp": {"href": xmp, "storage": "external"}},
        "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
    })


def wait_for_job(response: httpx.Response) -> dict:
    response.raise_for_status()
    link = response.json()["_links"]["self"]["href"]
    for _ in range(60):
        job = httpx.get(link, headers=headers()).json()
        if job["outputs"][0]["status"] == "succeeded":
            return job
        if job["outputs"][0]["status"] == "failed":
            raise RuntimeError(job["outputs"][0])
        time.sleep(2)
    raise TimeoutError(link)


def main() -> list:
    target = "https://acme-assets.s3.amazonaws.com/out/graded.jpg?X-Amz-Signature=j001"
    wait_for_job(apply_xmp(
        "https://acme-assets.s3.amazonaws.com/in/raw.dng?X-Amz-Signature=j002",
        "https://acme-assets.s3.amazonaws.com/looks/teal.xmp?X-Amz-Signature=j003",
        target,
    ))
    return [target]

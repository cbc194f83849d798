"""Auto-tone then straighten, with one polling helper that receives each submit response."""

import time

import requests

from lr_config import LIGHTROOM_HOST, LIGHTROOM_PATH, POLL_SECONDS, lightroom_headers


def submit(endpoint: str, source: str, target: str) -> requests.Response:
    return requests.post(
        f"{LIGHTROOM_HOST}{LIGHTROOM_PATH}/{endpoint}",
        headers=lightroom_headers(),
        json={
            "inputs": {"href": source, "storage": "external"},
            "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
        },
    )


def wait_for(job_response: requests.Response, attempts: int = 40) -> dict:
    job_response.raise_for_status()
    body = job_response.json()
    href = body["_links"]["self"]["href"]
    for _ in range(attempts):
        body = requests.get(href, headers=lightroom_headers()).json()
        status = body.get("outputs", [])[0].get("status")
        if status == "succeeded":
            return body
        if status == "failed":
            raise RuntimeError(body)
        time.sleep(POLL_SECONDS)
    raise TimeoutError(href)


def main() -> list:
    toned = "https://acme-assets.s3.amazonaws.com/out/step1.jpg?X-Amz-Signature=s901"
    level = "https://acme-assets.s3.amazonaws.com/out/step2.jpg?X-Amz-Signature=s902"
    wait_for(submit("autoTone", "https://acme-assets.s3.amazonaws.com/in/beach.jpg?X-Amz-Signature=s903", toned))
    wait_for(submit("autoStraighten", toned, level))
    return [toned, level]

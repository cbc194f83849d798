"""Crop product photos around the subject, with host and timeouts from the shared settings."""

import time

import requests

from ps_settings import API_HOST, ASSETS, POLL_EVERY, SIGNATURE, TIMEOUT, auth_headers


def product_crop(source: str, target: str, padding: int = 50) -> str:
    response = requests.post(
        f"{API_HOST}/pie/psdService/productCrop",
        headers=auth_headers(),
        json={
            "inputs": [{"href": source, "storage": "external"}],
            "options": {"unit": "Pixels", "width": padding, "height": padding},
            "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
        },
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    return response.json()["_links"]["self"]["href"]


def wait_for(status_url: str) -> dict:
    while True:
        job = requests.get(status_url, headers=auth_headers(), timeout=TIMEOUT).json()
        state = job["outputs"][0]["status"]
        if state == "failed":
            raise RuntimeError(job["outputs"][0])
        if state == "succeeded":
            return job
        time.sleep(POLL_EVERY)


def main() -> list:
    crops = []
    for name in ("boot", "sandal"):
        target = f"{ASSETS}/crops/{name}.jpg{SIGNATURE}"
        wait_for(product_crop(f"{ASSETS}/raw/{name}.jpg{SIGNATURE}", target))
        crops.append(target)
    return crops

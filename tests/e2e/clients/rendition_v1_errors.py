"""A rendition client that handles v1's answers its own way: a refused submission read as v1's
error (`title`, `code`), the status link guarded before use, the state read with `.get` defaults."""

import os
import time

import requests

API = "https://image.adobe.io/pie/psdService"
HEADERS = {"Authorization": f"Bearer {os.environ.get('PS_ACCESS_TOKEN')}", "x-api-key": os.environ.get("PS_API_KEY", "")}


def submit(psd: str, png: str) -> dict:
    resp = requests.post(
        f"{API}/renditionCreate",
        headers=HEADERS,
        json={
            "inputs": [{"href": psd, "storage": "external"}],
            "outputs": [{"href": png, "storage": "external", "type": "image/png", "width": 512}],
        },
    )
    answer = resp.json()
    if resp.status_code != 202:
        raise RuntimeError(f"{answer['title']} ({answer['code']})")
    return answer


def main():
    png = "https://acme-assets.s3.amazonaws.com/out/thumb.png?X-Amz-Signature=s301"
    job = submit("https://acme-assets.s3.amazonaws.com/in/poster.psd?X-Amz-Signature=s302", png)
    if "_links" not in job or "self" not in job["_links"]:  # e2e: person
        raise RuntimeError("no status link")
    url = job["_links"]["self"]["href"]
    for _ in range(60):
        status = requests.get(url, headers=HEADERS).json()
        state = status.get("outputs", [{}])[0].get("status")
        if state == "succeeded":
            return [status["outputs"][0]["_links"]["renditions"][0]["href"]]
        if state == "failed":
            raise RuntimeError(status["outputs"][0].get("errors"))
        time.sleep(1)
    raise TimeoutError(url)

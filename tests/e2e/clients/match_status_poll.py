"""A rendition client polling with structural pattern matching (Python 3.10): each case matches
the shape of v1's status answer."""

import os
import time

import requests

HEADERS = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}


def wait(status_url: str) -> str:
    for _ in range(30):
        match requests.get(status_url, headers=HEADERS).json():
            case {"outputs": [{"status": "succeeded", "_links": {"renditions": [{"href": href}]}}]}:  # e2e: person
                return href
            case {"outputs": [{"status": "failed", "errors": errors}]}:
                raise RuntimeError(errors)
        time.sleep(1)
    raise TimeoutError(status_url)


def main():
    response = requests.post(
        "https://image.adobe.io/pie/psdService/renditionCreate",
        headers=HEADERS,
        json={
            "inputs": [{"href": "https://acme-assets.s3.amazonaws.com/in/flyer.psd?X-Amz-Signature=m101", "storage": "external"}],
            "outputs": [{"href": "https://acme-assets.s3.amazonaws.com/out/flyer.png?X-Amz-Signature=m102",
                         "storage": "external", "type": "image/png"}],
        },
    )
    return [wait(response.json()["_links"]["self"]["href"])]

"""A client written for v2 by hand: the control that shows the harness can say WORKS."""

import os
import time

import requests

EXECUTE_ACTIONS = "https://photoshop-api.adobe.io/v2/execute-actions"


def main() -> list:
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]})
    target = "https://acme-assets.s3.amazonaws.com/out/v2.jpg?X-Amz-Signature=z001"
    response = session.post(EXECUTE_ACTIONS, json={
        "image": {"source": {"url": "https://acme-assets.s3.amazonaws.com/in/v2.psd?X-Amz-Signature=z002"}},
        "options": {"actions": [{"source": {"url": "https://acme-assets.s3.amazonaws.com/actions/a.atn?X-Amz-Signature=z003"}}]},
        "outputs": [{"destination": {"url": target}, "mediaType": "image/jpeg"}],
    })
    response.raise_for_status()
    status_url = response.json()["statusUrl"]
    while True:
        job = session.get(status_url).json()
        if job["status"] == "succeeded":
            return [output["destination"]["url"] for output in job["result"]["outputs"]]
        if job["status"] == "failed":
            raise RuntimeError(job["errorDetails"])
        time.sleep(2)

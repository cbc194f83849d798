"""A v1 poll loop run against v2 as it is: the harness must stop it and call it broken."""

import os
import time

import requests


def main() -> list:
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    response = requests.post("https://photoshop-api.adobe.io/v2/execute-actions", headers=headers, json={
        "image": {"source": {"url": "https://acme-assets.s3.amazonaws.com/in/v2.psd?X-Amz-Signature=z002"}},
        "options": {"actions": [{"source": {"url": "https://acme-assets.s3.amazonaws.com/actions/a.atn?X-Amz-Signature=z003"}}]},
        "outputs": [{"destination": {"url": "https://acme-assets.s3.amazonaws.com/out/v2.jpg?X-Amz-Signature=z001"}, "mediaType": "image/jpeg"}],
    })
    status_url = response.json()["statusUrl"]
    while True:
        job = requests.get(status_url, headers=headers).json()
        if job.get("outputs", [{}])[0].get("status") == "succeeded":
            return []
        time.sleep(2)

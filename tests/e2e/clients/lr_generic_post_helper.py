"""Lightroom calls through one generic helper taking the URL (module constants) and the body; the
status link read with chained `.get` and a fallback, the poll state lower-cased, the result taken
from the outputs or, failing that, the caller's own target."""

import json
import os
import time

import requests

LR_AUTOTONE_URL = "https://image.adobe.io/lrService/autoTone"
LR_STRAIGHTEN_URL = "https://image.adobe.io/lrService/autoStraighten"


def adobe_post_json(url: str, token: str, client_id: str, payload: dict) -> dict:
    response = requests.post(
        url,
        data=json.dumps(payload),
        headers={"Content-Type": "application/json", "x-api-key": client_id, "Authorization": f"Bearer {token}"},
    )
    if response.status_code >= 400:
        raise RuntimeError(f"Adobe API HTTP {response.status_code}: {response.text[:400]}")
    return response.json()


def poll_job(status_url: str, token: str, client_id: str) -> dict:
    for _ in range(40):
        result = requests.get(status_url, headers={"x-api-key": client_id, "Authorization": f"Bearer {token}"}).json()
        status = (result.get("status") or "").lower()
        if status == "succeeded":
            return result
        if status == "failed":
            raise RuntimeError(json.dumps(result)[:400])
        time.sleep(3)
    raise TimeoutError(status_url)


def auto_tone(input_href: str, output_href: str, token: str, client_id: str) -> str:
    payload = {  # e2e: person
        "inputs": [{"storage": "external", "href": input_href}],
        "outputs": [{"storage": "external", "href": output_href, "type": "image/jpeg"}],
    }
    result = adobe_post_json(LR_AUTOTONE_URL, token, client_id, payload)
    status_url = result.get("_links", {}).get("self", {}).get("href") or result.get("statusUrl")
    job = poll_job(status_url, token, client_id)
    outputs = job.get("outputs") or []
    return outputs[0].get("href") if outputs else output_href


def main():
    token, client_id = os.environ["PS_ACCESS_TOKEN"], os.environ["PS_API_KEY"]
    return [auto_tone("https://acme-assets.s3.amazonaws.com/in/beach.jpg?X-Amz-Signature=u101",
                      "https://acme-assets.s3.amazonaws.com/out/beach-toned.jpg?X-Amz-Signature=u102",
                      token, client_id)]

"""Convert product shots to greyscale with an inline actionJSON, retrying on 429/5xx."""

import json
import os
import time

import requests

ACTION_JSON_URL = "https://image.adobe.io/pie/psdService/actionJSON"
RETRY_STATUSES = {429, 500, 502, 503, 504}

HEADERS = {
    "Authorization": "Bearer " + os.environ["ADOBE_ACCESS_TOKEN"],
    "x-api-key": os.environ["ADOBE_CLIENT_ID"],
    "Content-Type": "application/json",
}


def post_with_retry(url: str, payload: dict, tries: int = 4) -> requests.Response:
    delay = 1.0
    for attempt in range(tries):
        response = requests.post(url, headers=HEADERS, data=json.dumps(payload), timeout=60)
        if response.status_code not in RETRY_STATUSES:
            response.raise_for_status()
            return response
        time.sleep(float(response.headers.get("Retry-After", delay)))
        delay *= 2
    response.raise_for_status()
    return response


def poll(status_url: str) -> dict:
    while True:
        body = requests.get(status_url, headers=HEADERS, timeout=60).json()
        status = body.get("outputs", [])[0].get("status")
        if status in ("succeeded", "failed"):
            return body
        time.sleep(3)


def main() -> list:
    output = "https://acme-assets.s3.amazonaws.com/out/grey.png?X-Amz-Signature=77aa"
    payload = {
        "inputs": [{"href": "https://acme-assets.s3.amazonaws.com/in/shoe.jpg?X-Amz-Signature=11ff", "storage": "external"}],
        "options": {
            "actionJSON": [
                {"_obj": "convertMode", "to": {"_enum": "colorSpaceMode", "_value": "grayscale"}},
            ],
        },
        "outputs": [{"href": output, "storage": "external", "type": "image/png"}],
    }
    response = post_with_retry(ACTION_JSON_URL, payload)
    result = poll(response.json()["_links"]["self"]["href"])
    if result["outputs"][0]["status"] != "succeeded":
        raise RuntimeError(result)
    return [output]

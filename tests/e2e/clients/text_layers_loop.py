"""Localise the text layers of a banner template, one layer edit per translated string."""

import os
import time

import requests

TEXT_ENDPOINT = "https://image.adobe.io/pie/psdService/text"
TEMPLATE = "https://acme-assets.s3.amazonaws.com/templates/banner.psd?X-Amz-Signature=aa01"

TRANSLATIONS = {
    "fr": {"headline": "Soldes d'hiver", "cta": "Acheter"},
    "de": {"headline": "Winterschlussverkauf", "cta": "Kaufen"},
}


def build_payload(strings: dict, target: str) -> dict:
    payload = {
        "inputs": [{"href": TEMPLATE, "storage": "external"}],
        "options": {"layers": []},
        "outputs": [],
    }
    for layer_name, content in strings.items():
        payload["options"]["layers"].append({"name": layer_name, "text": {"content": content}})
    payload["outputs"].append({"href": target, "storage": "external", "type": "image/vnd.adobe.photoshop"})
    return payload


def main() -> list:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {os.environ['PS_ACCESS_TOKEN']}"
    session.headers["x-api-key"] = os.environ["PS_API_KEY"]
    done = []
    for language, strings in TRANSLATIONS.items():
        target = f"https://acme-assets.s3.amazonaws.com/out/banner-{language}.psd?X-Amz-Signature=bb02"
        response = session.post(TEXT_ENDPOINT, json=build_payload(strings, target))
        response.raise_for_status()
        status_url = response.json()["_links"]["self"]["href"]
        while True:
            job = session.get(status_url).json()
            if job["outputs"][0]["status"] == "succeeded":
                break
            if job["outputs"][0]["status"] == "failed":
                raise RuntimeError(f"{language}: {job}")
            time.sleep(1)
        done.append(target)
    return done

"""Run a Photoshop action (.atn) on a PSD through a small API wrapper class."""

import time

import requests

from ps_settings import ASSETS, SIGNATURE, auth_headers


class PhotoshopApi:
    base_url = "https://image.adobe.io"
    endpoints = {
        "actions": "pie/psdService/photoshopActions",
        "hello": "pie/psdService/hello",
    }

    def __init__(self):
        self.session = requests.Session()
        self.session.headers.update(auth_headers())

    def _url(self, endpoint: str) -> str:
        return f"{self.base_url}/{self.endpoints[endpoint]}"

    def post(self, endpoint: str, payload: dict) -> dict:
        response = self.session.post(self._url(endpoint), json=payload, timeout=30)
        response.raise_for_status()
        return response.json()

    def wait(self, job: dict, every: float = 2.0, attempts: int = 50) -> dict:
        href = job["_links"]["self"]["href"]
        for _ in range(attempts):
            status = self.session.get(href, timeout=30).json()
            state = status["outputs"][0]["status"]
            if state == "succeeded":
                return status
            if state == "failed":
                raise RuntimeError(f"action failed: {status['outputs'][0].get('errors')}")
            time.sleep(every)
        raise TimeoutError(href)


def main() -> list:
    api = PhotoshopApi()
    target = f"{ASSETS}/out/hero-bw.jpg{SIGNATURE}"
    job = api.post("actions", {
        "inputs": [{"href": f"{ASSETS}/in/hero.psd{SIGNATURE}", "storage": "external"}],
        "options": {
            "actions": [{"href": f"{ASSETS}/actions/blackwhite.atn{SIGNATURE}", "storage": "external"}],
        },
        "outputs": [{"href": target, "storage": "external", "type": "image/jpeg", "quality": 7}],
    })
    api.wait(job)
    return [target]

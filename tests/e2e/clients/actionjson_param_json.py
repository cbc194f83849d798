"""Run caller-supplied actionJSON steps; the wrapper's parameter is called `json`, as in many SDKs."""

import os
import time

import requests

ACTION_JSON = "https://image.adobe.io/pie/psdService/actionJSON"


class ActionRunner:
    def __init__(self):
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]})

    def run(self, source: str, target: str, json: list) -> str:
        response = self.session.post(ACTION_JSON, json={
            "inputs": [{"href": source, "storage": "external"}],
            "options": {"actionJSON": json},
            "outputs": [{"href": target, "storage": "external", "type": "image/png"}],
        })
        response.raise_for_status()
        return response.json()["_links"]["self"]["href"]

    def wait(self, status_url: str) -> None:
        for _ in range(60):
            job = self.session.get(status_url).json()
            if job["outputs"][0]["status"] == "succeeded":
                return
            if job["outputs"][0]["status"] == "failed":
                raise RuntimeError(job)
            time.sleep(2)
        raise TimeoutError(status_url)


def main() -> list:
    runner = ActionRunner()
    target = "https://acme-assets.s3.amazonaws.com/out/inverted.png?X-Amz-Signature=y301"
    runner.wait(runner.run(
        "https://acme-assets.s3.amazonaws.com/in/icon.psd?X-Amz-Signature=y302",
        target,
        [{"_obj": "invert"}],
    ))
    return [target]

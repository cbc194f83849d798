"""Background removal client with a configurable base URL and endpoint names."""

import os
import time

import requests


class SenseiClient:
    def __init__(self, base_url: str = "https://image.adobe.io/sensei", token: str = None, api_key: str = None):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers.update({
            "Authorization": f"Bearer {token or os.environ['PS_ACCESS_TOKEN']}",
            "x-api-key": api_key or os.environ["PS_API_KEY"],
        })

    def _post(self, endpoint: str, body: dict) -> dict:
        response = self.session.post(f"{self.base_url}/{endpoint}", json=body)
        response.raise_for_status()
        return response.json()

    def job(self, job_id: str) -> dict:
        return self.session.get(f"{self.base_url}/status/{job_id}").json()

    def cutout(self, source: str, target: str) -> str:
        body = {"input": {"href": source, "storage": "external"}, "output": {"href": target, "storage": "external"}}
        return self._post("cutout", body)["_links"]["self"]["href"].rsplit("/", 1)[-1]


def main() -> list:
    client = SenseiClient()
    target = "https://acme-assets.s3.amazonaws.com/out/bottle.png?X-Amz-Signature=r801"
    job_id = client.cutout("https://acme-assets.s3.amazonaws.com/in/bottle.jpg?X-Amz-Signature=r802", target)
    while True:
        job = client.job(job_id)
        if job["status"] == "succeeded":
            return [target]  # e2e: person
        if job["status"] == "failed":
            raise RuntimeError(job)
        time.sleep(2)

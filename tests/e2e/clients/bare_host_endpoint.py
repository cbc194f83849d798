"""A generic REST client configured for the Photoshop API: a bare host plus endpoint objects."""

import os
import time
from dataclasses import dataclass

import requests


@dataclass
class ApiEndpoint:
    path: str
    method: str = "POST"


PRODUCT_CROP = ApiEndpoint(path="/pie/psdService/productCrop")


class RestClient:
    base_url = ""

    def __init__(self):
        self.session = requests.Session()

    def call(self, endpoint: ApiEndpoint, json=None) -> requests.Response:
        response = self.session.request(endpoint.method, self.base_url + endpoint.path, json=json)
        response.raise_for_status()
        return response

    def get(self, url: str) -> dict:
        return self.session.get(url).json()


def main() -> list:
    client = RestClient()
    client.base_url = "https://image.adobe.io"
    client.session.headers.update({
        "Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}",
        "x-api-key": os.environ["PS_API_KEY"],
    })
    target = "https://acme-assets.s3.amazonaws.com/out/crop.jpg?X-Amz-Signature=u101"
    answer = client.call(PRODUCT_CROP, json={
        "inputs": [{"href": "https://acme-assets.s3.amazonaws.com/in/bag.jpg?X-Amz-Signature=u102", "storage": "external"}],
        "options": {"unit": "Percent", "width": 10, "height": 10},
        "outputs": [{"href": target, "storage": "external", "type": "image/jpeg"}],
    }).json()
    status_url = answer["_links"]["self"]["href"]
    while True:
        job = client.get(status_url)
        if job["outputs"][0]["status"] == "succeeded":
            return [target]
        if job["outputs"][0]["status"] == "failed":
            raise RuntimeError(job)
        time.sleep(2)

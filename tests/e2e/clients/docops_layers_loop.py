"""Place product shots into a PSD template: one smart layer and one JPEG per banner size."""

import os
import time

import requests

TEMPLATE = "https://acme-assets.s3.amazonaws.com/templates/sizes.psd?X-Amz-Signature=a101"
SIZES = ["1200x628", "1080x1080"]


def build_request(urls: list, outputs: list) -> dict:
    data = {
        "inputs": [{"href": TEMPLATE, "storage": "external"}],
        "options": {"layers": []},
        "outputs": [],
    }
    for index, size in enumerate(SIZES):
        width, height = size.split("x")
        data["options"]["layers"].append({
            "name": f"{width}x{height}-product",
            "edit": {},
            "input": {"storage": "external", "href": urls[index]},
        })
        data["outputs"].append({
            "href": outputs[index],
            "storage": "external",
            "type": "image/jpeg",
            "trimToCanvas": True,
            "layers": [{"name": f"{width}x{height}"}],
        })
    return data


def create_job(data: dict, client_id: str, token: str) -> dict:
    response = requests.post(
        "https://image.adobe.io/pie/psdService/documentOperations",
        headers={"Authorization": f"Bearer {token}", "x-api-key": client_id},
        json=data,
    )
    return response.json()


def poll_job(job: dict, client_id: str, token: str) -> dict:
    job_url = job["_links"]["self"]["href"]
    status = ""
    while status != "succeeded" and status != "failed":
        response = requests.get(job_url, headers={"Authorization": f"Bearer {token}", "x-api-key": client_id})
        json_response = response.json()
        status = json_response["outputs"][0]["status"]
        if status != "succeeded":
            time.sleep(2)
    if status == "failed":
        raise RuntimeError(json_response)
    return json_response


def main() -> list:
    client_id, token = os.environ["CLIENT_ID"], os.environ["ACCESS_TOKEN"]
    urls = [f"https://acme-assets.s3.amazonaws.com/products/{size}.png?X-Amz-Signature=a102" for size in SIZES]
    outputs = [f"https://acme-assets.s3.amazonaws.com/out/{size}.jpg?X-Amz-Signature=a103" for size in SIZES]
    result = poll_job(create_job(build_request(urls, outputs), client_id, token), client_id, token)
    return [output["_links"]["renditions"][0]["href"] for output in result["outputs"]]

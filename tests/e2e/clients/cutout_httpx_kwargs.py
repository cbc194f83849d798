"""Cut out product shots as PNGs with httpx; output options are passed through from callers."""

import os
import time

import httpx

CUTOUT = "https://image.adobe.io/sensei/cutout"


def remove_background(client: httpx.Client, source: str, target: str, **output_options) -> dict:
    output = {"href": target, "storage": "external", "type": "image/png"}
    output.update(output_options)
    response = client.post(CUTOUT, json={"input": {"href": source, "storage": "external"}, "output": output})
    response.raise_for_status()
    return response.json()


def main() -> list:
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    target = "https://acme-assets.s3.amazonaws.com/out/sneaker.png?X-Amz-Signature=q701"
    with httpx.Client(headers=headers, timeout=30) as client:
        job = remove_background(client, "https://acme-assets.s3.amazonaws.com/in/sneaker.jpg?X-Amz-Signature=q702", target, overwrite=True)
        status_link = job["_links"]["self"]["href"]
        for _ in range(50):
            status = client.get(status_link).json()
            if status["status"] == "succeeded":
                return [status["output"]["href"]]
            if status["status"] == "failed":
                raise RuntimeError(status)
            time.sleep(2)
    raise TimeoutError(status_link)

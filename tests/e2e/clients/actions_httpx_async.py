"""Run one action on many PSDs at once with httpx.AsyncClient and asyncio.gather."""

import asyncio
import os

import httpx

PHOTOSHOP_ACTIONS = "https://image.adobe.io/pie/psdService/photoshopActions"
ACTION_FILE = "https://acme-assets.s3.amazonaws.com/actions/vignette.atn?X-Amz-Signature=ee01"


async def submit(client: httpx.AsyncClient, source: str, target: str) -> str:
    body = {
        "inputs": [{"href": source, "storage": "external"}],
        "options": {"actions": [{"href": ACTION_FILE, "storage": "external"}]},
        "outputs": [{"href": target, "storage": "external", "type": "image/jpeg", "quality": 10}],
    }
    response = await client.post(PHOTOSHOP_ACTIONS, json=body)
    response.raise_for_status()
    return response.json()["_links"]["self"]["href"]


async def wait(client: httpx.AsyncClient, status_url: str) -> dict:
    while True:
        job = (await client.get(status_url)).json()
        state = job["outputs"][0]["status"]
        if state in ("succeeded", "failed"):
            return job
        await asyncio.sleep(2)


async def process(names: list) -> list:
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    async with httpx.AsyncClient(headers=headers, timeout=30) as client:
        targets = [f"https://acme-assets.s3.amazonaws.com/out/{name}-vignette.jpg?X-Amz-Signature=ee02" for name in names]
        status_urls = await asyncio.gather(*(
            submit(client, f"https://acme-assets.s3.amazonaws.com/in/{name}.psd?X-Amz-Signature=ee03", target)
            for name, target in zip(names, targets)
        ))
        jobs = await asyncio.gather(*(wait(client, url) for url in status_urls))
    failed = [job for job in jobs if job["outputs"][0]["status"] == "failed"]
    if failed:
        raise RuntimeError(failed)
    return targets


def main() -> list:
    return asyncio.run(process(["lake", "forest"]))

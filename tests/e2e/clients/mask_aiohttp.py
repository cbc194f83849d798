"""Make soft masks of many photos concurrently with aiohttp and the Sensei mask service."""

import asyncio
import os

import aiohttp

MASK_URL = "https://image.adobe.io/sensei/mask"


async def make_mask(session: aiohttp.ClientSession, source: str, target: str) -> str:
    body = {
        "input": {"href": source, "storage": "external"},
        "output": {"href": target, "storage": "external", "mask": {"format": "soft"}},
    }
    async with session.post(MASK_URL, json=body) as response:
        if response.status != 202:
            raise RuntimeError(await response.text())
        result = await response.json()
    if "_links" not in result:
        raise RuntimeError(f"unexpected answer: {result}")
    status_url = result["_links"]["self"]["href"]
    while True:
        async with session.get(status_url) as response:
            job = await response.json()
        if job["status"] == "succeeded":
            return target  # e2e: person
        if job["status"] == "failed":
            raise RuntimeError(f"mask job {job['jobID']} failed")
        await asyncio.sleep(2)


async def amain(names: list) -> list:
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    async with aiohttp.ClientSession(headers=headers) as session:
        return list(await asyncio.gather(*(
            make_mask(
                session,
                f"https://acme-assets.s3.amazonaws.com/in/{name}.jpg?X-Amz-Signature=p601",
                f"https://acme-assets.s3.amazonaws.com/masks/{name}.png?X-Amz-Signature=p602",
            )
            for name in names
        )))


def main() -> list:
    return asyncio.run(amain(["lamp", "vase"]))

"""Play an inline actionJSON (resize + sharpen) through aiohttp and return the rendition links."""

import asyncio
import os

import aiohttp

ENDPOINT = "https://image.adobe.io/pie/psdService/actionJSON"

RESIZE_AND_SHARPEN = [
    {"_obj": "imageSize", "width": {"_unit": "pixelsUnit", "_value": 1200}, "constrainProportions": True},
    {"_obj": "sharpen"},
]


async def run(session: aiohttp.ClientSession, source: str, target: str) -> list:
    payload = {
        "inputs": [{"href": source, "storage": "external"}],
        "options": {"actionJSON": RESIZE_AND_SHARPEN},
        "outputs": [{"href": target, "storage": "external", "type": "image/jpeg", "quality": 6}],
    }
    async with session.post(ENDPOINT, json=payload) as response:
        response.raise_for_status()
        job = await response.json()
    status_url = job["_links"]["self"]["href"]
    while True:
        async with session.get(status_url) as response:
            status = await response.json()
        output = status["outputs"][0]
        if output["status"] == "succeeded":
            return [rendition["href"] for rendition in output["_links"]["renditions"]]
        if output["status"] == "failed":
            raise RuntimeError(output.get("errors"))
        await asyncio.sleep(1.5)


async def amain() -> list:
    headers = {"Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}", "x-api-key": os.environ["PS_API_KEY"]}
    async with aiohttp.ClientSession(headers=headers) as session:
        return await run(
            session,
            "https://acme-assets.s3.amazonaws.com/in/poster.psd?X-Amz-Signature=ff01",
            "https://acme-assets.s3.amazonaws.com/out/poster-1200.jpg?X-Amz-Signature=ff02",
        )


def main() -> list:
    return asyncio.run(amain())

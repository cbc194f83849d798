"""Typed client for documentOperations: pydantic models for the request and the job status."""

import os
import time
from typing import List, Optional

import requests
from pydantic import BaseModel, Field

DOCUMENT_OPERATIONS = "https://image.adobe.io/pie/psdService/documentOperations"


class FileRef(BaseModel):
    href: str
    storage: str = "external"


class Output(FileRef):
    type: str = "image/png"


class Link(BaseModel):
    href: str


class Links(BaseModel):
    self: Optional[Link] = None
    renditions: List[FileRef] = []


class OutputStatus(BaseModel):
    status: str
    links: Links = Field(default_factory=Links, alias="_links")  # e2e: person


class JobStatus(BaseModel):
    jobId: Optional[str] = None
    outputs: List[OutputStatus] = []
    links: Links = Field(alias="_links")  # e2e: person

    @property
    def status_url(self) -> str:
        return self.links.self.href  # e2e: person


def flatten_psd(token: str, api_key: str, source: str, target: str) -> JobStatus:
    body = {
        "inputs": [FileRef(href=source).model_dump()],
        "options": {"layers": [{"name": "Background", "edit": {}, "visible": True}]},
        "outputs": [Output(href=target).model_dump()],
    }
    headers = {"Authorization": f"Bearer {token}", "x-api-key": api_key}
    response = requests.post(DOCUMENT_OPERATIONS, headers=headers, json=body)
    response.raise_for_status()
    job = JobStatus.model_validate(response.json())
    while True:
        status = JobStatus.model_validate(requests.get(job.status_url, headers=headers).json())
        if status.outputs and status.outputs[0].status == "succeeded":
            return status
        if status.outputs and status.outputs[0].status == "failed":
            raise RuntimeError(status)
        time.sleep(2)


def main() -> list:
    status = flatten_psd(
        os.environ["PS_ACCESS_TOKEN"],
        os.environ["PS_API_KEY"],
        "https://acme-assets.s3.amazonaws.com/in/layers.psd?X-Amz-Signature=f601",
        "https://acme-assets.s3.amazonaws.com/out/flat.png?X-Amz-Signature=f602",
    )
    return [rendition.href for rendition in status.outputs[0].links.renditions]

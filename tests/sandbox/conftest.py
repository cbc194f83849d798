from __future__ import annotations

import copy

import pytest

AUTH = {"Authorization": "Bearer sandbox-test-token", "x-api-key": "sandbox-test-key"}
PS_HOST = "https://photoshop-api.adobe.io"
IMAGE_HOST = "https://image.adobe.io"

ACTIONS_BODY = {
    "image": {"source": {"url": "https://bucket.example/in.psd?X-Amz-Signature=deadbeef1234"}},
    "options": {"actions": [{"source": {"url": "https://bucket.example/a.atn"}}]},
    "outputs": [{"destination": {"url": "https://bucket.example/out.jpg?sig=secret123"}, "mediaType": "image/jpeg"}],
}
REMOVE_BACKGROUND_BODY = {"image": {"source": {"url": "https://bucket.example/in.jpg"}}, "mode": "cutout",
                          "output": {"mediaType": "image/png"}}


@pytest.fixture
def actions_body() -> dict:
    return copy.deepcopy(ACTIONS_BODY)

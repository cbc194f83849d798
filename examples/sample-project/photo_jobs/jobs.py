"""Submit Photoshop jobs: play an action and wait for its JPEG, or crop a banner in the background."""

import time

from .client import API_HOST, TIMEOUT, make_session

session = make_session()


def play_action(psd_url: str, atn_url: str, action_name: str, jpeg_url: str, every: float = 2.0) -> str:
    """Run one action of an .atn file on a PSD, save a JPEG and wait for it; returns the JPEG's URL."""
    response = session.post(f"{API_HOST}/pie/psdService/photoshopActions", json={
        "inputs": [{"href": psd_url, "storage": "external"}],
        "options": {"actions": [{"href": atn_url, "storage": "external", "actionName": action_name}]},
        "outputs": [{"href": jpeg_url, "storage": "external", "type": "image/jpeg", "quality": 7}],
    }, timeout=TIMEOUT)
    response.raise_for_status()
    status_url = response.json()["_links"]["self"]["href"]
    while True:
        job = session.get(status_url, timeout=TIMEOUT).json()
        state = job["outputs"][0]["status"]
        if state == "succeeded":
            return job["outputs"][0]["_links"]["renditions"][0]["href"]
        if state == "failed":
            raise RuntimeError(f"job failed: {job}")
        time.sleep(every)


def resize_to_banner(psd_url: str, png_url: str) -> str:
    """Start resizing a PSD to a 1200x400 PNG banner; returns the status URL to check later."""
    response = session.post(f"{API_HOST}/pie/psdService/documentOperations", json={
        "inputs": [{"href": psd_url, "storage": "external"}],
        "options": {
            "document": {"imageSize": {"width": 1200, "height": 400}},
        },
        "outputs": [{"href": png_url, "storage": "external", "type": "image/png"}],
    }, timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()["_links"]["self"]["href"]

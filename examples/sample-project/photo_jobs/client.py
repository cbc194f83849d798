"""One authenticated session for every call to the Photoshop API."""

import os

import requests

API_HOST = "https://image.adobe.io"
TIMEOUT = 30


def make_session() -> requests.Session:
    session = requests.Session()
    session.headers.update({
        "Authorization": f"Bearer {os.environ['PS_ACCESS_TOKEN']}",
        "x-api-key": os.environ["PS_API_KEY"],
    })
    return session

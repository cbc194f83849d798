"""What bench/run.py measures on: generated payload files and Python trees, and the guide pairs.

Generated with a fixed seed, so every run measures the same input.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def guide_bodies() -> list[str]:
    """The v1 request bodies of Adobe's migration guides (tests/guide_pairs) that convert, as text."""
    import copy

    from migrator.convert import convert
    from migrator.diagnostics import MigrationError

    texts = []
    for path in sorted((ROOT / "tests" / "guide_pairs").rglob("*.json")):
        pair = json.loads(path.read_text(encoding="utf-8"))
        if pair.get("v1") is None or pair.get("fragment"):
            continue
        try:
            convert(copy.deepcopy(pair["v1"]))
        except MigrationError:
            continue
        texts.append(json.dumps(pair["v1"], indent=2))
    return texts


def v1_body(rng: random.Random, n: int) -> dict:
    body = {
        "inputs": [{"href": f"https://bucket.example/in/{n}.psd?X-Amz-Signature={n:08x}", "storage": "external"}],
        "options": {"actions": [{"href": f"https://bucket.example/a/{n}.atn", "storage": "external"}]},
        "outputs": [{"href": f"https://bucket.example/out/{n}.jpg", "storage": "external", "type": "image/jpeg",
                     "quality": rng.randint(1, 12)}],
    }
    if rng.random() < 0.5:
        body["options"] = {"actionJSON": [{"_obj": "gaussianBlur", "radius": {"_unit": "pixelsUnit", "_value": n % 9}}]}
    return body


def v2_body(rng: random.Random, n: int) -> dict:
    actions = [{"source": {"url": f"https://bucket.example/a/{n}-{i}.atn"}} for i in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        actions.append({"source": {"content": json.dumps([{"_obj": "flattenImage"}], separators=(",", ":")),
                                   "contentType": "application/json"}})
    outputs = [{"destination": {"url": f"https://bucket.example/out/{n}.png"}, "mediaType": "image/png",
                "compression": rng.choice(["low", "medium", "maximum"])},
               {"destination": {"url": f"https://bucket.example/out/{n}.jpg"}, "mediaType": "image/jpeg",
                "quality": rng.choice(["high", "maximum", "photoshop_max"])}]
    return {"image": {"source": {"url": f"https://bucket.example/in/{n}.psd"}},
            "options": {"additionalContents": [{"source": {"url": f"https://bucket.example/c/{n}.png"}}],
                        "actions": actions},
            "outputs": outputs[: rng.randint(1, 2)]}


def v2_problem(rng: random.Random, n: int) -> dict:
    body = v2_body(rng, n)
    out = body["outputs"][0]
    problem = n % 7
    if problem == 0:
        out.update(mediaType="image/jpeg", quality=rng.randint(1, 12))
        out.pop("compression", None)
    elif problem == 1:
        out["overwrite"] = True
    elif problem == 2:
        out["destination"]["url"] = out["destination"]["url"].replace("https:", "http:")
    elif problem == 3:
        body["options"]["actions"] = [{"source": {"content": '[{"_path":"ACTION_JSON_OPTIONS_ADDITIONAL_IMAGES_0"}]',
                                                  "contentType": "application/json"}}]
    elif problem == 4:
        body["options"]["actions"] = body["options"]["actions"] * 6
    elif problem == 5:
        body["options"]["actions"] = [{"source": {"content": '[{"_path":"__additional_contents_path_0__"}]'}}]
    else:
        out["colour"] = "rgb"
    return body


def payload_tree(directory: Path, count: int, seed: int) -> list[Path]:
    """``count`` execute-actions payloads: a third v1 bodies, a third clean v2 bodies, a third v2
    bodies with one problem each (numeric JPEG quality, `overwrite`, http destinations, legacy or
    misspelt placeholders, too many actions, an unknown field)."""
    rng = random.Random(seed)
    makers = (v1_body, v2_body, v2_problem)
    paths = []
    for n in range(count):
        sub = directory / f"team{n % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"payload{n:05d}.json"
        path.write_text(json.dumps(makers[n % 3](rng, n), indent=rng.choice([2, 4])) + "\n", encoding="utf-8")
        paths.append(path)
    return paths



V1_TEMPLATES = [
    '''import requests

BASE = "https://image.adobe.io"


def {fn}(token, src, dst):
    payload = {{
        "inputs": [{{"href": src, "storage": "external"}}],
        "options": {{"actionJSON": [{{"_obj": "flattenImage"}}]}},
        "outputs": [{{"href": dst, "storage": "external", "type": "image/jpeg", "quality": 7}}],
    }}
    resp = requests.post(f"{{BASE}}/pie/psdService/actionJSON", json=payload, headers={{"Authorization": token}})
    status_url = resp.json()["_links"]["self"]["href"]
    while True:
        body = requests.get(status_url, headers={{"Authorization": token}}).json()
        if body["outputs"][0]["status"] in ("succeeded", "failed"):
            return body
''',
    '''import httpx

ACTIONS = "https://image.adobe.io/pie/psdService/photoshopActions"


async def {fn}(client: httpx.AsyncClient, psd: str, atn: str, out: str):
    response = await client.post(ACTIONS, json={{
        "inputs": [{{"href": psd, "storage": "external"}}],
        "options": {{"actions": [{{"href": atn, "storage": "external"}}]}},
        "outputs": [{{"href": out, "storage": "external", "type": "image/png"}}],
    }})
    return response.json()["_links"]["self"]["href"]
''',
    '''import requests


class {cls}:
    BASE_URL = "https://image.adobe.io"

    def __init__(self, session):
        self.session = session

    def {fn}(self, src, dst):
        return self.session.post(self.BASE_URL + "/lrService/autoTone", json={{
            "inputs": {{"href": src, "storage": "external"}},
            "outputs": [{{"href": dst, "storage": "external", "type": "image/jpeg"}}],
        }})

    def status(self, job_id):
        return self.session.get(f"{{self.BASE_URL}}/lrService/status/{{job_id}}").json()
''',
]

FILLER_HEAD = '''"""{doc}"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)
API = "https://api.example.com/v3/{name}"
'''

FILLER_BLOCKS = [
    '''

def {fn}(items: list[dict], limit: int = {n}) -> list[dict]:
    """Keep the first items that have a name."""
    out = []
    for item in items:
        if item.get("name") and len(out) < limit:
            out.append({{"name": item["name"], "size": item.get("size", 0) * {n}}})
    log.debug("kept %d of %d", len(out), len(items))
    return out
''',
    '''

@dataclass
class {cls}:
    name: str
    count: int = {n}

    def to_json(self) -> str:
        return json.dumps({{"name": self.name, "count": self.count}})

    def bump(self, by: int = 1) -> "{cls}":
        return {cls}(self.name, self.count + by)
''',
    '''

def {fn}(text: str) -> dict[str, int]:
    # count words, ignoring case
    counts: dict[str, int] = {{}}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + {n}
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
''',
    '''

CONFIG_{n} = {{
    "endpoint": API,
    "retries": {n},
    "timeout": {n}.5,
    "headers": {{"Accept": "application/json", "User-Agent": "svc/{n}"}},
}}
''',
]


def _name(rng: random.Random, prefix: str) -> str:
    return prefix + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))


def python_tree(root: Path, files: int, seed: int, share: float = 0.01) -> int:
    """Write ``files`` modules, ``share`` of them calling v1 (about 1%: a requests call with an
    inline ActionJSON body and a polling loop, an async httpx client, a wrapper class calling
    Lightroom autoTone and its status URL), the rest filler of varied size (a Pareto number of
    functions, dataclasses and config dicts); returns how many call v1."""
    rng = random.Random(seed)
    callers = round(files * share) if share else 0
    caller_slots = set(rng.sample(range(files), callers))
    for index in range(files):
        package = root / f"pkg{index % 50:02d}" / f"sub{index % 7}"
        package.mkdir(parents=True, exist_ok=True)
        values = {"fn": _name(rng, "do_"), "cls": _name(rng, "Thing").capitalize(), "n": rng.randint(1, 99),
                  "doc": "Module " + _name(rng, ""), "name": _name(rng, "")}
        if index in caller_slots:
            text = rng.choice(V1_TEMPLATES).format(**values)
        else:
            blocks = [FILLER_HEAD.format(**values)]
            for _ in range(int(rng.paretovariate(1.2) * 3)):  # mostly small files, a few large ones
                blocks.append(rng.choice(FILLER_BLOCKS).format(**{**values, "fn": _name(rng, "f_"),
                                                                   "cls": _name(rng, "C").capitalize(),
                                                                   "n": rng.randint(1, 99)}))
            text = "".join(blocks[:400])
        (package / f"mod{index:05d}.py").write_text(text)
    return callers

"""Very large source files, one of each kind psmigrate reads, each with one v1 call among
ordinary code: a hand-written-style JavaScript script, the same code as a minified one-line
bundle, a shell script, a Markdown document and a Python module.

    .venv/bin/python bench/large_files.py OUT_DIR [--mb 1.4]

writes ``big.js``, ``bundle.min.js``, ``big.sh``, ``big.md`` and ``big.py`` of about that many
megabytes each into OUT_DIR; time each with

    /usr/bin/time -f "%e s %M KB" psmigrate lint --max-file-size 0 OUT_DIR/big.js

(the cap lifted, to measure the parse and the planner rather than the cap).

Measured 2026-12-01 on the shared 2-CPU machine (load average 3-8, so wall times are about twice
the CPU times given), ``psmigrate lint``, before = commit 3319afc, after = this branch:

| file | before | after, ``--max-file-size 0`` | after, default cap |
| --- | --- | --- | --- |
| big.js, 1.4 MB | 7.1 s CPU, 380 MB | 3.5 s CPU, 168 MB | PS018, 0.2 s, 32 MB |
| bundle.min.js, 1.3 MB | 7.7 s CPU, 386 MB | 3.2 s CPU, 171 MB | PS018 |
| big.sh, 1.4 MB | 5.0 s CPU, 254 MB | 2.8 s CPU, 139 MB | PS018 |
| big.md, 1.4 MB | 3.2 s CPU, 72 MB | 2.7 s CPU, 71 MB | PS018 |
| big.py, 1.4 MB | 27 s wall, 1,257 MB | (unchanged: libcst) | PS018, 0.2 s, 36 MB |
| big.js, 14 MB | 71 s CPU, 3,251 MB | 27 s CPU, 1,230 MB | PS018, 0.2 s, 32 MB |
| bundle.min.js, 13 MB | | 30 s CPU, 1,241 MB | PS018 |
| big.sh, 14 MB | | 21 s CPU, 891 MB | PS018 |
| big.md, 14 MB | | 23 s CPU, 552 MB | PS018 |

Just under the default cap (1.0 MB): big.js 3.0 s CPU and 137 MB, big.sh 2.6 s and 115 MB, big.py
19 s and 967 MB (the Python kind's libcst passes; ``codemod --check`` costs the same as lint).
What changed: the JS and shell planners' passes ask tree-sitter for the node types they read, in
one query per file (``treesitter.nodes``), instead of walking every node as a Python object a
dozen times, and a file is parsed twice instead of three times.
"""

from __future__ import annotations

import argparse
from pathlib import Path

V1_JS = """
export async function removeBackground(token, key, input, output) {
  const res = await fetch("https://image.adobe.io/sensei/cutout", {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "x-api-key": key },
    body: JSON.stringify({ input: { href: input, storage: "external" },
                           output: { href: output, storage: "external" } }),
  });
  return (await res.json())._links.self.href;
}
"""


def js_block(index: int) -> str:
    return f"""
export async function step{index}(value, options = {{ retries: {index % 4} }}) {{
  const url = `${{process.env.API}}/items/${{value}}?page={index}`;
  const res = await fetch(url, {{ headers: {{ Accept: "application/json" }} }});
  if (!res.ok) throw new Error(`failed: ${{res.status}}`);
  const data = await res.json();
  let total = 0;
  for (const item of data.items) {{
    total += item.score * {index + 1} + (item.bonus || 0);
  }}
  return {{ total, items: data.items.map((item) => ({{ ...item, rank: item.score * {index + 1} }})) }};
}}

class Store{index} {{
  constructor(name) {{ this.name = name; this.cache = new Map(); }}
  get(key) {{ return this.cache.has(key) ? this.cache.get(key) : null; }}
  set(key, value) {{ this.cache.set(key, value); return this; }}
}}
"""


def minify(code: str) -> str:
    """A bundler's one line: no newlines, no indentation (enough for the parser's view)."""
    return ";".join(line.strip().rstrip(";") for line in code.splitlines() if line.strip()) \
        .replace("{;", "{").replace(";}", "}").replace(",;", ",").replace("(;", "(") + "\n"


V1_SH = """
curl -X POST "https://image.adobe.io/sensei/cutout" \\
  -H "Authorization: Bearer $TOKEN" -H "x-api-key: $KEY" \\
  -d '{"input": {"href": "'"$INPUT"'", "storage": "external"}, "output": {"href": "'"$OUTPUT"'", "storage": "external"}}'
"""


def sh_block(index: int) -> str:
    return f"""
step{index}() {{
  local page="${{1:-{index}}}"
  if [ -n "$VERBOSE" ]; then echo "page $page" >&2; fi
  curl -fsS "$API/items?page=$page" -H "Accept: application/json" | jq '.items[] | .score' > "out/{index}.txt"
  for f in out/*.txt; do wc -l "$f"; done
}}
"""


def md_block(index: int) -> str:
    return f"""
## Step {index}

This step reads page {index} of the items and sums their scores. It retries
{index % 4} times and writes the result to `out/{index}.txt`.

```bash
curl -fsS "$API/items?page={index}" -H "Accept: application/json" | jq '.items[] | .score'
```

| field | meaning |
| --- | --- |
| score | the item's score |
"""


V1_PY = '''
def remove_background(token, key, source, target):
    response = requests.post(
        "https://image.adobe.io/sensei/cutout",
        headers={"Authorization": f"Bearer {token}", "x-api-key": key},
        json={"input": {"href": source, "storage": "external"},
              "output": {"href": target, "storage": "external"}},
    )
    return response.json()["_links"]["self"]["href"]
'''


def py_block(index: int) -> str:
    return f'''

def step{index}(value, retries={index % 4}):
    url = f"{{API}}/items/{{value}}?page={index}"
    response = requests.get(url, headers={{"Accept": "application/json"}})
    response.raise_for_status()
    total = 0
    for item in response.json()["items"]:
        total += item["score"] * {index + 1} + item.get("bonus", 0)
    return {{"total": total, "items": [dict(item, rank=item["score"] * {index + 1}) for item in response.json()["items"]]}}


class Store{index}:
    def __init__(self, name):
        self.name, self.cache = name, {{}}

    def get(self, key):
        return self.cache.get(key)
'''


def sized(head: str, block, call: str, size: int) -> str:
    """``head``, blocks until about ``size`` bytes, the v1 call in the middle."""
    parts, total, index = [head], len(head), 0
    while total < size:
        part = block(index)
        parts.append(part)
        total += len(part)
        index += 1
    parts.insert(len(parts) // 2, call)
    return "".join(parts)


def write(out: Path, megabytes: float) -> None:
    size = int(megabytes * 1_000_000)
    out.mkdir(parents=True, exist_ok=True)
    script = sized("", js_block, V1_JS, size)
    (out / "big.js").write_text(script, encoding="utf-8")
    (out / "bundle.min.js").write_text(minify(script), encoding="utf-8")
    (out / "big.sh").write_text(sized("#!/bin/sh\nset -eu\n", sh_block, V1_SH, size), encoding="utf-8")
    (out / "big.md").write_text(sized("# Items\n", md_block, f"\n```bash{V1_SH}```\n", size), encoding="utf-8")
    (out / "big.py").write_text(sized("import requests\n\nAPI = 'https://api.example'\n", py_block, V1_PY, size),
                                encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=1.4)
    args = parser.parse_args()
    write(args.out, args.mb)
    for path in sorted(args.out.iterdir()):
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

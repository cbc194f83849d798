// A TypeScript file written in the subset Node 20 runs as CommonJS (no type annotations): read
// with the TypeScript grammar, run by `node` as it is.
const API = "https://image.adobe.io";
const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY,
  "Content-Type": "application/json" };

async function smartObject() {
  const res = await fetch(`${API}/pie/psdService/smartObject`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
      options: { layers: [{ name: "Logo", input: { href: "https://in.example/logo.png", storage: "external" } }] },
      outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/png" }],
    }),
  });
  if (!res.ok) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  return (await res.json())._links.self.href;
}

async function main() {
  const statusUrl = await smartObject();
  for (let i = 0; i < 30; i++) {
    const status = await (await fetch(statusUrl, { headers })).json();
    if (status.outputs[0].status === "succeeded") return "succeeded";
    if (status.outputs[0].status === "failed") throw new Error(JSON.stringify(status));
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

main().then(console.log, (error) => { console.error(error); process.exit(1); });

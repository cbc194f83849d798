// A client of two modules: its URLs are pieces of ./settings, the operation its own.
const { HOST, PHOTOSHOP } = require("./settings.cjs");

const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY,
  "Content-Type": "application/json" };

async function main() {
  const res = await fetch(`${HOST}${PHOTOSHOP}/documentManifest`, {
    method: "POST",
    headers,
    body: JSON.stringify({ inputs: [{ href: process.env.INPUT_URL, storage: "external" }] }),
  });
  if (!res.ok) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  const statusUrl = (await res.json())._links.self.href;
  for (let i = 0; i < 30; i++) {
    const status = await (await fetch(statusUrl, { headers })).json();
    if (status.outputs[0].status === "succeeded") return "succeeded";
    if (status.outputs[0].status === "failed") throw new Error(JSON.stringify(status));
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

main().then(console.log, (error) => { console.error(error); process.exit(1); });

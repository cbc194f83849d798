// Remove the background: v1's /sensei, served on image.adobe.io in v2 too.
const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY,
  "Content-Type": "application/json" };

async function main() {
  const res = await fetch("https://image.adobe.io/sensei/cutout", {
    method: "POST",
    headers,
    body: JSON.stringify({ input: { href: process.env.INPUT_URL, storage: "external" },
      output: { href: process.env.OUTPUT_URL, storage: "external" } }),
  });
  if (!res.ok) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  const job = await res.json();
  const statusUrl = job._links.self.href;
  for (let i = 0; i < 30; i++) {
    const state = await (await fetch(statusUrl, { headers })).json();
    if (state.status === "succeeded") return state.status;
    if (state.status === "failed") throw new Error("failed");
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

main().then(console.log, (error) => { console.error(error); process.exit(1); });

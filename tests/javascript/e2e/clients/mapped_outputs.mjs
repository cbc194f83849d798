// An MCP server's Lightroom tool (Firefly MCP hubs): the outputs a caller asks for are mapped to
// v1 file references at run time, the rest of the body is literal.
const BASE = "https://image.adobe.io";
const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY };

async function autoTone(inputHref, outputs) {
  const body = {
    inputs: { href: inputHref, storage: "external" },
    outputs: outputs.map((o) => ({ href: o.href, storage: "external", type: o.type, overwrite: true })),
  };
  const res = await fetch(`${BASE}/lrService/autoTone`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`autoTone answered ${res.status}: ${await res.text()}`);
  return res.json();
}

const job = await autoTone(process.env.INPUT_URL, [{ href: process.env.OUTPUT_URL, type: "image/jpeg" }]);
for (let i = 0; i < 30; i++) {
  const status = await (await fetch(job._links.self.href, { headers })).json();
  if (status.outputs[0].status === "succeeded") {
    console.log("succeeded");
    process.exit(0);
  }
  if (status.outputs[0].status === "failed") throw new Error("failed");
  await new Promise((r) => setTimeout(r, 50));
}
process.exit(1);

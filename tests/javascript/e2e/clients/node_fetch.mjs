// node-fetch, a string concatenation for the URL.
import fetch from "node-fetch";

const HOST = "https://image.adobe.io";
const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY,
  "Content-Type": "application/json" };

const res = await fetch(HOST + "/lrService/autoStraighten", {
  method: "POST",
  headers,
  body: JSON.stringify({
    inputs: { href: process.env.INPUT_URL, storage: "external" },
    outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/jpeg" }],
  }),
});
if (!res.ok) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
const statusUrl = (await res.json())._links.self.href;
let state = "pending";
for (let i = 0; i < 30 && state !== "succeeded" && state !== "failed"; i++) {
  const status = await (await fetch(statusUrl, { headers })).json();
  state = status.outputs[0].status;
  await new Promise((r) => setTimeout(r, 50));
}
console.log(state);
process.exit(state === "succeeded" ? 0 : 1);

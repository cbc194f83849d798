// Inline ActionJSON with fetch; the status URL built from the job id of the first poll.
const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY,
  "Content-Type": "application/json" };
const ENDPOINT = "https://image.adobe.io/pie/psdService/actionJSON";

const submitted = await fetch(ENDPOINT, {
  method: "POST",
  headers,
  body: JSON.stringify({
    inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
    options: { actionJSON: [{ _obj: "imageSize", width: { _unit: "pixelsUnit", _value: 300 } }] },
    outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/png" }],
  }),
});
if (!submitted.ok) throw new Error(`submit answered ${submitted.status}: ${await submitted.text()}`);
const link = (await submitted.json())._links.self.href;
let done = false;
for (let i = 0; i < 30 && !done; i++) {
  const poll = await fetch(link, { headers });
  const status = await poll.json();
  done = status.outputs[0].status === "succeeded";
  if (!done) await new Promise((r) => setTimeout(r, 50));
}
console.log(done ? "succeeded" : "timed out");
process.exit(done ? 0 : 1);

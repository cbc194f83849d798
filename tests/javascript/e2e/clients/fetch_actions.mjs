// v1 Photoshop actions with fetch: submit, follow the status link, wait for the output.
const headers = {
  Authorization: `Bearer ${process.env.TOKEN}`,
  "x-api-key": process.env.API_KEY,
  "Content-Type": "application/json",
};

const res = await fetch("https://image.adobe.io/pie/psdService/photoshopActions", {
  method: "POST",
  headers,
  body: JSON.stringify({
    inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
    options: { actions: [{ href: "https://actions.example/resize.atn", storage: "external" }] },
    outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/png" }],
  }),
});
if (!res.ok) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
const statusUrl = (await res.json())._links.self.href;
for (let attempt = 0; attempt < 30; attempt++) {
  const status = await (await fetch(statusUrl, { headers })).json();
  if (status.outputs[0].status === "succeeded") {
    console.log("succeeded");
    process.exit(0);
  }
  if (status.outputs[0].status === "failed") throw new Error("job failed");
  await new Promise((resolve) => setTimeout(resolve, 50));
}
throw new Error("timed out");

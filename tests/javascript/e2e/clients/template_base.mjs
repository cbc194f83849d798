// A base URL constant and template literals, as most clients build their URLs.
const BASE = "https://image.adobe.io";
const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY };

async function submit() {
  const response = await fetch(`${BASE}/pie/psdService/renditionCreate`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({
      inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
      outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/png", width: 512 }],
    }),
  });
  if (!response.ok) throw new Error(`submit answered ${response.status}`);
  const job = await response.json();
  return job._links.self.href;
}

const statusUrl = await submit();
while (true) {
  const res = await fetch(statusUrl, { headers });
  const body = await res.json();
  const state = body.outputs[0].status;
  if (state === "succeeded" || state === "failed") {
    console.log(state);
    process.exit(state === "succeeded" ? 0 : 1);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}

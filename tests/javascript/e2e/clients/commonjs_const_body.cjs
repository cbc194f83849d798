// CommonJS, the URL and the body in constants of the module.
const URL = "https://image.adobe.io/pie/psdService/documentManifest";
const HEADERS = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY };

const body = {
  inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
};

async function main() {
  const res = await fetch(URL, { method: "POST", headers: { ...HEADERS, "Content-Type": "application/json" },
    body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`submit answered ${res.status}`);
  const data = await res.json();
  const statusUrl = data._links.self.href;
  for (let i = 0; i < 30; i++) {
    const status = await (await fetch(statusUrl, { headers: HEADERS })).json();
    if (status.outputs[0].status === "succeeded") return "succeeded";
    if (status.outputs[0].status === "failed") throw new Error("failed");
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

main().then((state) => console.log(state), (error) => { console.error(error); process.exit(1); });

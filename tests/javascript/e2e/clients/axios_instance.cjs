// An axios instance with a baseURL and relative paths.
const axios = require("axios");

const api = axios.create({
  baseURL: "https://image.adobe.io",
  headers: { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY },
});

async function main() {
  const res = await api.post("/pie/psdService/photoshopActions", {
    inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
    options: { actions: [{ href: "https://actions.example/a.atn", storage: "external" }] },
    outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/png" }],
  });
  const statusUrl = res.data._links.self.href;
  for (let i = 0; i < 30; i++) {
    const poll = await api.get(statusUrl);
    if (poll.data.outputs[0].status === "succeeded") return "succeeded";
    if (poll.data.outputs[0].status === "failed") throw new Error("failed");
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

main().then(console.log, (error) => { console.error(error.response ? error.response.data : error); process.exit(1); });

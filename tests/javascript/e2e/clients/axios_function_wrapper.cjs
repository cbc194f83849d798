// axios through helper functions: a host put before the path, the body axios's `data`.
const axios = require("axios");

const HOST = "https://image.adobe.io";
const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY };

const submit = async (path, data) => (await axios.post(HOST + path, data, { headers })).data;

function status(url) {
  return axios.get(url, { headers }).then((r) => r.data);
}

async function main() {
  const job = await submit("/pie/psdService/text", {
    inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
    options: { layers: [{ name: "Title", text: { content: "Hello" } }] },
    outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/png" }],
  });
  for (let attempt = 0; attempt < 30; attempt++) {
    const current = await status(job._links.self.href);
    const state = current.outputs[0].status;
    if (state === "succeeded" || state === "failed") return state;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

main().then((state) => {
  console.log(state);
  process.exit(state === "succeeded" ? 0 : 1);
}, (error) => {
  console.error(error.response ? JSON.stringify(error.response.data) : error);
  process.exit(1);
});

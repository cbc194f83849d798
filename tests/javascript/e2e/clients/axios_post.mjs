// axios.post with a destructured response, the text endpoint.
import axios from "axios";

const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY };

try {
  const { data } = await axios.post("https://image.adobe.io/pie/psdService/text", {
    inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
    options: { layers: [{ name: "Title", text: { content: "Hello" } }] },
    outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/png" }],
  }, { headers });
  let state = "pending";
  while (state !== "succeeded" && state !== "failed") {
    const poll = await axios.get(data._links.self.href, { headers });
    state = poll.data.outputs[0].status;
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log(state);
  process.exit(state === "succeeded" ? 0 : 1);
} catch (error) {
  console.error(error.response ? JSON.stringify(error.response.data) : error);
  process.exit(1);
}

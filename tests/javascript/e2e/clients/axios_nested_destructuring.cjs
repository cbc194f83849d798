// An axios client reading each poll by destructuring, `const { data: { outputs } } = await axios.get(url)`,
// the poll handed the status link by `.then(poll)`.
const axios = require("axios");

const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY };
const body = {
  inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
  outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/png" }],
};

function submit() {
  return axios
    .post("https://image.adobe.io/pie/psdService/renditionCreate", body, { headers })
    .then((res) => res.data._links.self.href);
}

async function poll(url) {
  for (let i = 0; i < 30; i++) {
    const { data: { outputs } } = await axios.get(url, { headers });
    if (outputs[0].status === "succeeded") return outputs[0].status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

submit()
  .then(poll)
  .then((state) => console.log(state))
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });

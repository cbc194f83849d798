// Every request goes through helper functions of the module: the URL and body are their parameters.
const AUTOTONE = "https://image.adobe.io/lrService/autoTone";

async function adobePost(url, token, payload) {
  const res = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "x-api-key": process.env.API_KEY, "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

const adobeGet = async (url, token) => {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, "x-api-key": process.env.API_KEY } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
};

async function autoTone(src, dst, token) {
  const payload = {
    inputs: { href: src, storage: "external" },
    outputs: [{ href: dst, storage: "external", type: "image/jpeg" }],
  };
  const job = await adobePost(AUTOTONE, token, payload);
  return job._links.self.href;
}

const statusUrl = await autoTone(process.env.INPUT_URL, process.env.OUTPUT_URL, process.env.TOKEN);
for (let attempt = 0; attempt < 30; attempt++) {
  const status = await adobeGet(statusUrl, process.env.TOKEN);
  if (status.outputs[0].status === "succeeded" || status.outputs[0].status === "failed") {
    console.log(status.outputs[0].status);
    process.exit(status.outputs[0].status === "succeeded" ? 0 : 1);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
throw new Error("timed out");

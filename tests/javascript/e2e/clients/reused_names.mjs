// Each function keeps its own `resp` and `data` (as many demo clients are written): a Lightroom
// auto-tone job submitted in one function, its status polled in another.
const headers = {
  Authorization: `Bearer ${process.env.TOKEN}`,
  "x-api-key": process.env.API_KEY,
  "Content-Type": "application/json",
};

async function submit(input, output) {
  let data = {
    inputs: { href: input, storage: "external" },
    outputs: [{ href: output, storage: "external", type: "image/jpeg", overwrite: true }],
  };
  let resp = await fetch("https://image.adobe.io/lrService/autoTone", {
    method: "POST",
    headers,
    body: JSON.stringify(data),
  });
  if (!resp.ok) throw new Error(`submit answered ${resp.status}: ${await resp.text()}`);
  return await resp.json();
}

async function wait(job) {
  for (let attempt = 0; attempt < 30; attempt++) {
    let resp = await fetch(job._links.self.href, { headers });
    let data = await resp.json();
    let status = data.outputs[0].status;
    if (status === "succeeded") return status;
    if (status === "failed") throw new Error("job failed");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out");
}

const job = await submit(process.env.INPUT_URL, process.env.OUTPUT_URL);
console.log(await wait(job));

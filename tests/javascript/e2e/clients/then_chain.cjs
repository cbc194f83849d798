// Promise chains without await: submit, follow the status link, poll until the job ends.
const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY,
  "Content-Type": "application/json" };

function submit() {
  return fetch("https://image.adobe.io/pie/psdService/renditionCreate", {
    method: "POST",
    headers,
    body: JSON.stringify({
      inputs: [{ href: process.env.INPUT_URL, storage: "external" }],
      outputs: [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/jpeg" }],
    }),
  })
    .then((response) => {
      if (!response.ok) throw new Error(`submit answered ${response.status}`);
      return response.json();
    })
    .then((submitted) => submitted._links.self.href);
}

function wait(statusUrl, attempt = 0) {
  return fetch(statusUrl, { headers })
    .then((reply) => reply.json())
    .then((job) => {
      if (job.outputs[0].status === "succeeded" || job.outputs[0].status === "failed") return job.outputs[0].status;
      if (attempt > 30) throw new Error("timed out");
      return new Promise((resolve) => setTimeout(resolve, 50)).then(() => wait(statusUrl, attempt + 1));
    });
}

submit().then(wait).then(console.log, (error) => { console.error(error); process.exit(1); });

// A hand-written client class: one base URL, a method per operation taking a path.
class LightroomClient {
  constructor(token, key) {
    this.base = "https://image.adobe.io";
    this.headers = { Authorization: `Bearer ${token}`, "x-api-key": key, "Content-Type": "application/json" };
  }

  async post(path, body) {
    const res = await fetch(this.base + path, { method: "POST", headers: this.headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  }

  autoTone(input, output) {
    return this.post("/lrService/autoTone", {
      inputs: { href: input, storage: "external" },
      outputs: [{ href: output, storage: "external", type: "image/jpeg" }],
    });
  }

  async wait(statusUrl) {
    for (let i = 0; i < 30; i++) {
      const status = await (await fetch(statusUrl, { headers: this.headers })).json();
      if (status.outputs[0].status === "succeeded" || status.outputs[0].status === "failed") {
        return status.outputs[0].status;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("timed out");
  }
}

const client = new LightroomClient(process.env.TOKEN, process.env.API_KEY);
const job = await client.autoTone(process.env.INPUT_URL, process.env.OUTPUT_URL);
const state = await client.wait(job._links.self.href);
console.log(state);
process.exit(state === "succeeded" ? 0 : 1);

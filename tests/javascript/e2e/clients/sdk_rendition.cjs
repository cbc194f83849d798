// The v1 SDK in CommonJS: a rendition of a PSD, the client built from the environment.
const sdk = require("@adobe/aio-lib-photoshop-api");

async function main() {
  const client = await sdk.init(process.env.ORG_ID, process.env.API_KEY, process.env.TOKEN);
  const job = await client.createRendition({ href: process.env.INPUT_URL, storage: "external" },
    [{ href: process.env.OUTPUT_URL, storage: "external", type: "image/png" }]);
  await job.pollUntilDone();
  if (job.outputs[0].status !== "succeeded") throw new Error(`job ${job.jobId}: ${job.outputs[0].status}`);
  return job.outputs[0].status;
}

main().then(console.log, (error) => { console.error(error); process.exit(1); });

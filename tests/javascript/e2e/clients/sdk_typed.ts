// The v1 SDK from TypeScript with types: a namespace import, typed credentials and a typed result.
import * as sdk from "@adobe/aio-lib-photoshop-api";

interface Credentials { apiKey: string; token: string }
const ACTIONS = [{ href: "https://actions.example/sepia.atn", storage: "external" }];

export async function sepia(input: string, output: string, credentials: Credentials): Promise<string> {
  const { apiKey, token } = credentials;
  const client: any = await sdk.init("org@AdobeOrg", apiKey, token);
  const job = await client.applyPhotoshopActions({ href: input, storage: "external" },
    { href: output, storage: "external", type: "image/png" }, { actions: ACTIONS });
  return job.outputs[0].status as string;
}

sepia(process.env.INPUT_URL!, process.env.OUTPUT_URL!, { apiKey: process.env.API_KEY!, token: process.env.TOKEN! })
  .then(console.log, (error: unknown) => { console.error(error); process.exit(1); });

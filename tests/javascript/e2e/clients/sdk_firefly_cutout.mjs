// removeBackground of @adobe/photoshop-apis, an ES module: v2 serves it on image.adobe.io, and
// keeps the result itself (the TODO psmigrate writes above the call says so).
import { PhotoshopClient, StorageType } from "@adobe/photoshop-apis";

const tokenProvider = { getToken: () => process.env.TOKEN };
const client = new PhotoshopClient({ clientId: process.env.API_KEY, tokenProvider });

async function main() {
  const job = await client.removeBackground({
    input: { href: process.env.INPUT_URL, storage: StorageType.EXTERNAL },
    output: { href: process.env.OUTPUT_URL, storage: StorageType.EXTERNAL },
  });
  return job.result.status;
}

main().then(console.log, (error) => { console.error(error); process.exit(1); });

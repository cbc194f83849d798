// @adobe/photoshop-apis as Adobe's examples use it: a ServerToServerTokenProvider, the client
// built from a config in the same function, request bodies in local constants and the SDK's enums.
const { PhotoshopClient, StorageType, ImageFormatType } = require("@adobe/photoshop-apis");
const { ServerToServerTokenProvider } = require("@adobe/firefly-services-common-apis");

async function main() {
  const clientId = process.env.API_KEY;
  const authProvider = new ServerToServerTokenProvider({ clientId: clientId, clientSecret: "e2e-secret",
    scopes: "openid,AdobeID,read_organizations" }, { autoRefresh: true });
  const config = { tokenProvider: authProvider, clientId: clientId };
  const photoshop = new PhotoshopClient(config);

  const psdInput = { href: process.env.INPUT_URL, storage: StorageType.EXTERNAL };
  const rendition = await photoshop.createRendition({
    inputs: [psdInput],
    outputs: [{ href: process.env.OUTPUT_URL, storage: StorageType.EXTERNAL, type: ImageFormatType.IMAGE_PNG }],
  });
  console.log("rendition", rendition.result.outputs[0].status);

  const played = await photoshop.playPhotoshopActions({
    inputs: [psdInput],
    options: { actions: [{ href: "https://assets.example/vintage.atn", storage: StorageType.EXTERNAL }] },
    outputs: [{ href: process.env.OUTPUT_URL, storage: StorageType.EXTERNAL, type: ImageFormatType.IMAGE_JPEG }],
  });
  return played.result.outputs[0].status;
}

main().then(console.log, (error) => { console.error(error); process.exit(1); });

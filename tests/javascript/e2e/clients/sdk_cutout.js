// The v1 SDK's cutout (remove-background in v2, on image.adobe.io), the credentials an object of the module.
const sdk = require("@adobe/aio-lib-photoshop-api");

const credentials = { key: process.env.API_KEY, token: process.env.TOKEN };

async function main() {
  const client = await sdk.init("org@AdobeOrg", credentials.key, credentials.token);
  const cutout = await client.createCutout("https://in.example/portrait.jpg",
    { href: "https://out.example/portrait.png", storage: "external" });
  return cutout.outputs[0].status;
}

main().then(console.log, (error) => { console.error(error); process.exit(1); });

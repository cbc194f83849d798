// The v1 SDK as an ES module: `init` imported by name, the files module constants (the SDK
// picks the storage from each URL and the output's type from its extension), the credentials
// a function's parameters.
import { init } from "@adobe/aio-lib-photoshop-api";

const PHOTO = "https://in.example/photo.jpg";
const TONED = "https://out.example/photo-toned.jpg";

async function tone(apiKey, token) {
  const photoshop = await init("org@AdobeOrg", apiKey, token);
  const job = await photoshop.autoTone(PHOTO, TONED);
  return job.outputs[0].status;
}

console.log(await tone(process.env.API_KEY, process.env.TOKEN));

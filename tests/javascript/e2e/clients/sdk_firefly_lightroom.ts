// @adobe/lightroom-apis in TypeScript: the application's own token provider, the client in a
// module constant, a failed job caught as the SDK rejects it.
import { LightroomClient, StorageType, ImageFormatType } from "@adobe/lightroom-apis";

interface TokenProvider { getToken(): Promise<string> }

const provider: TokenProvider = { getToken: async () => process.env.TOKEN ?? "" };
const lightroom: LightroomClient = new LightroomClient({ clientId: process.env.API_KEY ?? "", tokenProvider: provider });

async function main(): Promise<string> {
  const toned = await lightroom.applyAutoTone({
    inputs: { href: process.env.INPUT_URL, storage: StorageType.EXTERNAL },
    outputs: [{ href: process.env.OUTPUT_URL, storage: StorageType.EXTERNAL, type: ImageFormatType.IMAGE_JPEG }],
  });
  const edited = await lightroom.applyEdits({
    inputs: { source: { href: process.env.INPUT_URL, storage: StorageType.EXTERNAL } },
    options: { Exposure: 0.4, Vibrance: 12 },
    outputs: [{ href: process.env.OUTPUT_URL, storage: StorageType.EXTERNAL, type: ImageFormatType.IMAGE_JPEG }],
  });
  if (toned.result.outputs[0].status !== "succeeded") throw new Error(`auto tone: ${toned.result.jobId}`);
  return edited.result.outputs[0].status;
}

main().then(console.log, (error) => { console.error(error); process.exit(1); });

// TypeScript with types: interfaces, annotations, generics, casts and a non-null assertion, the
// v1 body typed, the status read through a typed helper.
interface FileRef { href: string; storage: "external" | "azure" | "dropbox"; type?: string }
interface V1Body { inputs: FileRef[]; outputs: FileRef[] }
type Headers = Record<string, string>;

const HOST: string = "https://image.adobe.io";
const headers: Headers = { Authorization: `Bearer ${process.env.TOKEN!}`, "x-api-key": process.env.API_KEY as string,
  "Content-Type": "application/json" };

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function main(): Promise<string> {
  const body: V1Body = {
    inputs: [{ href: process.env.INPUT_URL!, storage: "external" }],
    outputs: [{ href: process.env.OUTPUT_URL!, storage: "external", type: "image/jpeg" }],
  };
  const res = await fetch(`${HOST}/pie/psdService/renditionCreate`, { method: "POST", headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  const statusUrl: string = (await res.json())._links.self.href;
  for (let i: number = 0; i < 30; i++) {
    const status = await (await fetch(statusUrl, { headers })).json();
    if (status.outputs[0].status === "succeeded") return "succeeded";
    if (status.outputs[0].status === "failed") throw new Error(JSON.stringify(status));
    await new Promise<void>((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out");
}

main().then(console.log, (error: unknown) => { console.error(error); process.exit(1); });

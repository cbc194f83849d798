// The body comes from the caller: psmigrate cannot convert it, and says so on every run.
const headers = { Authorization: `Bearer ${process.env.TOKEN}`, "x-api-key": process.env.API_KEY,
  "Content-Type": "application/json" };

export async function submit(body) {
  const res = await fetch("https://image.adobe.io/pie/psdService/photoshopActions", {
    method: "POST", headers, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  return res.json();
}

const v1Body = JSON.parse(process.env.V1_BODY);
const job = await submit(v1Body);
console.log(job._links ? "submitted" : "submitted");

// Sends requests for Adobe's hosts to the sandbox (SANDBOX_URL) over plain HTTP with the Adobe
// Host header kept, so the sandbox holds each request to its host's operations as Adobe does
// (fetch itself drops a Host header; node:http sends it). Other URLs go to the real fetch.
const http = require("node:http");

const target = new URL(process.env.SANDBOX_URL);
const realFetch = globalThis.fetch;

globalThis.fetch = async function fetch(input, init = {}) {
  const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url);
  if (!url.hostname.endsWith(".adobe.io")) return realFetch(input, init);
  const headers = Object.fromEntries(new Headers(init.headers || {}).entries());
  headers.host = url.host;
  const body = init.body == null ? null : Buffer.from(String(init.body));
  if (body) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname: target.hostname, port: target.port, path: url.pathname + url.search,
                                   method: (init.method || "GET").toUpperCase(), headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve(new Response(response.statusCode === 204 ? null : Buffer.concat(chunks),
        { status: response.statusCode, headers: response.headers })));
      response.on("error", reject);
    });
    request.on("error", reject);
    if (body) request.write(body);
    request.end();
  });
};

// What the stand-ins for the Firefly Services SDKs share: the client constructor's checks and
// one request as the packages' core sends it (x-api-key, `Authorization: Bearer` from the token
// provider, the body JSON as given). Submitting a v1 job fails at the sandbox (410 Gone).
class FireflyStandIn {
  constructor(config) {
    if (!config || !config.tokenProvider) throw new Error("Provide config with tokenProvider or clientSecret.");
    if (typeof config.clientId !== "string" || !config.clientId) throw new Error("config.clientId is not valid");
    this.config = config;
  }

  async submit(method, path, requestBody) {
    const token = await this.config.tokenProvider.getToken();
    const res = await fetch(`https://image.adobe.io${path}`, { method: "POST", body: JSON.stringify(requestBody),
      headers: { Authorization: `Bearer ${token}`, "x-api-key": this.config.clientId,
        "Content-Type": "application/json" } });
    if (!res.ok) throw new Error(`${method}: ${path} answered ${res.status}`);
    throw new Error(`${method}: the stand-in SDK does not poll`);
  }
}

const StorageType = { EXTERNAL: "external", AZURE: "azure", DROPBOX: "dropbox" };

module.exports = { FireflyStandIn, StorageType };

// An integration app object (Pipedream's Adobe Photoshop app): the v1 base URL is what a
// method returns, each operation adds its path to it in a generic request method.
const app = {
  $auth: { oauth_access_token: process.env.TOKEN, client_id: process.env.API_KEY },
  _baseUrl() {
    return "https://image.adobe.io/sensei";
  },
  _headers() {
    return { Authorization: `Bearer ${this.$auth.oauth_access_token}`, "x-api-key": `${this.$auth.client_id}` };
  },
  async _makeRequest({ path, method = "GET", data }) {
    const res = await fetch(this._baseUrl() + path, {
      method,
      headers: { ...this._headers(), "Content-Type": "application/json" },
      body: data === undefined ? undefined : JSON.stringify(data),
    });
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return res.json();
  },
  removeBackground(data) {
    return this._makeRequest({ method: "POST", path: "/cutout", data });
  },
};

const job = await app.removeBackground({
  input: { href: process.env.INPUT_URL, storage: "external" },
  output: { href: process.env.OUTPUT_URL, storage: "external" },
});
console.log(job);

// Stands in for axios (no npm install in the tests): the calls the clients make, on the global
// fetch, with axios's response shape ({status, data, headers}) and its throw on a 4xx/5xx answer.
function make(defaults = {}) {
  async function request(config) {
    const merged = { ...defaults, ...config, headers: { ...(defaults.headers || {}), ...(config.headers || {}) } };
    const url = /^https?:/.test(merged.url) ? merged.url : (merged.baseURL || "") + merged.url;
    const init = { method: (merged.method || "get").toUpperCase(), headers: { ...merged.headers } };
    if (merged.data !== undefined) {
      init.body = typeof merged.data === "string" ? merged.data : JSON.stringify(merged.data);
      init.headers["Content-Type"] = init.headers["Content-Type"] || "application/json";
    }
    const res = await globalThis.fetch(url, init);
    const text = await res.text();
    let data = text;
    try { data = JSON.parse(text); } catch (e) { /* not JSON */ }
    if (res.status >= 400) {
      const error = new Error(`Request failed with status code ${res.status}`);
      error.response = { status: res.status, data };
      throw error;
    }
    return { status: res.status, data, headers: res.headers };
  }
  const axios = (urlOrConfig, config = {}) =>
    typeof urlOrConfig === "string" ? request({ ...config, url: urlOrConfig }) : request(urlOrConfig);
  axios.request = request;
  for (const verb of ["get", "delete", "head"]) axios[verb] = (url, config = {}) => request({ ...config, url, method: verb });
  for (const verb of ["post", "put", "patch"]) {
    axios[verb] = (url, data, config = {}) => request({ ...config, url, data, method: verb });
  }
  axios.create = (more = {}) => make({ ...defaults, ...more, headers: { ...(defaults.headers || {}), ...(more.headers || {}) } });
  return axios;
}
module.exports = make();
module.exports.default = module.exports;

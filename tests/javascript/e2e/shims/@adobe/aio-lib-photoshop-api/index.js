// Stands in for @adobe/aio-lib-photoshop-api (no npm install in the tests): `init` and the
// methods the e2e clients call, each POSTing to its v1 endpoint as the SDK does. The sandbox
// answers v1 paths 410 Gone, so an unmigrated client fails as it does at Adobe today.
const V1 = {
  createCutout: "/sensei/cutout", autoTone: "/lrService/autoTone", straighten: "/lrService/autoStraighten",
  createRendition: "/pie/psdService/renditionCreate", applyPhotoshopActions: "/pie/psdService/photoshopActions",
  replaceSmartObject: "/pie/psdService/smartObject",
};

async function init(orgId, apiKey, accessToken) {
  if (!apiKey || !accessToken) throw new Error("sdk.init: apiKey and accessToken are required");
  const headers = { Authorization: `Bearer ${accessToken}`, "x-api-key": apiKey, "x-gw-ims-org-id": orgId,
    "Content-Type": "application/json" };
  const client = { orgId, apiKey, accessToken };
  for (const [method, path] of Object.entries(V1)) {
    client[method] = async (...args) => {
      const res = await fetch(`https://image.adobe.io${path}`, { method: "POST", headers,
        body: JSON.stringify({ args }) });
      if (!res.ok) throw new Error(`${method}: ${path} answered ${res.status}`);
      throw new Error(`${method}: the stand-in SDK does not poll`);
    };
  }
  return client;
}

module.exports = { init };

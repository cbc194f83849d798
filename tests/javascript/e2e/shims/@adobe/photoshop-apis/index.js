// Stands in for @adobe/photoshop-apis (no npm install in the tests): the client as the package
// builds it (a ClientConfig `{ clientId, tokenProvider }`; x-api-key and a Bearer token from the
// provider on every request), its methods POSTing their first argument unchanged to the v1
// endpoint on image.adobe.io, and the enums the e2e clients use. The sandbox answers v1 paths
// 410 Gone, so an unmigrated client fails as it does at Adobe today.
const { FireflyStandIn, StorageType } = require("../firefly-services-common-apis/standin.js");

const V1 = {
  createRendition: "/pie/psdService/renditionCreate", modifyDocument: "/pie/psdService/documentOperations",
  playPhotoshopActions: "/pie/psdService/photoshopActions", playPhotoshopActionsJson: "/pie/psdService/actionJSON",
  removeBackground: "/sensei/cutout", createMask: "/sensei/mask",
};

class PhotoshopClient extends FireflyStandIn {}
for (const [method, path] of Object.entries(V1)) {
  PhotoshopClient.prototype[method] = function (requestBody) { return this.submit(method, path, requestBody); };
}

const ImageFormatType = { IMAGE_JPEG: "image/jpeg", IMAGE_PNG: "image/png", IMAGE_TIFF: "image/tiff",
  IMAGE_VND_ADOBE_PHOTOSHOP: "image/vnd.adobe.photoshop" };

module.exports = { PhotoshopClient, StorageType, ImageFormatType };

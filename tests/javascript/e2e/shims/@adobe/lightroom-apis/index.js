// Stands in for @adobe/lightroom-apis, as photoshop-apis's stand-in does for that package.
const { FireflyStandIn, StorageType } = require("../firefly-services-common-apis/standin.js");

const V1 = {
  autoStraightenImage: "/lrService/autoStraighten", applyAutoTone: "/lrService/autoTone",
  applyEdits: "/lrService/edit", applyPreset: "/lrService/presets",
};

class LightroomClient extends FireflyStandIn {}
for (const [method, path] of Object.entries(V1)) {
  LightroomClient.prototype[method] = function (requestBody) { return this.submit(method, path, requestBody); };
}

const ImageFormatType = { IMAGE_JPEG: "image/jpeg", IMAGE_PNG: "image/png", IMAGE_X_ADOBE_DNG: "image/x-adobe-dng" };

module.exports = { LightroomClient, StorageType, ImageFormatType };

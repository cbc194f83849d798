// Settings another module builds its URLs from: the host and the service prefix.
module.exports = {
  HOST: "https://image.adobe.io",
  PHOTOSHOP: "/pie/psdService",
};

// Stands in for @adobe/firefly-services-common-apis: a ServerToServerTokenProvider that, instead
// of asking Adobe IMS for a token with the client secret, answers the test's TOKEN.
class ServerToServerTokenProvider {
  constructor(details, options) {
    if (!details || !details.clientId || !details.clientSecret) throw new Error("clientId and clientSecret are required");
    this.options = options;
  }

  async getToken() {
    return process.env.TOKEN;
  }
}

module.exports = { ServerToServerTokenProvider };

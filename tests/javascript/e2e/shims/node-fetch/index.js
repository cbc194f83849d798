// Stands in for the node-fetch package (no npm install in the tests): the global fetch.
module.exports = (...args) => globalThis.fetch(...args);
module.exports.default = module.exports;

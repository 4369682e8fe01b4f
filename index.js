// n8n loads this package through the "n8n" section of package.json; this entry point exists for tools that require() the package.
module.exports = {};

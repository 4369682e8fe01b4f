// Runs once in Jest's parent process: one temp root for the whole run, removed in globalTeardown.
// Worker processes inherit process.env, so each test file can make its own folder under it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function globalSetup() {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-caf-jest-'));
	process.env.N8N_TEST_TMP_ROOT = root;
};

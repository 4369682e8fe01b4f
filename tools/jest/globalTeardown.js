const fs = require('node:fs');

module.exports = async function globalTeardown() {
	const root = process.env.N8N_TEST_TMP_ROOT;
	if (root) fs.rmSync(root, { recursive: true, force: true });
};

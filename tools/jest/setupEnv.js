// Runs in every test file's sandbox before any module is loaded, so n8n-core's config classes
// (read from process.env when first resolved from the DI container) see these values.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = process.env.N8N_TEST_TMP_ROOT || os.tmpdir();

// A fresh n8n user folder per test file: InstanceSettings writes `<folder>/.n8n/config`
// (with a generated encryption key) there instead of into the developer's ~/.n8n.
process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(root, 'n8n-user-'));
process.env.N8N_LOG_LEVEL = 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_VERSION_NOTIFICATIONS_ENABLED = 'false';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_SSRF_PROTECTION_ENABLED = 'false'; // tests talk to servers on 127.0.0.1
process.env.GENERIC_TIMEZONE = process.env.GENERIC_TIMEZONE || 'UTC';

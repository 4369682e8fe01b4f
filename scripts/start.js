'use strict';
/**
 * `npm start`: the whole product on this machine, with no Shopify store and no API key.
 * Builds the package, gets the cached real n8n (see tools/install.js; the first run installs it, about
 * 8 minutes, and says where it is every 10 s), installs the package
 * into a fresh n8n user folder, starts the API emulator with a few hundred sample customers, imports
 * a credential pointing at it and the example workflows, starts n8n and prints the editor URL and
 * login. Ctrl-C stops everything it started: lib/procs.js stops n8n by its process group and removes
 * the user folder; the emulator runs in this process.
 */
const path = require('path');

const { ensureN8n, run } = require('../tools/install');
const { setVoice, withProgress } = require('../tools/log');
const n8n = require('../tools/n8n');
const { installPackageInto } = require('../tools/package');
const procs = require('../tools/procs');
const fx = require('../tools/fixtures');
const { startEmulator } = require('../tools/emulator');

function log(message) {
	console.log(`  ${message}`);
}

async function main() {
	setVoice('demo');
	log(
		'Starting the demo: n8n with the Customer Account Fields node, against a local API emulator.',
	);
	const inst = await ensureN8n();
	const { server, cli, emuPort, userFolder } = await n8n.contextsFor(inst, {
		tempPrefix: 'caf-demo-n8n-',
		firstPort: Number(process.env.N8N_PORT) || 5678,
	});

	await withProgress(log, 'building the package', () =>
		run('npm', ['run', 'build'], { cwd: path.join(__dirname, '..') }),
	);
	installPackageInto(userFolder, { build: false });

	const examples = fx.readExamples();
	const emu = await startEmulator({
		port: emuPort,
		customers: fx.seedCustomers(examples),
		windowMs: 1000,
		rateLimit: 1,
		shopDomain: fx.SHOP_DOMAIN,
		apiKey: fx.API_KEY,
	});
	log(
		`API emulator: ${emu.baseUrl} (${emu.customers.length} sample customers, 1 request per second)`,
	);

	await withProgress(
		log,
		'importing the credential and the example workflows into n8n',
		async () => {
			await n8n.importCredentials(cli, [fx.credential(emu.baseUrl)]);
			await n8n.importWorkflows(
				cli,
				examples.map((example) => example.workflow),
			);
		},
	);

	log('starting n8n…');
	const n8nProc = await n8n.startN8n(server);
	const owner = await n8n.setupOwner(n8nProc.baseUrl);

	console.log(`
  n8n is running with the Customer Account Fields node installed.

  Editor:    ${n8nProc.baseUrl}/
  Login:     ${owner.email}
  Password:  ${owner.password}

  Workflows: ${examples.map((example) => example.workflow.name).join('; ')}
  Credential "${fx.CREDENTIAL_NAME}" points at the emulator (shop ${fx.SHOP_DOMAIN}).

  Press Ctrl-C to stop n8n and the emulator.
`);
}

main().catch(async (error) => {
	console.error(error && error.stack ? error.stack : error);
	await procs.stopAll();
	process.exit(1);
});

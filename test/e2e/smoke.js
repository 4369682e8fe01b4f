'use strict';
/**
 * Self-test of the real-n8n e2e infrastructure, WITHOUT this project's node:
 *   install (cached) -> import a Manual Trigger -> Set workflow -> `n8n execute --id --rawOutput`
 *   -> `n8n start` -> owner setup + login -> Chromium opens the workflow, double-clicks the Set
 *   node, checks its parameter inputs and saves test/e2e/screenshots/smoke-set-node.png.
 *
 *   node test/e2e/smoke.js          (KEEP_E2E_FOLDER=1 keeps the temp n8n user folder)
 */
const assert = require('assert');
const { ensureN8n, ensurePlaywrightCore } = require('../../tools/install');
const { ensureChromium } = require('./lib/chromium');
const n8n = require('../../tools/n8n');
const browserLib = require('./lib/browser');
const procs = require('../../tools/procs');

const WORKFLOW_ID = 'cafE2eSmoke0001';
const TRIGGER = 'When clicking ‘Execute workflow’';

const workflow = {
	id: WORKFLOW_ID,
	name: 'E2E smoke: Manual Trigger -> Set',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'e2e-smoke-trigger',
			name: TRIGGER,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'e2e-smoke-set',
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [240, 0],
			parameters: {
				assignments: { assignments: [{ id: 'a1', name: 'hello', value: 'world', type: 'string' }] },
				options: {},
			},
		},
	],
	connections: { [TRIGGER]: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
};

async function main() {
	const timings = {};
	const t = () => Date.now();
	let s = t();
	const inst = await ensureN8n();
	timings.ensureN8n = t() - s;

	// CLI commands start their own task broker (cli.brokerPort).
	const { server, cli, userFolder } = await n8n.contextsFor(inst, { tempPrefix: 'caf-e2e-smoke-' });
	let n8nProc;
	let browser;
	try {
		s = t();
		await n8n.importWorkflows(cli, workflow);
		timings.importWorkflow = t() - s;

		s = t();
		const ex = await n8n.executeWorkflow(cli, WORKFLOW_ID);
		timings.execute = t() - s;
		assert.ok(
			ex.ok,
			`execution failed: ${JSON.stringify(ex.run && ex.run.data && ex.run.data.resultData.error)}`,
		);
		assert.deepStrictEqual(n8n.nodeOutput(ex.run, 'Set'), [{ hello: 'world' }]);
		console.log('execute OK: Set output', JSON.stringify(n8n.nodeOutput(ex.run, 'Set')));

		s = t();
		n8nProc = await n8n.startN8n(server);
		timings.n8nStart = t() - s;
		await n8n.setupOwner(n8nProc.baseUrl);
		const { cookie } = await n8n.login(n8nProc.baseUrl);
		const wf = await n8n.rest(
			n8nProc.baseUrl,
			'GET',
			`/rest/workflows/${WORKFLOW_ID}`,
			undefined,
			cookie,
		);
		assert.strictEqual(
			wf.status,
			200,
			`GET /rest/workflows/${WORKFLOW_ID}: ${wf.status} ${wf.text.slice(0, 300)}`,
		);

		s = t();
		await ensureChromium(console.log);
		browser = await browserLib.launchBrowser({ playwrightCorePath: await ensurePlaywrightCore() });
		const { page } = browser;
		await browserLib.loginEditor(page, n8nProc.baseUrl, n8n.OWNER);
		await browserLib.openWorkflow(page, n8nProc.baseUrl, WORKFLOW_ID, {
			expectNodes: [TRIGGER, 'Set'],
		});
		await browserLib.openNode(page, 'Set');
		await browserLib.expectParameterInputs(page, ['mode', 'name', 'value', 'includeOtherFields']);
		console.log(
			'Set node parameter inputs:',
			(await browserLib.listParameterInputs(page)).join(', '),
		);
		const png = await browserLib.screenshot(page, 'smoke-set-node');
		timings.browser = t() - s;
		console.log(`screenshot: ${png}`);
	} finally {
		if (browser) await browser.close();
		if (n8nProc) await n8nProc.stop();
		await procs.stopAll();
		if (process.env.KEEP_E2E_FOLDER) console.log(`kept ${userFolder}`);
		procs.removeTempDir(userFolder);
	}
	console.log('timings (ms):', JSON.stringify(timings));
}

main().then(
	() => console.log('SMOKE OK'),
	(err) => {
		console.error('SMOKE FAILED:', err && err.stack ? err.stack : err);
		process.exitCode = 1;
	},
);

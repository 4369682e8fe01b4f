'use strict';
/**
 * `npm run test:e2e`: this package inside a real n8n (CAF_N8N_VERSION, default 2.40.7 on Node 24;
 * 1.x runs on Node 20), against the emulator.
 *
 *  0. checks first what it needs: Chromium from Debian's packages (see lib/chromium.js)
 *  1. gets n8n (cached outside the repo, reused when present; see tools/install.js)
 *  2. builds, packs (`npm pack`) and installs the tarball the way n8n installs community packages
 *  3. starts the emulator on 127.0.0.1, imports a credential pointing at it and the example
 *     workflows (+ one e2e-only workflow), runs each with `n8n execute --id … --rawOutput`,
 *     and checks the node's output and the emulator's state
 *     A workflow started by the polling trigger cannot be run by `n8n execute`: it is published
 *     (`n8n publish:workflow`) instead, and checked in step 4c while `n8n start` runs it
 *  4. starts `n8n start`, creates the owner, logs in, and with playwright-core driving Debian's
 *     Chromium opens workflows, double-clicks the node and saves screenshots of its parameter
 *     panel (Get Many with two filter conditions, Update with custom fields, the credential
 *     dialog) under test/e2e/screenshots/; fails unless the expected parameter inputs are shown
 *  5. stops every process it started, by process id, even when a step fails; uses its own ports
 *
 * Options (environment):
 *   CAF_N8N_VERSION=<v>    the n8n to test (default 2.40.7; tested: 1.85.3, 1.123.x, 2.40.7)
 *   CAF_E2E_SKIP_BUILD=1   pack the current dist/ without `npm run build`
 *   CAF_E2E_SKIP_UI=1      skip step 4          CAF_E2E_SKIP_CLI=1   skip step 3's executions
 *   CAF_E2E_ONLY=<ids>     run only these workflows in step 3 (comma-separated ids, e.g. cafExampleAiAgent1)
 *   KEEP_E2E_FOLDER=1      keep the temporary n8n user folder
 *   CAF_E2E_CACHE=<dir>    where n8n is installed (default ~/.cache/n8n-nodes-customer-account-fields)
 *   CAF_E2E_PORT_BASE=<n>  first port to try (default 5690)
 */
const assert = require('assert');

const {
	ensureN8n,
	ensurePlaywrightCore,
	n8nVersion,
	nodeMajorFor,
	installDir,
} = require('../../tools/install');
const { ensureChromium, CHROMIUM } = require('./lib/chromium');
const n8n = require('../../tools/n8n');
const { installPackageInto } = require('../../tools/package');
const browserLib = require('./lib/browser');
const procs = require('../../tools/procs');
const fx = require('../../tools/fixtures');
const aiAgent = require('./aiAgent');
const { startEmulator, CUSTOM_FIELD_DEFINITIONS } = require('../../tools/emulator');
const { parseFilters, compileFilters } = require('../../tools/emulator/filters');

const env = (k) => process.env[k] === '1' || process.env[k] === 'true';
const results = [];
const timings = {};

function log(msg) {
	console.log(`[e2e] ${msg}`);
}

/** Runs one named step; records pass/fail and its duration. `fatal` steps stop the run. */
async function step(name, fn, { fatal = false } = {}) {
	const started = Date.now();
	log(`▶ ${name}`);
	try {
		const value = await fn();
		const ms = Date.now() - started;
		timings[name] = ms;
		results.push({ name, ok: true, ms });
		log(`✔ ${name} (${(ms / 1000).toFixed(1)}s)`);
		return value;
	} catch (err) {
		const ms = Date.now() - started;
		timings[name] = ms;
		results.push({ name, ok: false, ms, error: err });
		log(
			`✘ ${name} (${(ms / 1000).toFixed(1)}s)\n${indent(err && err.stack ? err.stack : String(err))}`,
		);
		if (fatal) throw Object.assign(new Error(`fatal step failed: ${name}`), { reported: true });
		return undefined;
	}
}

function indent(s) {
	return s
		.split('\n')
		.map((l) => `    ${l}`)
		.join('\n');
}

/** Full items (json + binary + pairedItem) a node produced on output 0 of its first run. */
function nodeItems(run, nodeName) {
	const runData = run.data.resultData.runData;
	if (!runData[nodeName])
		throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(runData).join(', ')}`);
	const first = runData[nodeName][0];
	if (first.error)
		throw new Error(
			`node "${nodeName}" failed: ${first.error.message} ${first.error.description || ''}`,
		);
	return (first.data && first.data.main && first.data.main[0]) || [];
}

function customFieldValue(customer, machineName) {
	const entry = (customer.customer_fields || []).find((f) => f.machine_name === machineName);
	return entry ? entry.value : undefined;
}

function matching(emu, filterText) {
	const predicate = compileFilters(parseFilters(filterText), {
		definitions: CUSTOM_FIELD_DEFINITIONS,
		shopId: 60000000001,
	});
	return emu.customers.filter(predicate);
}

/**
 * The emulator saw only authenticated requests, never accepted more than 1 per second, and answered
 * at most a rare 429: the pacer starts requests on slots a little longer than the interval (DECISIONS D7,
 * ~1 % of requests), so one 429 in a short run is allowed; more means the pacing is wrong. Returns the number of 429s.
 */
function assertPolite(emu, label) {
	const stats = emu.stats();
	const bad = emu.requests.filter((r) => r.auth !== 'ok');
	assert.strictEqual(bad.length, 0, `${label}: ${bad.length} requests without valid auth`);
	assert.ok(
		stats.maxAcceptedInWindow <= 1,
		`${label}: ${stats.maxAcceptedInWindow} requests accepted in one second (limit 1)`,
	);
	const throttled = stats.byStatus[429] || 0;
	if (throttled) {
		const gaps = [];
		emu.requests.forEach((r, i) => {
			if (r.status === 429 && i > 0)
				gaps.push((r.startedAt - emu.requests[i - 1].startedAt).toFixed(1));
		});
		log(`   ${label}: 429 after gaps of ${gaps.join(', ')} ms since the previous request`);
	}
	const allowed = Math.max(1, Math.floor(emu.requests.length / 100));
	assert.ok(
		throttled <= allowed,
		`${label}: ${throttled} of ${emu.requests.length} requests got 429 (at most ${allowed} allowed)`,
	);
	return throttled;
}

/** Requests the emulator accepted (429s left out: the node retries those). */
function accepted(emu, method) {
	return emu.requests.filter((r) => r.status !== 429 && (!method || r.method === method));
}

async function executeOk(cli, workflowId) {
	const ex = await n8n.executeWorkflow(cli, workflowId);
	if (!ex.ok) {
		const err = ex.run && ex.run.data && ex.run.data.resultData && ex.run.data.resultData.error;
		throw new Error(
			`execution of ${workflowId} failed (exit ${ex.code}): ${err ? `${err.message} ${err.description || ''}` : 'no error in run data'}\n` +
				`--- stderr (tail) ---\n${ex.stderr.split('\n').slice(-30).join('\n')}`,
		);
	}
	return ex.run;
}

// ---------------------------------------------------------------------------------------------
// Scenarios run with `n8n execute` (each starts from the same emulator state)
// ---------------------------------------------------------------------------------------------

const scenarios = {
	/** examples/nightly-export-tagged-customers.json */
	async cafExampleExport1(cli, emu) {
		const expected = matching(emu, 'tag|equals|vip,accepts_marketing|equals|true');
		assert.ok(
			expected.length > 0,
			'the emulator data should hold VIP customers who accept marketing',
		);
		const run = await executeOk(cli, 'cafExampleExport1');

		const customers = nodeItems(run, 'Get VIP customers').map((i) => i.json);
		assert.deepStrictEqual(
			customers.map((c) => String(c.id)),
			expected.map((c) => String(c.id)),
			'Get Many returns exactly the customers matching both conditions, in API order',
		);
		for (const c of customers) {
			assert.ok(Array.isArray(c.customer_fields), `customer ${c.id} has its customer_fields array`);
			assert.ok(
				c.tags.split(', ').includes('vip') && c.accepts_marketing === true,
				`customer ${c.id} matches the filter`,
			);
		}
		const rows = nodeItems(run, 'Spreadsheet columns').map((i) => i.json);
		assert.strictEqual(rows.length, expected.length);
		rows.forEach((row, i) => {
			const c = expected[i];
			assert.strictEqual(String(row['Customer ID']), String(c.id));
			assert.strictEqual(row.Email, c.email);
			assert.strictEqual(row['Loyalty tier'], customFieldValue(c, 'loyalty_tier') || '');
			assert.strictEqual(row.Birthday, customFieldValue(c, 'birthday') || '');
		});
		const file = nodeItems(run, 'CSV file');
		assert.strictEqual(file.length, 1, 'one CSV file');
		const bin = file[0].binary && file[0].binary.data;
		assert.ok(bin, 'the CSV file item has binary data');
		assert.match(bin.fileName, /^vip-customers-\d{4}-\d{2}-\d{2}\.csv$/);
		assert.strictEqual(bin.mimeType, 'text/csv');

		const gets = accepted(emu, 'GET');
		assert.strictEqual(accepted(emu).length, gets.length, 'a read-only workflow sends only GETs');
		assert.ok(
			gets.every((r) => /\/customers$/.test(r.path)),
			'all reads list /customers',
		);
		const sentFilters = [].concat(gets[0].query.filters).join(',');
		assert.deepStrictEqual(
			parseFilters(sentFilters)
				.map((c) => `${c.field}|${c.operator}|${c.value}`)
				.sort(),
			['accepts_marketing|equals|true', 'tag|equals|vip'],
			`filters sent: ${sentFilters}`,
		);
		assert.strictEqual(
			gets.length,
			Math.max(1, Math.ceil(expected.length / 50)),
			'one request per page of 50',
		);
		const throttled = assertPolite(emu, 'export');
		return `${customers.length} customers exported, ${gets.length} request(s), ${throttled} retried after 429`;
	},

	/** examples/bulk-update-custom-field.json */
	async cafExampleBulkUpd1(cli, emu, { examples }) {
		const wf = examples.find((e) => e.workflow.id === 'cafExampleBulkUpd1').workflow;
		const rows = JSON.parse(
			wf.nodes.find((n) => n.parameters && n.parameters.mode === 'raw').parameters.jsonOutput,
		).rows;
		const untouchedBefore = emu.customers
			.filter((c) => !fx.BULK_IDS.includes(String(c.id)))
			.map((c) => JSON.stringify(c));
		const run = await executeOk(cli, 'cafExampleBulkUpd1');

		const out = nodeItems(run, 'Update loyalty tier');
		assert.strictEqual(out.length, rows.length, 'one output item per input item');
		out.forEach((item, i) => {
			assert.ok(!item.json.error, `item ${i} failed: ${item.json.error}`);
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			assert.strictEqual(paired && paired.item, i, `output item ${i} is paired to input item ${i}`);
		});
		for (const row of rows) {
			const c = emu.customers.find((x) => String(x.id) === row.customer_id);
			assert.ok(c, `customer ${row.customer_id} still exists`);
			assert.strictEqual(
				customFieldValue(c, 'loyalty_tier'),
				row.loyalty_tier,
				`loyalty_tier of ${row.customer_id}`,
			);
			assert.strictEqual(
				customFieldValue(c, 'preferred_language'),
				'en',
				`other custom fields of ${row.customer_id} are kept`,
			);
			assert.strictEqual(c.email, row.email, `email of ${row.customer_id} unchanged`);
		}
		const untouchedAfter = emu.customers
			.filter((c) => !fx.BULK_IDS.includes(String(c.id)))
			.map((c) => JSON.stringify(c));
		assert.deepStrictEqual(untouchedAfter, untouchedBefore, 'no other customer changed');
		const puts = accepted(emu, 'PUT');
		assert.strictEqual(accepted(emu).length, puts.length, 'only PUT requests');
		assert.deepStrictEqual(
			puts.map((r) => r.body.customers.length),
			[10, 2],
			'twelve customers are sent as 10 + 2 (ten per request)',
		);
		assert.ok(puts.every((r) => r.status === 200 && !r.deleteEmpty));
		const throttled = assertPolite(emu, 'bulk update');
		return `${out.length} customers updated in ${puts.length} requests, ${throttled} retried after 429`;
	},

	/** examples/cleanup-test-customers.json */
	async cafExampleCleanup1(cli, emu) {
		const doomed = matching(emu, 'tag|equals|test,email|contains|test').map((c) => String(c.id));
		assert.ok(doomed.length >= 2, 'the emulator data should hold test customers');
		const before = emu.customers.length;
		const run = await executeOk(cli, 'cafExampleCleanup1');

		const found = nodeItems(run, 'Find test customers').map((i) => String(i.json.id));
		assert.deepStrictEqual(
			found,
			doomed,
			'Get Many finds exactly the customers matching both conditions',
		);
		const out = nodeItems(run, 'Delete them').map((i) => i.json);
		assert.deepStrictEqual(
			out.map((o) => ({ deleted: o.deleted, id: String(o.id) })),
			doomed.map((id) => ({ deleted: true, id })),
			'Delete outputs { deleted: true, id } per customer',
		);
		assert.strictEqual(
			emu.customers.length,
			before - doomed.length,
			'exactly those customers are gone',
		);
		assert.ok(!emu.customers.some((c) => doomed.includes(String(c.id))));
		const deletes = accepted(emu, 'DELETE');
		assert.deepStrictEqual(
			deletes.map((r) => r.path.split('/').pop()),
			doomed,
			'one DELETE per customer',
		);
		assert.ok(deletes.every((r) => r.status === 200));
		const throttled = assertPolite(emu, 'cleanup');
		return `${out.length} test customers deleted, ${throttled} retried after 429`;
	},

	/** examples/sync-signups-create-or-update.json */
	async cafExampleUpsert01(cli, emu, { examples }) {
		const wf = examples.find((e) => e.workflow.id === 'cafExampleUpsert01').workflow;
		const rows = JSON.parse(
			wf.nodes.find((n) => n.parameters && n.parameters.mode === 'raw').parameters.jsonOutput,
		).rows;
		const existing = rows.map((row) => emu.customers.find((c) => c.email === row.email));
		assert.deepStrictEqual(
			existing.map(Boolean),
			[true, true, false, false],
			'the sample rows: two existing customers, two new',
		);
		const pagesInShop = Math.ceil(emu.customers.length / 50);
		const before = emu.customers.length;
		const run = await executeOk(cli, 'cafExampleUpsert01');

		const out = nodeItems(run, 'Create or update customer').map((i) => i.json);
		assert.deepStrictEqual(
			out.map((o) => o.result),
			['updated', 'updated', 'created', 'created'],
			'result per item',
		);
		assert.deepStrictEqual(
			out.slice(0, 2).map((o) => String(o.id)),
			existing.slice(0, 2).map((c) => String(c.id)),
			'updates carry the id',
		);
		assert.strictEqual(emu.customers.length, before + 2, 'two customers created, none twice');
		for (const row of rows) {
			const c = emu.customers.find((x) => x.email === row.email);
			assert.strictEqual(c.first_name, row.first_name);
			assert.strictEqual(
				customFieldValue(c, 'newsletter_opt_in'),
				String(row.newsletter),
				`newsletter_opt_in of ${row.email}`,
			);
			assert.strictEqual(
				c.default_address && c.default_address.city,
				row.city,
				`default address of ${row.email}`,
			);
			assert.strictEqual(c.default_address.country_code, row.country_code);
		}
		// Auto: 4 items, so at most 3 pages of the list; the shop has more, so then one search per item.
		const gets = accepted(emu, 'GET');
		assert.ok(pagesInShop > 3, 'the e2e shop is larger than 3 pages');
		assert.deepStrictEqual(
			gets.map((r) =>
				r.query.filters === undefined ? 'page' : [].concat(r.query.filters).join(','),
			),
			['page', 'page', 'page', ...rows.map((row) => `email|equals|"${row.email}"`)],
			'3 pages, then one search per item',
		);
		assert.deepStrictEqual(
			accepted(emu, 'PUT').map((r) => r.body.customers.length),
			[2],
			'one PUT for the two updates',
		);
		assert.deepStrictEqual(
			accepted(emu, 'POST').map((r) => r.body.customers.length),
			[2],
			'one POST for the two creates',
		);
		const throttled = assertPolite(emu, 'create or update');
		return `2 updated, 2 created with ${gets.length} lookups + 2 writes, ${throttled} retried after 429`;
	},

	/** e2e-only: Create + Get by admin URL */
	async cafE2eCreateGet01(cli, emu) {
		const before = emu.customers.length;
		const run = await executeOk(cli, 'cafE2eCreateGet01');

		const created = nodeItems(run, 'Create customers');
		assert.strictEqual(created.length, fx.NEW_CUSTOMERS.length);
		created.forEach((item, i) =>
			assert.ok(!item.json.error, `create item ${i}: ${item.json.error}`),
		);
		assert.strictEqual(emu.customers.length, before + fx.NEW_CUSTOMERS.length);
		for (const nc of fx.NEW_CUSTOMERS) {
			const c = emu.customers.find((x) => x.email === nc.email);
			assert.ok(c, `customer ${nc.email} created`);
			assert.strictEqual(c.first_name, nc.first_name);
			assert.strictEqual(c.accepts_marketing, nc.accepts_marketing);
			assert.deepStrictEqual(c.tags.split(', ').sort(), nc.tags.split(', ').sort());
			assert.strictEqual(customFieldValue(c, 'loyalty_tier'), nc.loyalty_tier);
		}
		const posts = accepted(emu, 'POST');
		assert.strictEqual(posts.length, 1, 'both customers in one POST');

		const got = nodeItems(run, 'Get by admin URL').map((i) => i.json);
		assert.strictEqual(got.length, 1);
		assert.strictEqual(String(got[0].id), fx.BULK_IDS[0]);
		assert.strictEqual(got[0].email, 'ana.silva@example.com');
		assert.strictEqual(customFieldValue(got[0], 'loyalty_tier'), 'bronze');
		// Saved without an Output value (as the editor saves a default): still the Raw customer, as before Output existed.
		assert.ok(
			!(
				'output' in
				fx.createAndGetWorkflow.nodes.find((n) => n.name === 'Get by admin URL').parameters
			),
			'the saved Get has no output parameter',
		);
		assert.deepStrictEqual(
			got[0],
			JSON.parse(JSON.stringify(emu.customers.find((c) => String(c.id) === fx.BULK_IDS[0]))),
			'Get at its default output is the Raw customer',
		);
		const throttled = assertPolite(emu, 'create/get');
		return `${created.length} created, 1 read by URL, ${throttled} retried after 429`;
	},
};

// ---------------------------------------------------------------------------------------------
// Workflows started by the polling trigger, checked while `n8n start` runs them (polls every minute)
// ---------------------------------------------------------------------------------------------

/** Resolves when `test()` is true, checking every 500 ms; fails after `timeoutMs` saying what it waited for. */
async function waitFor(what, test, timeoutMs) {
	const started = Date.now();
	while (!test()) {
		if (Date.now() - started > timeoutMs)
			throw new Error(`waited ${timeoutMs / 1000}s for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return Date.now() - started;
}

const isPoll = (r) =>
	r.method === 'GET' &&
	/\/customers$/.test(r.path) &&
	String(r.query.filters || '').includes('updated_at|gt|');

const triggerChecks = {
	/** examples/tag-customers-when-loyalty-tier-changes.json */
	async cafExampleTrigger1(emu) {
		const firstPollMs = await waitFor(
			'the activation poll',
			() => emu.requests.some(isPoll),
			90000,
		);
		const customer = emu.customers.find((c) => String(c.id) === fx.BULK_IDS[0]);
		assert.strictEqual(customFieldValue(customer, 'loyalty_tier'), 'bronze');
		const write = await fetch(`${emu.baseUrl}/customers`, {
			method: 'PUT',
			headers: {
				'content-type': 'application/json',
				'x-shop-domain': fx.SHOP_DOMAIN,
				'x-api-key': fx.API_KEY,
			},
			body: JSON.stringify({
				customers: [{ id: customer.id, customer_fields: { loyalty_tier: 'gold' } }],
			}),
		});
		assert.strictEqual(write.status, 200);
		const tagged = (r) =>
			r.method === 'PUT' &&
			r.body &&
			r.body.customers &&
			r.body.customers.some((c) => String(c.tags || '').includes('tier-gold'));
		const runMs = await waitFor(
			'the workflow to tag the customer',
			() => customer.tags.split(', ').includes('tier-gold'),
			150000,
		);
		assert.deepStrictEqual(
			customer.tags.split(', ').sort(),
			['returning', 'tier-gold'],
			'the current tags are kept',
		);
		// One more poll sees the customer again (its updated_at moved) but must not start the workflow again.
		const pollsBefore = emu.requests.filter(isPoll).length;
		await waitFor('one more poll', () => emu.requests.filter(isPoll).length > pollsBefore, 90000);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		assert.strictEqual(
			emu.requests.filter(tagged).length,
			1,
			'the change started exactly one execution',
		);
		const others = emu.customers.filter((c) => c.tags.includes('tier-'));
		assert.deepStrictEqual(
			others.map((c) => c.id),
			[customer.id],
			'no other customer was tagged',
		);
		const polls = emu.requests.filter(isPoll).length;
		return `activation poll after ${(firstPollMs / 1000).toFixed(1)}s; tagged ${(runMs / 1000).toFixed(1)}s after the change; ${polls} polls, 1 execution`;
	},
};

// ---------------------------------------------------------------------------------------------
// Editor UI
// ---------------------------------------------------------------------------------------------

async function uiChecks(inst, n8nProc, emu) {
	const browser = await step(
		'launch Chromium',
		async () =>
			browserLib.launchBrowser({ playwrightCorePath: await ensurePlaywrightCore(), height: 1100 }),
		{
			fatal: true,
		},
	);
	const failuresBefore = results.filter((r) => !r.ok).length;
	try {
		const { page } = browser;
		await step('editor: sign in', () => browserLib.loginEditor(page, n8nProc.baseUrl, n8n.OWNER), {
			fatal: true,
		});

		await step('editor: Get Many with two filter conditions', async () => {
			await browserLib.openWorkflow(page, n8nProc.baseUrl, 'cafExampleExport1', {
				expectNodes: ['Get VIP customers'],
			});
			await browserLib.openNode(page, 'Get VIP customers');
			await browserLib.expectParameterInputs(page, [
				'operation',
				'returnAll',
				'field',
				'operator',
				'value',
			]);
			await expectCount(page, ['field', 'operator', 'value'], 2);
			await browserLib.screenshot(page, 'get-many-two-filter-conditions');
			await browserLib.closeNode(page);
		});

		await step('editor: Update with custom fields', async () => {
			await browserLib.openWorkflow(page, n8nProc.baseUrl, 'cafExampleBulkUpd1', {
				expectNodes: ['Update loyalty tier'],
			});
			await browserLib.openNode(page, 'Update loyalty tier');
			await browserLib.expectParameterInputs(page, ['operation', 'customerId', 'name', 'value']);
			// The machine name "From list": its label comes from the customers' fields, read from the emulator.
			await expectShown(page, 'name', 'Loyalty tier (loyalty_tier)');
			await browserLib.screenshot(page, 'update-custom-fields');
		});

		await step('editor: trigger panel', async () => {
			await browserLib.closeNode(page);
			await browserLib.openWorkflow(page, n8nProc.baseUrl, 'cafExampleTrigger1', {
				expectNodes: ['When loyalty tier changes'],
			});
			await browserLib.openNode(page, 'When loyalty tier changes');
			await browserLib.expectParameterInputs(page, ['event', 'customFields', 'output']);
			await expectShown(page, 'customFields', 'Loyalty tier (loyalty_tier)');
			await browserLib.screenshot(page, 'trigger-panel');
			// Fetch Test Event: the poll in manual mode reads one page (no date condition) and shows one customer.
			const before = emu.requests.length;
			await page
				.locator('[data-test-id="ndv"]')
				.getByRole('button', { name: /Fetch Test Event|Test step|Test this trigger/ })
				.first()
				.click();
			await page
				.locator('[data-test-id="ndv"]')
				.getByText('email_marketing_state')
				.first()
				.waitFor({ state: 'visible', timeout: 30000 });
			const reads = emu.requests
				.slice(before)
				.filter((r) => r.method === 'GET' && /\/customers$/.test(r.path));
			assert.ok(
				reads.some((r) => r.query.filters === undefined),
				'Fetch Test Event read a page without a date condition',
			);
			await browserLib.screenshot(page, 'trigger-fetch-test-event');
			await browserLib.closeNode(page);
			await browserLib.openWorkflow(page, n8nProc.baseUrl, 'cafExampleBulkUpd1', {
				expectNodes: ['Update loyalty tier'],
			});
			await browserLib.openNode(page, 'Update loyalty tier');
		});

		await step('editor: credential dialog', async () => {
			// still in the Update node's panel: open its credential for editing
			const ndv = page.locator('[data-test-id="ndv"]');
			if (!(await ndv.isVisible())) await browserLib.openNode(page, 'Update loyalty tier');
			await openCredentialDialog(page);
			const scope = '[data-test-id="editCredential-modal"]';
			await browserLib.expectParameterInputs(
				page,
				['shopDomain', 'apiKey', 'baseUrl', 'rateLimit'],
				{ scope },
			);
			// n8n runs the credential's `test` request against the emulator when the dialog opens
			await page
				.locator(scope)
				.getByText('Connection tested successfully')
				.waitFor({ state: 'visible', timeout: 20000 });
			assert.ok(
				emu.requests.some(
					(r) => r.method === 'GET' && /\/customers$/.test(r.path) && r.status === 200,
				),
				'the credential test reached the emulator',
			);
			await browserLib.screenshot(page, 'credential-dialog');
		});

		await step('editor: Create or Update with its match field and cost notice', async () => {
			await browserLib.openWorkflow(page, n8nProc.baseUrl, 'cafExampleUpsert01', {
				expectNodes: ['Create or update customer'],
			});
			await browserLib.openNode(page, 'Create or update customer');
			await browserLib.expectParameterInputs(page, [
				'operation',
				'matchBy',
				'email',
				'name',
				'value',
			]);
			await page
				.locator('[data-test-id="ndv"]')
				.getByText('Existing customers are found with one search per item')
				.waitFor({ state: 'visible', timeout: 10000 });
			await browserLib.screenshot(page, 'create-or-update');
		});
	} finally {
		if (results.filter((r) => !r.ok).length > failuresBefore)
			await browserLib.screenshot(browser.page, 'failure-last-state').catch(() => {});
		await browser.close();
	}
}

/** Waits until a parameter input shows `label`, as text (a chip) or as the value of its input box (a select). */
async function expectShown(page, name, label, timeoutMs = 20000) {
	const input = page
		.locator(`[data-test-id="node-parameters"] [data-test-id="parameter-input-${name}"]`)
		.first();
	const started = Date.now();
	for (;;) {
		const text = await input.innerText().catch(() => '');
		const values = await input
			.locator('input')
			.evaluateAll((boxes) => boxes.map((box) => box.value))
			.catch(() => []);
		if ([text, ...values].some((shown) => shown.includes(label))) return;
		if (Date.now() - started > timeoutMs)
			throw new Error(
				`parameter-input-${name} shows ${JSON.stringify([text, ...values])}, not "${label}"`,
			);
		await page.waitForTimeout(500);
	}
}

async function expectCount(page, names, atLeast) {
	for (const name of names) {
		const n = await page
			.locator(`[data-test-id="node-parameters"] [data-test-id="parameter-input-${name}"]`)
			.count();
		assert.ok(n >= atLeast, `parameter-input-${name}: ${n} shown, expected at least ${atLeast}`);
	}
}

/** Opens the credential edit dialog from the node's credential selector. */
async function openCredentialDialog(page) {
	const modal = page.locator('[data-test-id="editCredential-modal"]');
	const select = page.locator('[data-test-id="node-credentials-select"]').first();
	await select.waitFor({ state: 'visible' });
	// n8n shows an edit (pencil) button next to a selected credential
	const edit = page.locator('[data-test-id="credential-edit-button"]').first();
	if (await edit.isVisible().catch(() => false)) await edit.click();
	else {
		await select.hover();
		await edit.click();
	}
	await modal.waitFor({ state: 'visible' });
	await page.waitForTimeout(800);
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const started = Date.now();
	const examples = fx.readExamples();
	log(`examples: ${examples.map((e) => e.file).join(', ')}`);

	log(
		`needs: n8n ${n8nVersion()} on Node ${nodeMajorFor(n8nVersion())} (from the npm registry, once, into ${installDir()})` +
			(env('CAF_E2E_SKIP_UI')
				? ''
				: `, playwright-core (likewise) and Chromium from Debian's packages (${CHROMIUM})`),
	);
	if (!env('CAF_E2E_SKIP_UI')) {
		try {
			await ensureChromium(log);
		} catch (err) {
			console.error(`e2e: ${err.message}`);
			process.exitCode = 1;
			return;
		}
	}
	const inst = await step(`1. get n8n ${n8nVersion()} (cache)`, () => ensureN8n(), { fatal: true });
	const { server, cli, emuPort, userFolder } = await n8n.contextsFor(inst, {
		tempPrefix: 'caf-e2e-n8n-',
	});
	log(
		`ports: n8n ${server.port}, task broker ${server.brokerPort} (server) / ${cli.brokerPort} (CLI), emulator ${emuPort}; user folder ${userFolder}`,
	);

	let emu;
	let n8nProc;
	let stub;
	const aiSkipped = aiAgent.unsupportedReason(n8nVersion());
	try {
		await step(
			'2. build, pack and install the package',
			() => installPackageInto(userFolder, { build: !env('CAF_E2E_SKIP_BUILD') }),
			{ fatal: true },
		);

		const seeds = fx.seedCustomers(examples);
		emu = await step(
			'3a. start the emulator',
			() =>
				startEmulator({
					port: emuPort,
					customers: seeds,
					windowMs: 1000,
					rateLimit: 1,
					shopDomain: fx.SHOP_DOMAIN,
					apiKey: fx.API_KEY,
				}),
			{ fatal: true },
		);
		log(`emulator ${emu.baseUrl} (${emu.customers.length} customers)`);
		if (aiSkipped) log(`AI agent example skipped: ${aiSkipped}`);
		else
			stub = await step(
				'3a. start the stub model (OpenAI-compatible, scripted)',
				() => aiAgent.startAgentStub(),
				{ fatal: true },
			);

		const credentials = [fx.credential(emu.baseUrl), ...(stub ? [aiAgent.credential(stub)] : [])];
		await step('3b. import the credentials', () => n8n.importCredentials(cli, credentials), {
			fatal: true,
		});
		const workflows = [...examples.map((e) => e.workflow), fx.createAndGetWorkflow];
		await step('3c. import the workflows', () => n8n.importWorkflows(cli, workflows), {
			fatal: true,
		});

		if (!env('CAF_E2E_SKIP_CLI')) {
			const only = process.env.CAF_E2E_ONLY ? process.env.CAF_E2E_ONLY.split(',') : undefined;
			for (const wf of workflows.filter(
				(w) => !triggerChecks[w.id] && (!only || only.includes(w.id)),
			)) {
				if (wf.id === aiAgent.WORKFLOW_ID) {
					if (aiSkipped) {
						log(`   SKIP 3d. execute ${wf.id}: ${aiSkipped}`);
						continue;
					}
					await step(`3d. execute ${wf.id} (${wf.name}) with the stub model`, async () => {
						emu.reset({ customers: seeds });
						log(
							`   ${await aiAgent.scenario(cli, emu, { stub, executeOk, accepted, n8nVersion: n8nVersion() })}`,
						);
					});
					continue;
				}
				const scenario = scenarios[wf.id];
				if (!scenario) {
					results.push({
						name: `3d. execute ${wf.id}`,
						ok: false,
						error: new Error(`no checks written for workflow ${wf.id} (${wf.name})`),
					});
					continue;
				}
				await step(`3d. execute ${wf.id} (${wf.name})`, async () => {
					emu.reset({ customers: seeds });
					const summary = await scenario(cli, emu, { examples });
					log(`   ${summary}`);
				});
			}
		}

		const published = workflows.filter((w) => triggerChecks[w.id]);
		await step('3e. publish the trigger workflows (n8n activates them on start)', async () => {
			// n8n 2.x publishes a version; 1.x sets the workflow active.
			const activate = n8nVersion().startsWith('1.')
				? (id) => ['update:workflow', `--id=${id}`, '--active=true']
				: (id) => ['publish:workflow', `--id=${id}`];
			for (const wf of published) await n8n.runCli(cli, activate(wf.id));
		});

		if (!env('CAF_E2E_SKIP_UI')) {
			emu.reset({ customers: seeds, throttle: false });
			n8nProc = await step('4a. n8n start', () => n8n.startN8n(server), { fatal: true });
			await step(
				'4b. owner setup, login, node type loaded',
				async () => {
					await n8n.setupOwner(n8nProc.baseUrl);
					const { cookie: c } = await n8n.login(n8nProc.baseUrl);
					const types = await (
						await fetch(`${n8nProc.baseUrl}/types/nodes.json`, {
							headers: { cookie: c, 'browser-id': n8n.BROWSER_ID },
						})
					).json();
					assert.ok(
						types.some((t) => t.name === fx.NODE_TYPE),
						`${fx.NODE_TYPE} is not among n8n's node types`,
					);
					assert.ok(
						types.some((t) => t.name === `${fx.NODE_TYPE}Trigger`),
						`${fx.NODE_TYPE}Trigger is not among n8n's node types`,
					);
					const creds = await (
						await fetch(`${n8nProc.baseUrl}/types/credentials.json`, {
							headers: { cookie: c, 'browser-id': n8n.BROWSER_ID },
						})
					).json();
					assert.ok(
						creds.some((t) => t.name === fx.CREDENTIAL_TYPE),
						`${fx.CREDENTIAL_TYPE} is not among n8n's credential types`,
					);
				},
				{ fatal: true },
			);
			for (const wf of published) {
				await step(`4c. trigger ${wf.id} (${wf.name}) in n8n start`, async () =>
					log(`   ${await triggerChecks[wf.id](emu)}`),
				);
			}
			await uiChecks(inst, n8nProc, emu);
		}
	} catch (err) {
		if (!err.reported) {
			results.push({ name: 'unexpected error', ok: false, error: err });
			log(`✘ unexpected error\n${indent(err.stack || String(err))}`);
		}
	} finally {
		await step('5. stop everything', async () => {
			if (n8nProc) await n8nProc.stop();
			if (emu) await emu.stop();
			if (stub) await stub.stop();
			await procs.stopAll();
			const left = [...procs.tracked.keys()];
			assert.strictEqual(left.length, 0, `processes still tracked: ${left.join(', ')}`);
		});
		if (env('KEEP_E2E_FOLDER')) log(`kept ${userFolder}`);
		procs.removeTempDir(userFolder);
	}

	const failed = results.filter((r) => !r.ok);
	console.log('\n──── e2e summary ────');
	for (const r of results)
		console.log(
			`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}${r.ms !== undefined ? `  (${(r.ms / 1000).toFixed(1)}s)` : ''}`,
		);
	console.log(`screenshots: ${browserLib.SCREENSHOT_DIR}`);
	console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
	console.log(`e2e: ${results.length - failed.length} passed, ${failed.length} failed`);
	if (failed.length) process.exitCode = 1;
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});

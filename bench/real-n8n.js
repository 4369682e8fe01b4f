'use strict';
/**
 * Bench part that runs in a REAL n8n 2.40.7 (Node 24), driven with the e2e helpers
 * (tools/): the same 1,000 updates done two ways, at the scaled rate (the emulator allows
 * 1 request per 100 ms = 10/s; our credential asks for 10/s):
 *
 *   ours:  Manual Trigger → Set (1,000 rows) → Split Out → Customer Account Fields (Update: a custom
 *          field + a note), 10 customers per request, paced by the node
 *   peer:  Manual Trigger → Set → Split Out → HTTP Request (PUT /customers, a one-customer body, the
 *          two auth headers as header parameters), Options → Batching: 1 item per batch, batch
 *          interval 100 ms (= the API interval); On Error: continue, so that a 429 does not stop it
 *
 * Each workflow runs with `n8n execute --id … --rawOutput` from the same emulator state. Times are
 * the node's own executionTime from n8n's run data (and the span of its requests in the emulator log).
 *
 * The emulator plays the latency model "in 40–80 ms, server 50–250 ms, out 40–80 ms" scaled ÷ 10 like the
 * rate (CAF_BENCH_PEER_NO_LATENCY=1: none).
 *
 *   node bench/real-n8n.js [--out result.json]     CAF_BENCH_SKIP_BUILD=1 packs the current dist/
 *
 * Prints progress on stderr and one line `BENCH_RESULT {json}` on stdout.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { ensureN8n } = require('../tools/install');
const n8n = require('../tools/n8n');
const { installPackageInto } = require('../tools/package');
const { freePorts } = require('../tools/ports');
const procs = require('../tools/procs');
const { startEmulator } = require('../test/emulator');
const { UPDATE_PARAMETERS } = require('./figures');

const ITEMS = 1000;
const WINDOW_MS = 100; // emulator: 1 request per 100 ms
const CREDENTIAL_RATE = 10; // requests per second → interval 100 ms
const INTERVAL_MS = Math.ceil(1000 / CREDENTIAL_RATE);
// The latency model "in 40–80 ms, server 50–250 ms, out 40–80 ms", scaled like the rate (÷ 10).
const LATENCY = process.env.CAF_BENCH_PEER_NO_LATENCY === '1' ? undefined : { in: [4, 8], server: [5, 25], out: [4, 8] };
const SHOP = 'bench-real-n8n.myshopify.com';
const API_KEY = 'bench-key-not-a-secret';
const NODE_TYPE = 'n8n-nodes-customer-account-fields.customerAccountFields';
const CRED = { id: 'cafBenchCred0001', name: 'Bench credential', type: 'customerAccountFieldsApi' };
const OURS_ID = 'cafBenchOurs0001';
const PEER_ID = 'cafBenchPeer0001';
const OURS_NODE = 'Update customers';
const PEER_NODE = 'HTTP Request';

function log(msg) {
	process.stderr.write(`[bench:real-n8n] ${msg}\n`);
}

function rowsWorkflowHead(prefix, rows) {
	return {
		nodes: [
			{ id: `${prefix}-1`, name: 'Run now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${prefix}-2`,
				name: 'Rows',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
			},
			{ id: `${prefix}-3`, name: 'One item per row', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'rows', options: {} } },
		],
		connections: {
			'Run now': { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'One item per row', type: 'main', index: 0 }]] },
		},
	};
}

function oursWorkflow(rows) {
	const head = rowsWorkflowHead('bench-ours', rows);
	head.nodes.push({
		id: 'bench-ours-4',
		name: OURS_NODE,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [600, 0],
		credentials: { customerAccountFieldsApi: { id: CRED.id, name: CRED.name } },
		parameters: UPDATE_PARAMETERS,
	});
	head.connections['One item per row'] = { main: [[{ node: OURS_NODE, type: 'main', index: 0 }]] };
	return { id: OURS_ID, name: 'Bench: 1,000 updates with Customer Account Fields', active: false, settings: { executionOrder: 'v1' }, ...head };
}

function peerWorkflow(rows, baseUrl) {
	const head = rowsWorkflowHead('bench-peer', rows);
	head.nodes.push({
		id: 'bench-peer-4',
		name: PEER_NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [600, 0],
		onError: 'continueRegularOutput',
		parameters: {
			method: 'PUT',
			url: `${baseUrl}/customers`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'x-shop-domain', value: SHOP },
					{ name: 'x-api-key', value: API_KEY },
				],
			},
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ customers: [{ id: $json.id, note: "note " + $json.id, customer_fields: { loyalty_tier: $json.tier } }] }) }}',
			options: { batching: { batch: { batchSize: 1, batchInterval: INTERVAL_MS } } },
		},
	});
	head.connections['One item per row'] = { main: [[{ node: PEER_NODE, type: 'main', index: 0 }]] };
	return { id: PEER_ID, name: 'Bench: 1,000 updates with HTTP Request (batching 1 per 100 ms)', active: false, settings: { executionOrder: 'v1' }, ...head };
}

/** Figures for one execution: the node's time in n8n, the emulator's view, and whether every customer was updated. */
function measure(label, ex, nodeName, emu, ids) {
	const runData = ex.run && ex.run.data && ex.run.data.resultData && ex.run.data.resultData.runData;
	const task = runData && runData[nodeName] && runData[nodeName][0];
	if (!task) throw new Error(`${label}: node "${nodeName}" did not run (exit ${ex.code})\n${ex.stderr.split('\n').slice(-30).join('\n')}`);
	const items = (task.data && task.data.main && task.data.main[0]) || [];
	const reqs = emu.requests;
	const stats = emu.stats();
	const byId = new Map(emu.customers.map((c) => [c.id, c]));
	const updated = ids.filter((id) => {
		const c = byId.get(id);
		const tier = c && (c.customer_fields || []).find((f) => f.machine_name === 'loyalty_tier');
		return c && c.note === `note ${id}` && tier && tier.value === 'gold';
	}).length;
	const errorItems = items.filter((i) => i.json && i.json.error !== undefined).length;
	const ends = reqs.map((r) => r.endedAt || r.startedAt);
	const gaps = reqs.slice(1).map((r, i) => r.startedAt - ends[i]);
	return {
		label,
		ok: ex.ok,
		// where the node's time goes: before its first request, between a reply and the next request, after the last reply
		nodeStartToFirstRequestMs: reqs.length ? reqs[0].startedAt - task.startTime : undefined,
		lastReplyToNodeEndMs: reqs.length ? task.startTime + task.executionTime - Math.max(...ends) : undefined,
		meanReplyToNextRequestMs: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : undefined,
		meanServerMsPerRequest: reqs.length ? reqs.reduce((a, r) => a + ((r.endedAt || r.startedAt) - r.startedAt), 0) / reqs.length : undefined,
		nodeExecutionMs: task.executionTime,
		requestSpanMs: reqs.length ? Math.max(...reqs.map((r) => r.endedAt || r.startedAt)) - reqs[0].startedAt : 0,
		cliWallMs: ex.ms,
		requests: reqs.length,
		accepted: reqs.filter((r) => r.status !== 429).length,
		throttled429: stats.byStatus[429] || 0,
		byStatus: stats.byStatus,
		maxAcceptedInWindow: stats.maxAcceptedInWindow,
		outputItems: items.length,
		errorItems,
		customersUpdated: updated,
		error: ex.run && ex.run.data && ex.run.data.resultData && ex.run.data.resultData.error ? ex.run.data.resultData.error.message : undefined,
	};
}

async function main() {
	const outIdx = process.argv.indexOf('--out');
	const outFile = outIdx > 0 ? process.argv[outIdx + 1] : undefined;
	const started = Date.now();
	const timings = {};
	const t0 = () => Date.now();

	let s = t0();
	const inst = await ensureN8n();
	timings.ensureN8nMs = t0() - s;
	const [port, cliBrokerPort] = await freePorts(2, Number(process.env.CAF_BENCH_PORT_BASE) || 5790);
	const userFolder = procs.registerTempDir(fs.mkdtempSync(path.join(os.tmpdir(), 'caf-bench-n8n-')));
	const cli = { nodeBin: inst.nodeBin, n8nBin: inst.n8nBin, env: inst.env, userFolder, port, brokerPort: cliBrokerPort };
	let emu;
	try {
		s = t0();
		const build = !(process.env.CAF_BENCH_SKIP_BUILD === '1' || process.env.CAF_BENCH_SKIP_BUILD === 'true');
		installPackageInto(userFolder, { build });
		timings.buildPackInstallMs = t0() - s;

		emu = await startEmulator({ customers: ITEMS, windowMs: WINDOW_MS, rateLimit: 1, shopDomain: SHOP, apiKey: API_KEY, latency: LATENCY, rateReading: 'spacing' });
		const ids = emu.customers.map((c) => c.id);
		const rows = ids.map((id) => ({ id, tier: 'gold' }));
		log(`emulator ${emu.baseUrl}: ${ids.length} customers, 1 request per ${WINDOW_MS} ms`);

		s = t0();
		await n8n.importCredentials(cli, [
			{ ...CRED, data: { shopDomain: SHOP, apiKey: API_KEY, baseUrl: emu.baseUrl, rateLimit: CREDENTIAL_RATE } },
		]);
		await n8n.importWorkflows(cli, [oursWorkflow(rows), peerWorkflow(rows, emu.baseUrl)]);
		timings.importMs = t0() - s;

		const results = {};
		for (const [key, id, nodeName] of [
			['ours', OURS_ID, OURS_NODE],
			['peer', PEER_ID, PEER_NODE],
		]) {
			emu.reset({ customers: ITEMS });
			log(`n8n execute --id=${id} …`);
			const ex = await n8n.executeWorkflow(cli, id, { timeoutMs: 400000 });
			results[key] = measure(key, ex, nodeName, emu, ids);
			log(`${key}: ${JSON.stringify(results[key])}`);
		}
		const result = {
			ok: true,
			n8nVersion: '2.40.7',
			n8nNode: inst.nodeBin,
			items: ITEMS,
			windowMs: WINDOW_MS,
			latency: LATENCY ?? null,
			credentialRate: CREDENTIAL_RATE,
			intervalMs: INTERVAL_MS,
			...results,
			timings,
			totalMs: Date.now() - started,
		};
		emit(result, outFile);
	} catch (err) {
		emit({ ok: false, error: String((err && err.stack) || err).slice(0, 4000), timings, totalMs: Date.now() - started }, outFile);
		process.exitCode = 1;
	} finally {
		if (emu) await emu.stop();
		await procs.stopAll();
		procs.removeTempDir(userFolder);
	}
}

function emit(result, outFile) {
	if (outFile) fs.writeFileSync(outFile, JSON.stringify(result, null, 2));
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

main();

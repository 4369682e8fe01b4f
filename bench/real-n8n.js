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
 * Prints progress on stderr, its section (bench/section.js) and one line `BENCH_RESULT {json}` on stdout.
 */
const fs = require('fs');

const { ensureN8n } = require('../tools/install');
const n8n = require('../tools/n8n');
const { installPackageInto } = require('../tools/package');
const procs = require('../tools/procs');
const { startEmulator } = require('../tools/emulator');
const { UPDATE_PARAMETERS } = require('./figures');
const { writeSection } = require('./section');

const ITEMS = 1000;
const WINDOW_MS = 100; // emulator: 1 request per 100 ms
const CREDENTIAL_RATE = 10; // requests per second → interval 100 ms
const INTERVAL_MS = Math.ceil(1000 / CREDENTIAL_RATE);
// The latency model "in 40–80 ms, server 50–250 ms, out 40–80 ms", scaled like the rate (÷ 10).
const LATENCY =
	process.env.CAF_BENCH_PEER_NO_LATENCY === '1'
		? undefined
		: { in: [4, 8], server: [5, 25], out: [4, 8] };
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
			{
				id: `${prefix}-1`,
				name: 'Run now',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${prefix}-2`,
				name: 'Rows',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
			},
			{
				id: `${prefix}-3`,
				name: 'One item per row',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'rows', options: {} },
			},
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
	return {
		id: OURS_ID,
		name: 'Bench: 1,000 updates with Customer Account Fields',
		active: false,
		settings: { executionOrder: 'v1' },
		...head,
	};
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
	return {
		id: PEER_ID,
		name: 'Bench: 1,000 updates with HTTP Request (batching 1 per 100 ms)',
		active: false,
		settings: { executionOrder: 'v1' },
		...head,
	};
}

/** Figures for one execution: the node's time in n8n, the emulator's view, and whether every customer was updated. */
function measure(label, ex, nodeName, emu, ids) {
	const runData = ex.run && ex.run.data && ex.run.data.resultData && ex.run.data.resultData.runData;
	const task = runData && runData[nodeName] && runData[nodeName][0];
	if (!task)
		throw new Error(
			`${label}: node "${nodeName}" did not run (exit ${ex.code})\n${ex.stderr.split('\n').slice(-30).join('\n')}`,
		);
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
		lastReplyToNodeEndMs: reqs.length
			? task.startTime + task.executionTime - Math.max(...ends)
			: undefined,
		meanReplyToNextRequestMs: gaps.length
			? gaps.reduce((a, b) => a + b, 0) / gaps.length
			: undefined,
		meanServerMsPerRequest: reqs.length
			? reqs.reduce((a, r) => a + ((r.endedAt || r.startedAt) - r.startedAt), 0) / reqs.length
			: undefined,
		nodeExecutionMs: task.executionTime,
		requestSpanMs: reqs.length
			? Math.max(...reqs.map((r) => r.endedAt || r.startedAt)) - reqs[0].startedAt
			: 0,
		cliWallMs: ex.ms,
		requests: reqs.length,
		accepted: reqs.filter((r) => r.status !== 429).length,
		throttled429: stats.byStatus[429] || 0,
		byStatus: stats.byStatus,
		maxAcceptedInWindow: stats.maxAcceptedInWindow,
		outputItems: items.length,
		errorItems,
		customersUpdated: updated,
		error:
			ex.run && ex.run.data && ex.run.data.resultData && ex.run.data.resultData.error
				? ex.run.data.resultData.error.message
				: undefined,
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
	const { cli, userFolder } = await n8n.contextsFor(inst, {
		tempPrefix: 'caf-bench-n8n-',
		firstPort: Number(process.env.CAF_BENCH_PORT_BASE) || 5790,
	});
	let emu;
	try {
		s = t0();
		const build = !(
			process.env.CAF_BENCH_SKIP_BUILD === '1' || process.env.CAF_BENCH_SKIP_BUILD === 'true'
		);
		installPackageInto(userFolder, { build });
		timings.buildPackInstallMs = t0() - s;

		emu = await startEmulator({
			customers: ITEMS,
			windowMs: WINDOW_MS,
			rateLimit: 1,
			shopDomain: SHOP,
			apiKey: API_KEY,
			latency: LATENCY,
			rateReading: 'spacing',
		});
		const ids = emu.customers.map((c) => c.id);
		const rows = ids.map((id) => ({ id, tier: 'gold' }));
		log(`emulator ${emu.baseUrl}: ${ids.length} customers, 1 request per ${WINDOW_MS} ms`);

		s = t0();
		await n8n.importCredentials(cli, [
			{
				...CRED,
				data: {
					shopDomain: SHOP,
					apiKey: API_KEY,
					baseUrl: emu.baseUrl,
					rateLimit: CREDENTIAL_RATE,
				},
			},
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
		emit(
			{
				ok: false,
				error: String((err && err.stack) || err).slice(0, 4000),
				timings,
				totalMs: Date.now() - started,
			},
			outFile,
		);
		process.exitCode = 1;
	} finally {
		if (emu) await emu.stop();
		await procs.stopAll();
		procs.removeTempDir(userFolder);
	}
}

function pct1(ratio) {
	return `${(ratio * 100).toFixed(1)} %`;
}

function f1(x, d = 1) {
	return Number(x).toFixed(d);
}

// ---------------------------------------------------------------------------------------------
// The section bench/run.js renders (bench/section.js)

/** The real-n8n figures as a section like the Jest benches write. */
function peerSection(r) {
	if (!r.ok) {
		return {
			section: 'peer',
			title: 'Peer: HTTP Request node vs this node, in a real n8n 2.40.7',
			rows: [
				{
					what: 'real-n8n run',
					figure: 'FAILED',
					reference: '—',
					ratio: '—',
					goal: 'runs',
					met: false,
				},
			],
			notes: [`The real-n8n run failed: ${String(r.error).split('\n')[0]}`],
			raw: r,
		};
	}
	const { ours, peer, intervalMs } = r;
	const speedup = peer.nodeExecutionMs / ours.nodeExecutionMs;
	const spanSpeedup = peer.requestSpanMs / ours.requestSpanMs;
	const oursMin = (ours.accepted - 1) * intervalMs;
	const peerMin = (peer.requests - 1) * intervalMs;
	return {
		section: 'peer',
		title: `Peer: 1,000 updates in a real n8n ${r.n8nVersion} (n8n execute), scaled rate (emulator 1 per ${r.windowMs} ms, credential ${r.credentialRate}/s)${r.latency ? `, latency in ${r.latency.in.join('–')} ms, server ${r.latency.server.join('–')} ms, out ${r.latency.out.join('–')} ms (the model "in 40–80, server 50–250, out 40–80 ms" ÷ 10)` : ''}`,
		rows: [
			{
				what: 'HTTP Request node (1 item per batch, batch interval 100 ms): node time',
				figure: `${f1(peer.nodeExecutionMs / 1000, 2)} s, ${peer.requests} requests, ${peer.customersUpdated}/1000 customers updated`,
				reference: `its own minimum (${peer.requests} − 1) × ${intervalMs} ms = ${f1(peerMin / 1000, 1)} s`,
				ratio: `${f1((peerMin / peer.nodeExecutionMs) * 100)} % of its limit`,
				goal: '—',
			},
			{
				what: 'HTTP Request node: 429s provoked',
				figure: String(peer.throttled429),
				reference: `${peer.requests} requests`,
				ratio: `${f1((peer.throttled429 / peer.requests) * 100)} % of requests (${peer.errorItems} items failed, not retried)`,
				goal: '— (peer)',
			},
			{
				what: 'Customer Account Fields node: node time',
				figure: `${f1(ours.nodeExecutionMs / 1000, 2)} s, ${ours.requests} requests, ${ours.customersUpdated}/1000 customers updated`,
				reference: `minimum (${ours.accepted} − 1) × ${intervalMs} ms = ${f1(oursMin / 1000, 1)} s`,
				ratio: `${f1((oursMin / ours.nodeExecutionMs) * 100)} % of the limit (request span ${f1(ours.requestSpanMs / 1000, 2)} s → ${f1((oursMin / ours.requestSpanMs) * 100)} %)`,
				goal: '—',
			},
			{
				what: 'Customer Account Fields node: 429s provoked',
				figure: String(ours.throttled429),
				reference: `${ours.requests} requests`,
				ratio: pct1(ours.throttled429 / ours.requests),
				goal: '≤ 1 % (DECISIONS D7)',
				met: ours.throttled429 <= 0.01 * ours.requests,
			},
			{
				what: 'Speed-up, node time (HTTP Request ÷ Customer Account Fields)',
				figure: `${f1(peer.nodeExecutionMs / 1000, 2)} s ÷ ${f1(ours.nodeExecutionMs / 1000, 2)} s`,
				reference: 'ideal 10× (10 customers per request)',
				ratio: `${f1(speedup, 2)}× (request spans: ${f1(spanSpeedup, 2)}×)`,
				goal: '≥ 9.5×',
				met: speedup >= 9.5,
			},
		],
		notes: [
			"Both workflows: Manual Trigger → Set (1,000 rows, raw JSON) → Split Out → the node; run with `n8n execute --id … --rawOutput` (n8n 2.40.7 on Node 24) against the emulator in the bench process. Times are n8n's executionTime of the node from the run data; the request span is first arrival → last reply in the emulator log.",
			'The peer is what a merchant would build without this package: one PUT /customers per item with a one-customer body and the x-shop-domain / x-api-key headers, HTTP Request Options → Batching: 1 item per batch, 100 ms interval (= the API interval). On Error is "Continue" so that a 429 does not stop the run and can be counted; HTTP Request does not retry a 429 by itself.',
			'Peer only at the scaled rate: at the real rate (1 request/s) its 1,000 requests would take ≥ 1,000 s (16.7 min).',
			`Where our node\'s time goes in real n8n: ${f1(ours.nodeStartToFirstRequestMs)} ms before the first request (every item checked, expressions resolved), mean ${f1(ours.meanReplyToNextRequestMs)} ms from a reply to the next request (interval ${intervalMs} ms), mean ${f1(ours.meanServerMsPerRequest)} ms per request in the emulator, ${f1(ours.lastReplyToNodeEndMs)} ms after the last reply.`,
			`n8n execute wall times (process start-up included): ours ${f1(ours.cliWallMs / 1000)} s, peer ${f1(peer.cliWallMs / 1000)} s. Build + pack + install ${f1(r.timings.buildPackInstallMs / 1000)} s, imports ${f1(r.timings.importMs / 1000)} s.`,
		],
		raw: r,
	};
}

function emit(result, outFile) {
	if (outFile) fs.writeFileSync(outFile, JSON.stringify(result, null, 2));
	writeSection(peerSection(result));
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

main();

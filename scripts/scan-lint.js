'use strict';
/**
 * `npm run lint:scan`: the lint step of n8n's package scanner (@n8n/scan-community-package), offline.
 * The scanner lints with `allowInlineConfig: false` (an eslint-disable comment does nothing there):
 *   1. the source the npm provenance points at (the GitHub commit): package.json and
 *      {nodes,credentials}/**\/*.{js,ts,json}; here: the files git tracks in this working tree
 *   2. the published tarball: **\/*.js and package.json; here: `npm run build` + `npm pack`
 * It runs the scanner's own `analyzePackage` and `SOURCE_FILE_PATTERNS`, from the pinned scanner
 * installed once into the tool cache (its own eslint and rule plugins), so rules and options are
 * the scanner's, not a copy. Provenance and the registry download are the steps it leaves out.
 *
 * Options: --skip-build (pack the current dist/), --version <scanner version>.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { execFileSync } = require('child_process');
const { cacheRoot, npmInstallExact, run } = require('../tools/install');

const SCANNER_VERSION = argValue('--version') || '0.32.0';
const REPO = path.resolve(__dirname, '..');

function argValue(flag) {
	const i = process.argv.indexOf(flag);
	return i > 0 ? process.argv[i + 1] : undefined;
}

/** The scanner package, installed once into the tool cache; returns the path of scanner.mjs. */
async function ensureScanner() {
	const dir = path.join(cacheRoot(), `scan-community-package-${SCANNER_VERSION}`);
	const scanner = path.join(
		dir,
		'node_modules',
		'@n8n',
		'scan-community-package',
		'scanner',
		'scanner.mjs',
	);
	if (fs.existsSync(path.join(dir, '.complete'))) return scanner;
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'caf-tools-scanner', private: true }),
	);
	console.log(`installing @n8n/scan-community-package@${SCANNER_VERSION} into ${dir} (once)…`);
	await npmInstallExact(dir, [`@n8n/scan-community-package@${SCANNER_VERSION}`]);
	fs.writeFileSync(path.join(dir, '.complete'), new Date().toISOString());
	return scanner;
}

/** Copies the files git tracks (and new, not ignored ones) to a temp dir: the source leg's checkout. */
function copySource(dest) {
	const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
		cwd: REPO,
		encoding: 'utf8',
	})
		.split('\0')
		.filter(Boolean);
	for (const file of files) {
		if (!fs.existsSync(path.join(REPO, file))) continue; // deleted in the working tree
		fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
		fs.copyFileSync(path.join(REPO, file), path.join(dest, file));
	}
	return files.length;
}

/** `npm pack` (after `npm run build`) unpacked into dest: the published tarball's content. */
async function unpackTarball(dest) {
	if (!process.argv.includes('--skip-build')) await run('npm', ['run', 'build'], { cwd: REPO });
	const out = await run('npm', ['pack', '--json', '--pack-destination', dest], { cwd: REPO });
	const tarball = path.join(dest, JSON.parse(out)[0].filename);
	const pkgDir = path.join(dest, 'package');
	await run('tar', ['-xzf', tarball, '-C', dest]);
	return pkgDir;
}

async function main() {
	const scannerPath = await ensureScanner();
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerPath).href);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'caf-scan-lint-'));
	try {
		const sourceDir = path.join(tmp, 'source');
		const count = copySource(sourceDir);
		const packageDir = await unpackTarball(tmp);
		const legs = [
			{
				name: `source (${count} tracked files; ${SOURCE_FILE_PATTERNS.join(' ')})`,
				result: await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS),
			},
			{
				name: 'published tarball (npm pack; **/*.js package.json)',
				result: await analyzePackage(packageDir, ['**/*.js', 'package.json']),
			},
		];
		for (const { name, result } of legs) {
			console.log(
				`${result.passed ? 'PASS' : 'FAIL'}  ${name}${result.message ? `: ${result.message}` : ''}`,
			);
			if (result.details) console.log(result.details);
		}
		const passed = legs.every((leg) => leg.result.passed);
		console.log(
			`scan lint (@n8n/scan-community-package@${SCANNER_VERSION}, allowInlineConfig: false): ${passed ? 'passed' : 'FAILED'}`,
		);
		if (!passed) process.exitCode = 1;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().catch((err) => {
	console.error(err.stack || err);
	process.exit(1);
});

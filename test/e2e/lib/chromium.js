'use strict';
/**
 * The editor tests need Chromium from Debian's packages (/usr/bin/chromium, or CAF_E2E_CHROMIUM).
 * Policy, checked before anything else runs:
 *   - present: use it
 *   - CI=true: install it with apt-get (CI machines are throw-away)
 *   - an interactive terminal: ask first, install only on "y"
 *   - otherwise: install nothing; fail with the command to run (CAF_E2E_SKIP_UI=1 skips the editor tests)
 */
const fs = require('fs');
const readline = require('readline');
const { spawnSync } = require('child_process');

const CHROMIUM = process.env.CAF_E2E_CHROMIUM || '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const APT = ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'];
const COMMAND = `${isRoot ? '' : 'sudo '}apt-get update && ${isRoot ? '' : 'sudo '}${APT.join(' ')}`;

function ask(question) {
	const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
	return new Promise((resolve) => rl.question(question, (answer) => (rl.close(), resolve(answer))));
}

function aptInstall(log) {
	const sudo = isRoot ? [] : ['sudo'];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['apt-get', 'update'], APT]) {
		log(`$ ${[...sudo, ...args].join(' ')}`);
		const res = spawnSync(
			sudo[0] || args[0],
			[...sudo.slice(1), ...(sudo.length ? args : args.slice(1))],
			{ stdio: 'inherit', env },
		);
		if (res.status !== 0)
			throw new Error(`${args.join(' ')} failed (exit ${res.status}); run it yourself: ${COMMAND}`);
	}
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`apt-get install chromium did not provide ${CHROMIUM}`);
}

/** Resolves the Chromium path, or throws with the command that installs it. */
async function ensureChromium(log) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	log(`The editor tests need Chromium from Debian's packages (${CHROMIUM}), which is missing.`);
	const canInstall = CHROMIUM === '/usr/bin/chromium';
	if (canInstall && process.env.CI === 'true') {
		log('CI=true: installing it with apt-get');
		aptInstall(log);
		return CHROMIUM;
	}
	if (canInstall && process.stdin.isTTY && process.stdout.isTTY) {
		const answer = await ask(`Install it now with \`${COMMAND}\`? [y/N] `);
		if (/^y(es)?$/i.test(answer.trim())) {
			aptInstall(log);
			return CHROMIUM;
		}
	}
	throw new Error(
		`Chromium is missing. Install it with:\n    ${COMMAND}\nor run without the editor tests: CAF_E2E_SKIP_UI=1 npm run test:e2e`,
	);
}

module.exports = { ensureChromium, CHROMIUM };

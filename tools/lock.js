'use strict';
/** A lock folder (`<dir>.lock` holding the owner's pid) so that two runs never install into the same folder at once. */
const fs = require('fs');
const path = require('path');
const log = require('./log').logger('install');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function lockOwner(lock) {
	try {
		const owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
		process.kill(owner, 0);
		return { owner, alive: true };
	} catch (err) {
		return { owner: NaN, alive: err.code === 'EPERM' };
	}
}

/** A lock folder so that two runs never install into the same folder at once (stale locks are taken over). */
async function withInstallLock(dir, fn) {
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	const lock = `${dir}.lock`;
	const deadline = Date.now() + 30 * 60 * 1000;
	for (let waited = 0; ; waited++) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			const { owner, alive } = lockOwner(lock);
			if (!alive && fs.existsSync(path.join(lock, 'pid'))) {
				log(`removing a stale install lock (${lock})`);
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline)
				throw new Error(`install lock ${lock} held for 30 minutes by pid ${owner}`);
			if (waited % 2 === 0)
				log(`waiting for another install (pid ${owner || '?'}) of ${path.basename(dir)} to finish`);
			await sleep(5000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

module.exports = { withInstallLock };

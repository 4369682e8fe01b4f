'use strict';
/**
 * Every process the e2e suite starts is spawned `detached` (its own process group) and
 * tracked here by pid, so it can be stopped by process id - the whole group, including
 * n8n's task runner children - even when a step fails or the test process is interrupted.
 */
const fs = require('fs');
const { spawn } = require('child_process');

const tracked = new Map(); // pid -> { name, child }
const tempDirs = new Set(); // removed at exit unless KEEP_E2E_FOLDER is set

const log = require('./log').logger('procs');

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

function signalGroup(pid, sig) {
	try {
		process.kill(-pid, sig);
		return true;
	} catch {
		try {
			process.kill(pid, sig);
			return true;
		} catch {
			return false;
		}
	}
}

/** spawn() in a new process group and track it. */
function spawnTracked(name, cmd, args, opts = {}) {
	const child = spawn(cmd, args, { ...opts, detached: true });
	if (child.pid) {
		tracked.set(child.pid, { name, child });
		child.once('exit', () => {
			// the group may still have members (e.g. task runners); stop() handles that
		});
	}
	return child;
}

/**
 * Stops the process group of `pid`: SIGTERM, then SIGKILL after `graceMs`.
 * Resolves once no member of the group is left (or after the SIGKILL wait).
 */
async function stop(pid, { graceMs = 10000 } = {}) {
	if (!pid) return;
	const entry = tracked.get(pid);
	const name = entry ? entry.name : String(pid);
	if (!groupAlive(pid) && !alive(pid)) {
		tracked.delete(pid);
		return;
	}
	signalGroup(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline && (groupAlive(pid) || alive(pid))) {
		await new Promise((r) => setTimeout(r, 100));
	}
	if (groupAlive(pid) || alive(pid)) {
		log(`${name} (pid ${pid}) did not stop after SIGTERM in ${graceMs} ms; SIGKILL`);
		signalGroup(pid, 'SIGKILL');
		const killDeadline = Date.now() + 5000;
		while (Date.now() < killDeadline && (groupAlive(pid) || alive(pid))) {
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	tracked.delete(pid);
}

async function stopAll() {
	const pids = [...tracked.keys()].reverse();
	for (const pid of pids) await stop(pid);
}

/** Synchronous last resort, for 'exit' and signals: SIGKILL every tracked group, remove temp folders. */
function killAllSync() {
	for (const [pid, { name }] of tracked) {
		if (signalGroup(pid, 'SIGKILL')) log(`killed ${name} (pid ${pid}) on exit`);
	}
	tracked.clear();
	removeTempDirsSync();
}

/** A temporary folder to delete when the run ends (also on failure or a signal). */
function registerTempDir(dir) {
	tempDirs.add(dir);
	return dir;
}

function removeTempDir(dir) {
	tempDirs.delete(dir);
	if (process.env.KEEP_E2E_FOLDER === '1' || process.env.KEEP_E2E_FOLDER === 'true') return;
	try {
		fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	} catch {
		/* best effort */
	}
}

function removeTempDirsSync() {
	for (const dir of [...tempDirs]) removeTempDir(dir);
}

let handlersInstalled = false;
function installExitHandlers() {
	if (handlersInstalled) return;
	handlersInstalled = true;
	process.on('exit', killAllSync);
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, () => {
			log(`received ${sig}; stopping started processes`);
			killAllSync();
			process.exit(130);
		});
	}
	process.on('uncaughtException', (err) => {
		console.error(err);
		killAllSync();
		process.exit(1);
	});
	process.on('unhandledRejection', (err) => {
		console.error(err);
		killAllSync();
		process.exit(1);
	});
}
installExitHandlers();

module.exports = {
	spawnTracked,
	stop,
	stopAll,
	killAllSync,
	tracked,
	alive,
	groupAlive,
	registerTempDir,
	removeTempDir,
	removeTempDirsSync,
};

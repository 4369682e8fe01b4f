'use strict';
/**
 * One logger for the tools: the e2e suite and the bench want `[e2e:<area> +12.3s]` lines with every
 * command; the demo (`npm start`) wants plain sentences. The entry point picks the voice once.
 */
let voice = 'e2e';
const t0 = Date.now();

/** 'e2e' (default; also used by the bench) or 'demo'. */
function setVoice(v) {
	voice = v;
}

function write(area, msg) {
	if (voice === 'demo') process.stdout.write(`  ${msg}\n`);
	else process.stderr.write(`[e2e:${area} +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
}

/** A logger for one area; `.detail()` lines (commands, timings) are left out of the demo's voice. */
function logger(area) {
	const log = (msg) => write(area, msg);
	log.detail = (msg) => {
		if (voice !== 'demo') write(area, msg);
	};
	return log;
}

/**
 * Calls `say(seconds)` every `everyMs` until the returned stop() is called: a long first run says
 * where it is at least every 10 s.
 */
function ticker(say, everyMs = 10_000) {
	const started = Date.now();
	const timer = setInterval(() => say(Math.round((Date.now() - started) / 1000)), everyMs);
	return () => clearInterval(timer);
}

/** Runs `step` (a promise-returning function), saying what it does first and every 10 s while it runs. */
async function withProgress(log, what, step) {
	log(`${what}…`);
	const stop = ticker((s) => log(`  still ${what} (${s} s)`));
	try {
		return await step();
	} finally {
		stop();
	}
}

module.exports = { setVoice, logger, ticker, withProgress };

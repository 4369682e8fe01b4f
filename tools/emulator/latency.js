'use strict';
// Latency model: delays on the way in, in the server and on the way out, each a uniform range in ms.
//   { in: [40, 80], server: [50, 250], out: [40, 80] }; a single number means a fixed delay.

const LEGS = ['in', 'server', 'out'];

function checkLatency(model) {
	if (model === undefined) return;
	if (typeof model !== 'object' || model === null)
		throw new Error('emulator option latency must be an object such as { in: [40, 80] }');
	for (const [leg, range] of Object.entries(model)) {
		if (!LEGS.includes(leg))
			throw new Error(`emulator option latency.${leg}: unknown leg (legs: ${LEGS.join(', ')})`);
		const [min, max] = typeof range === 'number' ? [range, range] : range || [];
		if (!(min >= 0 && max >= min))
			throw new Error(`emulator option latency.${leg} must be [min, max] with 0 <= min <= max`);
	}
}

/** A delay for one leg, drawn from its range with `random` (0 when the leg is not modelled). */
function delayFor(model, leg, random = Math.random) {
	const range = model && model[leg];
	if (range === undefined) return 0;
	const [min, max] = typeof range === 'number' ? [range, range] : range;
	return min + (max - min) * random();
}

/** Parses the CLI's "in=40-80,server=50-250,out=40-80". */
function parseLatency(text) {
	const model = {};
	for (const part of String(text).split(',')) {
		const match = /^(\w+)=(\d+)(?:-(\d+))?$/.exec(part.trim());
		if (!match)
			throw new Error(
				`--latency: cannot read "${part}" (expected e.g. in=40-80,server=50-250,out=40-80)`,
			);
		model[match[1]] = [Number(match[2]), Number(match[3] ?? match[2])];
	}
	checkLatency(model);
	return model;
}

module.exports = { checkLatency, delayFor, parseLatency, LATENCY_LEGS: LEGS };

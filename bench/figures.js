'use strict';
// What the benches send and what they read off the emulator's log, in one place for the engine-harness
// benches (TypeScript) and the real-n8n ones (bench/real-n8n.js, bench/queue.js).

/** The bulk update every throughput bench runs: a note and a custom field per customer, by ID. */
const UPDATE_PARAMETERS = {
	resource: 'customer',
	operation: 'update',
	customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
	updateFields: { note: '={{ "note " + $json.id }}' },
	customFields: { field: [{ name: 'loyalty_tier', value: '={{ $json.tier }}' }] },
	options: {},
};

/**
 * The API's view of a run: requests, accepted, 429s, first → last accepted arrival, and the share of the
 * limit used, (accepted − 1) × interval ÷ that span. With `clientLegMs` (the way in, which the log does not
 * see), also what one-at-a-time, reply-based spacing would take for the same replies:
 * Σ (reply − arrival + clientLegMs) over accepted requests + (accepted − 1) × interval.
 */
function apiView(requests, intervalMs, clientLegMs = 0) {
	const accepted = requests.filter((entry) => entry.status !== 429 && entry.status !== 0);
	const arrivals = accepted.map((entry) => entry.startedAt).sort((a, b) => a - b);
	const spanMs = arrivals.length > 1 ? arrivals[arrivals.length - 1] - arrivals[0] : 0;
	const roundTrips = accepted.reduce(
		(sum, entry) => sum + ((entry.endedAt ?? entry.startedAt) - entry.startedAt) + clientLegMs,
		0,
	);
	return {
		requests: requests.length,
		accepted: accepted.length,
		throttled: requests.filter((entry) => entry.status === 429).length,
		spanMs,
		ofLimit: spanMs > 0 ? ((accepted.length - 1) * intervalMs) / spanMs : 1,
		replyBasedMs: roundTrips + (accepted.length - 1) * intervalMs,
	};
}

/** Customers whose note and tier show they were written as asked, and how many an accepted PUT carried more than once. */
function writtenOnce(emu, items) {
	const wanted = new Map(items.map((item) => [item.id, item]));
	const times = new Map();
	for (const entry of emu.requests) {
		if (entry.method !== 'PUT' || entry.status !== 200) continue;
		for (const customer of (entry.body && entry.body.customers) || [])
			times.set(customer.id, (times.get(customer.id) || 0) + 1);
	}
	let written = 0;
	for (const customer of emu.customers) {
		const item = wanted.get(customer.id);
		const field = (customer.customer_fields || []).find((f) => f.machine_name === 'loyalty_tier');
		if (item && customer.note === `note ${item.id}` && field && field.value === item.tier)
			written++;
	}
	return { written, doubled: [...times.values()].filter((n) => n > 1).length };
}

module.exports = { UPDATE_PARAMETERS, apiView, writtenOnce };

/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// Helpers of the pacing benchmarks (bench/pacing.bench.ts): latency models, "processes" with their own
// pacer, and the figures measured from the emulator's log.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Emulator, LatencyModel, RequestLogEntry } from '../test/emulator';
import type { RunNodeOptions } from '../test/workflows/setup';
import type { RunResult } from '../test/harness';

export const LATENCY: Record<string, LatencyModel> = {
	fast: { in: [40, 80], server: [50, 250], out: [40, 80] },
	slow: { in: [40, 80], server: [800, 2000], out: [40, 80] },
};
export const LATENCY_LABEL: Record<string, string> = {
	fast: 'in 40–80 ms, server 50–250 ms, out 40–80 ms',
	slow: 'in 40–80 ms, server 800–2,000 ms, out 40–80 ms',
};

type RunNode = (emu: Emulator, parameters: INodeParameters, options?: RunNodeOptions) => Promise<RunResult>;

/**
 * A separate "process" on the shop: the node, n8n's engine and the transport loaded in their own module
 * registry, so it has its own process-wide pacer and shares only the API with the others.
 */
export function isolatedProcess(): RunNode {
	let runNode!: RunNode;
	jest.isolateModules(() => {
		runNode = (require('../test/workflows/setup') as { runNode: RunNode }).runNode;
	});
	return runNode;
}

export interface ApiView {
	requests: number;
	accepted: number;
	throttled: number;
	/** First accepted arrival → last accepted arrival. */
	spanMs: number;
	/** (accepted − 1) × interval ÷ span: how much of the API's limit the node used, seen from the API. */
	ofLimit: number;
	/** Σ (reply − arrival) over accepted requests + (accepted − 1) × interval: what one-at-a-time, reply-based spacing would take. */
	replyBasedMs: number;
}

export function apiView(requests: RequestLogEntry[], intervalMs: number, clientLegMs: number): ApiView {
	const accepted = requests.filter((entry) => entry.status !== 429 && entry.status !== 0);
	const arrivals = accepted.map((entry) => entry.startedAt).sort((a, b) => a - b);
	const spanMs = arrivals.length > 1 ? arrivals[arrivals.length - 1] - arrivals[0] : 0;
	const roundTrips = accepted.reduce((sum, entry) => sum + ((entry.endedAt ?? entry.startedAt) - entry.startedAt) + clientLegMs, 0);
	return {
		requests: requests.length,
		accepted: accepted.length,
		throttled: requests.filter((entry) => entry.status === 429).length,
		spanMs,
		ofLimit: spanMs > 0 ? ((accepted.length - 1) * intervalMs) / spanMs : 1,
		replyBasedMs: roundTrips + (accepted.length - 1) * intervalMs,
	};
}

/** Customers whose note and tier show they were written, and whether any was written twice. */
export function writtenOnce(emu: Emulator, items: IDataObject[]): { written: number; doubled: number } {
	const wanted = new Map(items.map((item) => [item.id as number, item]));
	const times = new Map<number, number>();
	for (const entry of emu.requests) {
		if (entry.method !== 'PUT' || entry.status !== 200) continue;
		for (const customer of (entry.body as { customers: Array<{ id: number }> }).customers) times.set(customer.id, (times.get(customer.id) ?? 0) + 1);
	}
	let written = 0;
	for (const customer of emu.customers) {
		const item = wanted.get(customer.id);
		const tier = customer.customer_fields.find((field) => field.machine_name === 'loyalty_tier')?.value;
		if (item && customer.note === `note ${item.id}` && tier === item.tier) written++;
	}
	return { written, doubled: [...times.values()].filter((n) => n > 1).length };
}

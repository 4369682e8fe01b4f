/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// Shared helpers of the benchmarks: the Update parameters, a timed run of the node through n8n's engine
// (tools/harness), memory sampling, and the results file bench/run.js renders.
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Emulator, RequestLogEntry } from '../tools/emulator';
import type { RunResult } from '../tools/harness';
import { NODE_NAME, runNode, startTestEmulator } from '../tools/harness/runNode';
import * as figures from './figures';
import * as sections from './section';

export { NODE_NAME, runNode, startTestEmulator };
export type { Emulator, RequestLogEntry, RunResult };

/** The scaled rate used wherever the real one (1/s) would take too long: the emulator allows 1 per 100 ms, the credential asks for 10/s. */
export const SCALED = { windowMs: 100, rateLimit: 1, credentialRate: 10 };
export const REAL = { windowMs: 1000, rateLimit: 1, credentialRate: 1 };

/** The node's own pacing interval for a credential rate. */
export { intervalFor } from '../nodes/CustomerAccountFields/transport/scheduler';

/** Update: a custom field and a note, per item (what the bulk-update example does, plus a note). */
export const UPDATE_PARAMETERS: INodeParameters = figures.UPDATE_PARAMETERS;

export function updateItems(emu: Emulator, count: number, tier = 'gold'): IDataObject[] {
	return emu.customers.slice(0, count).map((customer) => ({ id: customer.id, tier }));
}

/** How many of these customers carry the note and tier the Update parameters set. */
export function countUpdated(emu: Emulator, items: IDataObject[]): number {
	const byId = new Map(emu.customers.map((customer) => [customer.id, customer]));
	return items.filter((item) => {
		const customer = byId.get(item.id as number);
		const tier = customer?.customer_fields.find(
			(field) => field.machine_name === 'loyalty_tier',
		)?.value;
		return customer?.note === `note ${item.id}` && tier === item.tier;
	}).length;
}

export interface Timed {
	result: RunResult;
	/** runWorkflow, start to end (engine set-up included). */
	wallMs: number;
	/** n8n's own executionTime of the Customer Account Fields node (what the editor shows). */
	nodeMs: number;
}

export async function timedRun(
	emu: Emulator,
	parameters: INodeParameters,
	inputItems: IDataObject[],
	credentialRate: number,
): Promise<Timed> {
	const started = performance.now();
	const result = await runNode(emu, parameters, {
		inputItems,
		credential: { rateLimit: credentialRate },
	});
	const wallMs = performance.now() - started;
	const runs = result.runsOf(NODE_NAME);
	return { result, wallMs, nodeMs: runs[0]?.executionTime ?? NaN };
}

/** Where a node's time goes, from n8n's task data and the emulator's log (all in ms). */
export interface Breakdown {
	/** From the node's start to the first request's arrival: checking items, resolving expressions, the first request's way out. */
	beforeFirstRequestMs: number;
	/** Mean time from a reply leaving the emulator to the next request arriving (the pacing interval + client-side time). */
	meanReplyToNextRequestMs: number;
	/** Mean time the emulator spent on a request (arrival → reply sent). */
	meanServerMsPerRequest: number;
	/** From the last reply to the node's end: building the output items. */
	afterLastReplyMs: number;
}

export function breakdown(run: Timed, requests: RequestLogEntry[]): Breakdown {
	const task = run.result.runsOf(NODE_NAME)[0];
	const ends = requests.map((entry) => entry.endedAt ?? entry.startedAt);
	const gaps = requests.slice(1).map((entry, i) => entry.startedAt - ends[i]);
	const mean = (values: number[]) =>
		values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
	return {
		beforeFirstRequestMs: requests.length ? requests[0].startedAt - task.startTime : 0,
		meanReplyToNextRequestMs: mean(gaps),
		meanServerMsPerRequest: mean(requests.map((entry, i) => ends[i] - entry.startedAt)),
		afterLastReplyMs: requests.length ? task.startTime + task.executionTime - Math.max(...ends) : 0,
	};
}

export function describeBreakdown(b: Breakdown, intervalMs: number): string {
	return `${b.beforeFirstRequestMs.toFixed(0)} ms before the first request; mean ${b.meanReplyToNextRequestMs.toFixed(1)} ms from a reply to the next request (interval ${intervalMs} ms); mean ${b.meanServerMsPerRequest.toFixed(1)} ms per request in the emulator; ${b.afterLastReplyMs.toFixed(0)} ms after the last reply`;
}

export function throttledCount(emu: Emulator): number {
	return emu.stats().byStatus[429] ?? 0;
}

/** From the first request's arrival to the last reply, in the emulator's log. */
export function requestSpanMs(requests: RequestLogEntry[]): number {
	if (requests.length === 0) return 0;
	const end = Math.max(...requests.map((entry) => entry.endedAt ?? entry.startedAt));
	return end - requests[0].startedAt;
}

/** A full garbage collection, without needing node --expose-gc. */
let gcFn: (() => void) | undefined;
export function gc(): void {
	if (!gcFn) {
		v8.setFlagsFromString('--expose_gc');
		gcFn = vm.runInNewContext('gc') as () => void;
	}
	gcFn();
	gcFn();
}

export interface MemorySample {
	rss: number;
	heapUsed: number;
	external: number;
	arrayBuffers: number;
}

export function memory(): MemorySample {
	const m = process.memoryUsage();
	return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

/** Samples process.memoryUsage() every `everyMs` and keeps the maxima. */
export function startMemorySampler(everyMs = 5): {
	stop: () => MemorySample & { samples: number };
} {
	const peak: MemorySample = memory();
	let samples = 1;
	const take = () => {
		const m = memory();
		samples++;
		peak.rss = Math.max(peak.rss, m.rss);
		peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
		peak.external = Math.max(peak.external, m.external);
		peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
	};
	const timer = setInterval(take, everyMs);
	return {
		stop: () => {
			clearInterval(timer);
			take();
			return { ...peak, samples };
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Results: each bench file writes <results dir>/<section>.json; bench/run.js renders them.
// ---------------------------------------------------------------------------------------------

export interface Row {
	/** What is measured, e.g. "Bulk update 1,000 items, real rate (1/s)". */
	what: string;
	/** The measured figure, formatted. */
	figure: string;
	/** What it is compared with, formatted (the limit, the theoretical minimum, the peer…). */
	reference: string;
	/** The ratio, formatted (e.g. "99.2 % of the limit", "10.1×"). */
	ratio: string;
	goal: string;
	/** undefined when there is no goal for this row. */
	met?: boolean;
}

export interface Section {
	section: string;
	title: string;
	rows: Row[];
	/** Free-form notes printed under the section's table. */
	notes: string[];
	/** Raw figures, for anyone who wants to recompute. */
	raw: Record<string, unknown>;
}

/** Prints the section and leaves it for bench/run.js's RESULTS.md (bench/section.js, shared with the real-n8n benches). */
export const writeSection: (section: Section) => void = sections.writeSection;

export function progress(message: string): void {
	process.stdout.write(`[bench] ${message}\n`);
}

export const ms = (value: number, digits = 0): string => `${value.toFixed(digits)} ms`;
export const s = (valueMs: number, digits = 2): string => `${(valueMs / 1000).toFixed(digits)} s`;
export const pct = (ratio: number, digits = 1): string => `${(ratio * 100).toFixed(digits)} %`;
export const mb = (bytes: number, digits = 1): string =>
	`${(bytes / 1024 / 1024).toFixed(digits)} MB`;
export const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

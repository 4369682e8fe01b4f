/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// Pacing at the real rate (1 request/s) with network and server latency: bulk update under two latency
// models, Get Many, the one-at-a-time reading, several processes and several executions on one shop.
// The scenarios use separate emulators and shops, so they run at the same time (they mostly sleep).
// CAF_BENCH_PACING_SCALED=1 runs everything 10× faster (emulator 1 per 100 ms, latencies ÷ 10) for a smoke run;
// CAF_BENCH_PACING_ONLY=slow,fast runs only those scenarios.
import type { IDataObject } from 'n8n-workflow';

import type { LatencyModel, RateReading } from '../tools/emulator';
import {
	pct,
	progress,
	s,
	startTestEmulator,
	UPDATE_PARAMETERS,
	runNode,
	writeSection,
	type Row,
} from './lib';
import { apiView, isolatedProcess, LATENCY, LATENCY_LABEL, writtenOnce } from './pacingLib';

const SCALE = process.env.CAF_BENCH_PACING_SCALED === '1' ? 10 : 1;
const WINDOW_MS = 1000 / SCALE;
const CREDENTIAL_RATE = SCALE;
const scaled = (model: LatencyModel): LatencyModel =>
	Object.fromEntries(
		Object.entries(model).map(([leg, [min, max]]) => [leg, [min / SCALE, max / SCALE]]),
	) as LatencyModel;
const IN_LEG_MS = 60 / SCALE;

interface UpdateCase {
	key: string;
	label: string;
	latency: keyof typeof LATENCY;
	reading?: RateReading;
	processes: number;
	executionsEach: number;
	itemsEach: number;
	/** Each credential's rate as a share of the API's limit (default 1, the full rate). */
	rateShare?: number;
}

interface Outcome {
	key: string;
	label: string;
	wallMs: number;
	view: ReturnType<typeof apiView>;
	items: number;
	written: number;
	doubled: number;
	failed: number;
}

async function runUpdate(c: UpdateCase): Promise<Outcome> {
	const items = c.processes * c.executionsEach * c.itemsEach;
	const emu = await startTestEmulator({
		customers: items,
		windowMs: WINDOW_MS,
		rateLimit: 1,
		latency: scaled(LATENCY[c.latency]),
		rateReading: c.reading ?? 'spacing',
		shopDomain: `bench-pacing-${c.key}.myshopify.com`,
	});
	try {
		const runners = Array.from({ length: c.processes }, () =>
			c.processes > 1 ? isolatedProcess() : runNode,
		);
		const groups: IDataObject[][] = [];
		for (let k = 0; k < c.processes * c.executionsEach; k++) {
			groups.push(
				emu.customers
					.slice(k * c.itemsEach, (k + 1) * c.itemsEach)
					.map((customer) => ({ id: customer.id, tier: ['bronze', 'silver', 'gold'][k % 3] })),
			);
		}
		progress(`${c.label}: ${items} items …`);
		const started = performance.now();
		const watch = setInterval(
			() => progress(`${c.key}: ${JSON.stringify(emu.stats().byStatus)}`),
			10_000,
		);
		const results = await Promise.all(
			groups.map(
				async (inputItems, k) =>
					await runners[k % c.processes](emu, UPDATE_PARAMETERS, {
						inputItems,
						credential: { rateLimit: CREDENTIAL_RATE * (c.rateShare ?? 1) },
					}),
			),
		);
		clearInterval(watch);
		if (process.env.CAF_BENCH_PACING_DUMP) {
			const t0 = emu.requests[0]?.startedAt ?? 0;
			const lines = emu.requests.map(
				(e) =>
					`${(e.startedAt - t0).toFixed(0)} ${e.status} ${((e.endedAt ?? 0) - e.startedAt).toFixed(0)} ${(e.body as { customers: Array<{ id: number }> }).customers[0].id}`,
			);
			require('node:fs').writeFileSync(
				`${process.env.CAF_BENCH_PACING_DUMP}.${c.key}.txt`,
				lines.join('\n'),
			);
		}
		const wallMs = performance.now() - started;
		const { written, doubled } = writtenOnce(emu, groups.flat());
		const view = apiView(emu.requests, WINDOW_MS, IN_LEG_MS);
		progress(
			`${c.label}: done in ${s(wallMs)}, ${pct(view.ofLimit)} of the limit, ${view.throttled} × 429`,
		);
		return {
			key: c.key,
			label: c.label,
			wallMs,
			view,
			items,
			written,
			doubled,
			failed: results.filter((r) => r.error).length,
		};
	} finally {
		await emu.stop();
	}
}

async function runGetMany(
	key: string,
	customers: number,
	latency: keyof typeof LATENCY,
): Promise<Outcome> {
	const emu = await startTestEmulator({
		customers,
		windowMs: WINDOW_MS,
		rateLimit: 1,
		latency: scaled(LATENCY[latency]),
		shopDomain: `bench-pacing-${key}.myshopify.com`,
	});
	const label = `Get Many, Return All, ${customers.toLocaleString('en')} customers, ${LATENCY_LABEL[latency]}`;
	try {
		progress(`${label} …`);
		const started = performance.now();
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'getAll', returnAll: true },
			{ credential: { rateLimit: CREDENTIAL_RATE } },
		);
		const wallMs = performance.now() - started;
		const read = result.error
			? 0
			: new Set(result.outputOf('Customer Account Fields').map((item) => item.json.id)).size;
		const view = apiView(emu.requests, WINDOW_MS, IN_LEG_MS);
		progress(`${label}: done in ${s(wallMs)}, ${pct(view.ofLimit)} of the limit`);
		return {
			key,
			label,
			wallMs,
			view,
			items: customers,
			written: read,
			doubled: 0,
			failed: result.error ? 1 : 0,
		};
	} finally {
		await emu.stop();
	}
}

const UPDATES: UpdateCase[] = [
	{
		key: 'slow',
		label: `Update 1,000, ${LATENCY_LABEL.slow}`,
		latency: 'slow',
		processes: 1,
		executionsEach: 1,
		itemsEach: 1000,
	},
	{
		key: 'fast',
		label: `Update 1,000, ${LATENCY_LABEL.fast}`,
		latency: 'fast',
		processes: 1,
		executionsEach: 1,
		itemsEach: 1000,
	},
	{
		key: 'oneAtATime',
		label: `Update 400, one-at-a-time reading, ${LATENCY_LABEL.slow}`,
		latency: 'slow',
		reading: 'one-at-a-time',
		processes: 1,
		executionsEach: 1,
		itemsEach: 400,
	},
	{
		key: 'twoProcesses',
		label: `2 processes × 400 updates, each at the full rate, ${LATENCY_LABEL.fast}`,
		latency: 'fast',
		processes: 2,
		executionsEach: 1,
		itemsEach: 400,
	},
	{
		key: 'twoProcessesHalf',
		label: `2 processes × 400 updates, each credential at half the rate ("1 ÷ workers"), ${LATENCY_LABEL.fast}`,
		latency: 'fast',
		processes: 2,
		executionsEach: 1,
		itemsEach: 400,
		rateShare: 0.5,
	},
	{
		key: 'fourProcesses',
		label: `4 processes × 200 updates, each at the full rate, ${LATENCY_LABEL.fast}`,
		latency: 'fast',
		processes: 4,
		executionsEach: 1,
		itemsEach: 200,
	},
	{
		key: 'threeExecutions',
		label: `3 executions × 200 updates in one process, ${LATENCY_LABEL.fast}`,
		latency: 'fast',
		processes: 1,
		executionsEach: 3,
		itemsEach: 200,
	},
];

const GOALS: Record<string, { goal: number; what: string }> = {
	slow: { goal: 0.95, what: '≥ 95 %, ≤ 1 % 429' },
	fast: { goal: 0.97, what: '≥ 97 %' },
	getMany: { goal: 0.95, what: '≥ 95 %' },
	getManySlow: { goal: 0.95, what: '≥ 95 %' },
	twoProcesses: { goal: 0.9, what: '≥ 90 %, 0 lost/doubled/failed' },
	fourProcesses: { goal: 0.85, what: '≥ 85 %, 0 lost/doubled/failed' },
	twoProcessesHalf: { goal: 0.9, what: '≥ 90 %, 0 lost/doubled/failed (our own aim)' },
	threeExecutions: { goal: 0.95, what: '≥ 95 %' },
};

function rowFor(o: Outcome): Row {
	const { view } = o;
	const share429 = view.throttled / view.requests;
	const complete = o.written === o.items && o.doubled === 0 && o.failed === 0;
	if (o.key === 'oneAtATime') {
		const ofReplyBased = view.replyBasedMs / o.wallMs;
		return {
			what: o.label,
			figure: `${s(o.wallMs, 1)}; ${view.accepted} accepted + ${view.throttled} × 429; ${o.written}/${o.items} written, ${o.doubled} doubled`,
			reference: `reply-based spacing over the same replies: ${s(view.replyBasedMs, 1)}`,
			ratio: `${pct(ofReplyBased)} of reply-based (${pct(view.ofLimit)} of the limit)`,
			goal: '≥ 95 % of reply-based, 0 lost',
			met: ofReplyBased >= 0.95 && complete,
		};
	}
	const goal = GOALS[o.key];
	const tooMany429 = o.key === 'slow' && share429 > 0.01;
	return {
		what: o.label,
		figure: `${s(o.wallMs, 1)}; ${view.accepted} accepted + ${view.throttled} × 429 (${pct(share429)}); ${o.written}/${o.items} ${o.key.startsWith('getMany') ? 'read' : 'written'}, ${o.doubled} doubled, ${o.failed} failed`,
		reference: `(${view.accepted} − 1) × ${WINDOW_MS} ms over the API's first → last accepted arrival ${s(view.spanMs, 1)}`,
		ratio: `${pct(view.ofLimit)} of the limit (node time: ${pct(((view.accepted - 1) * WINDOW_MS) / o.wallMs)})`,
		goal: goal.what,
		met: view.ofLimit >= goal.goal && complete && !tooMany429,
	};
}

it('pacing: the real rate with latency, several processes and executions, the one-at-a-time reading', async () => {
	const started = performance.now();
	const only = process.env.CAF_BENCH_PACING_ONLY?.split(',');
	const scenarios: Array<[string, () => Promise<Outcome>]> = [
		...UPDATES.map((c): [string, () => Promise<Outcome>] => [
			c.key,
			async () => await runUpdate(c),
		]),
		['getMany', async () => await runGetMany('getMany', 10_000, 'fast')],
		['getManySlow', async () => await runGetMany('getManySlow', 2_000, 'slow')],
	];
	const outcomes = await Promise.all(
		scenarios.filter(([key]) => !only || only.includes(key)).map(async ([, run]) => await run()),
	);
	for (const o of outcomes) progress(`${o.key}: ${JSON.stringify({ ...o, label: undefined })}`);
	for (const o of outcomes) {
		expect(o.failed).toBe(0);
		expect(o.written).toBe(o.items);
		expect(o.doubled).toBe(0);
	}
	writeSection({
		section: 'pacing',
		title: `Pacing with latency (engine harness), ${SCALE === 1 ? 'real rate: emulator 1 per 1,000 ms, credential 1/s' : `scaled ${SCALE}×: emulator 1 per ${WINDOW_MS} ms, credential ${CREDENTIAL_RATE}/s, latencies ÷ ${SCALE}`}`,
		rows: outcomes.map(rowFor),
		notes: [
			"% of the limit is seen from the API: (accepted requests − 1) × interval ÷ (last accepted arrival − first accepted arrival). The node-time figure also counts the first request's way in and the last reply's round trip, which no client can avoid.",
			'Latency model: uniform ranges on the way in (before the rate limit sees the request), in the server (accepted requests only; a 429 is turned away at once) and on the way out. Emulator reading "spacing" (sliding window on arrival) unless stated.',
			'"Processes" load the node, n8n\'s engine and the transport in their own module registry (jest.isolateModules), so each has its own process-wide pacer and they share only the API, as n8n queue-mode workers do.',
			"Reply-based baseline for the one-at-a-time reading: the same accepted requests' measured round trips (arrival → reply sent, plus 60 ms on the way in) plus one interval between them: what the previous pacer (a full interval after each reply, one request in flight) would take for these replies.",
			'Get Many cannot overlap its pages: each page needs the previous page\'s cursor. Under "server 800–2,000 ms" a page\'s round trip is longer than the interval, so the limit is out of reach for any client; the figure shows how close the node gets.',
			`All scenarios ran at the same time, each on its own emulator and shop: ${s(performance.now() - started, 1)} in all.`,
		],
		raw: Object.fromEntries(outcomes.map((o) => [o.key, { ...o }])),
	});
});

/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// Bulk update: 1,000 items (Update: a custom field + a note) → 100 PUT requests of 10 customers.
// Measured at the real rate (1 request/s: ~100 s) and at a scaled rate (1 per 100 ms) to show the ratio holds.
//
// Theoretical minimum used: (requests − 1) × interval. The first request goes at once; the API then
// needs one full interval between arrivals, so the last request can arrive no earlier than
// (requests − 1) × interval after the first. (requests × interval is also printed, for reference.)
import {
	REAL,
	SCALED,
	UPDATE_PARAMETERS,
	breakdown,
	countUpdated,
	describeBreakdown,
	intervalFor,
	pct,
	progress,
	requestSpanMs,
	s,
	startTestEmulator,
	throttledCount,
	timedRun,
	updateItems,
	writeSection,
	type Row,
} from './lib';

const ITEMS = 1000;
const skipReal = process.env.CAF_BENCH_SKIP_REAL_RATE === '1';

interface RateCase {
	key: string;
	label: string;
	windowMs: number;
	credentialRate: number;
}

const cases: RateCase[] = [
	{
		key: 'scaled',
		label: 'scaled rate (emulator 1 per 100 ms, credential 10/s)',
		windowMs: SCALED.windowMs,
		credentialRate: SCALED.credentialRate,
	},
	...(skipReal
		? []
		: [
				{
					key: 'real',
					label: 'real rate (emulator 1 per 1000 ms, credential 1/s)',
					windowMs: REAL.windowMs,
					credentialRate: REAL.credentialRate,
				},
			]),
];

it('bulk update: 1,000 items against the theoretical minimum, at the real and a scaled rate', async () => {
	const rows: Row[] = [];
	const raw: Record<string, unknown> = {};
	const notes: string[] = [];
	for (const rate of cases) {
		const emu = await startTestEmulator({
			customers: ITEMS,
			windowMs: rate.windowMs,
			rateLimit: 1,
			shopDomain: `bench-update-${rate.key}.myshopify.com`,
		});
		try {
			const items = updateItems(emu, ITEMS);
			progress(`bulk update, ${rate.label}: ${ITEMS} items …`);
			const run = await timedRun(emu, UPDATE_PARAMETERS, items, rate.credentialRate);
			expect(run.result.error).toBeUndefined();
			expect(countUpdated(emu, items)).toBe(ITEMS);

			const interval = intervalFor(rate.credentialRate);
			const requests = emu.requests.length;
			const throttled = throttledCount(emu);
			const minimum = (requests - throttled - 1) * interval;
			const ratio = minimum / run.nodeMs;
			const span = requestSpanMs(emu.requests);
			raw[rate.key] = {
				items: ITEMS,
				intervalMs: interval,
				requests,
				throttled429: throttled,
				nodeExecutionMs: run.nodeMs,
				runWorkflowWallMs: run.wallMs,
				requestSpanMs: span,
				minimumMs: minimum,
				requestsTimesIntervalMs: requests * interval,
				meanServerMsPerRequest:
					emu.requests.reduce((sum, e) => sum + ((e.endedAt ?? e.startedAt) - e.startedAt), 0) /
					requests,
				maxAcceptedInWindow: emu.stats().maxAcceptedInWindow,
				breakdown: breakdown(run, emu.requests),
			};
			notes.push(
				`Where the node's time goes, ${rate.label}: ${describeBreakdown(breakdown(run, emu.requests), interval)}.`,
			);
			rows.push(
				{
					what: `Bulk update 1,000 items, ${rate.label}: node time`,
					figure: s(run.nodeMs),
					reference: `minimum (${requests - throttled} − 1) × ${interval} ms = ${s(minimum)}`,
					ratio: `${pct(ratio)} of the limit (requests × interval = ${s(requests * interval)} → ${pct((requests * interval) / run.nodeMs)})`,
					goal: '≥ 95 %',
					met: ratio >= 0.95,
				},
				{
					what: `Bulk update 1,000 items, ${rate.label}: requests`,
					figure: String(requests),
					reference: '1000 items ÷ 10 per request = 100',
					ratio: `${(requests / 100).toFixed(2)}×`,
					goal: '100 accepted',
					met: requests - throttled === 100,
				},
				{
					what: `Bulk update 1,000 items, ${rate.label}: 429s provoked`,
					figure: String(throttled),
					reference: `${requests} requests`,
					ratio: pct(throttled / requests),
					goal: '≤ 1 % (DECISIONS D7)',
					met: throttled <= 0.01 * requests,
				},
			);
		} finally {
			await emu.stop();
		}
	}
	writeSection({
		section: 'update',
		title: 'Bulk update (engine harness: n8n-core WorkflowExecute, emulator in process)',
		rows,
		notes: [
			'Theoretical minimum = (requests − 1) × interval: the first request goes at once, and the API needs a full interval between arrivals. requests × interval is shown for reference.',
			'Node time = n8n\'s executionTime of the node (the figure the editor shows). The node starts requests on slots of the interval plus 4 %, several in flight (bench "pacing" measures it with network and server latency).',
			...notes,
			...(skipReal ? ['CAF_BENCH_SKIP_REAL_RATE=1: the real-rate run was skipped.'] : []),
		],
		raw,
	});
});

/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// List: 10,000 customers with Return All (Get Many) → 200 pages of 50.
// Time against the theoretical page count at the scaled rate (1 request per 100 ms: 200 pages ≥ 19.9 s;
// at the real rate, 1/s, it would be ≥ 199 s), and the process's peak memory above its baseline against
// the size of the output JSON.
import {
	SCALED,
	breakdown,
	describeBreakdown,
	gc,
	intervalFor,
	mb,
	memory,
	pct,
	progress,
	s,
	startMemorySampler,
	startTestEmulator,
	throttledCount,
	timedRun,
	writeSection,
	NODE_NAME,
} from './lib';

const CUSTOMERS = 10_000;

it('list: 10,000 customers with Return All, time against 200 pages × interval, peak memory against the output size', async () => {
	const emu = await startTestEmulator({
		customers: CUSTOMERS,
		windowMs: SCALED.windowMs,
		rateLimit: 1,
		shopDomain: 'bench-list.myshopify.com',
	});
	try {
		const interval = intervalFor(SCALED.credentialRate);
		// Warm the engine (module loading, JIT) with a one-page read, then measure from a collected heap.
		await timedRun(
			emu,
			{ resource: 'customer', operation: 'getAll', returnAll: false, limit: 50 },
			[{}],
			SCALED.credentialRate,
		);
		emu.reset({});
		await new Promise((resolve) => setTimeout(resolve, 2 * interval));
		gc();
		const baseline = memory();
		const sampler = startMemorySampler(5);
		progress(`list, scaled rate: ${CUSTOMERS} customers with Return All …`);
		const run = await timedRun(
			emu,
			{ resource: 'customer', operation: 'getAll', returnAll: true },
			[{}],
			SCALED.credentialRate,
		);
		const peak = sampler.stop();
		expect(run.result.error).toBeUndefined();
		const output = run.result.outputOf(NODE_NAME);
		expect(output).toHaveLength(CUSTOMERS);
		expect(new Set(output.map((item) => item.json.id)).size).toBe(CUSTOMERS);

		gc();
		const retained = memory(); // the run result (all 10,000 items) is still referenced here
		const outputJsonBytes = Buffer.byteLength(JSON.stringify(output.map((item) => item.json)));
		const requests = emu.requests.length;
		const throttled = throttledCount(emu);
		const pages = Math.ceil(CUSTOMERS / 50);
		const minimum = (pages - 1) * interval;
		const timeRatio = minimum / run.nodeMs;
		const rssAbove = peak.rss - baseline.rss;
		const heapAbove = peak.heapUsed - baseline.heapUsed;
		const b = breakdown(run, emu.requests);
		writeSection({
			section: 'list',
			title: `List: ${CUSTOMERS.toLocaleString('en')} customers with Return All, scaled rate (emulator 1 per ${SCALED.windowMs} ms, credential ${SCALED.credentialRate}/s)`,
			rows: [
				{
					what: 'Get Many, Return All: node time',
					figure: `${s(run.nodeMs)}, ${requests} requests`,
					reference: `minimum (${pages} pages − 1) × ${interval} ms = ${s(minimum)}`,
					ratio: `${pct(timeRatio)} of the limit (pages × interval = ${s(pages * interval)} → ${pct((pages * interval) / run.nodeMs)})`,
					goal: '≥ 95 %',
					met: timeRatio >= 0.95,
				},
				{
					what: 'Get Many, Return All: requests',
					figure: String(requests),
					reference: `${pages} pages of 50`,
					ratio: `${(requests / pages).toFixed(2)}×`,
					goal: String(pages),
					met: requests === pages,
				},
				{
					what: 'Get Many, Return All: 429s provoked',
					figure: String(throttled),
					reference: '0',
					ratio: '—',
					goal: '0',
					met: throttled === 0,
				},
				{
					what: 'Peak RSS above baseline (sampled every 5 ms)',
					figure: mb(rssAbove),
					reference: `output JSON ${mb(outputJsonBytes)}`,
					ratio: `${(rssAbove / outputJsonBytes).toFixed(2)}×`,
					goal: '≤ 2×',
					met: rssAbove <= 2 * outputJsonBytes,
				},
				{
					what: 'Peak V8 heap used above baseline (sampled)',
					figure: mb(heapAbove),
					reference: `output JSON ${mb(outputJsonBytes)}`,
					ratio: `${(heapAbove / outputJsonBytes).toFixed(2)}×`,
					goal: '(for information)',
				},
				{
					what: 'Heap retained after the run (GC, output still referenced)',
					figure: mb(retained.heapUsed - baseline.heapUsed),
					reference: `output JSON ${mb(outputJsonBytes)}`,
					ratio: `${((retained.heapUsed - baseline.heapUsed) / outputJsonBytes).toFixed(2)}×`,
					goal: '(for information)',
				},
			],
			notes: [
				`Theoretical minimum = (pages − 1) × interval, the first page going at once. At the real rate (1/s) the same read needs ≥ ${((pages - 1) * 1000) / 1000} s.`,
				`Memory: one process (Jest runner + n8n-core + the emulator, which holds the 10,000 customers before the baseline is taken and serves each page from them); baseline after a warm-up read and a full GC; peak sampled every 5 ms during the run (${peak.samples} samples); output JSON = JSON.stringify of the 10,000 output items' json.`,
				`Where the node's time goes: ${describeBreakdown(b, interval)}.`,
			],
			raw: {
				customers: CUSTOMERS,
				pages,
				requests,
				throttled429: throttled,
				intervalMs: interval,
				nodeExecutionMs: run.nodeMs,
				runWorkflowWallMs: run.wallMs,
				minimumMs: minimum,
				outputJsonBytes,
				baseline,
				peak,
				retained,
				breakdown: b,
			},
		});
	} finally {
		await emu.stop();
	}
});

/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// Contention: three executions at once for one shop in one process (three concurrent runWorkflow calls,
// each updating 200 customers), scaled rate. They share the process-wide pacer line of the shop, so
// together they should provoke no 429 and still use the whole limit.
import {
	SCALED,
	UPDATE_PARAMETERS,
	countUpdated,
	intervalFor,
	pct,
	progress,
	s,
	startTestEmulator,
	throttledCount,
	writeSection,
	NODE_NAME,
	runNode,
} from './lib';
import { performance } from 'node:perf_hooks';

const EXECUTIONS = 3;
const ITEMS_EACH = 200;

it('contention: three executions at once for one shop share the limit', async () => {
	const emu = await startTestEmulator({
		customers: EXECUTIONS * ITEMS_EACH,
		windowMs: SCALED.windowMs,
		rateLimit: 1,
		shopDomain: 'bench-contention.myshopify.com',
	});
	try {
		const interval = intervalFor(SCALED.credentialRate);
		const batches = Array.from({ length: EXECUTIONS }, (_, k) =>
			emu.customers
				.slice(k * ITEMS_EACH, (k + 1) * ITEMS_EACH)
				.map((customer) => ({ id: customer.id, tier: ['bronze', 'silver', 'gold'][k] })),
		);
		progress(`contention: ${EXECUTIONS} executions × ${ITEMS_EACH} items at once, scaled rate …`);
		const started = performance.now();
		const results = await Promise.all(
			batches.map((inputItems) =>
				runNode(emu, UPDATE_PARAMETERS, {
					inputItems,
					credential: { rateLimit: SCALED.credentialRate },
				}),
			),
		);
		const wallMs = performance.now() - started;
		for (const [k, result] of results.entries()) {
			expect(result.error).toBeUndefined();
			expect(countUpdated(emu, batches[k])).toBe(ITEMS_EACH);
		}
		const requests = emu.requests.length;
		const throttled = throttledCount(emu);
		const minimum = (requests - throttled - 1) * interval;
		const ratio = minimum / wallMs;
		const items = EXECUTIONS * ITEMS_EACH;
		const itemsPerSecond = items / (wallMs / 1000);
		const limitItemsPerSecond = (1000 / interval) * 10;
		const nodeTimes = results.map((result) => result.runsOf(NODE_NAME)[0].executionTime);
		// Requests interleave: which execution sent each one (by the customer ids in its body).
		const owner = new Map<number, number>();
		batches.forEach((batch, k) => batch.forEach((item) => owner.set(item.id as number, k)));
		const order = emu.requests.map(
			(entry) =>
				owner.get(((entry.body as { customers: Array<{ id: number }> }).customers[0] ?? {}).id) ??
				-1,
		);
		writeSection({
			section: 'contention',
			title: `Contention: ${EXECUTIONS} executions at once, one shop, one process, scaled rate (emulator 1 per ${SCALED.windowMs} ms, credential ${SCALED.credentialRate}/s)`,
			rows: [
				{
					what: `${EXECUTIONS} × ${ITEMS_EACH} updates at once: combined time`,
					figure: `${s(wallMs)}, ${requests} requests, ${itemsPerSecond.toFixed(1)} items/s`,
					reference: `minimum (${requests - throttled} − 1) × ${interval} ms = ${s(minimum)}; limit ${limitItemsPerSecond} items/s`,
					ratio: `${pct(ratio)} of the limit (${pct(itemsPerSecond / limitItemsPerSecond)} of ${limitItemsPerSecond} items/s)`,
					goal: '≥ 95 %',
					met: ratio >= 0.95,
				},
				{
					what: `${EXECUTIONS} executions at once: 429s provoked`,
					figure: String(throttled),
					reference: `${requests} requests`,
					ratio: pct(throttled / requests),
					goal: '≤ 1 % (DECISIONS D7)',
					met: throttled <= 0.01 * requests,
				},
				{
					what: 'Most requests accepted in one 100 ms window',
					figure: String(emu.stats().maxAcceptedInWindow),
					reference: 'the limit, 1',
					ratio: '—',
					goal: '≤ 1',
					met: emu.stats().maxAcceptedInWindow <= 1,
				},
			],
			notes: [
				"Three runWorkflow calls (n8n-core WorkflowExecute) started together in one process; the shop's requests go through the one process-wide pacer line.",
				`Combined time = from starting the three executions to the last one finishing. Each execution's node time: ${nodeTimes.map((t) => s(t)).join(', ')}.`,
				`Order in which the executions' requests reached the API (first 15): ${order.slice(0, 15).join(' ')} …`,
			],
			raw: {
				executions: EXECUTIONS,
				itemsEach: ITEMS_EACH,
				requests,
				throttled429: throttled,
				intervalMs: interval,
				wallMs,
				minimumMs: minimum,
				nodeTimes,
				byStatus: emu.stats().byStatus,
				order,
			},
		});
	} finally {
		await emu.stop();
	}
});

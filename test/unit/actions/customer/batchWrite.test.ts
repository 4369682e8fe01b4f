/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import type { INodeExecutionData } from 'n8n-workflow';

import {
	writeInBatches,
	type WriteSpec,
} from '../../../../nodes/CustomerAccountFields/actions/customer/batchWrite';
import { describeWrites } from '../../../../nodes/CustomerAccountFields/actions/customer/dryRun';
import { allItems, ItemResults } from '../../../../nodes/CustomerAccountFields/actions/itemResults';
import type { CustomersWrite } from '../../../../nodes/CustomerAccountFields/customers';
import { SCALE_TIMEOUT_MS, stubContext, withCpuTime } from '../stubContext';

// The API is replaced by a stub that answers at once, so that 10,000 batches take a second, not 3 hours.
const mockWrites: { calls: CustomersWrite[]; inFlight: number; maxInFlight: number } = {
	calls: [],
	inFlight: 0,
	maxInFlight: 0,
};
jest.mock('../../../../nodes/CustomerAccountFields/customers/write', () => ({
	...jest.requireActual('../../../../nodes/CustomerAccountFields/customers/write'),
	writeCustomers: async (write: CustomersWrite) => {
		mockWrites.calls.push(write);
		mockWrites.inFlight += 1;
		mockWrites.maxInFlight = Math.max(mockWrites.maxInFlight, mockWrites.inFlight);
		await new Promise((resolve) => setImmediate(resolve));
		mockWrites.inFlight -= 1;
		return { ok: true, body: { status: 'okay' } };
	},
	describeWrite: async (write: CustomersWrite) => ({
		method: write.method,
		body: { customers: write.customers },
	}),
}));

const SIZE = 100_000;
// 0.3 to 3 s of CPU (more in a full `npm test` on a busy machine, with its GC); a some() over the items
// per item (quadratic) ran for minutes.
const CPU_BUDGET_MS = 10_000;
const items: INodeExecutionData[] = Array.from({ length: SIZE }, (_, n) => ({
	json: { id: 1_000_000 + n },
}));
const context = stubContext(() => undefined);
const spec = {
	method: 'PUT' as const,
	itemIndexes: allItems(items),
	prepare: (itemIndex: number) => ({
		id: items[itemIndex].json.id as number,
		note: `n${itemIndex}`,
	}),
};

/** The writer's output items, as the operations return them. */
async function write(writeSpec: WriteSpec) {
	const results = new ItemResults(context);
	await writeInBatches.call(context, results, writeSpec);
	return results.output();
}

beforeEach(() => {
	mockWrites.calls = [];
	mockWrites.maxInFlight = 0;
});

describe('the batch writer at any size', () => {
	it(
		`writes ${SIZE.toLocaleString('en')} items in batches of 10, one output item per input item, in order`,
		async () => {
			const { result: output, cpuMs } = await withCpuTime(() => write(spec));
			expect(cpuMs).toBeLessThan(CPU_BUDGET_MS);
			expect(mockWrites.calls).toHaveLength(SIZE / 10);
			expect(mockWrites.maxInFlight).toBeGreaterThan(1);
			expect(mockWrites.maxInFlight).toBeLessThanOrEqual(8);
			expect(output).toHaveLength(SIZE);
			expect(output[SIZE - 1]).toEqual({
				json: { id: 1_000_000 + SIZE - 1, note: `n${SIZE - 1}` },
				pairedItem: { item: SIZE - 1 },
			});
			expect(output.every((item, n) => (item.pairedItem as { item: number }).item === n)).toBe(
				true,
			);
		},
		SCALE_TIMEOUT_MS,
	);

	it(
		`writes the half of ${SIZE.toLocaleString('en')} items it is given, and only those`,
		async () => {
			const itemIndexes = items.map((_, n) => n).filter((n) => n % 2 === 1);
			const { result: output, cpuMs } = await withCpuTime(() => write({ ...spec, itemIndexes }));
			expect(cpuMs).toBeLessThan(CPU_BUDGET_MS);
			expect(mockWrites.calls).toHaveLength(SIZE / 20);
			expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual(itemIndexes);
		},
		SCALE_TIMEOUT_MS,
	);

	it(
		`dry-runs ${SIZE.toLocaleString('en')} items as one output item per request`,
		async () => {
			const { result: output, cpuMs } = await withCpuTime(() =>
				describeWrites.call(context, new ItemResults(context), spec),
			);
			expect(cpuMs).toBeLessThan(CPU_BUDGET_MS);
			expect(mockWrites.calls).toHaveLength(0);
			expect(output).toHaveLength(SIZE / 10);
			expect(output[SIZE / 10 - 1].json).toMatchObject({
				dryRun: true,
				batch: SIZE / 10,
				items: [99_990, 99_991, 99_992, 99_993, 99_994, 99_995, 99_996, 99_997, 99_998, 99_999],
			});
		},
		SCALE_TIMEOUT_MS,
	);
});

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { execute } from '../../../../nodes/CustomerAccountFields/actions/customer/upsert.operation';
import type {
	CustomersWrite,
	ReadOptions,
} from '../../../../nodes/CustomerAccountFields/customers';
import { SCALE_TIMEOUT_MS, stubContext, withCpuTime } from '../stubContext';

// The shop is a list in memory, read 50 at a time by a stub of readPages; writes are counted, not sent.
const mockShop: { customers: IDataObject[]; pagesRead: number; writes: CustomersWrite[] } = {
	customers: [],
	pagesRead: 0,
	writes: [],
};
jest.mock('../../../../nodes/CustomerAccountFields/customers/read', () => ({
	...jest.requireActual('../../../../nodes/CustomerAccountFields/customers/read'),
	readPages: async (_qs: IDataObject, options: ReadOptions) => {
		let count = 0;
		for (let start = 0; start < mockShop.customers.length; start += 50) {
			const page = mockShop.customers.slice(
				start,
				Math.min(start + 50, start + (options.limit ?? Infinity) - count),
			);
			mockShop.pagesRead += 1;
			count += page.length;
			options.onPage(page);
			if (options.limit !== undefined && count >= options.limit) break;
		}
		return { count, pages: mockShop.pagesRead };
	},
}));
jest.mock('../../../../nodes/CustomerAccountFields/customers/write', () => ({
	...jest.requireActual('../../../../nodes/CustomerAccountFields/customers/write'),
	writeCustomers: async (write: CustomersWrite) => {
		mockShop.writes.push(write);
		return { ok: true, body: { status: 'okay' } };
	},
	describeWrite: async (write: CustomersWrite) => ({
		method: write.method,
		body: { customers: write.customers },
	}),
}));

const SIZE = 100_000;
// About 2 s of CPU on a busy machine (building 100,000 bodies); a find() over the matches per item
// (quadratic) ran for more than 5 minutes.
const CPU_BUDGET_MS = 20_000;
const emailOf = (n: number) => `row${n}@example.com`;

/** Create or Update by email of SIZE rows; the shop holds every other row's customer. */
function run(options: IDataObject = {}) {
	const items: INodeExecutionData[] = Array.from({ length: SIZE }, (_, n) => ({
		json: { email: emailOf(n) },
	}));
	const parameters: Record<string, (itemIndex: number) => unknown> = {
		matchBy: () => 'email',
		email: (itemIndex) => items[itemIndex].json.email,
		additionalFields: (itemIndex) => ({ firstName: `Row ${itemIndex}` }),
		'customFields.field': () => [{ name: 'loyalty_tier', value: 'gold' }],
		options: () => options,
	};
	const context = stubContext((name, itemIndex) => parameters[name]?.(itemIndex));
	return execute.call(context, items);
}

beforeEach(() => {
	mockShop.customers = Array.from({ length: SIZE / 2 }, (_, n) => ({
		id: 1_000_000 + n,
		email: emailOf(2 * n).toUpperCase(),
		customer_fields: [],
	}));
	mockShop.pagesRead = 0;
	mockShop.writes = [];
});

describe('Create or Update at any size', () => {
	it(
		`plans, matches and writes ${SIZE.toLocaleString('en')} rows against a ${(SIZE / 2).toLocaleString('en')}-customer shop`,
		async () => {
			const { result: output, cpuMs } = await withCpuTime(() => run());
			expect(cpuMs).toBeLessThan(CPU_BUDGET_MS);
			expect(mockShop.pagesRead).toBe(SIZE / 2 / 50);
			expect(mockShop.writes).toHaveLength(SIZE / 10);
			expect(output).toHaveLength(SIZE);
			expect(output[SIZE - 2]).toEqual({
				json: {
					result: 'updated',
					id: 1_000_000 + SIZE / 2 - 1,
					email: emailOf(SIZE - 2),
					first_name: `Row ${SIZE - 2}`,
					customer_fields: { loyalty_tier: 'gold' },
				},
				pairedItem: { item: SIZE - 2 },
			});
			expect(output[SIZE - 1].json).toMatchObject({ result: 'created', email: emailOf(SIZE - 1) });
			expect(output.every((item, n) => (item.pairedItem as { item: number }).item === n)).toBe(
				true,
			);
		},
		SCALE_TIMEOUT_MS,
	);

	it(
		`dry-runs ${SIZE.toLocaleString('en')} rows: the reads, then one output item per request`,
		async () => {
			const { result: output, cpuMs } = await withCpuTime(() => run({ dryRun: true }));
			expect(cpuMs).toBeLessThan(CPU_BUDGET_MS);
			expect(mockShop.writes).toHaveLength(0);
			expect(output).toHaveLength(SIZE / 10);
			expect(output[SIZE / 10 - 1].json).toMatchObject({
				dryRun: true,
				batch: SIZE / 10,
				method: 'PUT',
			});
		},
		SCALE_TIMEOUT_MS,
	);

	it(
		`with Skip Unchanged, writes only the 1 % of ${(SIZE / 2).toLocaleString('en')} existing customers that differ`,
		async () => {
			const holds = (n: number) => ({
				first_name: n % 200 === 0 ? 'Old name' : `Row ${n}`,
				customer_fields: [{ machine_name: 'loyalty_tier', value: 'gold' }],
			});
			mockShop.customers = mockShop.customers.map((customer, n) => ({
				...customer,
				...holds(2 * n),
			}));
			const { result: output, cpuMs } = await withCpuTime(() => run({ skipUnchanged: true }));
			expect(cpuMs).toBeLessThan(CPU_BUDGET_MS);
			const puts = mockShop.writes.filter((write) => write.method === 'PUT');
			expect(puts).toHaveLength(SIZE / 2 / 100 / 10);
			expect(mockShop.writes).toHaveLength(SIZE / 2 / 10 + puts.length);
			expect(output.filter((item) => item.json.result === 'unchanged')).toHaveLength(
				(SIZE / 2) * 0.99,
			);
			expect(output[2]).toEqual({
				json: { result: 'unchanged', id: 1_000_001 },
				pairedItem: { item: 2 },
			});
			expect(output[200].json).toMatchObject({
				result: 'updated',
				id: 1_000_100,
				first_name: 'Row 200',
			});
		},
		SCALE_TIMEOUT_MS,
	);
});

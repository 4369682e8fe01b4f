import type { IDataObject } from 'n8n-workflow';

import type { Customer, Emulator } from '../../tools/emulator';
import { accepted, jsonOf, pairsOf, runNode, useEmulator } from './setup';

// A nightly sync: a spreadsheet row per customer, mapped onto Create or Update by email.
const sync = {
	resource: 'customer',
	operation: 'upsert',
	matchBy: 'email',
	email: '={{ $json.email }}',
	additionalFields: {
		firstName: '={{ $json.first_name }}',
		lastName: '={{ $json.last_name }}',
		phone: '={{ $json.phone }}',
		tags: '={{ $json.tags }}',
		acceptsMarketing: '={{ $json.accepts_marketing }}',
	},
	customFields: {
		field: [
			{ name: 'loyalty_tier', value: '={{ $json.loyalty_tier }}' },
			{ name: 'company_size', value: '={{ $json.company_size }}' },
		],
	},
};

const fieldOf = (customer: Customer, name: string) =>
	customer.customer_fields.find((field) => field.machine_name === name)?.value ?? '';

/** The row a spreadsheet would hold for a customer as it stands. */
function rowOf(customer: Customer): IDataObject {
	return {
		email: customer.email,
		first_name: customer.first_name ?? '',
		last_name: customer.last_name ?? '',
		phone: customer.phone ?? '',
		tags: customer.tags,
		accepts_marketing: customer.accepts_marketing,
		loyalty_tier: fieldOf(customer, 'loyalty_tier'),
		company_size: fieldOf(customer, 'company_size'),
	};
}

const resultsOf = (output: IDataObject[]) => output.map((item) => item.result ?? item.error);
const count = (list: unknown[], value: unknown) => list.filter((entry) => entry === value).length;

describe('Create or Update, Skip Unchanged, at the size of a sync', () => {
	let emu: Emulator;
	useEmulator({ customers: 2_000 }, (started) => (emu = started));

	it('a sync of 2,000 rows where 1 % changed costs the reads plus ⌈changed ÷ 10⌉ writes', async () => {
		const rows = emu.customers.map(rowOf);
		const changed = rows.map((_, n) => n).filter((n) => n % 100 === 7);
		for (const n of changed) rows[n].first_name = `${String(rows[n].first_name)} Jr`;

		// Fewer mapped columns than `sync`: each is an expression per row, the bulk of this test's time.
		const { firstName, lastName, tags } = sync.additionalFields;
		const parameters = {
			...sync,
			additionalFields: { firstName, lastName, tags },
			customFields: { field: [sync.customFields.field[0]] },
			options: { skipUnchanged: true },
		};
		const result = await runNode(emu, parameters, { inputItems: rows });
		expect(result.error).toBeUndefined();
		expect(accepted(emu, 'GET')).toHaveLength(2_000 / 50);
		expect(
			accepted(emu, 'PUT').map(
				(entry) => (entry.body as { customers: unknown[] }).customers.length,
			),
		).toEqual([10, 10]);
		expect(accepted(emu, 'POST')).toHaveLength(0);

		const output = jsonOf(result);
		expect(pairsOf(result)).toEqual(rows.map((_, n) => n));
		expect(count(resultsOf(output), 'unchanged')).toBe(1_980);
		expect(changed.map((n) => output[n].result)).toEqual(Array(20).fill('updated'));
		expect(output[0]).toEqual({ result: 'unchanged', id: emu.customers[0].id });
		expect(emu.customers[7].first_name).toMatch(/ Jr$/);
	}, 300_000);
});

describe('Create or Update, Skip Unchanged', () => {
	let emu: Emulator;
	useEmulator({ customers: 30 }, (started) => (emu = started));

	const withSkip = (options: IDataObject = {}) => ({
		...sync,
		options: { skipUnchanged: true, ...options },
	});

	it('compares as the API stores values: email in any case, phone in any spelling, tags in any order', async () => {
		const target = emu.customers.find(
			(customer) => customer.phone?.startsWith('+1') && customer.tags.includes(','),
		) as Customer;
		const row = rowOf(target);
		const phone = String(row.phone);
		row.email = String(row.email).toUpperCase();
		row.phone = `${phone.slice(0, 2)} (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
		row.tags = String(row.tags).split(', ').reverse().join(',');
		const result = await runNode(emu, withSkip({ lookUpMethod: 'perItem' }), { inputItems: [row] });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ result: 'unchanged', id: target.id }]);
		expect(accepted(emu).map((entry) => entry.method)).toEqual(['GET']);
	});

	it('writes an item with one value that differs, and creates the new ones', async () => {
		const rows = [
			rowOf(emu.customers[0]),
			{
				...rowOf(emu.customers[1]),
				loyalty_tier: fieldOf(emu.customers[1], 'loyalty_tier') === 'gold' ? 'silver' : 'gold',
			},
			{ email: 'new@example.com', first_name: 'New' },
		];
		const result = await runNode(emu, withSkip(), { inputItems: rows });
		expect(result.error).toBeUndefined();
		expect(resultsOf(jsonOf(result))).toEqual(['unchanged', 'updated', 'created']);
		expect(
			accepted(emu, 'PUT').map((entry) =>
				(entry.body as { customers: Array<{ id: number }> }).customers.map(
					(customer) => customer.id,
				),
			),
		).toEqual([[emu.customers[1].id]]);
		expect(accepted(emu, 'POST')).toHaveLength(1);
	});

	it('always writes what cannot be compared (an address, which the API adds), and everything with the option off', async () => {
		const row = rowOf(emu.customers[2]);
		const withAddress = {
			...withSkip(),
			additionalFields: {
				...sync.additionalFields,
				addresses: { address: [{ city: 'Ottawa', countryCode: 'CA' }] },
			},
		};
		const result = await runNode(emu, withAddress, { inputItems: [row] });
		expect(resultsOf(jsonOf(result))).toEqual(['updated']);
		expect(emu.customers[2].addresses).toEqual([expect.objectContaining({ city: 'Ottawa' })]);

		emu.reset({ customers: 30 });
		const off = await runNode(emu, sync, { inputItems: [rowOf(emu.customers[2])] });
		expect(resultsOf(jsonOf(off))).toEqual(['updated']);
		expect(accepted(emu, 'PUT')).toHaveLength(1);
	});

	it('matched by phone, skips a customer that holds every value', async () => {
		const target = emu.customers.find((customer) => customer.phone) as Customer;
		const parameters = {
			resource: 'customer',
			operation: 'upsert',
			matchBy: 'phone',
			phone: '={{ $json.phone }}',
			additionalFields: { lastName: '={{ $json.last_name }}' },
			options: { skipUnchanged: true },
		};
		const result = await runNode(emu, parameters, { inputItems: [rowOf(target)] });
		expect(jsonOf(result)).toEqual([{ result: 'unchanged', id: target.id }]);
		expect(accepted(emu, 'PUT')).toHaveLength(0);
	});

	it('dry run: shows which items would be skipped, and the requests for the others', async () => {
		const rows = [rowOf(emu.customers[3]), { ...rowOf(emu.customers[4]), first_name: 'Changed' }];
		const result = await runNode(emu, withSkip({ dryRun: true }), { inputItems: rows });
		expect(result.error).toBeUndefined();
		expect(accepted(emu).map((entry) => entry.method)).toEqual(['GET']);
		expect(jsonOf(result)).toEqual([
			{ dryRun: true, result: 'unchanged', id: emu.customers[3].id },
			expect.objectContaining({
				dryRun: true,
				method: 'PUT',
				items: [1],
				body: {
					customers: [expect.objectContaining({ id: emu.customers[4].id, first_name: 'Changed' })],
				},
			}),
		]);
		expect(result.outputOf('Customer Account Fields').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			[{ item: 1 }],
		]);
	});
});

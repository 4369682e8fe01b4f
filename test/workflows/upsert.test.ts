import type { Emulator } from '../../tools/emulator';
import { accepted, jsonOf, pairsOf, runNode, sent, useEmulator } from './setup';

const upsertByEmail = {
	resource: 'customer',
	operation: 'upsert',
	matchBy: 'email',
	email: '={{ $json.email }}',
	additionalFields: { firstName: '={{ $json.first }}' },
	customFields: { field: [{ name: 'loyalty_tier', value: 'gold' }] },
};

function rows(emails: string[]) {
	return emails.map((email, i) => ({ email, first: `Row ${i}` }));
}

const filtersOf = (emu: Emulator) => accepted(emu, 'GET').map((entry) => entry.query.filters);

describe('Create or Update', () => {
	let emu: Emulator;
	useEmulator({ customers: 120 }, (started) => (emu = started));

	it('updates the customers that exist and creates the others, each in batches, saying which per item', async () => {
		const existing = emu.customers.filter((customer) => customer.email).slice(0, 12);
		const emails = [
			...existing.map((customer) => (customer.email as string).toUpperCase()),
			...Array.from({ length: 3 }, (_, i) => `fresh${i}@example.com`),
		];
		const result = await runNode(
			emu,
			{ ...upsertByEmail, options: { lookUpMethod: 'perItem' } },
			{ inputItems: rows(emails) },
		);
		expect(result.error).toBeUndefined();
		const output = jsonOf(result);
		expect(pairsOf(result)).toEqual(emails.map((_, i) => i));
		expect(output.map((item) => item.result)).toEqual([
			...Array(12).fill('updated'),
			'created',
			'created',
			'created',
		]);
		expect(output[0]).toMatchObject({ result: 'updated', id: existing[0].id, first_name: 'Row 0' });
		expect(filtersOf(emu)).toHaveLength(15);
		expect(filtersOf(emu)[0]).toBe(`email|equals|"${(existing[0].email as string).toLowerCase()}"`);
		expect(
			accepted(emu, 'PUT').map(
				(entry) => (entry.body as { customers: unknown[] }).customers.length,
			),
		).toEqual([10, 2]);
		expect(
			accepted(emu, 'POST').map(
				(entry) => (entry.body as { customers: unknown[] }).customers.length,
			),
		).toEqual([3]);
		expect(emu.customers.find((customer) => customer.id === existing[5].id)?.first_name).toBe(
			'Row 5',
		);
		expect(emu.customers.filter((customer) => customer.email?.startsWith('fresh'))).toHaveLength(3);
		expect(emu.customers).toHaveLength(123);
	});

	it('auto reads the customer list when that is cheaper than one search per item', async () => {
		// 120 customers = 3 pages; 5 items would cost 5 searches, so reading (≤ 4 pages) wins.
		const emails = [
			emu.customers[7].email as string,
			'a@example.com',
			'b@example.com',
			'c@example.com',
			'd@example.com',
		];
		const result = await runNode(emu, upsertByEmail, { inputItems: rows(emails) });
		expect(result.error).toBeUndefined();
		expect(filtersOf(emu)).toEqual([undefined, undefined, undefined]);
		expect(jsonOf(result).map((item) => item.result)).toEqual([
			'updated',
			'created',
			'created',
			'created',
			'created',
		]);
		expect(result.runsOf('Customer Account Fields')[0].hints).toEqual([
			{
				message: 'Found existing customers by reading all customers: 3 request(s).',
				location: 'outputPane',
			},
		]);
	});

	it('auto falls back to one search per item when the list is longer than N − 1 pages', async () => {
		const emails = [emu.customers[100].email as string, 'new@example.com'];
		const result = await runNode(emu, upsertByEmail, { inputItems: rows(emails) });
		expect(result.error).toBeUndefined();
		expect(filtersOf(emu)).toEqual([
			undefined,
			expect.stringContaining('email|equals|'),
			'email|equals|"new@example.com"',
		]);
		expect(jsonOf(result).map((item) => item.result)).toEqual(['updated', 'created']);
	});

	it('matches by phone in international format, whatever separators the input has', async () => {
		const target = emu.customers.find((customer) => customer.phone?.startsWith('+1')) as {
			id: number;
			phone: string;
		};
		const spaced = `${target.phone.slice(0, 2)} (${target.phone.slice(2, 5)}) ${target.phone.slice(5, 8)}-${target.phone.slice(8)}`;
		const parameters = {
			resource: 'customer',
			operation: 'upsert',
			matchBy: 'phone',
			phone: '={{ $json.phone }}',
			additionalFields: { note: 'by phone' },
			options: { lookUpMethod: 'perItem' },
		};
		const result = await runNode(emu, parameters, {
			inputItems: [{ phone: spaced }, { phone: '+4930123456' }],
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ result: 'updated', id: target.id, phone: target.phone, note: 'by phone' },
			{ result: 'created', phone: '+4930123456', note: 'by phone' },
		]);
		expect(filtersOf(emu)).toEqual([
			`phone|equals|"${target.phone}"`,
			'phone|equals|"+4930123456"',
		]);
	});

	it('reading all customers matches phones whatever separators the stored ones have', async () => {
		emu.reset({
			customers: [
				{ email: 'x@example.com', phone: '+1 613-555-0000' },
				{ email: 'y@example.com', phone: null },
			],
		});
		const parameters = {
			resource: 'customer',
			operation: 'upsert',
			matchBy: 'phone',
			phone: '={{ $json.phone }}',
			options: { lookUpMethod: 'readAll' },
			additionalFields: { note: 'n' },
		};
		const result = await runNode(emu, parameters, {
			inputItems: [{ phone: '+16135550000' }, { phone: '+16135550001' }],
		});
		expect(result.error).toBeUndefined();
		expect(filtersOf(emu)).toEqual([undefined]);
		expect(jsonOf(result).map((item) => item.result)).toEqual(['updated', 'created']);
		expect(emu.customers[0].note).toBe('n');
	});

	it('fails an item that several customers match, and writes nothing for it', async () => {
		emu.reset({
			customers: [
				{ email: 'twin@example.com', first_name: 'A' },
				{ email: 'Twin@Example.com', first_name: 'B' },
				{ email: 'one@example.com' },
			],
		});
		const result = await runNode(emu, upsertByEmail, {
			inputItems: rows(['twin@example.com', 'one@example.com']),
			onError: 'continueRegularOutput',
		});
		const output = jsonOf(result);
		expect(output[0].error).toMatch(
			/^2 customers have this email \(IDs \d+, \d+\); none was updated or created \(item 0\)$/,
		);
		expect(output[1]).toMatchObject({ result: 'updated', email: 'one@example.com' });
		expect(sent(emu, 'POST')).toHaveLength(0);
		expect(emu.customers.map((customer) => customer.first_name)).toEqual(['A', 'B', 'Row 1']);
	});

	it('refuses a later item with the same email before any request, or only that item under Continue On Fail', async () => {
		const input = rows(['x@example.com', 'y@example.com', 'X@example.com']);
		const stopped = await runNode(emu, upsertByEmail, { inputItems: input });
		expect(stopped.error?.message).toBe(
			'Email: item 0 has the same email (x@example.com) (item 2)',
		);
		expect(sent(emu)).toHaveLength(0);

		const result = await runNode(emu, upsertByEmail, {
			inputItems: input,
			onError: 'continueRegularOutput',
		});
		expect(jsonOf(result).map((item) => item.result ?? item.error)).toEqual([
			'created',
			'created',
			'Email: item 0 has the same email (x@example.com) (item 2)',
		]);
		expect(emu.customers.filter((customer) => customer.email === 'x@example.com')).toHaveLength(1);
	});

	it('checks every item before the first request, lookups included', async () => {
		const result = await runNode(emu, upsertByEmail, {
			inputItems: rows(['ok@example.com', 'not-an-email']),
		});
		expect(result.error?.message).toBe(
			'Email: "not-an-email" is not a valid email address (item 1)',
		);
		expect(sent(emu)).toHaveLength(0);
	});

	it('never sends a create again after a failure where the API may have acted', async () => {
		emu.queueFault({ method: 'POST', kind: '502', afterWrite: true });
		const result = await runNode(
			emu,
			{ ...upsertByEmail, options: { lookUpMethod: 'perItem' } },
			{ inputItems: rows(['n1@example.com', 'n2@example.com']), onError: 'continueRegularOutput' },
		);
		expect(accepted(emu, 'POST')).toHaveLength(1);
		for (const item of jsonOf(result)) expect(item.error).toBeDefined();
		expect(emu.customers.filter((customer) => /^n\d@/.test(customer.email ?? ''))).toHaveLength(2);
	});

	it('dry run: searches, then shows the POST and PUT it would send, and writes nothing', async () => {
		const existing = emu.customers[3];
		const result = await runNode(
			emu,
			{ ...upsertByEmail, options: { dryRun: true, lookUpMethod: 'perItem' } },
			{ inputItems: rows([existing.email as string, 'dry@example.com']) },
		);
		expect(result.error).toBeUndefined();
		expect(accepted(emu).map((entry) => entry.method)).toEqual(['GET', 'GET']);
		const output = jsonOf(result);
		expect(output).toEqual([
			expect.objectContaining({
				dryRun: true,
				batch: 1,
				items: [1],
				method: 'POST',
				url: `${emu.baseUrl}/customers`,
			}),
			expect.objectContaining({
				dryRun: true,
				batch: 2,
				items: [0],
				method: 'PUT',
				body: {
					customers: [
						{
							id: existing.id,
							email: existing.email,
							first_name: 'Row 0',
							customer_fields: { loyalty_tier: 'gold' },
						},
					],
				},
			}),
		]);
		expect(output[0].headers).toEqual({
			accept: 'application/json',
			'content-type': 'application/json',
			'x-shop-domain': emu.shopDomain,
			'x-api-key': '(hidden)',
		});
		expect(JSON.stringify(output)).not.toContain(emu.apiKey);
		expect(result.outputOf('Customer Account Fields').map((item) => item.pairedItem)).toEqual([
			[{ item: 1 }],
			[{ item: 0 }],
		]);
	});
});

describe("Create or Update › Shopify's customer attributes", () => {
	let emu: Emulator;
	useEmulator({ customers: 5 }, (started) => (emu = started));

	it('Create or Update writes the attributes on both paths', async () => {
		const existing = emu.customers[2];
		const parameters = {
			resource: 'customer',
			operation: 'upsert',
			email: '={{ $json.email }}',
			additionalFields: { taxExempt: true, marketingOptInLevel: 'single_opt_in' },
			options: { lookUpMethod: 'perItem' },
		};
		const result = await runNode(emu, parameters, {
			inputItems: [{ email: existing.email }, { email: 'tax@example.com' }],
		});
		expect(result.error).toBeUndefined();
		for (const email of [existing.email, 'tax@example.com']) {
			expect(emu.customers.find((customer) => customer.email === email)).toMatchObject({
				tax_exempt: true,
				marketing_opt_in_level: 'single_opt_in',
			});
		}
	});
});

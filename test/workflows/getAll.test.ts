import type { Emulator } from '../../tools/emulator';
import { accepted, jsonOf, pairsOf, runNode, sent, useEmulator } from './setup';

describe('Get Many', () => {
	let emu: Emulator;
	useEmulator({ customers: 137 }, (started) => (emu = started));

	it('returns the first 50 by default (one page, one request)', async () => {
		const result = await runNode(emu, { resource: 'customer', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		const customers = jsonOf(result);
		expect(customers).toHaveLength(50);
		expect(customers[0]).toHaveProperty('customer_fields');
		expect(sent(emu)).toHaveLength(1);
	});

	it('follows next_page until it is absent with Return All: 137 customers in 3 requests', async () => {
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		const ids = jsonOf(result).map((customer) => customer.id);
		expect(ids).toEqual(emu.customers.map((customer) => customer.id));
		expect(new Set(ids).size).toBe(137);
		const requests = accepted(emu, 'GET');
		expect(requests).toHaveLength(3);
		expect(requests[0].query.next_page).toBeUndefined();
		expect(typeof requests[1].query.next_page).toBe('string');
	});

	it('stops at the limit, reading only the pages it needs', async () => {
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: false,
			limit: 60,
		});
		expect(jsonOf(result)).toHaveLength(60);
		expect(accepted(emu)).toHaveLength(2);
	});

	it('pairs every customer with the input item that asked for it', async () => {
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'getAll', limit: '={{ $json.n }}' },
			{ inputItems: [{ n: 2 }, { n: 3 }] },
		);
		expect(pairsOf(result)).toEqual([0, 0, 1, 1, 1]);
	});

	it('sends the filter builder rows as one filters parameter and returns what matches', async () => {
		const vip = emu.customers.filter(
			(customer) => customer.tags.split(', ').includes('vip') && customer.orders_count > 2,
		);
		// the seed data has matches and non-matches, so the comparison below can tell a filter from none
		expect(vip.length).toBeGreaterThan(0);
		expect(vip.length).toBeLessThan(emu.customers.length);
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: {
				conditions: [
					{ field: 'tag', operator: 'equals', value: 'vip' },
					{ field: 'orders_count', operator: 'gt', value: '2' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(emu)[0].query.filters).toBe('tag|equals|"vip",orders_count|gt|2');
		expect(jsonOf(result).map((customer) => customer.id)).toEqual(
			vip.map((customer) => customer.id),
		);
	});

	it('gets commas and pipes inside a value to the API intact', async () => {
		emu.reset({
			customers: [
				{ email: 'a@example.com', note: 'x', tags: ['plain'] },
				{ email: 'b@example.com', last_name: 'Smith, Jr. | III' },
			],
		});
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: {
				conditions: [{ field: 'last_name', operator: 'contains', value: 'Smith, Jr. | III' }],
			},
		});
		expect(jsonOf(result).map((customer) => customer.email)).toEqual(['b@example.com']);
	});

	it('quotes a value whose only special character is a space, which the stricter reading of the API requires', async () => {
		emu.reset({
			customers: [
				{ email: 'a@example.com', last_name: 'Van Dyke' },
				{ email: 'b@example.com', last_name: 'Dyke' },
			],
			rejectUnquotedSpaces: true,
		});
		const parameters = {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'last_name', operator: 'contains', value: 'Van Dyke' }] },
		};
		const result = await runNode(emu, parameters);
		expect(result.error).toBeUndefined();
		expect(sent(emu)[0].query.filters).toBe('last_name|contains|"Van Dyke"');
		expect(jsonOf(result).map((customer) => customer.email)).toEqual(['a@example.com']);
		emu.setOptions({ rejectUnquotedSpaces: false });
	});

	it('filters on a custom field by machine name, and supports empty without a value', async () => {
		const gold = emu.customers.filter((customer) =>
			customer.customer_fields.some(
				(field) => field.machine_name === 'loyalty_tier' && field.value === 'gold',
			),
		);
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: {
				conditions: [
					{ field: 'customField', customField: 'loyalty_tier', operator: 'equals', value: 'gold' },
				],
			},
		});
		expect(jsonOf(result).map((customer) => customer.id)).toEqual(
			gold.map((customer) => customer.id),
		);

		emu.reset({ customers: 137 });
		const noPhone = emu.customers.filter((customer) => !customer.phone);
		const empty = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'phone', operator: 'empty' }] },
		});
		expect(sent(emu)[0].query.filters).toBe('phone|empty');
		expect(jsonOf(empty)).toHaveLength(noPhone.length);
	});

	it('adds a custom_fields object when asked', async () => {
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			limit: 5,
			options: { customFieldsAsObject: true },
		});
		expect(result.error).toBeUndefined();
		const output = jsonOf(result);
		expect(output).toHaveLength(5);
		// the customers read have custom fields, so the objects compared are not all empty
		expect(
			output.some((customer) => Object.keys(customer.custom_fields as object).length > 0),
		).toBe(true);
		for (const customer of output) {
			const list = customer.customer_fields as Array<{ machine_name: string; value: string }>;
			expect(customer.custom_fields).toEqual(
				Object.fromEntries(list.map((field) => [field.machine_name, field.value])),
			);
		}
	});

	it('keeps the pages read before a later page failed, then an error item, with Continue On Fail', async () => {
		emu.queueFault({ method: 'GET', kind: '500', nth: 2, times: 3, message: 'shopify is down' });
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'getAll', returnAll: true },
			{ onError: 'continueRegularOutput' },
		);
		const output = jsonOf(result);
		expect(output).toHaveLength(51);
		expect(output.slice(0, 50).map((customer) => customer.id)).toEqual(
			emu.customers.slice(0, 50).map((customer) => customer.id),
		);
		expect(output[50]).toEqual({ error: 'shopify is down' });
		expect(new Set(pairsOf(result))).toEqual(new Set([0]));

		emu.reset({ customers: 137 });
		emu.queueFault({ method: 'GET', kind: '500', nth: 2, times: 3, message: 'shopify is down' });
		const stopped = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		expect(stopped.error?.message).toBe('shopify is down');
		expect(stopped.error?.description).toContain('Gave up after 3 attempts');
	});

	it('refuses a bad filter before sending anything, naming the condition and field', async () => {
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			filters: {
				conditions: [
					{ field: 'email', operator: 'contains', value: 'x' },
					{ field: 'orders_count', operator: 'gt', value: 'many' },
				],
			},
		});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Filter condition 2 (orders_count): "many" is not a number (item 0)',
		);
		expect(sent(emu)).toHaveLength(0);
	});
});

describe('Get Many › Output', () => {
	let emu: Emulator;
	useEmulator({ customers: 60 }, (started) => (emu = started));

	it('Selected Fields on Get Many gives only those fields and the id', async () => {
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			limit: 3,
			output: 'selected',
			fields: ['email', 'tags'],
		});
		expect(jsonOf(result)).toEqual(
			emu.customers.slice(0, 3).map((c) => ({ id: c.id, email: c.email, tags: c.tags })),
		);
	});
});

import { SIMPLIFIED_FIELDS } from '../../nodes/CustomerAccountFields/helpers/simplifyCustomer';
import type { Emulator } from '../../tools/emulator';
import { accepted, byId, jsonOf, pairsOf, runNode, sent, useEmulator } from './setup';

describe('Get', () => {
	let emu: Emulator;
	useEmulator({ customers: 5 }, (started) => (emu = started));

	it('gets a customer by ID, by admin URL and from the list, one request per item', async () => {
		const [a, b, c] = emu.customers;
		const result = await runNode(
			emu,
			{
				resource: 'customer',
				operation: 'get',
				customerId: { __rl: true, mode: '={{ $json.mode }}', value: '={{ $json.value }}' },
			},
			{
				inputItems: [
					{ mode: 'id', value: String(a.id) },
					{ mode: 'url', value: `https://admin.shopify.com/store/test-shop/customers/${b.id}` },
					{ mode: 'list', value: String(c.id) },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((customer) => customer.id)).toEqual([a.id, b.id, c.id]);
		expect(jsonOf(result)[0]).toEqual(JSON.parse(JSON.stringify(a)));
		expect(accepted(emu).map((entry) => entry.path)).toEqual(
			[a, b, c].map((customer) => `/v2/customers/${customer.id}`),
		);
	});

	it('reads an admin URL given in By ID mode from an expression, of either shape; refuses another host', async () => {
		const [a, b] = emu.customers;
		const locator = { __rl: true, mode: 'id', value: '={{ $json.url }}' };
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'get', customerId: locator },
			{
				inputItems: [
					{ url: `https://admin.shopify.com/store/test-shop/customers/${a.id}` },
					{ url: `https://test-shop.myshopify.com/admin/customers/${b.id}` },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((customer) => customer.id)).toEqual([a.id, b.id]);
		emu.reset({ customers: 5 });
		const evil = await runNode(
			emu,
			{ resource: 'customer', operation: 'get', customerId: locator },
			{ inputItems: [{ url: `https://evil.example/admin/customers/${a.id}` }] },
		);
		expect(evil.error?.message).toBe(
			`Customer: "https://evil.example/admin/customers/${a.id}" is not a Shopify admin customer URL (item 0)`,
		);
		expect(sent(emu)).toHaveLength(0);
	});

	it('reports a missing customer by its ID (all a model reads of an error), or as an error item with Continue On Fail', async () => {
		const stop = await runNode(emu, {
			resource: 'customer',
			operation: 'get',
			customerId: byId(42),
		});
		expect(stop.error?.name).toBe('NodeApiError');
		expect(stop.error?.message).toBe('No customer with ID 42');
		expect(stop.error?.description).toMatch(/404.*Get Many/);

		const result = await runNode(
			emu,
			{
				resource: 'customer',
				operation: 'get',
				customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{
				inputItems: [{ id: 42 }, { id: emu.customers[0].id }, { id: 'abc' }],
				onError: 'continueRegularOutput',
			},
		);
		expect(jsonOf(result).map((item) => item.error ?? item.id)).toEqual([
			'No customer with ID 42',
			emu.customers[0].id,
			'Customer: "abc" is not a customer ID; IDs are whole numbers, e.g. 6940095564123 (item 2)',
		]);
		expect(pairsOf(result)).toEqual([0, 1, 2]);
	});
});

describe('Get › Output', () => {
	let emu: Emulator;
	useEmulator({ customers: 60 }, (started) => (emu = started));

	it('keeps the raw customer when Output is not set (a workflow saved before it existed)', async () => {
		const [customer] = jsonOf(
			await runNode(emu, {
				resource: 'customer',
				operation: 'get',
				customerId: byId(emu.customers[0].id),
			}),
		);
		expect(customer).toEqual(JSON.parse(JSON.stringify(emu.customers[0])));
	});

	it('Simplified gives the most used fields and custom fields as an object', async () => {
		const source = emu.customers[3];
		const [customer] = jsonOf(
			await runNode(emu, {
				resource: 'customer',
				operation: 'get',
				customerId: byId(source.id),
				output: 'simplified',
			}),
		);
		expect(Object.keys(customer)).toEqual([
			...SIMPLIFIED_FIELDS.filter((field) => field in source),
			'custom_fields',
		]);
		expect(customer.custom_fields).toEqual(
			Object.fromEntries(source.customer_fields.map((field) => [field.machine_name, field.value])),
		);
	});
});

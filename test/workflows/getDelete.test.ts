import type { Emulator } from '../emulator';
import { accepted, byId, jsonOf, pairsOf, runNode, sent, useEmulator } from './setup';

describe('Get', () => {
	let emu: Emulator;
	useEmulator({ customers: 5 }, (started) => (emu = started));

	it('gets a customer by ID, by admin URL and from the list, one request per item', async () => {
		const [a, b, c] = emu.customers;
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'get', customerId: { __rl: true, mode: '={{ $json.mode }}', value: '={{ $json.value }}' } },
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
		expect(accepted(emu).map((entry) => entry.path)).toEqual([a, b, c].map((customer) => `/v2/customers/${customer.id}`));
	});

	it('reads an admin URL given in By ID mode from an expression, of either shape; refuses another host', async () => {
		const [a, b] = emu.customers;
		const locator = { __rl: true, mode: 'id', value: '={{ $json.url }}' };
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'get', customerId: locator },
			{ inputItems: [{ url: `https://admin.shopify.com/store/test-shop/customers/${a.id}` }, { url: `https://test-shop.myshopify.com/admin/customers/${b.id}` }] },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((customer) => customer.id)).toEqual([a.id, b.id]);
		emu.reset({ customers: 5 });
		const evil = await runNode(emu, { resource: 'customer', operation: 'get', customerId: locator }, { inputItems: [{ url: `https://evil.example/admin/customers/${a.id}` }] });
		expect(evil.error?.message).toBe(`Customer: "https://evil.example/admin/customers/${a.id}" is not a Shopify admin customer URL (item 0)`);
		expect(sent(emu)).toHaveLength(0);
	});

	it('reports a missing customer by its ID (all a model reads of an error), or as an error item with Continue On Fail', async () => {
		const stop = await runNode(emu, { resource: 'customer', operation: 'get', customerId: byId(42) });
		expect(stop.error?.name).toBe('NodeApiError');
		expect(stop.error?.message).toBe('No customer with ID 42');
		expect(stop.error?.description).toMatch(/404.*Get Many/);

		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ inputItems: [{ id: 42 }, { id: emu.customers[0].id }, { id: 'abc' }], onError: 'continueRegularOutput' },
		);
		expect(jsonOf(result).map((item) => item.error ?? item.id)).toEqual([
			'No customer with ID 42',
			emu.customers[0].id,
			'Customer: "abc" is not a customer ID; IDs are whole numbers, e.g. 6940095564123 (item 2)',
		]);
		expect(pairsOf(result)).toEqual([0, 1, 2]);
	});
});

describe('Delete', () => {
	let emu: Emulator;
	useEmulator({ customers: 5 }, (started) => (emu = started));

	it('deletes one customer per item and outputs { deleted: true, id }', async () => {
		const [a, b] = emu.customers;
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'delete', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ inputItems: [{ id: a.id }, { id: b.id }] },
		);
		expect(jsonOf(result)).toEqual([
			{ deleted: true, id: a.id },
			{ deleted: true, id: b.id },
		]);
		expect(accepted(emu, 'DELETE')).toHaveLength(2);
		expect(emu.customers.map((customer) => customer.id)).not.toContain(a.id);
		expect(emu.customers).toHaveLength(3);
	});

	it('keeps going past a missing customer with Continue On Fail, pairing each result', async () => {
		const [a] = emu.customers;
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'delete', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ inputItems: [{ id: 7 }, { id: a.id }], onError: 'continueRegularOutput' },
		);
		expect(jsonOf(result)).toEqual([{ error: 'No customer with ID 7' }, { deleted: true, id: a.id }]);
		expect(pairsOf(result)).toEqual([0, 1]);
	});

	it('counts a 404 after a failed attempt as deleted only if that attempt may have deleted it', async () => {
		const [a] = emu.customers;
		emu.queueFault({ method: 'DELETE', kind: '502', afterWrite: true });
		const acted = await runNode(emu, { resource: 'customer', operation: 'delete', customerId: byId(a.id) });
		expect(jsonOf(acted)).toEqual([{ deleted: true, id: a.id }]);
		expect(accepted(emu, 'DELETE').map((entry) => entry.status)).toEqual([502, 404]);

		emu.queueFault({ method: 'DELETE', kind: '429' });
		const throttled = await runNode(emu, { resource: 'customer', operation: 'delete', customerId: byId(7) });
		expect(throttled.error?.message).toBe('No customer with ID 7');
	});

	it('routes failed items to the error output with "continueErrorOutput"', async () => {
		const [a] = emu.customers;
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'delete', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ inputItems: [{ id: 7 }, { id: a.id }], onError: 'continueErrorOutput' },
		);
		expect(result.outputOf('Customer Account Fields', 0).map((item) => item.json)).toEqual([{ deleted: true, id: a.id }]);
		const failed = result.outputOf('Customer Account Fields', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toBe('No customer with ID 7');
		expect(failed[0].pairedItem).toEqual({ item: 0 });
	});
});

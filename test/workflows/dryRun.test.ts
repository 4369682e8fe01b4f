import type { Emulator } from '../../tools/emulator';
import { accepted, byId, jsonOf, runNode, sent, useEmulator } from './setup';

describe('Dry Run', () => {
	let emu: Emulator;
	useEmulator({ customers: 30 }, (started) => (emu = started));

	const updateParameters = {
		resource: 'customer',
		operation: 'update',
		customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		updateFields: { note: 'checked' },
		options: { dryRun: true, deleteEmptyFields: true },
	};

	it('Update: shows each PUT with its batch, items and headers, and sends no request at all', async () => {
		const before = JSON.stringify(emu.customers);
		const targets = emu.customers.slice(0, 12).map((customer) => ({ id: customer.id }));
		const result = await runNode(emu, updateParameters, { inputItems: targets });
		expect(result.error).toBeUndefined();
		expect(sent(emu)).toHaveLength(0);
		expect(JSON.stringify(emu.customers)).toBe(before);
		const output = jsonOf(result);
		expect(output.map((item) => [item.batch, item.items])).toEqual([
			[1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
			[2, [10, 11]],
		]);
		expect(output[1]).toEqual({
			dryRun: true,
			batch: 2,
			items: [10, 11],
			method: 'PUT',
			url: `${emu.baseUrl}/customers`,
			headers: {
				accept: 'application/json',
				'content-type': 'application/json',
				'x-delete-empty-metafields': 'true',
				'x-shop-domain': emu.shopDomain,
				'x-api-key': '(hidden)',
			},
			body: {
				customers: [
					{ id: targets[10].id, note: 'checked' },
					{ id: targets[11].id, note: 'checked' },
				],
			},
		});
		expect(result.outputOf('Customer Account Fields')[1].pairedItem).toEqual([
			{ item: 10 },
			{ item: 11 },
		]);
	});

	it('Update: still checks every item, naming the bad one', async () => {
		const result = await runNode(emu, updateParameters, {
			inputItems: [{ id: emu.customers[0].id }, { id: 'abc' }],
		});
		expect(result.error?.message).toBe(
			'Customer: "abc" is not a customer ID; IDs are whole numbers, e.g. 6940095564123 (item 1)',
		);
		expect(sent(emu)).toHaveLength(0);
	});

	it('Delete: reads each customer to show what would be deleted, and deletes nothing', async () => {
		const target = emu.customers[4];
		const parameters = {
			resource: 'customer',
			operation: 'delete',
			customerId: byId('={{ $json.id }}'),
			options: { dryRun: true },
		};
		const result = await runNode(emu, parameters, {
			inputItems: [{ id: target.id }, { id: 1 }],
			onError: 'continueRegularOutput',
		});
		expect(accepted(emu).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`GET /v2/customers/${target.id}`,
			'GET /v2/customers/1',
		]);
		expect(emu.customers).toHaveLength(30);
		const output = jsonOf(result);
		expect(output[0]).toMatchObject({
			dryRun: true,
			method: 'DELETE',
			url: `${emu.baseUrl}/customers/${target.id}`,
			customer: { id: target.id, email: target.email },
		});
		expect(output[1]).toEqual({ error: 'No customer with ID 1' });
	});
});

import type { Emulator } from '../../tools/emulator';
import { accepted, byId, jsonOf, pairsOf, runNode, useEmulator } from './setup';

describe('Delete', () => {
	let emu: Emulator;
	useEmulator({ customers: 5 }, (started) => (emu = started));

	it('deletes one customer per item and outputs { deleted: true, id }', async () => {
		const [a, b] = emu.customers;
		const result = await runNode(
			emu,
			{
				resource: 'customer',
				operation: 'delete',
				customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
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
			{
				resource: 'customer',
				operation: 'delete',
				customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{ inputItems: [{ id: 7 }, { id: a.id }], onError: 'continueRegularOutput' },
		);
		expect(jsonOf(result)).toEqual([
			{ error: 'No customer with ID 7' },
			{ deleted: true, id: a.id },
		]);
		expect(pairsOf(result)).toEqual([0, 1]);
	});

	it('counts a 404 after a failed attempt as deleted only if that attempt may have deleted it', async () => {
		const [a] = emu.customers;
		emu.queueFault({ method: 'DELETE', kind: '502', afterWrite: true });
		const acted = await runNode(emu, {
			resource: 'customer',
			operation: 'delete',
			customerId: byId(a.id),
		});
		expect(jsonOf(acted)).toEqual([{ deleted: true, id: a.id }]);
		expect(accepted(emu, 'DELETE').map((entry) => entry.status)).toEqual([502, 404]);

		emu.queueFault({ method: 'DELETE', kind: '429' });
		const throttled = await runNode(emu, {
			resource: 'customer',
			operation: 'delete',
			customerId: byId(7),
		});
		expect(throttled.error?.message).toBe('No customer with ID 7');
	});

	it('routes failed items to the error output with "continueErrorOutput"', async () => {
		const [a] = emu.customers;
		const result = await runNode(
			emu,
			{
				resource: 'customer',
				operation: 'delete',
				customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{ inputItems: [{ id: 7 }, { id: a.id }], onError: 'continueErrorOutput' },
		);
		expect(result.outputOf('Customer Account Fields', 0).map((item) => item.json)).toEqual([
			{ deleted: true, id: a.id },
		]);
		const failed = result.outputOf('Customer Account Fields', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toBe('No customer with ID 7');
		expect(failed[0].pairedItem).toEqual({ item: 0 });
	});
});

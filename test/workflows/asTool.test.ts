import type { IDataObject } from 'n8n-workflow';

import { simplifyCustomerForModel } from '../../nodes/CustomerAccountFields/helpers/simplifyCustomer';
import type { Emulator } from '../../tools/emulator';
import { accepted, byId, jsonOf, runNode, useEmulator } from './setup';

/** Issue 18's targets against the emulator's customers: what a model reads per customer and per Get Many call. */
const MAX_CUSTOMER_CHARS = 400;
const MAX_GET_MANY_CHARS = 6000;

describe('As an AI agent tool (node type …customerAccountFieldsTool)', () => {
	let emu: Emulator;
	useEmulator({ customers: 300 }, (started) => (emu = started));

	it('Get at its defaults gives the model the short Simplified customer (no empty values), ≤ 400 characters', async () => {
		const size = (customer: object) =>
			JSON.stringify(simplifyCustomerForModel(customer as IDataObject)).length;
		const largest = [...emu.customers].sort((a, b) => size(b) - size(a))[0];
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'get', customerId: byId(largest.id) },
			{ asTool: true },
		);
		const [customer] = jsonOf(result);
		expect(customer).toEqual(simplifyCustomerForModel(JSON.parse(JSON.stringify(largest))));
		expect(Object.keys(customer)).toEqual(expect.arrayContaining(['id', 'email', 'custom_fields']));
		expect(JSON.stringify(customer).length).toBeLessThanOrEqual(MAX_CUSTOMER_CHARS);
	});

	it('Get Many at its defaults reads one page and returns 15 customers, ≤ 6,000 characters in all', async () => {
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'getAll' },
			{ asTool: true },
		);
		const customers = jsonOf(result);
		expect(customers).toHaveLength(15);
		expect(JSON.stringify(customers).length).toBeLessThanOrEqual(MAX_GET_MANY_CHARS);
		expect(accepted(emu, 'GET')).toHaveLength(1);
	});

	it('keeps what the user set: Raw output, Return All', async () => {
		const raw = await runNode(
			emu,
			{
				resource: 'customer',
				operation: 'get',
				customerId: byId(emu.customers[0].id),
				output: 'raw',
			},
			{ asTool: true },
		);
		expect(jsonOf(raw)).toEqual([JSON.parse(JSON.stringify(emu.customers[0]))]);
		const all = await runNode(
			emu,
			{ resource: 'customer', operation: 'getAll', returnAll: true },
			{ asTool: true },
		);
		expect(jsonOf(all)).toHaveLength(300);
	});

	it('the action node keeps Raw and 50 at its defaults (workflows saved before the tool defaults)', async () => {
		const result = await runNode(emu, { resource: 'customer', operation: 'getAll' });
		expect(jsonOf(result)).toEqual(JSON.parse(JSON.stringify(emu.customers.slice(0, 50))));
	});

	it("tells the model which ID it does not know, in the error's message (all n8n passes to a model)", async () => {
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'get', customerId: byId(999999) },
			{ asTool: true },
		);
		expect(result.error?.message).toBe('No customer with ID 999999');
	});
});

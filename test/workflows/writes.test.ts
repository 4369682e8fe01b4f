import { CUSTOM_FIELD_DEFINITIONS, type CustomFieldDefinition, type Emulator } from '../../tools/emulator';
import { accepted, byId, jsonOf, pairsOf, runNode, sent, useEmulator } from './setup';

const createParameters = {
	resource: 'customer',
	operation: 'create',
	email: '={{ $json.email }}',
	additionalFields: { firstName: '={{ $json.first }}', tags: 'n8n-import' },
	customFields: { field: [{ name: 'loyalty_tier', value: '={{ $json.tier }}' }] },
};

function people(count: number, prefix = 'new') {
	return Array.from({ length: count }, (_, i) => ({ email: `${prefix}${i}@example.com`, first: `Person ${i}`, tier: i % 2 ? 'gold' : 'silver' }));
}

describe('Create', () => {
	let emu: Emulator;
	useEmulator({ customers: 3 }, (started) => (emu = started));

	it('creates 25 items in 3 requests of at most 10, with per-item expressions and custom fields', async () => {
		const result = await runNode(emu, createParameters, { inputItems: people(25) });
		expect(result.error).toBeUndefined();
		const posts = accepted(emu, 'POST');
		// Batches overlap in flight, so a retried batch may land after a later one.
		expect(posts.map((entry) => (entry.body as { customers: unknown[] }).customers.length).sort((a, b) => b - a)).toEqual([10, 10, 5]);
		const created = emu.customers.filter((customer) => customer.email?.startsWith('new'));
		expect(created).toHaveLength(25);
		const person7 = created.find((customer) => customer.email === 'new7@example.com');
		expect(person7?.first_name).toBe('Person 7');
		expect(person7?.tags).toBe('n8n-import');
		expect(person7?.customer_fields.find((field) => field.machine_name === 'loyalty_tier')?.value).toBe('gold');
		expect(jsonOf(result)[7]).toEqual({
			email: 'new7@example.com',
			first_name: 'Person 7',
			tags: 'n8n-import',
			customer_fields: { loyalty_tier: 'gold' },
		});
		expect(pairsOf(result)).toEqual(Array.from({ length: 25 }, (_, i) => i));
	});

	it('with Continue On Fail, writes the good items of a rejected batch and creates nothing twice', async () => {
		const taken = emu.customers[0].email as string;
		const input = people(5);
		input[2].email = taken;
		const result = await runNode(emu, createParameters, { inputItems: input, onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const output = jsonOf(result);
		expect(output).toHaveLength(5);
		expect(output[2]).toEqual({ error: `A customer with the email ${taken} already exists; it was not created again` });
		expect(pairsOf(result)).toEqual([0, 1, 2, 3, 4]);
		for (const i of [0, 1, 3, 4]) expect(output[i].email).toBe(`new${i}@example.com`);
		const emails = emu.customers.map((customer) => customer.email);
		expect(emails.filter((email) => email === taken)).toHaveLength(1);
		for (const i of [0, 1, 3, 4]) expect(emails.filter((email) => email === `new${i}@example.com`)).toHaveLength(1);
	});

	it('without Continue On Fail, stops with the API message and says which items were in the batch', async () => {
		const input = people(12);
		input[11].email = input[10].email;
		const result = await runNode(emu, createParameters, { inputItems: input });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('email has already been taken: new10@example.com');
		expect(result.error?.description).toContain('items 10–11');
		expect(emu.customers.filter((customer) => customer.email?.startsWith('new'))).toHaveLength(10);
	});

	it('never sends a create again after a failure where the API may have acted', async () => {
		emu.queueFault({ method: 'POST', kind: '502', afterWrite: true });
		const result = await runNode(emu, createParameters, { inputItems: people(3), onError: 'continueRegularOutput' });
		expect(sent(emu, 'POST')).toHaveLength(1);
		const output = jsonOf(result);
		expect(output).toHaveLength(3);
		for (const item of output) expect(item.error).toBeDefined();
		expect(result.runsOf('Customer Account Fields')[0].data?.main[0]?.[0].error?.description).toContain('Check in Shopify');
		expect(emu.customers.filter((customer) => customer.email?.startsWith('new'))).toHaveLength(3);
	});

	it('refuses invalid input before sending anything, naming the item and the field', async () => {
		const input = people(3);
		input[1].email = 'not-an-email';
		const result = await runNode(emu, createParameters, { inputItems: input });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Email: "not-an-email" is not a valid email address (item 1)');
		expect(sent(emu)).toHaveLength(0);
	});
});

describe('Update', () => {
	let emu: Emulator;
	useEmulator({ customers: 30 }, (started) => (emu = started));

	const updateParameters = {
		resource: 'customer',
		operation: 'update',
		customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		updateFields: { note: '={{ "note " + $json.id }}' },
		customFields: { field: [{ name: 'loyalty_tier', value: '={{ $json.tier }}' }] },
	};

	it('updates 25 customers in 3 requests, custom fields included', async () => {
		const targets = emu.customers.slice(0, 25).map((customer) => ({ id: customer.id, tier: 'gold' }));
		const result = await runNode(emu, updateParameters, { inputItems: targets });
		expect(result.error).toBeUndefined();
		expect(accepted(emu, 'PUT').map((entry) => (entry.body as { customers: unknown[] }).customers.length).sort((a, b) => b - a)).toEqual([10, 10, 5]);
		for (const customer of emu.customers.slice(0, 25)) {
			expect(customer.note).toBe(`note ${customer.id}`);
			expect(customer.customer_fields.find((field) => field.machine_name === 'loyalty_tier')?.value).toBe('gold');
		}
		expect(jsonOf(result)[0]).toEqual({ id: targets[0].id, note: `note ${targets[0].id}`, customer_fields: { loyalty_tier: 'gold' } });
		expect(emu.customers[25].note).not.toBe(`note ${emu.customers[25].id}`);
	});

	it('deletes custom fields given an empty value only with Delete Empty Fields', async () => {
		const target = emu.customers.find((customer) => customer.customer_fields.some((field) => field.machine_name === 'vat_number'));
		expect(target).toBeDefined();
		const parameters = {
			resource: 'customer',
			operation: 'update',
			customerId: byId(target!.id),
			customFields: { field: [{ name: 'vat_number', value: '' }, { name: 'loyalty_tier', value: 'bronze' }] },
		};
		await runNode(emu, parameters);
		expect(sent(emu, 'PUT')[0].deleteEmpty).toBe(false);
		const hasVat = () => emu.customers.find((c) => c.id === target!.id)!.customer_fields.some((field) => field.machine_name === 'vat_number');
		expect(hasVat()).toBe(true);

		emu.reset({ customers: 30 });
		await runNode(emu, { ...parameters, options: { deleteEmptyFields: true } });
		expect(sent(emu, 'PUT')[0].deleteEmpty).toBe(true);
		expect((sent(emu, 'PUT')[0].body as { customers: Array<{ customer_fields: object }> }).customers[0].customer_fields).toEqual({
			vat_number: '',
			loyalty_tier: 'bronze',
		});
		expect(hasVat()).toBe(false);
	});

	it('with Continue On Fail, retries a rejected batch item by item so only bad items fail', async () => {
		const targets: Array<{ id: number | string; tier: string }> = emu.customers.slice(0, 12).map((customer) => ({ id: customer.id, tier: 'gold' }));
		targets[4] = { id: 1, tier: 'gold' };
		const result = await runNode(emu, updateParameters, { inputItems: targets, onError: 'continueRegularOutput' });
		const output = jsonOf(result);
		expect(output).toHaveLength(12);
		expect(output[4]).toEqual({ error: 'customer not found: 1' });
		expect(pairsOf(result)).toEqual(Array.from({ length: 12 }, (_, i) => i));
		for (const customer of emu.customers.slice(0, 12)) {
			if (customer.id === emu.customers[4].id) continue;
			expect(customer.note).toBe(`note ${customer.id}`);
		}
	});

	it('writes an exact multiple of 10 items in full batches, with no empty trailing request', async () => {
		const targets = emu.customers.slice(0, 20).map((customer) => ({ id: customer.id, tier: 'gold' }));
		const result = await runNode(emu, updateParameters, { inputItems: targets });
		expect(result.error).toBeUndefined();
		expect(accepted(emu).map((entry) => `${entry.method} ${(entry.body as { customers: unknown[] }).customers.length}`)).toEqual(['PUT 10', 'PUT 10']);
		expect(jsonOf(result)).toHaveLength(20);
		expect(result.logs.filter((line) => line.includes('sent batch'))).toHaveLength(2);
	});

	it('writes custom fields named "constructor" and "prototype" as given', async () => {
		const definitions: CustomFieldDefinition[] = [...CUSTOM_FIELD_DEFINITIONS, { machine_name: 'constructor', label: 'Builder', type: 'text' }, { machine_name: 'prototype', label: 'Model', type: 'text' }];
		emu.reset({ customers: 30, customFieldDefinitions: definitions });
		const target = emu.customers[0];
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'update',
			customerId: byId(target.id),
			customFields: { field: [{ name: 'constructor', value: 'Bob' }, { name: 'prototype', value: 'v2' }] },
		});
		expect(result.error).toBeUndefined();
		expect((sent(emu, 'PUT')[0].body as { customers: Array<{ customer_fields: object }> }).customers[0].customer_fields).toEqual({ constructor: 'Bob', prototype: 'v2' });
		const stored = emu.customers[0].customer_fields.filter((field) => ['constructor', 'prototype'].includes(field.machine_name));
		expect(stored.map((field) => [field.machine_name, field.value])).toEqual([['constructor', 'Bob'], ['prototype', 'v2']]);
		expect(jsonOf(result)[0].customer_fields).toEqual({ constructor: 'Bob', prototype: 'v2' });
	});

	it('says when an item has nothing to update', async () => {
		const result = await runNode(emu, { resource: 'customer', operation: 'update', customerId: byId(emu.customers[0].id) });
		expect(result.error?.message).toBe('Update Fields: nothing to update (item 0)');
		expect(sent(emu)).toHaveLength(0);
	});
});

import bulkUpdateExample from '../../examples/bulk-update-custom-field.json';
import {
	CUSTOM_FIELD_DEFINITIONS,
	type CustomFieldDefinition,
	type Emulator,
} from '../../tools/emulator';
import { accepted, byId, jsonOf, pairsOf, runNode, sent, useEmulator } from './setup';

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
		const targets = emu.customers
			.slice(0, 25)
			.map((customer) => ({ id: customer.id, tier: 'gold' }));
		const result = await runNode(emu, updateParameters, { inputItems: targets });
		expect(result.error).toBeUndefined();
		expect(
			accepted(emu, 'PUT')
				.map((entry) => (entry.body as { customers: unknown[] }).customers.length)
				.sort((a, b) => b - a),
		).toEqual([10, 10, 5]);
		for (const customer of emu.customers.slice(0, 25)) {
			expect(customer.note).toBe(`note ${customer.id}`);
			expect(
				customer.customer_fields.find((field) => field.machine_name === 'loyalty_tier')?.value,
			).toBe('gold');
		}
		expect(jsonOf(result)[0]).toEqual({
			id: targets[0].id,
			note: `note ${targets[0].id}`,
			customer_fields: { loyalty_tier: 'gold' },
		});
		expect(emu.customers[25].note).not.toBe(`note ${emu.customers[25].id}`);
	});

	it('deletes custom fields given an empty value only with Delete Empty Fields', async () => {
		const target = emu.customers.find((customer) =>
			customer.customer_fields.some((field) => field.machine_name === 'vat_number'),
		);
		expect(target).toBeDefined();
		const parameters = {
			resource: 'customer',
			operation: 'update',
			customerId: byId(target!.id),
			customFields: {
				field: [
					{ name: 'vat_number', value: '' },
					{ name: 'loyalty_tier', value: 'bronze' },
				],
			},
		};
		await runNode(emu, parameters);
		expect(sent(emu, 'PUT')[0].deleteEmpty).toBe(false);
		const hasVat = () =>
			emu.customers
				.find((c) => c.id === target!.id)!
				.customer_fields.some((field) => field.machine_name === 'vat_number');
		expect(hasVat()).toBe(true);

		emu.reset({ customers: 30 });
		await runNode(emu, { ...parameters, options: { deleteEmptyFields: true } });
		expect(sent(emu, 'PUT')[0].deleteEmpty).toBe(true);
		expect(
			(sent(emu, 'PUT')[0].body as { customers: Array<{ customer_fields: object }> }).customers[0]
				.customer_fields,
		).toEqual({
			vat_number: '',
			loyalty_tier: 'bronze',
		});
		expect(hasVat()).toBe(false);
	});

	it('with Continue On Fail, retries a rejected batch item by item so only bad items fail', async () => {
		const targets: Array<{ id: number | string; tier: string }> = emu.customers
			.slice(0, 12)
			.map((customer) => ({ id: customer.id, tier: 'gold' }));
		targets[4] = { id: 1, tier: 'gold' };
		const result = await runNode(emu, updateParameters, {
			inputItems: targets,
			onError: 'continueRegularOutput',
		});
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
		const targets = emu.customers
			.slice(0, 20)
			.map((customer) => ({ id: customer.id, tier: 'gold' }));
		const result = await runNode(emu, updateParameters, { inputItems: targets });
		expect(result.error).toBeUndefined();
		expect(
			accepted(emu).map(
				(entry) => `${entry.method} ${(entry.body as { customers: unknown[] }).customers.length}`,
			),
		).toEqual(['PUT 10', 'PUT 10']);
		expect(jsonOf(result)).toHaveLength(20);
		expect(result.logs.filter((line) => line.includes('sent batch'))).toHaveLength(2);
	});

	it('writes custom fields named "constructor" and "prototype" as given', async () => {
		const definitions: CustomFieldDefinition[] = [
			...CUSTOM_FIELD_DEFINITIONS,
			{ machine_name: 'constructor', label: 'Builder', type: 'text' },
			{ machine_name: 'prototype', label: 'Model', type: 'text' },
		];
		emu.reset({ customers: 30, customFieldDefinitions: definitions });
		const target = emu.customers[0];
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'update',
			customerId: byId(target.id),
			customFields: {
				field: [
					{ name: 'constructor', value: 'Bob' },
					{ name: 'prototype', value: 'v2' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(
			(sent(emu, 'PUT')[0].body as { customers: Array<{ customer_fields: object }> }).customers[0]
				.customer_fields,
		).toEqual({ constructor: 'Bob', prototype: 'v2' });
		const stored = emu.customers[0].customer_fields.filter((field) =>
			['constructor', 'prototype'].includes(field.machine_name),
		);
		expect(stored.map((field) => [field.machine_name, field.value])).toEqual([
			['constructor', 'Bob'],
			['prototype', 'v2'],
		]);
		expect(jsonOf(result)[0].customer_fields).toEqual({ constructor: 'Bob', prototype: 'v2' });
	});

	it('says when an item has nothing to update', async () => {
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'update',
			customerId: byId(emu.customers[0].id),
		});
		expect(result.error?.message).toBe('Update Fields: nothing to update (item 0)');
		expect(sent(emu)).toHaveLength(0);
	});
});

describe("Update › Shopify's customer attributes", () => {
	let emu: Emulator;
	useEmulator({ customers: 5 }, (started) => (emu = started));

	it('Update adds an address and metafield, and refuses a bad country code naming the item, before sending', async () => {
		const target = emu.customers[1];
		const parameters = {
			resource: 'customer',
			operation: 'update',
			customerId: byId('={{ $json.id }}'),
			updateFields: {
				addresses: { address: [{ city: 'Lyon', countryCode: '={{ $json.country }}' }] },
				metafields: {
					metafield: [{ namespace: 'g', key: 'visits', value: '3', valueType: 'integer' }],
				},
			},
		};
		const bad = await runNode(emu, parameters, {
			inputItems: [
				{ id: target.id, country: 'FR' },
				{ id: target.id, country: 'FRA' },
			],
		});
		expect(bad.error?.message).toBe('Address 1: "FRA" is not an ISO country code (item 1)');
		expect(sent(emu)).toHaveLength(0);

		const result = await runNode(emu, parameters, {
			inputItems: [{ id: target.id, country: 'FR' }],
		});
		expect(result.error).toBeUndefined();
		const updated = emu.customers.find((customer) => customer.id === target.id)!;
		expect(updated.addresses?.map((address) => address.city)).toEqual(['Lyon']);
		expect(updated.metafields).toEqual([
			{ namespace: 'g', key: 'visits', value: 3, value_type: 'integer', description: null },
		]);
	});

	it('the bulk-update example, saved before these changes, runs unchanged and sends the same PUT', async () => {
		const node = bulkUpdateExample.nodes.find(
			(entry) => entry.type === 'n8n-nodes-customer-account-fields.customerAccountFields',
		)!;
		const targets = emu.customers.slice(0, 2).map((customer, i) => ({
			customer_id: String(customer.id),
			loyalty_tier: i ? 'gold' : 'silver',
		}));
		const result = await runNode(emu, node.parameters, { inputItems: targets });
		expect(result.error).toBeUndefined();
		expect(sent(emu).map((entry) => [entry.method, entry.deleteEmpty, entry.body])).toEqual([
			[
				'PUT',
				false,
				{
					customers: [
						{ id: emu.customers[0].id, customer_fields: { loyalty_tier: 'silver' } },
						{ id: emu.customers[1].id, customer_fields: { loyalty_tier: 'gold' } },
					],
				},
			],
		]);
	});
});

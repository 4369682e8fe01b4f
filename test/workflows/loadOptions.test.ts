import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	CUSTOM_FIELD_PAGES,
	getCustomFieldNames,
} from '../../nodes/CustomerAccountFields/methods/loadOptions';
import type { Emulator } from '../../tools/emulator';
import { runWorkflow } from '../../tools/harness';
import { accepted, byId, emulatorCredential, runNode, useEmulator } from './setup';

/** Calls the editor's load-options method inside a real engine run (its needs match an execute context's). */
class LoadOptionsProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Load Options Probe',
		name: 'loadOptionsProbe',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'customerAccountFieldsApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions) {
		const options = await getCustomFieldNames.call(this as unknown as ILoadOptionsFunctions);
		return [
			options.map((option) => ({
				json: option as unknown as IDataObject,
				pairedItem: { item: 0 },
			})),
		];
	}
}

async function customFieldNames(emu: Emulator) {
	const result = await runWorkflow({
		nodes: { 'test.loadOptionsProbe': new LoadOptionsProbe() },
		...emulatorCredential(emu),
		workflow: {
			nodes: [
				{
					name: 'Probe',
					type: 'test.loadOptionsProbe',
					typeVersion: 1,
					parameters: {},
					credentials: { customerAccountFieldsApi: { id: '1', name: 't' } },
				},
			],
			connections: {},
		},
		inputItems: [{}],
		startAt: 'Probe',
	});
	expect(result.error).toBeUndefined();
	return result.outputOf('Probe').map((item) => item.json as { name: string; value: string });
}

describe('Custom field names "From list"', () => {
	let emu: Emulator;
	const fieldsAt: Record<number, Record<string, string>> = {
		0: { loyalty_tier: 'gold' },
		70: { birthday: '1990-01-01' },
		120: { hidden_far: 'x' },
	};
	const customers = Array.from({ length: 160 }, (_, i) => ({
		email: `p${i}@example.com`,
		customer_fields: fieldsAt[i] ?? {},
	}));
	useEmulator(
		{
			customers,
			customFieldDefinitions: [
				{ machine_name: 'loyalty_tier', label: 'Loyalty Tier', type: 'text' },
				{ machine_name: 'birthday', label: 'Birthday', type: 'date' },
				{ machine_name: 'hidden_far', label: 'Hidden Far', type: 'text' },
			],
		},
		(started) => (emu = started),
	);

	it(`lists machine names with labels from the first ${CUSTOM_FIELD_PAGES} pages only, sorted by label`, async () => {
		const options = await customFieldNames(emu);
		expect(options).toEqual([
			{ name: 'Birthday (birthday)', value: 'birthday', description: 'Machine name: birthday' },
			{
				name: 'Loyalty Tier (loyalty_tier)',
				value: 'loyalty_tier',
				description: 'Machine name: loyalty_tier',
			},
		]);
		expect(accepted(emu, 'GET')).toHaveLength(CUSTOM_FIELD_PAGES);
	});

	it('still writes a machine name saved as plain text or given by an expression', async () => {
		const id = emu.customers[5].id;
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'update',
			customerId: byId(id),
			customFields: {
				field: [
					{ name: 'hidden_far', value: 'a' },
					{ name: '={{ "loyalty" + "_tier" }}', value: 'silver' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		const fields = emu.customers[5].customer_fields.map((field) => [
			field.machine_name,
			field.value,
		]);
		expect(fields).toEqual(
			expect.arrayContaining([
				['hidden_far', 'a'],
				['loyalty_tier', 'silver'],
			]),
		);
	});
});

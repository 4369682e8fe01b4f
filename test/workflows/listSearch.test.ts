/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { searchCustomers } from '../../nodes/CustomerAccountFields/methods/listSearch';
import type { Emulator } from '../../tools/emulator';
import { runWorkflow } from '../../tools/harness';
import { emulatorCredential, sent, useEmulator } from './setup';

/**
 * The "From List" search runs in the editor (a load-options context). Its needs (credentials, the
 * authenticated request helper, the node) are the same in an execute context, so a probe node calls
 * it inside a real engine run, against the emulator over HTTP.
 */
class ListSearchProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'List Search Probe',
		name: 'listSearchProbe',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'customerAccountFieldsApi', required: true }],
		properties: [
			{ displayName: 'Filter', name: 'filter', type: 'string', default: '' },
			{ displayName: 'Token', name: 'token', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions) {
		const filter = this.getNodeParameter('filter', 0) as string;
		const token = this.getNodeParameter('token', 0) as string;
		const page = await searchCustomers.call(
			this as unknown as ILoadOptionsFunctions,
			filter || undefined,
			token || undefined,
		);
		return [[{ json: page as unknown as IDataObject, pairedItem: { item: 0 } }]];
	}
}

async function search(emu: Emulator, filter = '', token = '') {
	const result = await runWorkflow({
		nodes: { 'test.listSearchProbe': new ListSearchProbe() },
		...emulatorCredential(emu),
		workflow: {
			nodes: [
				{
					name: 'Probe',
					type: 'test.listSearchProbe',
					typeVersion: 1,
					parameters: { filter, token },
					credentials: { customerAccountFieldsApi: { id: '1', name: 'test' } },
				},
			],
			connections: {},
		},
		inputItems: [{}],
		startAt: 'Probe',
	});
	expect(result.error).toBeUndefined();
	return result.outputOf('Probe')[0].json as {
		results: Array<{ name: string; value: string; url?: string }>;
		paginationToken?: string;
	};
}

describe('Customer "From List" search', () => {
	let emu: Emulator;
	useEmulator({ customers: 60 }, (started) => (emu = started));

	it('lists customers by name and email, with a link to the Shopify admin, page by page', async () => {
		const first = await search(emu);
		expect(first.results).toHaveLength(50);
		const [customer] = emu.customers;
		expect(first.results[0]).toEqual({
			name: `${customer.first_name} ${customer.last_name} <${customer.email}>`,
			value: String(customer.id),
			url: `https://admin.shopify.com/store/test-shop/customers/${customer.id}`,
		});
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await search(emu, '', first.paginationToken);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
	});

	it('filters by email as the user types, dropping double quotes', async () => {
		const target = emu.customers[7].email as string;
		const page = await search(emu, `"${target}`);
		expect(sent(emu)[0].query.filters).toBe(`email|contains|${target}`);
		expect(page.results.map((result) => result.value)).toContain(String(emu.customers[7].id));
	});
});

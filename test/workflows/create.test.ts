import type { Emulator } from '../../tools/emulator';
import { accepted, jsonOf, pairsOf, runNode, sent, useEmulator } from './setup';

const createParameters = {
	resource: 'customer',
	operation: 'create',
	email: '={{ $json.email }}',
	additionalFields: { firstName: '={{ $json.first }}', tags: 'n8n-import' },
	customFields: { field: [{ name: 'loyalty_tier', value: '={{ $json.tier }}' }] },
};

function people(count: number, prefix = 'new') {
	return Array.from({ length: count }, (_, i) => ({
		email: `${prefix}${i}@example.com`,
		first: `Person ${i}`,
		tier: i % 2 ? 'gold' : 'silver',
	}));
}

const everyAttribute = {
	firstName: 'Steve',
	phone: '+1 514-254-6011',
	verifiedEmail: true,
	acceptsMarketing: true,
	acceptsMarketingUpdatedAt: '2021-02-09T13:49:58-05:00',
	marketingOptInLevel: 'confirmed_opt_in',
	multipassIdentifier: 'mp-7',
	taxExempt: true,
	taxExemptions: ['CA_STATUS_CARD_EXEMPTION', 'CA_BC_RESELLER_EXEMPTION'],
	addresses: {
		address: [
			{
				address1: '123 Oak St',
				city: 'Ottawa',
				province: 'ON',
				zip: '123 ABC',
				countryCode: 'ca',
				default: true,
			},
		],
	},
	metafields: {
		metafield: [{ namespace: 'global', key: 'new', value: 'newvalue', valueType: 'string' }],
	},
	password: '={{ $json.password }}',
	sendEmailWelcome: false,
	attributesJson: '{"currency": "CAD"}',
};

describe('Create', () => {
	let emu: Emulator;
	useEmulator({ customers: 3 }, (started) => (emu = started));

	it('creates 25 items in 3 requests of at most 10, with per-item expressions and custom fields', async () => {
		const result = await runNode(emu, createParameters, { inputItems: people(25) });
		expect(result.error).toBeUndefined();
		const posts = accepted(emu, 'POST');
		// Batches overlap in flight, so a retried batch may land after a later one.
		expect(
			posts
				.map((entry) => (entry.body as { customers: unknown[] }).customers.length)
				.sort((a, b) => b - a),
		).toEqual([10, 10, 5]);
		const created = emu.customers.filter((customer) => customer.email?.startsWith('new'));
		expect(created).toHaveLength(25);
		const person7 = created.find((customer) => customer.email === 'new7@example.com');
		expect(person7?.first_name).toBe('Person 7');
		expect(person7?.tags).toBe('n8n-import');
		expect(
			person7?.customer_fields.find((field) => field.machine_name === 'loyalty_tier')?.value,
		).toBe('gold');
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
		const result = await runNode(emu, createParameters, {
			inputItems: input,
			onError: 'continueRegularOutput',
		});
		expect(result.error).toBeUndefined();
		const output = jsonOf(result);
		expect(output).toHaveLength(5);
		expect(output[2]).toEqual({
			error: `A customer with the email ${taken} already exists; it was not created again`,
		});
		expect(pairsOf(result)).toEqual([0, 1, 2, 3, 4]);
		for (const i of [0, 1, 3, 4]) expect(output[i].email).toBe(`new${i}@example.com`);
		const emails = emu.customers.map((customer) => customer.email);
		expect(emails.filter((email) => email === taken)).toHaveLength(1);
		for (const i of [0, 1, 3, 4])
			expect(emails.filter((email) => email === `new${i}@example.com`)).toHaveLength(1);
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
		const result = await runNode(emu, createParameters, {
			inputItems: people(3),
			onError: 'continueRegularOutput',
		});
		expect(sent(emu, 'POST')).toHaveLength(1);
		const output = jsonOf(result);
		expect(output).toHaveLength(3);
		for (const item of output) expect(item.error).toBeDefined();
		expect(
			result.runsOf('Customer Account Fields')[0].data?.main[0]?.[0].error?.description,
		).toContain('Check in Shopify');
		expect(emu.customers.filter((customer) => customer.email?.startsWith('new'))).toHaveLength(3);
	});

	it('refuses invalid input before sending anything, naming the item and the field', async () => {
		const input = people(3);
		input[1].email = 'not-an-email';
		const result = await runNode(emu, createParameters, { inputItems: input });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Email: "not-an-email" is not a valid email address (item 1)',
		);
		expect(sent(emu)).toHaveLength(0);
	});
});

describe("Create › Shopify's customer attributes", () => {
	let emu: Emulator;
	useEmulator({ customers: 5 }, (started) => (emu = started));

	it('Create writes every attribute, and the output hides the password', async () => {
		const parameters = {
			resource: 'customer',
			operation: 'create',
			email: 'steve@example.com',
			additionalFields: everyAttribute,
		};
		const result = await runNode(emu, parameters, { inputItems: [{ password: 's3cret-pass' }] });
		expect(result.error).toBeUndefined();
		const body = (sent(emu, 'POST')[0].body as { customers: Array<Record<string, unknown>> })
			.customers[0];
		expect(body).toMatchObject({
			password: 's3cret-pass',
			password_confirmation: 's3cret-pass',
			send_email_welcome: false,
			currency: 'CAD',
		});
		const steve = emu.customers.find((customer) => customer.email === 'steve@example.com')!;
		expect(steve).toMatchObject({
			phone: '+15142546011',
			state: 'enabled',
			tax_exempt: true,
			tax_exemptions: ['CA_STATUS_CARD_EXEMPTION', 'CA_BC_RESELLER_EXEMPTION'],
			marketing_opt_in_level: 'confirmed_opt_in',
			multipass_identifier: 'mp-7',
			metafields: [expect.objectContaining({ namespace: 'global', key: 'new', value: 'newvalue' })],
			default_address: expect.objectContaining({ address1: '123 Oak St', country_code: 'CA' }),
		});
		const output = jsonOf(result)[0];
		expect(output).toMatchObject({
			email: 'steve@example.com',
			password: '(hidden)',
			password_confirmation: '(hidden)',
		});
		expect(JSON.stringify(result.runsOf('Customer Account Fields'))).not.toContain('s3cret-pass');
	});

	it('a workflow saved before these attributes existed sends exactly the same request', async () => {
		const saved = {
			resource: 'customer',
			operation: 'create',
			email: 'old@example.com',
			additionalFields: {
				firstName: 'Old',
				lastName: 'Flow',
				phone: '+16135550000',
				tags: 'a, b',
				note: 'n',
				acceptsMarketing: true,
			},
			customFields: { field: [{ name: 'loyalty_tier', value: 'gold' }] },
		};
		await runNode(emu, saved);
		expect(sent(emu, 'POST')[0].body).toEqual({
			customers: [
				{
					email: 'old@example.com',
					first_name: 'Old',
					last_name: 'Flow',
					phone: '+16135550000',
					tags: 'a, b',
					note: 'n',
					accepts_marketing: true,
					customer_fields: { loyalty_tier: 'gold' },
				},
			],
		});
	});
});

import bulkUpdateExample from '../../examples/bulk-update-custom-field.json';
import type { Emulator } from '../../tools/emulator';
import { byId, jsonOf, runNode, sent, useEmulator } from './setup';

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
	addresses: { address: [{ address1: '123 Oak St', city: 'Ottawa', province: 'ON', zip: '123 ABC', countryCode: 'ca', default: true }] },
	metafields: { metafield: [{ namespace: 'global', key: 'new', value: 'newvalue', valueType: 'string' }] },
	password: '={{ $json.password }}',
	sendEmailWelcome: false,
	attributesJson: '{"currency": "CAD"}',
};

describe("Shopify's customer attributes on Create, Update and Create or Update", () => {
	let emu: Emulator;
	useEmulator({ customers: 5 }, (started) => (emu = started));

	it('Create writes every attribute, and the output hides the password', async () => {
		const parameters = { resource: 'customer', operation: 'create', email: 'steve@example.com', additionalFields: everyAttribute };
		const result = await runNode(emu, parameters, { inputItems: [{ password: 's3cret-pass' }] });
		expect(result.error).toBeUndefined();
		const body = (sent(emu, 'POST')[0].body as { customers: Array<Record<string, unknown>> }).customers[0];
		expect(body).toMatchObject({ password: 's3cret-pass', password_confirmation: 's3cret-pass', send_email_welcome: false, currency: 'CAD' });
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
		expect(output).toMatchObject({ email: 'steve@example.com', password: '(hidden)', password_confirmation: '(hidden)' });
		expect(JSON.stringify(result.runsOf('Customer Account Fields'))).not.toContain('s3cret-pass');
	});

	it('Update adds an address and metafield, and refuses a bad country code naming the item, before sending', async () => {
		const target = emu.customers[1];
		const parameters = {
			resource: 'customer',
			operation: 'update',
			customerId: byId('={{ $json.id }}'),
			updateFields: { addresses: { address: [{ city: 'Lyon', countryCode: '={{ $json.country }}' }] }, metafields: { metafield: [{ namespace: 'g', key: 'visits', value: '3', valueType: 'integer' }] } },
		};
		const bad = await runNode(emu, parameters, { inputItems: [{ id: target.id, country: 'FR' }, { id: target.id, country: 'FRA' }] });
		expect(bad.error?.message).toBe('Address 1: "FRA" is not an ISO country code (item 1)');
		expect(sent(emu)).toHaveLength(0);

		const result = await runNode(emu, parameters, { inputItems: [{ id: target.id, country: 'FR' }] });
		expect(result.error).toBeUndefined();
		const updated = emu.customers.find((customer) => customer.id === target.id)!;
		expect(updated.addresses?.map((address) => address.city)).toEqual(['Lyon']);
		expect(updated.metafields).toEqual([{ namespace: 'g', key: 'visits', value: 3, value_type: 'integer', description: null }]);
	});

	it('Create or Update writes the attributes on both paths', async () => {
		const existing = emu.customers[2];
		const parameters = {
			resource: 'customer',
			operation: 'upsert',
			email: '={{ $json.email }}',
			additionalFields: { taxExempt: true, marketingOptInLevel: 'single_opt_in' },
			options: { lookUpMethod: 'perItem' },
		};
		const result = await runNode(emu, parameters, { inputItems: [{ email: existing.email }, { email: 'tax@example.com' }] });
		expect(result.error).toBeUndefined();
		for (const email of [existing.email, 'tax@example.com']) {
			expect(emu.customers.find((customer) => customer.email === email)).toMatchObject({ tax_exempt: true, marketing_opt_in_level: 'single_opt_in' });
		}
	});

	it('a workflow saved before these attributes existed sends exactly the same request', async () => {
		const saved = {
			resource: 'customer',
			operation: 'create',
			email: 'old@example.com',
			additionalFields: { firstName: 'Old', lastName: 'Flow', phone: '+16135550000', tags: 'a, b', note: 'n', acceptsMarketing: true },
			customFields: { field: [{ name: 'loyalty_tier', value: 'gold' }] },
		};
		await runNode(emu, saved);
		expect(sent(emu, 'POST')[0].body).toEqual({
			customers: [{ email: 'old@example.com', first_name: 'Old', last_name: 'Flow', phone: '+16135550000', tags: 'a, b', note: 'n', accepts_marketing: true, customer_fields: { loyalty_tier: 'gold' } }],
		});
	});

	it('the bulk-update example, saved before these changes, runs unchanged and sends the same PUT', async () => {
		const node = bulkUpdateExample.nodes.find((entry) => entry.type === 'n8n-nodes-customer-account-fields.customerAccountFields')!;
		const targets = emu.customers.slice(0, 2).map((customer, i) => ({ customer_id: String(customer.id), loyalty_tier: i ? 'gold' : 'silver' }));
		const result = await runNode(emu, node.parameters, { inputItems: targets });
		expect(result.error).toBeUndefined();
		expect(sent(emu).map((entry) => [entry.method, entry.deleteEmpty, entry.body])).toEqual([
			['PUT', false, { customers: [{ id: emu.customers[0].id, customer_fields: { loyalty_tier: 'silver' } }, { id: emu.customers[1].id, customer_fields: { loyalty_tier: 'gold' } }] }],
		]);
	});
});

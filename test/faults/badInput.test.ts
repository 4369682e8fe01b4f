/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Emulator } from '../../tools/emulator';
import { runNode, sent, startTestEmulator } from '../workflows/setup';

interface BadInput {
	case: string;
	parameters: INodeParameters;
	/** Input items; the bad one is at `item` (so the message must name it). */
	input?: IDataObject[];
	credential?: IDataObject;
	message: string;
	/** Part of the description that says how to fix it. */
	fix: string;
	/** Errors found by the API (a wrong key) are NodeApiErrors; everything else is refused before sending. */
	api?: boolean;
}

const byId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
const ok = (emu: Emulator) => ({ id: emu.customers[0].id });
const getMany = (conditions: INodeParameters[], extra: IDataObject = {}): INodeParameters => ({
	resource: 'customer',
	operation: 'getAll',
	filters: { conditions } as INodeParameters,
	...extra,
});
const create = (extra: IDataObject): INodeParameters => ({
	resource: 'customer',
	operation: 'create',
	email: '={{ $json.email }}',
	...extra,
});
const createInput = [{ email: 'a@example.com' }, { email: 'b@example.com' }];

function cases(emu: Emulator): BadInput[] {
	const good = ok(emu);
	return [
		{
			case: 'missing customer ID',
			parameters: { resource: 'customer', operation: 'get', customerId: byId },
			input: [good, { id: '' }],
			message: 'Customer: the customer ID is empty (item 1)',
			fix: 'numeric ID',
		},
		{
			case: 'empty input item (no ID in it)',
			parameters: { resource: 'customer', operation: 'delete', customerId: byId },
			input: [{}],
			message: 'Customer: the customer ID is empty (item 0)',
			fix: 'numeric ID',
		},
		{
			case: 'non-numeric customer ID',
			parameters: { resource: 'customer', operation: 'get', customerId: byId },
			input: [good, good, { id: 'abc' }],
			message:
				'Customer: "abc" is not a customer ID; IDs are whole numbers, e.g. 6940095564123 (item 2)',
			fix: 'admin URL',
		},
		{
			case: 'decimal customer ID',
			parameters: { resource: 'customer', operation: 'delete', customerId: byId },
			input: [{ id: '12.5' }],
			message:
				'Customer: "12.5" is not a customer ID; IDs are whole numbers, e.g. 6940095564123 (item 0)',
			fix: 'admin URL',
		},
		{
			case: 'GID of another resource',
			parameters: { resource: 'customer', operation: 'get', customerId: byId },
			input: [{ id: 'gid://shopify/Order/1' }],
			message:
				'Customer: "gid://shopify/Order/1" is not a customer ID; IDs are whole numbers, e.g. 6940095564123 (item 0)',
			fix: 'admin URL',
		},
		// A fixed URL of the wrong shape is already flagged by n8n's editor (the locator's regex); from an expression the node checks it.
		{
			case: 'admin URL of the wrong shape',
			parameters: {
				resource: 'customer',
				operation: 'get',
				customerId: { __rl: true, mode: 'url', value: '={{ $json.url }}' },
			},
			input: [{ url: 'https://admin.shopify.com/store/x/orders/5' }],
			message:
				'Customer: "https://admin.shopify.com/store/x/orders/5" is not a Shopify admin customer URL (item 0)',
			fix: 'admin.shopify.com/store/my-store/customers/',
		},
		{
			case: 'invalid email (create)',
			parameters: create({}),
			input: [createInput[0], { email: 'bob@' }],
			message: 'Email: "bob@" is not a valid email address (item 1)',
			fix: 'name@example.com',
		},
		{
			case: 'invalid email (update)',
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: byId,
				updateFields: { email: 'bob at example.com' },
			},
			input: [good],
			message: 'Email: "bob at example.com" is not a valid email address (item 0)',
			fix: 'name@example.com',
		},
		{
			case: 'new customer without email, phone or name',
			parameters: create({}),
			input: [createInput[0], {}],
			message: 'Email: a new customer needs an email, a phone number or a name (item 1)',
			fix: 'Fill in Email',
		},
		{
			case: 'more than 250 tags',
			parameters: create({
				additionalFields: { tags: Array.from({ length: 251 }, (_, i) => `t${i}`).join(',') },
			}),
			input: [createInput[0]],
			message: 'Tags: 251 tags given, Shopify allows at most 250 (item 0)',
			fix: 'Remove some tags',
		},
		{
			case: 'a tag over 255 characters',
			parameters: create({ additionalFields: { tags: `ok, ${'x'.repeat(256)}` } }),
			input: [createInput[0]],
			message: 'has 256 characters, Shopify allows at most 255 (item 0)',
			fix: 'Shorten the tag',
		},
		{
			case: 'accepts marketing not true/false',
			parameters: create({ additionalFields: { acceptsMarketing: '={{ "maybe" }}' } }),
			input: [createInput[0]],
			message: 'Accepts Marketing: "maybe" is not true or false (item 0)',
			fix: 'true or false',
		},
		{
			case: 'custom field given by its label',
			parameters: create({ customFields: { field: [{ name: 'Loyalty Tier', value: 'gold' }] } }),
			input: [createInput[0]],
			message: 'Custom field 1: "Loyalty Tier" is not a custom field machine name (item 0)',
			fix: 'not the label',
		},
		{
			case: 'custom field without a machine name',
			parameters: create({ customFields: { field: [{ name: '', value: 'gold' }] } }),
			input: [createInput[0]],
			message: "Custom field 1: the custom field's machine name is empty (item 0)",
			fix: 'loyalty_tier',
		},
		{
			case: 'custom field set twice',
			parameters: create({
				customFields: {
					field: [
						{ name: 'tier', value: 'a' },
						{ name: 'tier', value: 'b' },
					],
				},
			}),
			input: [createInput[0]],
			message: 'Custom field 2: "tier" is set twice (item 0)',
			fix: 'one entry per custom field',
		},
		{
			case: 'custom field value is an object',
			parameters: create({
				customFields: { field: [{ name: 'tier', value: '={{ { level: 1 } }}' }] },
			}),
			input: [createInput[0]],
			message: 'Custom field "tier": the value is an object (item 0)',
			fix: 'JSON.stringify',
		},
		{
			case: 'update with nothing to update',
			parameters: { resource: 'customer', operation: 'update', customerId: byId },
			input: [good],
			message: 'Update Fields: nothing to update (item 0)',
			fix: 'Add at least one field',
		},
		{
			case: 'filter condition without a value',
			parameters: getMany([{ field: 'email', operator: 'contains', value: '' }]),
			message: 'Filter condition 1 (email): a value is required (item 0)',
			fix: 'Is Empty',
		},
		{
			case: 'operator not allowed for the field',
			parameters: getMany([
				{ field: 'email', operator: 'contains', value: 'x' },
				{ field: 'orders_count', operator: 'contains', value: '3' },
			]),
			message:
				'Filter condition 2 (orders_count): the operator "contains" cannot be used with this field (item 0)',
			fix: 'equals, not_equals, gt, lt',
		},
		{
			case: 'number filter with text',
			parameters: getMany([{ field: 'total_spent', operator: 'gt', value: 'lots' }]),
			message: 'Filter condition 1 (total_spent): "lots" is not a number (item 0)',
			fix: '150.50',
		},
		{
			case: 'date filter with a non-ISO date',
			parameters: getMany([{ field: 'updated_at', operator: 'gt', value: '31/01/2026' }]),
			message:
				'Filter condition 1 (updated_at): "31/01/2026" is not a date; use YYYY-MM-DD (item 0)',
			fix: 'ISO 8601',
		},
		{
			case: 'true/false filter with "yes"',
			parameters: getMany([{ field: 'accepts_marketing', operator: 'equals', value: 'yes' }]),
			message: 'Filter condition 1 (accepts_marketing): "yes" is not true or false (item 0)',
			fix: 'true or false',
		},
		{
			case: 'ID filter with text',
			parameters: getMany([{ field: 'id', operator: 'gt', value: 'abc' }]),
			message: 'Filter condition 1 (id): "abc" is not a numeric ID (item 0)',
			fix: 'whole numbers',
		},
		{
			case: 'filter value with a double quote',
			parameters: getMany([{ field: 'last_name', operator: 'contains', value: 'O"Neil' }]),
			message: 'Filter condition 1 (last_name): the value contains a double quote (") (item 0)',
			fix: 'no way to escape',
		},
		{
			case: 'unknown filter field',
			parameters: getMany([{ field: 'shoe_size', operator: 'equals', value: '9' }]),
			message: 'Filter condition 1: "shoe_size" is not a filter field the API supports (item 0)',
			fix: 'Custom Field',
		},
		{
			case: 'custom field filter by label',
			parameters: getMany([
				{ field: 'customField', customField: 'Loyalty Tier', operator: 'equals', value: 'gold' },
			]),
			message: 'Filter condition 1: "Loyalty Tier" is not a custom field machine name (item 0)',
			fix: 'not the label',
		},
		{
			case: 'custom field filter without a name',
			parameters: getMany([
				{ field: 'customField', customField: '', operator: 'equals', value: 'gold' },
			]),
			message: "Filter condition 1: the custom field's machine name is empty (item 0)",
			fix: 'loyalty_tier',
		},
		{
			case: 'limit of 0',
			parameters: getMany([], { returnAll: false, limit: 0 }),
			message: 'Limit: 0 is not a whole number of at least 1 (item 0)',
			fix: 'Return All',
		},
		{
			case: 'fractional limit',
			parameters: getMany([], { returnAll: false, limit: 2.5 }),
			message: 'Limit: 2.5 is not a whole number of at least 1 (item 0)',
			fix: 'Return All',
		},
		{
			case: 'shop domain with a scheme',
			parameters: getMany([]),
			credential: { shopDomain: 'https://test-shop.myshopify.com' },
			message: 'Credential: The shop domain must not include a scheme ("https://")',
			fix: '',
		},
		{
			case: 'shop domain with a path',
			parameters: getMany([]),
			credential: { shopDomain: 'test-shop.myshopify.com/admin' },
			message: 'Credential: The shop domain must not include a path',
			fix: '',
		},
		{
			case: 'shop domain with a line break',
			parameters: getMany([]),
			credential: { shopDomain: 'test-shop.myshopify.com\r\nx: y' },
			message: 'Credential: The shop domain contains a line break',
			fix: '',
		},
		{
			case: 'rate limit of 0',
			parameters: getMany([]),
			credential: { rateLimit: 0 },
			message: 'Credential: the rate limit must be a number greater than 0',
			fix: 'leave the rate limit at 1',
		},
		{
			case: 'an object where First Name expects text',
			parameters: create({ additionalFields: { firstName: '={{ $json.fn }}' } }),
			input: [createInput[0], { email: 'c@example.com', fn: { first: 'Ann' } }],
			message: 'First Name: expected text, got an object (item 1)',
			fix: 'JSON.stringify',
		},
		{
			case: 'a list where Phone expects text',
			parameters: create({ additionalFields: { phone: '={{ $json.phone }}' } }),
			input: [{ email: 'c@example.com', phone: ['+1613', '555'] }],
			message: 'Phone: expected text, got a list (item 0)',
			fix: 'pick the part you need',
		},
		{
			case: 'true/false where Note expects text',
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: byId,
				updateFields: { note: '={{ $json.flag }}' },
			},
			input: [{ ...good, flag: true }],
			message: 'Note: expected text, got true/false (true) (item 0)',
			fix: 'text value',
		},
		{
			case: 'an object where Last Name expects text',
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: byId,
				updateFields: { lastName: '={{ $json.ln }}' },
			},
			input: [
				{ ...good, ln: 'Smith' },
				{ ...good, ln: { a: 1 } },
			],
			message: 'Last Name: expected text, got an object (item 1)',
			fix: 'text value',
		},
		{
			case: 'email without a dot in the domain',
			parameters: create({}),
			input: [{ email: 'bob@localhost' }],
			message: 'Email: "bob@localhost" is not a valid email address (item 0)',
			fix: 'name@example.com',
		},
		{
			case: 'custom field named __proto__',
			parameters: create({ customFields: { field: [{ name: '__proto__', value: 'x' }] } }),
			input: [createInput[0]],
			message: 'Custom field 1: "__proto__" cannot be sent as a machine name (item 0)',
			fix: 'Rename the field',
		},
		{
			case: 'admin URL on another host',
			parameters: {
				resource: 'customer',
				operation: 'get',
				customerId: { __rl: true, mode: 'url', value: '={{ $json.url }}' },
			},
			input: [{ url: 'https://evil.example/admin/customers/7' }],
			message:
				'Customer: "https://evil.example/admin/customers/7" is not a Shopify admin customer URL (item 0)',
			fix: 'myshopify.com/admin/customers/',
		},
		{
			case: 'a list as a filter value',
			parameters: getMany([
				{ field: 'last_name', operator: 'contains', value: '={{ ["a", "b"] }}' },
			]),
			message: 'Filter condition 1 (last_name): expected text, got a list (item 0)',
			fix: 'JSON.stringify',
		},
		{
			case: 'wrong API key',
			parameters: getMany([]),
			credential: { apiKey: 'not-the-key' },
			message: 'invalid request',
			fix: 'shop domain and API key',
			api: true,
		},
		{
			case: 'phone that cannot be dialled from anywhere',
			parameters: create({ additionalFields: { phone: '={{ $json.phone }}' } }),
			input: [
				{ ...createInput[0], phone: '+16135551212' },
				{ ...createInput[1], phone: '555-12' },
			],
			message: 'Phone: "555-12" is not a phone number Shopify accepts (item 1)',
			fix: 'E.164',
		},
		{
			case: 'address with a country name as its code',
			parameters: create({
				additionalFields: { addresses: { address: [{ city: 'Ottawa', countryCode: 'Canada' }] } },
			}),
			input: [createInput[0]],
			message: 'Address 1: "Canada" is not an ISO country code (item 0)',
			fix: 'ISO 3166-1',
		},
		{
			case: "tax exemption not in Shopify's list",
			parameters: create({
				additionalFields: { taxExemptions: '={{ ["CA_ON_PURCHASE_EXEMPTION", "ON_PURCHASE"] }}' },
			}),
			input: [createInput[0]],
			message: 'Tax Exemptions: "ON_PURCHASE" is not one of Shopify\'s values (item 0)',
			fix: 'CA_STATUS_CARD_EXEMPTION',
		},
		{
			case: 'metafield key over 30 characters',
			parameters: create({
				additionalFields: {
					metafields: { metafield: [{ namespace: 'global', key: 'k'.repeat(31), value: 'v' }] },
				},
			}),
			input: [createInput[0]],
			message: 'Metafield 1: the key must have 1 to 30 characters (item 0)',
			fix: '30 characters',
		},
		{
			case: 'passwords that differ',
			parameters: create({
				additionalFields: { password: 'one-pass', passwordConfirmation: 'two-pass' },
			}),
			input: [createInput[0]],
			message: 'Password Confirmation: does not match the password (item 0)',
			fix: 'same value',
		},
		{
			case: 'JSON attributes that are not an object',
			parameters: create({ additionalFields: { attributesJson: '["note"]' } }),
			input: [createInput[0]],
			message: 'Additional Fields (JSON): not a JSON object (item 0)',
			fix: 'JSON object',
		},
		{
			case: 'create or update without the email to match',
			parameters: { resource: 'customer', operation: 'upsert', email: '={{ $json.email }}' },
			input: [createInput[0], {}],
			message: 'Email: needed to find the customer (Match By is Email) (item 1)',
			fix: 'Map the email',
		},
		{
			case: 'create or update by a local phone number',
			parameters: {
				resource: 'customer',
				operation: 'upsert',
				matchBy: 'phone',
				phone: '613 555 1212',
			},
			input: [{}],
			message: 'Phone: "613 555 1212" is not a phone number in international format (item 0)',
			fix: '+16135551111',
		},
		{
			case: 'create or update with one email in two items',
			parameters: { resource: 'customer', operation: 'upsert', email: '={{ $json.email }}' },
			input: [createInput[0], createInput[1], { email: 'A@example.com' }],
			message: 'Email: item 0 has the same email (a@example.com) (item 2)',
			fix: 'Remove Duplicates',
		},
	];
}

describe('bad input: refused with a message that names the item and the field, nothing sent', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startTestEmulator({ customers: 3 });
	});
	afterAll(async () => await emu.stop());

	it('runs every case defined, and each only once', () => {
		expect([...names].sort()).toEqual(
			cases(emu)
				.map((entry) => entry.case)
				.sort(),
		);
	});

	const table: string[] = [];
	afterAll(() => process.stdout.write(`\nBad input → message shown\n${table.join('\n')}\n`));

	// The case list needs the emulator's customers, so the cases are looked up by name at run time.
	const names = [
		'missing customer ID',
		'empty input item (no ID in it)',
		'non-numeric customer ID',
		'decimal customer ID',
		'GID of another resource',
		'admin URL of the wrong shape',
		'invalid email (create)',
		'invalid email (update)',
		'new customer without email, phone or name',
		'more than 250 tags',
		'a tag over 255 characters',
		'accepts marketing not true/false',
		'custom field given by its label',
		'custom field without a machine name',
		'custom field set twice',
		'custom field value is an object',
		'update with nothing to update',
		'filter condition without a value',
		'operator not allowed for the field',
		'number filter with text',
		'date filter with a non-ISO date',
		'true/false filter with "yes"',
		'ID filter with text',
		'filter value with a double quote',
		'unknown filter field',
		'custom field filter by label',
		'custom field filter without a name',
		'limit of 0',
		'fractional limit',
		'shop domain with a scheme',
		'shop domain with a path',
		'shop domain with a line break',
		'rate limit of 0',
		'wrong API key',
		'an object where First Name expects text',
		'a list where Phone expects text',
		'true/false where Note expects text',
		'an object where Last Name expects text',
		'email without a dot in the domain',
		'custom field named __proto__',
		'admin URL on another host',
		'a list as a filter value',
		'phone that cannot be dialled from anywhere',
		'address with a country name as its code',
		"tax exemption not in Shopify's list",
		'metafield key over 30 characters',
		'passwords that differ',
		'JSON attributes that are not an object',
		'create or update without the email to match',
		'create or update by a local phone number',
		'create or update with one email in two items',
	];

	it.each(names)('%s', async (name) => {
		emu.reset({ customers: 3 });
		const badInput = cases(emu).find((entry) => entry.case === name);
		expect(badInput).toBeDefined();
		const { parameters, input, credential, message, fix, api } = badInput!;
		const result = await runNode(emu, parameters, { inputItems: input, credential });
		table.push(`- ${name}: ${result.error?.message}`);
		expect(result.error?.name).toBe(api ? 'NodeApiError' : 'NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(result.error?.description ?? '').toContain(fix);
		if (!api) expect(sent(emu)).toHaveLength(0);
	});
});

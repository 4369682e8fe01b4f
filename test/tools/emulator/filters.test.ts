import {
	parseFilters,
	startEmulator,
	type CustomerSeed,
	type Emulator,
} from '../../../tools/emulator';
import { call } from '../../../tools/emulator/client';

const address = (over: Record<string, string | null>) => ({
	address1: 'Chestnut Street 92',
	address2: null,
	city: 'Louisville',
	company: null,
	country: 'United States',
	province: 'Kentucky',
	zip: '40202',
	country_code: 'US',
	province_code: 'KY',
	...over,
});

const SEED: CustomerSeed[] = [
	{
		id: 1001,
		email: 'bob@example.com',
		first_name: 'Bob',
		last_name: 'Norman',
		phone: '+16135551111',
		tags: 'vip, a,b|c, spring-2026',
		accepts_marketing: true,
		verified_email: true,
		state: 'enabled',
		orders_count: 3,
		total_spent: '375.30',
		created_at: '2024-03-05T10:20:30-04:00',
		updated_at: '2025-01-01T00:00:00-04:00',
		email_marketing_state: 'subscribed',
		order_date: '2025-06-01T12:00:00-04:00',
		default_address: address({ company: 'Smith, Jones | Partners' }),
		customer_fields: {
			loyalty_tier: 'gold',
			company_size: '120',
			birthday: '1990-05-01',
			newsletter_opt_in: 'true',
		},
	},
	{
		id: 1002,
		email: 'zoe.muller@example.org',
		first_name: 'Zoë',
		last_name: 'Müller',
		phone: null,
		tags: 'wholesale',
		accepts_marketing: false,
		verified_email: false,
		state: 'disabled',
		orders_count: 12,
		total_spent: '1200.00',
		created_at: '2023-07-01T09:00:00-04:00',
		updated_at: '2026-02-01T00:00:00-04:00',
		email_marketing_state: 'unsubscribed',
		order_date: null,
		default_address: address({ city: 'Berlin', country: 'Germany', province: 'Berlin' }),
		customer_fields: { loyalty_tier: 'silver', company_size: '9' },
	},
	{
		id: 1003,
		email: 'test+3@example.net',
		first_name: 'Ana',
		last_name: 'García',
		phone: '+4915112345678',
		tags: '',
		accepts_marketing: false,
		verified_email: true,
		state: 'invited',
		orders_count: 0,
		total_spent: '0.00',
		created_at: '2026-01-15T23:30:00-04:00',
		updated_at: '2026-01-15T23:30:00-04:00',
		email_marketing_state: 'not_subscribed',
		order_date: null,
		default_address: null,
		customer_fields: {},
	},
];

describe('emulator: filters', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ customers: SEED, throttle: false });
	});
	afterAll(() => emu.stop());

	async function ids(filters: string): Promise<number[]> {
		const reply = await call(emu, 'GET', '/customers', { query: { filters } });
		expect(reply.status).toBe(200);
		return reply.json.customers.map((c: { id: number }) => c.id);
	}

	it.each([
		['email|contains|EXAMPLE.COM', [1001]],
		['email|not_contains|example.com', [1002, 1003]],
		['phone|empty', [1002]],
		['phone|empty|', [1002]],
		['phone|not_empty', [1001, 1003]],
		['email|equals|"BOB@example.com"', [1001]],
		['email|equals|bob@example.com', [1001]],
		['first_name|not_equals|bob', [1002, 1003]],
		['customer_first_name|equals|zoë', [1002]],
		['last_name|contains|müll', [1002]],
		['orders_count|gt|2', [1001, 1002]],
		['orders_count|lt|3', [1003]],
		['orders_count|equals|3', [1001]],
		['total_spent|gt|375.2', [1001, 1002]],
		['total_spent|equals|1200', [1002]],
		['id|gt|1001', [1002, 1003]],
		['customer_id|equals|1003', [1003]],
		['shop_id|equals|60000000001', [1001, 1002, 1003]],
		['shop_id|equals|1', []],
		['accepts_marketing|equals|true', [1001]],
		['verified_email|not_equals|TRUE', [1002]],
		['customer_date|gt|2024-01-01', [1001, 1003]],
		['customer_date|lt|2024-03-05T14:20:31Z', [1001, 1002]],
		['customer_date|equals|2026-01-15', [1003]],
		['updated_at|gt|2026-01-20T00:00:00-04:00', [1002]],
		['order_date|empty', [1002, 1003]],
		['order_date|not_empty', [1001]],
		['state|equals|enabled', [1001]],
		['email_marketing_state|not_equals|subscribed', [1002, 1003]],
		['city|equals|berlin', [1002]],
		['country|contains|united', [1001]],
		['address1|empty', [1003]],
		['tag|equals|vip', [1001]],
		['tag|equals|vi', []],
		['customer_tag|contains|sale', [1002]],
		['tag|not_equals|vip', [1002, 1003]],
		['tag|empty', [1003]],
		['tag|contains|"a,b|c"', [1001]],
		['company|equals|"Smith, Jones | Partners"', [1001]],
		['first_name|gt|b', [1001, 1002]],
	])('%s', async (filters, expected) => {
		expect(await ids(filters)).toEqual(expected);
	});

	it.each([
		['loyalty_tier|equals|GOLD', [1001]],
		['loyalty_tier|not_empty', [1001, 1002]],
		['loyalty_tier|empty', [1003]],
		['company_size|gt|10', [1001]],
		['company_size|lt|100', [1002]],
		['birthday|lt|2000-01-01', [1001]],
		['newsletter_opt_in|equals|true', [1001]],
		['vat_number|empty', [1001, 1002, 1003]],
	])('custom field %s', async (filters, expected) => {
		expect(await ids(filters)).toEqual(expected);
	});

	it('ANDs several conditions', async () => {
		expect(await ids('email|contains|example,orders_count|gt|0,tag|not_empty')).toEqual([
			1001, 1002,
		]);
		expect(await ids('email|contains|example,orders_count|gt|5')).toEqual([1002]);
	});

	it('ignores unknown fields (Shopify: other queries return all customers)', async () => {
		expect(await ids('favourite_colour|equals|blue')).toEqual([1001, 1002, 1003]);
		expect(await ids('favourite_colour|equals|blue,state|equals|invited')).toEqual([1003]);
	});

	it('refuses an unknown operator', async () => {
		const reply = await call(emu, 'GET', '/customers', { query: { filters: 'email|like|bob' } });
		expect(reply.status).toBe(400);
		expect(reply.json).toEqual({ status: 'error', message: 'invalid filter operator: like' });
	});

	it.each([
		'email',
		'email|contains|a|b',
		'email|contains|bob,',
		'email|equals|"unterminated',
		'|equals|x',
	])('refuses the malformed filter %j', async (filters) => {
		const reply = await call(emu, 'GET', '/customers', { query: { filters } });
		expect(reply.status).toBe(400);
		expect(reply.json.message).toMatch(/^invalid filter: /);
	});

	it('parses quoted parts and leaves an inner quote literal', () => {
		expect(parseFilters('tag|contains|"a,b|c",email|empty')).toEqual([
			{ field: 'tag', operator: 'contains', value: 'a,b|c' },
			{ field: 'email', operator: 'empty', value: '' },
		]);
		expect(parseFilters('last_name|equals|O"Brien')).toEqual([
			{ field: 'last_name', operator: 'equals', value: 'O"Brien' },
		]);
		expect(parseFilters('')).toEqual([]);
	});
});

import { startEmulator, type CustomerSeed, type Emulator } from '../../../tools/emulator';
import { call, sleep } from '../../../tools/emulator/client';

const SEED: CustomerSeed[] = [
	{
		id: 3001,
		email: 'ada@example.com',
		phone: '+16135551111',
		first_name: 'Ada',
		tags: '',
		customer_fields: {},
	},
	{ id: 3002, email: 'grace@example.com', first_name: 'Grace', tags: '', customer_fields: {} },
];

describe("emulator: Shopify's customer attributes (seed 002)", () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ customers: SEED, throttle: false });
	});
	afterAll(() => emu.stop());
	beforeEach(() => emu.reset({ customers: SEED }));

	const find = (predicate: (customer: Record<string, unknown>) => boolean) =>
		(emu.customers as unknown as Array<Record<string, unknown>>).find(predicate)!;

	it('creates a customer with the seed example: addresses, metafields, password, welcome email', async () => {
		const customer = {
			first_name: 'Steve',
			email: 'steve.lastnameson@example.com',
			phone: '+1 514-254-6011',
			verified_email: true,
			addresses: [
				{
					address1: '123 Oak St',
					city: 'Ottawa',
					province: 'ON',
					phone: '555-1212',
					zip: '123 ABC',
					last_name: 'Lastnameson',
					first_name: 'Mother',
					country: 'CA',
					country_code: 'CA',
				},
			],
			metafields: [{ key: 'new', value: 'newvalue', value_type: 'string', namespace: 'global' }],
			password: 'newpass',
			password_confirmation: 'newpass',
			send_email_welcome: false,
			tax_exempt: true,
			tax_exemptions: ['CA_STATUS_CARD_EXEMPTION'],
			marketing_opt_in_level: 'confirmed_opt_in',
			accepts_marketing: true,
			accepts_marketing_updated_at: '2021-02-09T13:49:58-05:00',
		};
		expect(
			(await call(emu, 'POST', '/customers', { body: { customers: [customer] } })).status,
		).toBe(200);
		const steve = find((c) => c.email === 'steve.lastnameson@example.com');
		expect(steve).toMatchObject({
			phone: '+15142546011',
			state: 'enabled',
			tax_exempt: true,
			tax_exemptions: ['CA_STATUS_CARD_EXEMPTION'],
			marketing_opt_in_level: 'confirmed_opt_in',
			accepts_marketing_updated_at: '2021-02-09T13:49:58-05:00',
			metafields: [
				{
					namespace: 'global',
					key: 'new',
					value: 'newvalue',
					value_type: 'string',
					description: null,
				},
			],
			default_address: {
				address1: '123 Oak St',
				country_code: 'CA',
				default: true,
				customer_id: steve.id,
			},
		});
		expect(steve.password).toBeUndefined();
		expect(steve.send_email_welcome).toBeUndefined();
	});

	it('invites with send_email_invite, and adds addresses on update', async () => {
		await call(emu, 'POST', '/customers', {
			body: { customers: [{ email: 'new@example.com', send_email_invite: true }] },
		});
		expect(find((c) => c.email === 'new@example.com').state).toBe('invited');
		await call(emu, 'PUT', '/customers', {
			body: { customers: [{ id: 3001, addresses: [{ city: 'A' }] }] },
		});
		await call(emu, 'PUT', '/customers', {
			body: { customers: [{ id: 3001, addresses: [{ city: 'B', default: true }] }] },
		});
		const ada = find((c) => c.id === 3001);
		expect(
			(ada.addresses as Array<{ city: string; default: boolean }>).map((a) => [a.city, a.default]),
		).toEqual([
			['A', false],
			['B', true],
		]);
		expect((ada.default_address as { city: string }).city).toBe('B');
	});

	it.each([
		['a phone that is not dialable', { id: 3002, phone: '555-12' }, 'invalid phone: 555-12'],
		[
			'a phone another customer has',
			{ id: 3002, phone: '(613) 555-1111' },
			'phone has already been taken: +16135551111',
		],
		[
			'a tax exemption not in the seed',
			{ id: 3002, tax_exemptions: ['CA_XX'] },
			'invalid tax_exemptions: ["CA_XX"]',
		],
		[
			'an opt-in level not in the seed',
			{ id: 3002, marketing_opt_in_level: 'double' },
			'invalid marketing_opt_in_level: "double"',
		],
		['a non-boolean tax_exempt', { id: 3002, tax_exempt: 'yes' }, 'invalid tax_exempt: "yes"'],
		[
			'a country code that is not two letters',
			{ id: 3002, addresses: [{ country_code: 'CAN' }] },
			'invalid country_code: CAN',
		],
		[
			'a metafield namespace over 20 characters',
			{
				id: 3002,
				metafields: [{ namespace: 'n'.repeat(21), key: 'k', value: 'v', value_type: 'string' }],
			},
			`invalid metafield namespace: ${'n'.repeat(21)}`,
		],
		[
			'an integer metafield that is not one',
			{ id: 3002, metafields: [{ namespace: 'g', key: 'k', value: 'x', value_type: 'integer' }] },
			'invalid metafield value: x',
		],
		[
			'a password confirmation that differs',
			{ id: 3002, password: 'a', password_confirmation: 'b' },
			"password_confirmation doesn't match password",
		],
		[
			'a date that is not ISO 8601',
			{ id: 3002, accepts_marketing_updated_at: 'yesterday' },
			'invalid accepts_marketing_updated_at: "yesterday"',
		],
	])('refuses %s with 400 and writes nothing', async (_name, customer, message) => {
		const before = JSON.stringify(emu.customers);
		const reply = await call(emu, 'PUT', '/customers', { body: { customers: [customer] } });
		expect(reply.json).toEqual({ status: 'error', message });
		expect(JSON.stringify(emu.customers)).toBe(before);
	});

	it('index delay: a filtered search shows a new customer only after indexDelayMs; the plain list at once', async () => {
		emu.setOptions({ indexDelayMs: 300 });
		try {
			await call(emu, 'POST', '/customers', {
				body: { customers: [{ email: 'late@example.com' }] },
			});
			const search = () =>
				call(emu, 'GET', '/customers', { query: { filters: 'email|equals|"late@example.com"' } });
			expect((await search()).json.customers).toEqual([]);
			expect(
				(await call(emu, 'GET', '/customers')).json.customers.map(
					(c: { email: string }) => c.email,
				),
			).toContain('late@example.com');
			expect((await search()).json.customers).toEqual([]);
			await sleep(350);
			expect((await search()).json.customers.map((c: { email: string }) => c.email)).toEqual([
				'late@example.com',
			]);
		} finally {
			emu.setOptions({ indexDelayMs: 0 });
		}
	});

	it('byDay: date filters read a date-time only by its shop-local day', async () => {
		emu.reset({
			customers: [{ id: 3101, email: 'a@example.com', created_at: '2026-03-10T09:00:00-04:00' }],
		});
		const after = (value: string) =>
			call(emu, 'GET', '/customers', { query: { filters: `customer_date|gt|${value}` } });
		expect((await after('2026-03-10T12:00:00Z')).json.customers).toHaveLength(1);
		emu.setOptions({ dateFilters: 'byDay' });
		try {
			expect((await after('2026-03-10T12:00:00Z')).json.customers).toHaveLength(0);
			expect((await after('2026-03-09T23:00:00Z')).json.customers).toHaveLength(1);
		} finally {
			emu.setOptions({ dateFilters: 'any' });
		}
	});
});

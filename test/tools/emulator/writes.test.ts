import { startEmulator, type CustomerSeed, type Emulator } from '../../../tools/emulator';
import { call } from '../../../tools/emulator/client';

const SEED: CustomerSeed[] = [
	{
		id: 2001,
		email: 'ada@example.com',
		first_name: 'Ada',
		last_name: 'Lovelace',
		tags: 'vip',
		accepts_marketing: false,
		email_marketing_state: 'not_subscribed',
		updated_at: '2024-01-01T00:00:00-04:00',
		customer_fields: { loyalty_tier: 'gold', preferred_language: 'en' },
	},
	{
		id: 2002,
		email: 'grace@example.com',
		first_name: 'Grace',
		last_name: 'Hopper',
		tags: '',
		customer_fields: {},
	},
];

describe('emulator: PUT and POST /customers', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ customers: SEED, throttle: false, maxBatch: 10 });
	});
	afterAll(() => emu.stop());
	beforeEach(() => emu.reset({ customers: SEED }));

	const byId = (id: number) => emu.customers.find((c) => c.id === id)!;
	const field = (id: number, name: string) =>
		byId(id).customer_fields.find((f) => f.machine_name === name)?.value;
	const snapshot = () => JSON.stringify(emu.customers);

	describe('PUT', () => {
		it('updates writable attributes and custom fields, ignores the rest, bumps updated_at', async () => {
			const reply = await call(emu, 'PUT', '/customers', {
				body: {
					customers: [
						{
							id: 2001,
							last_name: 'King',
							tags: 'vip, b2b , vip',
							accepts_marketing: true,
							orders_count: 99,
							customer_fields: {
								loyalty_tier: 'silver',
								company_size: 42,
								newsletter_opt_in: true,
							},
						},
					],
				},
			});
			expect(reply.status).toBe(200);
			expect(reply.json).toEqual({ status: 'okay' });
			const ada = byId(2001);
			expect(ada).toMatchObject({
				last_name: 'King',
				first_name: 'Ada',
				tags: 'vip, b2b',
				accepts_marketing: true,
				email_marketing_state: 'subscribed',
			});
			expect(ada.orders_count).toBeUndefined();
			expect(ada.updated_at).not.toBe('2024-01-01T00:00:00-04:00');
			expect(ada.updated_at).toMatch(/-04:00$/);
			expect(field(2001, 'loyalty_tier')).toBe('silver');
			expect(field(2001, 'company_size')).toBe('42');
			expect(field(2001, 'newsletter_opt_in')).toBe('true');
			const added = ada.customer_fields.find((f) => f.machine_name === 'company_size')!;
			expect(added).toMatchObject({
				label: 'Company size',
				created_at: expect.any(Number),
				updated_at: expect.any(Number),
			});
		});

		it('accepts a numeric string id', async () => {
			expect(
				(
					await call(emu, 'PUT', '/customers', {
						body: { customers: [{ id: '2002', note: 'hi' }] },
					})
				).status,
			).toBe(200);
			expect(byId(2002).note).toBe('hi');
		});

		it.each([
			['no customers array', {}, 'customers array is required'],
			['an empty array', { customers: [] }, 'customers array is required'],
			[
				'a missing id',
				{ customers: [{ id: 2001, note: 'a' }, { note: 'b' }] },
				'customer id is required',
			],
			[
				'an unknown id',
				{ customers: [{ id: 2001, note: 'a' }, { id: 999 }] },
				'customer not found: 999',
			],
			[
				'an invalid email',
				{
					customers: [
						{ id: 2001, note: 'a' },
						{ id: 2002, email: 'not-an-email' },
					],
				},
				'invalid email: not-an-email',
			],
			[
				'an email of another customer',
				{
					customers: [
						{ id: 2001, note: 'a' },
						{ id: 2002, email: 'ADA@example.com' },
					],
				},
				'email has already been taken: ADA@example.com',
			],
			[
				'the same new email twice',
				{
					customers: [
						{ id: 2001, email: 'x@example.com' },
						{ id: 2002, email: 'x@example.com' },
					],
				},
				'email has already been taken: x@example.com',
			],
			[
				'an unknown custom field',
				{ customers: [{ id: 2001, note: 'a', customer_fields: { shoe_size: '9' } }] },
				'unknown custom field: shoe_size',
			],
			[
				'a bad number custom field',
				{ customers: [{ id: 2001, customer_fields: { company_size: 'many' } }] },
				'invalid value for custom field company_size: many',
			],
			[
				'a select value not offered',
				{ customers: [{ id: 2001, customer_fields: { loyalty_tier: 'platinum' } }] },
				'invalid value for custom field loyalty_tier: platinum',
			],
			[
				'too many tags',
				{
					customers: [{ id: 2001, tags: Array.from({ length: 251 }, (_, i) => `t${i}`).join(',') }],
				},
				'too many tags: 251 (maximum 250)',
			],
			[
				'a tag over 255 characters',
				{ customers: [{ id: 2001, tags: `ok, ${'x'.repeat(256)}` }] },
				'tag is too long: 256 characters (maximum 255)',
			],
			[
				'a non-boolean accepts_marketing',
				{ customers: [{ id: 2001, accepts_marketing: 'yes' }] },
				'invalid accepts_marketing: "yes"',
			],
		])('refuses %s with 400 and writes nothing', async (_name, body, message) => {
			const before = snapshot();
			const reply = await call(emu, 'PUT', '/customers', { body });
			expect(reply.status).toBe(400);
			expect(reply.json).toEqual({ status: 'error', message });
			expect(snapshot()).toBe(before);
		});

		it('allows an email to move within one batch', async () => {
			const body = {
				customers: [
					{ id: 2001, email: 'ada2@example.com' },
					{ id: 2002, email: 'ada@example.com' },
				],
			};
			expect((await call(emu, 'PUT', '/customers', { body })).status).toBe(200);
			expect(byId(2002).email).toBe('ada@example.com');
		});

		it('refuses more than maxBatch customers with the documented message', async () => {
			const customers = Array.from({ length: 11 }, () => ({ id: 2001, note: 'n' }));
			const reply = await call(emu, 'PUT', '/customers', { body: { customers } });
			expect(reply.json).toEqual({
				status: 'error',
				message: 'unable to update more than 10 customers at one time',
			});
			emu.setOptions({ maxBatch: 3 });
			const small = await call(emu, 'PUT', '/customers', {
				body: { customers: customers.slice(0, 4) },
			});
			expect(small.json.message).toBe('unable to update more than 3 customers at one time');
			expect(
				(await call(emu, 'PUT', '/customers', { body: { customers: customers.slice(0, 3) } }))
					.status,
			).toBe(200);
			emu.setOptions({ maxBatch: 10 });
		});

		it('answers invalid json with 400', async () => {
			const reply = await call(emu, 'PUT', '/customers', { body: '{"customers": [' });
			expect(reply.json).toEqual({ status: 'error', message: 'invalid json' });
			expect(emu.requests[0].body).toBe('{"customers": [');
		});

		it('deletes empty custom fields only with x-delete-empty-metafields: true', async () => {
			const body = {
				customers: [{ id: 2001, customer_fields: { loyalty_tier: '', preferred_language: null } }],
			};
			expect((await call(emu, 'PUT', '/customers', { body })).status).toBe(200);
			expect(field(2001, 'loyalty_tier')).toBe('gold');
			expect(field(2001, 'preferred_language')).toBe('en');
			expect(emu.requests[0].deleteEmpty).toBe(false);

			const headers = { 'x-delete-empty-metafields': 'true' };
			expect((await call(emu, 'PUT', '/customers', { body, headers })).status).toBe(200);
			expect(field(2001, 'loyalty_tier')).toBeUndefined();
			expect(field(2001, 'preferred_language')).toBeUndefined();
			expect(emu.requests[1].deleteEmpty).toBe(true);
		});
	});

	describe('POST', () => {
		it('creates customers with new unique ids and returns no ids', async () => {
			const body = {
				customers: [
					{
						email: 'new1@example.com',
						first_name: 'New',
						customer_fields: { loyalty_tier: 'bronze' },
					},
					{ phone: '+15550000001' },
					{ last_name: 'Only' },
				],
			};
			const reply = await call(emu, 'POST', '/customers', { body });
			expect(reply.json).toEqual({ status: 'okay' });
			const created = emu.customers.filter((c) => c.id > 2002);
			expect(created).toHaveLength(3);
			expect(new Set(created.map((c) => c.id)).size).toBe(3);
			expect(created[0]).toMatchObject({
				email: 'new1@example.com',
				first_name: 'New',
				state: 'disabled',
				orders_count: 0,
				total_spent: '0.00',
				tags: '',
			});
			expect(created[0].customer_fields.map((f) => [f.machine_name, f.value])).toEqual([
				['loyalty_tier', 'bronze'],
			]);
			const listed = await call(emu, 'GET', '/customers', {
				query: { filters: 'email|equals|new1@example.com' },
			});
			expect(listed.json.customers).toHaveLength(1);
		});

		it.each([
			[
				'an id',
				{ customers: [{ email: 'a@example.com' }, { id: 5, email: 'b@example.com' }] },
				'customers to create must not have an id',
			],
			[
				'no email, phone or name',
				{ customers: [{ email: 'a@example.com' }, { note: 'nameless' }] },
				'customer must have an email, phone or name',
			],
			[
				'an existing email',
				{ customers: [{ email: 'a@example.com' }, { email: 'grace@EXAMPLE.com' }] },
				'email has already been taken: grace@EXAMPLE.com',
			],
			[
				'a duplicate email in the batch',
				{ customers: [{ email: 'a@example.com' }, { email: 'A@example.com' }] },
				'email has already been taken: A@example.com',
			],
			['an invalid email', { customers: [{ email: 'a@' }] }, 'invalid email: a@'],
			[
				'an unknown custom field',
				{ customers: [{ email: 'a@example.com', customer_fields: { nope: 1 } }] },
				'unknown custom field: nope',
			],
			[
				'too many customers',
				{ customers: Array.from({ length: 11 }, (_, i) => ({ email: `n${i}@example.com` })) },
				'unable to update more than 10 customers at one time',
			],
		])('refuses %s atomically', async (_name, body, message) => {
			const before = snapshot();
			const reply = await call(emu, 'POST', '/customers', { body });
			expect(reply.status).toBe(400);
			expect(reply.json).toEqual({ status: 'error', message });
			expect(snapshot()).toBe(before);
		});
	});
});

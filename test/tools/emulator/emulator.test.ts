import {
	CUSTOM_FIELD_DEFINITIONS,
	decodeCursor,
	generateCustomers,
	startEmulator,
	type Emulator,
} from '../../../tools/emulator';
import { call, sleep } from '../../../tools/emulator/client';

describe('emulator: auth, rate limit, pagination, reads, log', () => {
	let emu: Emulator;

	beforeAll(async () => {
		emu = await startEmulator({ customers: 137, windowMs: 40, rateLimit: 1, throttle: false });
	});
	afterAll(() => emu.stop());
	beforeEach(() =>
		emu.reset({
			customers: 137,
			throttle: false,
			windowMs: 40,
			rateLimit: 1,
			latencyMs: 0,
			retryAfterOn429: undefined,
		}),
	);

	it('listens on 127.0.0.1 with the /v2 root', () => {
		expect(emu.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
	});

	describe('auth', () => {
		it.each([
			['no headers', {}, 'missing'],
			['no api key', { 'x-shop-domain': 'test-shop.myshopify.com' }, 'missing'],
			['no shop domain', { 'x-api-key': 'test-api-key' }, 'missing'],
			['wrong api key', { 'x-shop-domain': 'test-shop.myshopify.com', 'x-api-key': 'nope' }, 'bad'],
			[
				'wrong shop',
				{ 'x-shop-domain': 'other.myshopify.com', 'x-api-key': 'test-api-key' },
				'bad',
			],
		])('%s → 403 invalid request', async (_name, headers, verdict) => {
			const reply = await call(emu, 'GET', '/customers', { noAuth: true, headers });
			expect(reply.status).toBe(403);
			expect(reply.json).toEqual({ status: 'error', message: 'invalid request' });
			expect(emu.requests[0].auth).toBe(verdict);
		});

		it('compares the shop domain case-insensitively', async () => {
			const reply = await call(emu, 'GET', '/customers', {
				noAuth: true,
				headers: { 'x-shop-domain': 'Test-Shop.MyShopify.com', 'x-api-key': 'test-api-key' },
			});
			expect(reply.status).toBe(200);
		});

		it('checks auth before the rate limit, and 403s take no slot', async () => {
			emu.setOptions({ throttle: true, windowMs: 1000 });
			expect((await call(emu, 'GET', '/customers', { noAuth: true })).status).toBe(403);
			expect((await call(emu, 'GET', '/customers')).status).toBe(200);
			expect((await call(emu, 'GET', '/customers', { noAuth: true })).status).toBe(403);
		});

		it('never stores the api key in the log', async () => {
			await call(emu, 'GET', '/customers');
			await call(emu, 'PUT', '/customers', {
				body: { customers: [{ id: emu.customers[0].id, note: 'x' }] },
			});
			await call(emu, 'GET', '/customers', {
				noAuth: true,
				headers: { 'x-shop-domain': emu.shopDomain, 'x-api-key': 'secret-wrong-key' },
			});
			const log = JSON.stringify(emu.requests);
			expect(log).not.toContain(emu.apiKey);
			expect(log).not.toContain('secret-wrong-key');
			expect(emu.requests.map((r) => r.auth)).toEqual(['ok', 'ok', 'bad']);
		});
	});

	describe('rate limit', () => {
		// Windows long enough that a loaded machine cannot stretch two back-to-back calls across one.
		beforeEach(() => emu.setOptions({ throttle: true, windowMs: 150, rateLimit: 1 }));

		it('answers 429 inside the window and recovers after windowMs', async () => {
			expect((await call(emu, 'GET', '/customers')).status).toBe(200);
			const limited = await call(emu, 'GET', '/customers');
			expect(limited.status).toBe(429);
			expect(limited.json).toEqual({ status: 'error', message: 'too many requests' });
			expect(limited.headers.get('retry-after')).toBeNull();
			await sleep(160);
			expect((await call(emu, 'GET', '/customers')).status).toBe(200);
			expect(emu.stats()).toEqual({
				total: 3,
				byStatus: { 200: 2, 429: 1 },
				maxAcceptedInWindow: 1,
			});
		});

		it('does not count rejected requests toward the window', async () => {
			const first = await call(emu, 'GET', '/customers');
			expect(first.status).toBe(200);
			const startedAt = emu.requests[0].startedAt;
			const now = () => performance.timeOrigin + performance.now();
			// Hammer for ~80 ms: all 429. If they counted, the window would keep sliding and the next call fail.
			while (now() - startedAt < 80) {
				expect((await call(emu, 'GET', '/customers')).status).toBe(429);
			}
			await sleep(startedAt + 160 - now());
			expect((await call(emu, 'GET', '/customers')).status).toBe(200);
		});

		it('allows rateLimit requests per window and sends Retry-After when configured', async () => {
			emu.setOptions({ rateLimit: 3, windowMs: 1000, retryAfterOn429: '2.0' });
			const statuses = [];
			for (let i = 0; i < 4; i++) statuses.push((await call(emu, 'GET', '/customers')).status);
			expect(statuses).toEqual([200, 200, 200, 429]);
			expect(emu.requests[3].status).toBe(429);
			const again = await call(emu, 'GET', '/customers');
			expect(again.headers.get('retry-after')).toBe('2.0');
			expect(emu.stats().maxAcceptedInWindow).toBe(3);
		});

		it('reports maxAcceptedInWindow when throttling is off (to prove client pacing)', async () => {
			emu.setOptions({ throttle: false, windowMs: 1000 });
			await Promise.all([1, 2, 3].map(() => call(emu, 'GET', '/customers')));
			expect(emu.stats().byStatus).toEqual({ 200: 3 });
			expect(emu.stats().maxAcceptedInWindow).toBe(3);
		});
	});

	describe('GET /customers pagination', () => {
		it('walks 137 customers in 3 pages with opaque cursors, in id order', async () => {
			const pages = [];
			let next: string | undefined;
			do {
				const reply = await call(emu, 'GET', '/customers', {
					query: next ? { next_page: next } : {},
				});
				expect(reply.status).toBe(200);
				expect(reply.json.status).toBe('okay');
				expect(reply.json).not.toHaveProperty('total_count');
				expect(reply.json).not.toHaveProperty('page_count');
				pages.push(reply.json);
				next = reply.json.next_page;
				if (next) {
					expect(next).toMatch(/^[A-Za-z0-9_-]+$/);
					expect(next).not.toMatch(/^\d+$/);
					expect(decodeCursor(next)).toMatchObject({ direction: 'next' });
				}
			} while (next);
			expect(pages.map((p) => p.customers.length)).toEqual([50, 50, 37]);
			expect(pages[2]).not.toHaveProperty('next_page');
			expect(pages[0]).not.toHaveProperty('prev_page');
			expect(pages[1].prev_page).toEqual(expect.any(String));
			const ids = pages.flatMap((p) => p.customers.map((c: { id: number }) => c.id));
			expect(ids).toEqual(emu.customers.map((c) => c.id));
			expect([...ids].sort((a, b) => a - b)).toEqual(ids);
		});

		it('follows prev_page back to the previous page', async () => {
			const first = await call(emu, 'GET', '/customers');
			const second = await call(emu, 'GET', '/customers', {
				query: { next_page: first.json.next_page },
			});
			const back = await call(emu, 'GET', '/customers', {
				query: { next_page: second.json.prev_page },
			});
			expect(back.json.customers.map((c: { id: number }) => c.id)).toEqual(
				first.json.customers.map((c: { id: number }) => c.id),
			);
		});

		it('has no next_page when exactly one full page remains', async () => {
			emu.reset({ customers: 100 });
			const first = await call(emu, 'GET', '/customers');
			const second = await call(emu, 'GET', '/customers', {
				query: { next_page: first.json.next_page },
			});
			expect(second.json.customers).toHaveLength(50);
			expect(second.json).not.toHaveProperty('next_page');
		});

		it.each(['2', 'not a cursor!', Buffer.from('{"page":2}').toString('base64url')])(
			'refuses the cursor %j',
			async (cursor) => {
				const reply = await call(emu, 'GET', '/customers', { query: { next_page: cursor } });
				expect(reply.status).toBe(400);
				expect(reply.json).toEqual({ status: 'error', message: 'invalid next_page' });
			},
		);

		it('applies filters together with the cursor, and answers an empty result without next_page', async () => {
			const filters = 'email|contains|example';
			const first = await call(emu, 'GET', '/customers', { query: { filters } });
			const second = await call(emu, 'GET', '/customers', {
				query: { filters, next_page: first.json.next_page },
			});
			expect(
				second.json.customers.every((c: { email: string }) => c.email.includes('example')),
			).toBe(true);
			const none = await call(emu, 'GET', '/customers', {
				query: { filters: 'email|equals|nobody@nowhere.example' },
			});
			expect(none.json).toEqual({ status: 'okay', customers: [] });
		});

		it('honours pageSize', async () => {
			emu.setOptions({ pageSize: 10 });
			const reply = await call(emu, 'GET', '/customers');
			expect(reply.json.customers).toHaveLength(10);
			emu.setOptions({ pageSize: 50 });
		});
	});

	describe('GET and DELETE /customers/{id}, unknown routes', () => {
		it('returns one customer in a customers array', async () => {
			const target = emu.customers[7];
			const reply = await call(emu, 'GET', `/customers/${target.id}`);
			expect(reply.json).toEqual({
				status: 'okay',
				customers: [JSON.parse(JSON.stringify(target))],
			});
		});

		it('answers 404 for an unknown id and 400 for a non-numeric one', async () => {
			expect((await call(emu, 'GET', '/customers/123')).json).toEqual({
				status: 'error',
				message: 'customer not found',
			});
			const bad = await call(emu, 'GET', '/customers/abc');
			expect(bad.status).toBe(400);
			expect(bad.json).toEqual({ status: 'error', message: 'invalid customer id' });
		});

		it('deletes a customer, then it is gone', async () => {
			const id = emu.customers[0].id;
			expect((await call(emu, 'DELETE', `/customers/${id}`)).json).toEqual({ status: 'okay' });
			expect(emu.customers.some((c) => c.id === id)).toBe(false);
			expect((await call(emu, 'DELETE', `/customers/${id}`)).status).toBe(404);
			expect((await call(emu, 'GET', `/customers/${id}`)).status).toBe(404);
		});

		it('answers 404 not found for unknown routes and methods', async () => {
			for (const [method, path] of [
				['GET', '/orders'],
				['PATCH', '/customers'],
				['DELETE', '/customers'],
				['GET', '/customers/1/orders'],
			]) {
				const reply = await call(emu, method, path);
				expect([method, path, reply.status, reply.json]).toEqual([
					method,
					path,
					404,
					{ status: 'error', message: 'not found' },
				]);
			}
		});

		it('logs method, path, query, body, status and timings', async () => {
			await call(emu, 'GET', '/customers', { query: { filters: 'tag|equals|vip' } });
			const [entry] = emu.requests;
			expect(entry).toMatchObject({
				method: 'GET',
				path: '/v2/customers',
				query: { filters: 'tag|equals|vip' },
				status: 200,
				deleteEmpty: false,
			});
			expect(entry.endedAt).toBeGreaterThanOrEqual(entry.startedAt);
		});
	});

	it('adds latencyMs before every reply', async () => {
		emu.setOptions({ latencyMs: 30 });
		const started = Date.now();
		await call(emu, 'GET', '/customers', { noAuth: true });
		expect(Date.now() - started).toBeGreaterThanOrEqual(28);
	});

	it('generates deterministic, realistic sample data', () => {
		const a = generateCustomers(300, { seed: 7 });
		expect(generateCustomers(300, { seed: 7 })).toEqual(a);
		expect(generateCustomers(300, { seed: 8 })).not.toEqual(a);
		expect(new Set(a.map((c) => c.email)).size).toBe(300);
		expect(new Set(a.map((c) => c.id)).size).toBe(300);
		expect(a.every((c) => String(c.id).length === 13)).toBe(true);
		expect(a.some((c) => /[\u0080-\uffff]/.test(`${c.first_name}${c.last_name}`))).toBe(true);
		expect(a.some((c) => c.email?.includes('test'))).toBe(true);
		expect(a.some((c) => c.tags === '')).toBe(true);
		expect(a.filter((c) => c.phone).every((c) => /^\+\d{8,15}$/.test(c.phone as string))).toBe(
			true,
		);
		expect(a.every((c) => /^\d+\.\d{2}$/.test(c.total_spent))).toBe(true);
		const names = CUSTOM_FIELD_DEFINITIONS.map((d) => d.machine_name);
		expect(a.filter((c) => c.customer_fields.length > 0).length).toBeGreaterThan(280);
		expect(a.every((c) => c.customer_fields.every((f) => names.includes(f.machine_name)))).toBe(
			true,
		);
	});
});

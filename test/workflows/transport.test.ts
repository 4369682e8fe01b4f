import { CustomerAccountFieldsApi } from '../../credentials/CustomerAccountFieldsApi.credentials';
import type { Emulator } from '../../tools/emulator';
import { accepted, API_KEY, byId, jsonOf, runNode, sent, useEmulator } from './setup';

describe('pacing and retries', () => {
	let emu: Emulator;
	useEmulator({ customers: 120, windowMs: 50, rateLimit: 1 }, (started) => (emu = started));

	it('recovers from 429s, with and without Retry-After (also "2.0"), and loses nothing', async () => {
		emu.queueFault({ method: 'GET', kind: '429', nth: 2 });
		emu.queueFault({ method: 'GET', kind: '429', nth: 3, retryAfter: '0.3' });
		emu.queueFault({ method: 'GET', kind: '429', nth: 4, retryAfter: '2.0' });
		const started = Date.now();
		const result = await runNode(emu, { resource: 'customer', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(120);
		expect(sent(emu).filter((entry) => entry.fault === '429')).toHaveLength(3);
		expect(accepted(emu)).toHaveLength(3);
		// The request after the "Retry-After: 2.0" reply waited at least 2 s.
		const log = sent(emu);
		const longWait = log.findIndex((entry) => entry.fault === '429' && entry.startedAt === log.filter((e) => e.fault === '429')[2].startedAt);
		expect(log[longWait + 1].startedAt - log[longWait].startedAt).toBeGreaterThanOrEqual(1990);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
	});

	it('keeps retrying 429s while the shop accepts requests: they are a signal to slow down, not a failure', async () => {
		emu.queueFault({ method: 'GET', kind: '429', times: 12 });
		const result = await runNode(emu, { resource: 'customer', operation: 'get', customerId: byId(emu.customers[0].id) });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBe(emu.customers[0].id);
		expect(sent(emu).filter((entry) => entry.fault === '429')).toHaveLength(12);
		expect(accepted(emu)).toHaveLength(1);
	});

	it('fails at once when the server asks to wait more than 60 s, without holding the shop', async () => {
		emu.queueFault({ method: 'GET', kind: '429', retryAfter: '3600' });
		const started = Date.now();
		const parameters = { resource: 'customer', operation: 'get', customerId: byId(emu.customers[0].id) };
		const refused = await runNode(emu, parameters);
		expect(refused.error?.message).toBe('The API asked to wait 3600 s before retrying, more than the 60 s this node waits');
		expect(refused.error?.description).toContain('Run the items again after that time');
		const next = await runNode(emu, parameters);
		expect(next.error).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('gives up on 429s once the shop accepted nothing for 300 intervals, with a clear error', async () => {
		emu.queueFault({ method: 'GET', kind: '429', times: 100_000 });
		const started = Date.now();
		// 300 intervals at 200 requests per second: 1.5 s (5 minutes at the API's 1 per second).
		const result = await runNode(emu, { resource: 'customer', operation: 'get', customerId: byId(emu.customers[0].id) }, { credential: { rateLimit: 200 } });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('too many requests');
		expect(result.error?.description).toContain('to every request for this shop for 2 s');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
		expect(sent(emu).length).toBeGreaterThan(6);
	});

	it.each([
		['503', 'reset'],
		['malformed', '502'],
	] as const)('retries idempotent requests after %s and %s, within 3 attempts', async (first, second) => {
		emu.queueFault({ method: 'GET', kind: first });
		emu.queueFault({ method: 'GET', kind: second, nth: 2 });
		const result = await runNode(emu, { resource: 'customer', operation: 'get', customerId: byId(emu.customers[0].id) });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBe(emu.customers[0].id);
		expect(accepted(emu)).toHaveLength(3);
	});

	it('times out a slow reply after the Timeout option and says so', async () => {
		emu.queueFault({ method: 'DELETE', kind: 'slow', delayMs: 5000, times: 3 });
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'delete',
			customerId: byId(emu.customers[0].id),
			options: { timeout: 200 },
		});
		expect(result.error?.message).toBe('The API did not answer within 200 ms');
		expect(result.error?.description).toContain('Gave up after 3 attempts');
	});

	it('treats a 200 whose body says "status": "error" as an error', async () => {
		emu.queueFault({ method: 'GET', kind: 'status-error', message: 'shopify is unavailable' });
		const result = await runNode(emu, { resource: 'customer', operation: 'get', customerId: byId(emu.customers[0].id) });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('shopify is unavailable');
	});

	it('never starts requests faster than the credential rate of 1 per second', async () => {
		// Throttling off: the emulator answers everything, so only the node's own spacing is measured.
		emu.reset({ customers: 120, windowMs: 1000, rateLimit: 1, throttle: false });
		const ids = emu.customers.slice(0, 4).map((customer) => ({ id: customer.id }));
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ inputItems: ids, credential: { rateLimit: 1 } },
		);
		expect(result.error).toBeUndefined();
		const starts = sent(emu).map((entry) => entry.startedAt);
		expect(starts).toHaveLength(4);
		// Requests leave the node a slot (the interval plus a margin for jitter) apart; the first one's set-up can shorten one gap a little.
		for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(900);
		expect(starts[3] - starts[0]).toBeGreaterThanOrEqual(3000);
	});
});

describe('credentials and secrets', () => {
	let emu: Emulator;
	useEmulator({ customers: 3 }, (started) => (emu = started));

	it('reports a wrong API key with the API message and a hint', async () => {
		const result = await runNode(emu, { resource: 'customer', operation: 'getAll' }, { credential: { apiKey: 'wrong-key' } });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('invalid request');
		expect(result.error?.description).toContain('shop domain and API key');
		expect(sent(emu)[0]).toMatchObject({ status: 403, auth: 'bad' });
	});

	it.each([
		['https://test-shop.myshopify.com', 'must not include a scheme'],
		['test-shop.myshopify.com/admin', 'must not include a path'],
		['test-shop.myshopify.com\nx-other: 1', 'line break'],
	])('refuses the shop domain %j before sending anything', async (shopDomain, expected) => {
		const result = await runNode(emu, { resource: 'customer', operation: 'getAll' }, { credential: { shopDomain } });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(expected);
		expect(sent(emu)).toHaveLength(0);
	});

	it('never puts the API key in an output item, an error or a log line', async () => {
		emu.queueFault({ method: 'GET', kind: 'reset', times: 3 });
		emu.queueFault({ method: 'PUT', kind: '500', times: 3 });
		const runs = [
			await runNode(emu, { resource: 'customer', operation: 'getAll' }),
			await runNode(emu, { resource: 'customer', operation: 'getAll' }, { onError: 'continueRegularOutput' }),
			await runNode(
				emu,
				{ resource: 'customer', operation: 'update', customerId: byId(emu.customers[0].id), updateFields: { note: 'x' } },
				{ onError: 'continueRegularOutput' },
			),
			await runNode(emu, { resource: 'customer', operation: 'getAll' }, { credential: { apiKey: `${API_KEY}-wrong` } }),
			await runNode(emu, { resource: 'customer', operation: 'get', customerId: byId(1) }),
		];
		for (const run of runs) {
			const everything = JSON.stringify(run.data) + JSON.stringify(run.error ?? null) + run.logs.join('\n');
			expect(everything).not.toContain(API_KEY);
		}
		// the runs did produce errors and logs, so the check above looked at something
		expect(runs[0].error?.message).toBe('The connection to the API failed: the connection was reset');
		expect(runs.every((run) => run.logs.length > 0)).toBe(true);
	});

	it("the credential's test request tells a right key from a wrong one", async () => {
		const credential = new CustomerAccountFieldsApi();
		const check = async (apiKey: string) => {
			const request = credential.test.request;
			const options = await credential.authenticate(
				{ shopDomain: emu.shopDomain, apiKey, baseUrl: `${emu.baseUrl}/` },
				{ url: request.url as string, method: request.method },
			);
			const url = new URL(`${emu.baseUrl}${request.url}`);
			for (const [key, value] of Object.entries(request.qs ?? {})) url.searchParams.set(key, String(value));
			const response = await fetch(url, { headers: options.headers as Record<string, string> });
			return response.status;
		};
		expect(await check(API_KEY)).toBe(200);
		expect(await check('wrong')).toBe(403);
		await expect(
			credential.authenticate({ shopDomain: 'https://x.myshopify.com', apiKey: 'k' }, { url: '/customers' }),
		).rejects.toThrow('must not include a scheme');
	});
});

/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CustomerAccountFieldsApi } from '../../credentials/CustomerAccountFieldsApi.credentials';
import type { Emulator, FaultSpec } from '../../tools/emulator';
import type { RunResult } from '../../tools/harness';
import { accepted, API_KEY, byId, jsonOf, runNode, sent, useEmulator } from './setup';

/** Everything a run leaves behind: run data, the error, every log line. */
function traces(run: RunResult): string {
	return (
		JSON.stringify(run.data) +
		JSON.stringify(run.error ?? null) +
		String(run.error?.description ?? '') +
		run.logs.join('\n')
	);
}

const get = (emu: Emulator) => ({
	resource: 'customer',
	operation: 'get',
	customerId: byId(emu.customers[0].id),
});
const update = {
	resource: 'customer',
	operation: 'update',
	customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
	updateFields: { note: 'hostile' },
};

describe('pacing and retries', () => {
	let emu: Emulator;
	useEmulator({ customers: 120, windowMs: 50, rateLimit: 1 }, (started) => (emu = started));

	it('recovers from 429s, with and without Retry-After (also "2.0"), and loses nothing', async () => {
		emu.queueFault({ method: 'GET', kind: '429', nth: 2 });
		emu.queueFault({ method: 'GET', kind: '429', nth: 3, retryAfter: '0.3' });
		emu.queueFault({ method: 'GET', kind: '429', nth: 4, retryAfter: '2.0' });
		const started = Date.now();
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(120);
		expect(sent(emu).filter((entry) => entry.fault === '429')).toHaveLength(3);
		expect(accepted(emu)).toHaveLength(3);
		// The request after the "Retry-After: 2.0" reply waited at least 2 s.
		const log = sent(emu);
		const longWait = log.findIndex(
			(entry) =>
				entry.fault === '429' &&
				entry.startedAt === log.filter((e) => e.fault === '429')[2].startedAt,
		);
		expect(log[longWait + 1].startedAt - log[longWait].startedAt).toBeGreaterThanOrEqual(1990);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
	});

	it('keeps retrying 429s while the shop accepts requests: they are a signal to slow down, not a failure', async () => {
		emu.queueFault({ method: 'GET', kind: '429', times: 12 });
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'get',
			customerId: byId(emu.customers[0].id),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].id).toBe(emu.customers[0].id);
		expect(sent(emu).filter((entry) => entry.fault === '429')).toHaveLength(12);
		expect(accepted(emu)).toHaveLength(1);
	});

	it('fails at once when the server asks to wait more than 60 s, without holding the shop', async () => {
		emu.queueFault({ method: 'GET', kind: '429', retryAfter: '3600' });
		const started = Date.now();
		const parameters = {
			resource: 'customer',
			operation: 'get',
			customerId: byId(emu.customers[0].id),
		};
		const refused = await runNode(emu, parameters);
		expect(refused.error?.message).toBe(
			'The API asked to wait 3600 s before retrying, more than the 60 s this node waits',
		);
		expect(refused.error?.description).toContain('Run the items again after that time');
		const next = await runNode(emu, parameters);
		expect(next.error).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('gives up on 429s once the shop accepted nothing for 300 intervals, with a clear error', async () => {
		emu.queueFault({ method: 'GET', kind: '429', times: 100_000 });
		const started = Date.now();
		// 300 intervals at 200 requests per second: 1.5 s (5 minutes at the API's 1 per second).
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'get', customerId: byId(emu.customers[0].id) },
			{ credential: { rateLimit: 200 } },
		);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('too many requests');
		expect(result.error?.description).toContain('to every request for this shop for 2 s');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
		expect(sent(emu).length).toBeGreaterThan(6);
	});

	it.each([
		['503', 'reset'],
		['malformed', '502'],
	] as const)(
		'retries idempotent requests after %s and %s, within 3 attempts',
		async (first, second) => {
			emu.queueFault({ method: 'GET', kind: first });
			emu.queueFault({ method: 'GET', kind: second, nth: 2 });
			const result = await runNode(emu, {
				resource: 'customer',
				operation: 'get',
				customerId: byId(emu.customers[0].id),
			});
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)[0].id).toBe(emu.customers[0].id);
			expect(accepted(emu)).toHaveLength(3);
		},
	);

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
		const result = await runNode(emu, {
			resource: 'customer',
			operation: 'get',
			customerId: byId(emu.customers[0].id),
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('shopify is unavailable');
	});

	it('never starts requests faster than the credential rate of 1 per second', async () => {
		// Throttling off: the emulator answers everything, so only the node's own spacing is measured.
		emu.reset({ customers: 120, windowMs: 1000, rateLimit: 1, throttle: false });
		const ids = emu.customers.slice(0, 4).map((customer) => ({ id: customer.id }));
		const result = await runNode(
			emu,
			{
				resource: 'customer',
				operation: 'get',
				customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{ inputItems: ids, credential: { rateLimit: 1 } },
		);
		expect(result.error).toBeUndefined();
		const starts = sent(emu).map((entry) => entry.startedAt);
		expect(starts).toHaveLength(4);
		// Requests leave the node a slot (the interval plus a margin for jitter) apart; the first one's set-up can shorten one gap a little.
		for (let i = 1; i < starts.length; i++)
			expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(900);
		expect(starts[3] - starts[0]).toBeGreaterThanOrEqual(3000);
	});
});

describe('credentials and secrets', () => {
	let emu: Emulator;
	useEmulator({ customers: 3 }, (started) => (emu = started));

	it('reports a wrong API key with the API message and a hint', async () => {
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'getAll' },
			{ credential: { apiKey: 'wrong-key' } },
		);
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
		const result = await runNode(
			emu,
			{ resource: 'customer', operation: 'getAll' },
			{ credential: { shopDomain } },
		);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(expected);
		expect(sent(emu)).toHaveLength(0);
	});

	it('never puts the API key in an output item, an error or a log line', async () => {
		emu.queueFault({ method: 'GET', kind: 'reset', times: 3 });
		emu.queueFault({ method: 'PUT', kind: '500', times: 3 });
		const runs = [
			await runNode(emu, { resource: 'customer', operation: 'getAll' }),
			await runNode(
				emu,
				{ resource: 'customer', operation: 'getAll' },
				{ onError: 'continueRegularOutput' },
			),
			await runNode(
				emu,
				{
					resource: 'customer',
					operation: 'update',
					customerId: byId(emu.customers[0].id),
					updateFields: { note: 'x' },
				},
				{ onError: 'continueRegularOutput' },
			),
			await runNode(
				emu,
				{ resource: 'customer', operation: 'getAll' },
				{ credential: { apiKey: `${API_KEY}-wrong` } },
			),
			await runNode(emu, { resource: 'customer', operation: 'get', customerId: byId(1) }),
		];
		for (const run of runs) {
			const everything =
				JSON.stringify(run.data) + JSON.stringify(run.error ?? null) + run.logs.join('\n');
			expect(everything).not.toContain(API_KEY);
		}
		// the runs did produce errors and logs, so the check above looked at something
		expect(runs[0].error?.message).toBe(
			'The connection to the API failed: the connection was reset',
		);
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
			for (const [key, value] of Object.entries(request.qs ?? {}))
				url.searchParams.set(key, String(value));
			const response = await fetch(url, { headers: options.headers as Record<string, string> });
			return response.status;
		};
		expect(await check(API_KEY)).toBe(200);
		expect(await check('wrong')).toBe(403);
		await expect(
			credential.authenticate(
				{ shopDomain: 'https://x.myshopify.com', apiKey: 'k' },
				{ url: '/customers' },
			),
		).rejects.toThrow('must not include a scheme');
	});
});

describe('a server that echoes the API key', () => {
	let emu: Emulator;
	useEmulator({ customers: 12 }, (started) => (emu = started));

	it.each<[string, Omit<FaultSpec, 'echoKey'>]>([
		['403', { kind: '403' }],
		['400', { kind: '400' }],
		// 429s alone never make the node give up while the shop accepts requests; only 300 intervals without one do (1.5 s at 200/s).
		['429 (until the node gives up)', { kind: '429', times: 100_000 }],
		['500 (until the node gives up)', { kind: '500', times: 3 }],
		['200 "status": "error"', { kind: 'status-error' }],
	])(
		'a %s that quotes the key reaches no message, description, run data or log line',
		async (_name, spec) => {
			for (const onError of [undefined, 'continueRegularOutput'] as const) {
				emu.reset({ customers: 12 });
				emu.queueFault({ ...spec, method: 'GET', echoKey: true });
				const run = await runNode(emu, get(emu), { onError, credential: { rateLimit: 200 } });
				const fired = sent(emu).filter((entry) => entry.fault);
				expect(fired.length).toBeGreaterThan(0);
				// the node did report the failure, with the server's words minus the key
				const message = onError ? String(jsonOf(run)[0].error) : String(run.error?.message);
				expect(message).toContain('[redacted] was used');
				expect(traces(run)).not.toContain(API_KEY);
				expect(run.logs.length).toBeGreaterThan(0);
			}
		},
	);

	it('redacts the key as sent, also when the credential stores it with spaces around it', async () => {
		emu.queueFault({ method: 'GET', kind: '403', echoKey: true });
		const run = await runNode(emu, get(emu), { credential: { apiKey: `  ${API_KEY}  ` } });
		expect(run.error?.message).toBe('invalid request (key [redacted] was used)');
		expect(traces(run)).not.toContain(API_KEY);
	});

	it('keeps each failed item of a batch its own error, with its own item index, and no key', async () => {
		emu.queueFault({ method: 'PUT', kind: '503', times: 3, echoKey: true });
		// The batch of 2 shares customer 0 with the first batch, so it waits for that batch's last reply and meets no fault.
		const input = [...emu.customers.slice(0, 10), emu.customers[0], emu.customers[10]].map(
			(customer) => ({ id: customer.id }),
		);
		const run = await runNode(emu, update, { inputItems: input, onError: 'continueRegularOutput' });
		const items = run.outputOf('Customer Account Fields');
		expect(items).toHaveLength(12);
		const failed = items.filter((item) => item.error);
		// the first batch of 10 met the fault on every retry; the batch of 2 went through
		expect(failed).toHaveLength(10);
		expect(failed.map((item) => (item.error?.context as { itemIndex?: number }).itemIndex)).toEqual(
			[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
		);
		expect(new Set(failed.map((item) => item.error)).size).toBe(10);
		expect(failed[3].error?.message).toContain('[redacted]');
		expect(traces(run)).not.toContain(API_KEY);
		expect([emu.customers[0].note, emu.customers[10].note]).toEqual(['hostile', 'hostile']);
	});
});

describe('redirects', () => {
	let emu: Emulator;
	useEmulator({ customers: 3 }, (started) => (emu = started));
	let elsewhere: Server;
	const received: IncomingHttpHeaders[] = [];
	let elsewhereUrl: string;

	beforeAll(async () => {
		elsewhere = createServer((req, res) => {
			received.push(req.headers);
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end('{"status":"okay","customer":{"id":1}}');
		});
		await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
		elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => elsewhere.close(resolve)));

	it.each([301, 302, 307, 308])(
		'a %i to another origin is an error naming the host; the key is not sent there',
		async (status) => {
			received.length = 0;
			emu.queueFault({
				method: 'GET',
				kind: 'redirect',
				status,
				location: `${elsewhereUrl}/steal?k=1`,
				echoKey: true,
			});
			const run = await runNode(emu, get(emu));
			expect(run.error?.name).toBe('NodeApiError');
			expect(run.error?.message).toBe(
				`The API redirected the request to ${elsewhereUrl.replace('http://', '')}; the node does not follow redirects`,
			);
			expect(received).toHaveLength(0);
			expect(traces(run)).not.toContain(API_KEY);
			expect(sent(emu)).toHaveLength(1);
		},
	);

	it('the other origin would have received the key, had the node followed (the check above can fail)', async () => {
		received.length = 0;
		await fetch(`${elsewhereUrl}/probe`, { headers: { 'x-api-key': API_KEY } });
		expect(received[0]['x-api-key']).toBe(API_KEY);
	});
});

describe('Retry-After and empty pages', () => {
	let emu: Emulator;
	useEmulator({ customers: 120, pageSize: 10 }, (started) => (emu = started));

	it('honours Retry-After up to 60 s; beyond, the item fails at once saying what the server asked for', async () => {
		emu.queueFault({ method: 'GET', kind: '429', retryAfter: '3600' });
		const started = Date.now();
		const run = await runNode(emu, get(emu));
		expect(run.error?.message).toBe(
			'The API asked to wait 3600 s before retrying, more than the 60 s this node waits',
		);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(sent(emu)).toHaveLength(1);
	});

	it('stops after 5 empty pages in a row that still carry a new cursor', async () => {
		emu.queueFault({ method: 'GET', kind: 'empty-page', nth: 2, times: 50 });
		const run = await runNode(
			emu,
			{ resource: 'customer', operation: 'getAll', returnAll: true },
			{ onError: 'continueRegularOutput' },
		);
		const output = jsonOf(run);
		expect(output.slice(0, 10).map((customer) => customer.id)).toEqual(
			emu.customers.slice(0, 10).map((customer) => customer.id),
		);
		expect(output[10].error).toBe(
			'The API returned 5 empty pages in a row, each with a new next_page cursor',
		);
		expect(output).toHaveLength(11);
		expect(sent(emu, 'GET').filter((entry) => entry.status !== 429)).toHaveLength(6);
	});

	it('empty pages between full ones are followed (the count restarts)', async () => {
		for (const nth of [2, 3, 4, 5, 7]) emu.queueFault({ method: 'GET', kind: 'empty-page', nth });
		const run = await runNode(emu, { resource: 'customer', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(sent(emu, 'GET').filter((entry) => entry.fault === 'empty-page')).toHaveLength(5);
		// all 12 pages were read; the 5 emptied ones gave nothing
		expect(sent(emu, 'GET').filter((entry) => entry.status !== 429)).toHaveLength(12);
		expect(jsonOf(run)).toHaveLength(70);
	});
});

describe('cancelling an execution', () => {
	let emu: Emulator;
	// the real rate: one request per second
	useEmulator({ customers: 60, windowMs: 1000, rateLimit: 1 }, (started) => (emu = started));

	it('a stopped long update sends no request more than one interval after the stop', async () => {
		const input = emu.customers.slice(0, 60).map((customer) => ({ id: customer.id }));
		const run = await runNode(emu, update, {
			inputItems: input,
			credential: { rateLimit: 1 },
			cancelAfterMs: 2500,
		});
		const cancelledAt = run.cancelledAt!;
		expect(cancelledAt).toBeGreaterThan(0);
		const puts = sent(emu, 'PUT');
		// it was under way, and stopped: 6 batches would take 6 s
		expect(puts.length).toBeGreaterThanOrEqual(2);
		expect(puts.length).toBeLessThan(6);
		for (const entry of puts) expect(entry.startedAt).toBeLessThanOrEqual(cancelledAt + 1000);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(sent(emu, 'PUT')).toHaveLength(puts.length);
	});

	it('a stop during a long retry wait ends the wait at once', async () => {
		emu.queueFault({ method: 'GET', kind: '429', retryAfter: '10' });
		const started = Date.now();
		const run = await runNode(emu, get(emu), { credential: { rateLimit: 1 }, cancelAfterMs: 500 });
		expect(Date.now() - started).toBeLessThan(3000);
		expect(sent(emu)).toHaveLength(1);
		expect(run.cancelledAt).toBeDefined();
	});
});

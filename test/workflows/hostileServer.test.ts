/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Emulator, FaultSpec } from '../../tools/emulator';
import type { RunResult } from '../../tools/harness';
import { API_KEY, byId, jsonOf, runNode, sent, useEmulator } from './setup';

/** Everything a run leaves behind: run data, the error, every log line. */
function traces(run: RunResult): string {
	return JSON.stringify(run.data) + JSON.stringify(run.error ?? null) + String(run.error?.description ?? '') + run.logs.join('\n');
}

const get = (emu: Emulator) => ({ resource: 'customer', operation: 'get', customerId: byId(emu.customers[0].id) });
const update = { resource: 'customer', operation: 'update', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, updateFields: { note: 'hostile' } };

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
	])('a %s that quotes the key reaches no message, description, run data or log line', async (_name, spec) => {
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
	});

	it('redacts the key as sent, also when the credential stores it with spaces around it', async () => {
		emu.queueFault({ method: 'GET', kind: '403', echoKey: true });
		const run = await runNode(emu, get(emu), { credential: { apiKey: `  ${API_KEY}  ` } });
		expect(run.error?.message).toBe('invalid request (key [redacted] was used)');
		expect(traces(run)).not.toContain(API_KEY);
	});

	it('keeps each failed item of a batch its own error, with its own item index, and no key', async () => {
		emu.queueFault({ method: 'PUT', kind: '503', times: 3, echoKey: true });
		// The batch of 2 shares customer 0 with the first batch, so it waits for that batch's last reply and meets no fault.
		const input = [...emu.customers.slice(0, 10), emu.customers[0], emu.customers[10]].map((customer) => ({ id: customer.id }));
		const run = await runNode(emu, update, { inputItems: input, onError: 'continueRegularOutput' });
		const items = run.outputOf('Customer Account Fields');
		expect(items).toHaveLength(12);
		const failed = items.filter((item) => item.error);
		// the first batch of 10 met the fault on every retry; the batch of 2 went through
		expect(failed).toHaveLength(10);
		expect(failed.map((item) => (item.error?.context as { itemIndex?: number }).itemIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
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
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"okay","customer":{"id":1}}');
		});
		await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
		elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => elsewhere.close(resolve)));

	it.each([301, 302, 307, 308])('a %i to another origin is an error naming the host; the key is not sent there', async (status) => {
		received.length = 0;
		emu.queueFault({ method: 'GET', kind: 'redirect', status, location: `${elsewhereUrl}/steal?k=1`, echoKey: true });
		const run = await runNode(emu, get(emu));
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(`The API redirected the request to ${elsewhereUrl.replace('http://', '')}; the node does not follow redirects`);
		expect(received).toHaveLength(0);
		expect(traces(run)).not.toContain(API_KEY);
		expect(sent(emu)).toHaveLength(1);
	});

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
		expect(run.error?.message).toBe('The API asked to wait 3600 s before retrying, more than the 60 s this node waits');
		expect(Date.now() - started).toBeLessThan(5000);
		expect(sent(emu)).toHaveLength(1);
	});

	it('stops after 5 empty pages in a row that still carry a new cursor', async () => {
		emu.queueFault({ method: 'GET', kind: 'empty-page', nth: 2, times: 50 });
		const run = await runNode(emu, { resource: 'customer', operation: 'getAll', returnAll: true }, { onError: 'continueRegularOutput' });
		const output = jsonOf(run);
		expect(output.slice(0, 10).map((customer) => customer.id)).toEqual(emu.customers.slice(0, 10).map((customer) => customer.id));
		expect(output[10].error).toBe('The API returned 5 empty pages in a row, each with a new next_page cursor');
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
		const run = await runNode(emu, update, { inputItems: input, credential: { rateLimit: 1 }, cancelAfterMs: 2500 });
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

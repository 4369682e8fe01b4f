import { startEmulator, type Emulator } from '../../../tools/emulator';
import { call, sleep } from '../../../tools/emulator/client';

describe('emulator: injected faults', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ customers: 20, throttle: false });
	});
	afterAll(() => emu.stop());
	beforeEach(() => emu.reset({ customers: 20, throttle: false, windowMs: 1000 }));

	const firstId = () => emu.customers[0].id;
	const noteOf = (id: number) => emu.customers.find((c) => c.id === id)?.note;
	const putNote = (id: number, note: string) =>
		call(emu, 'PUT', '/customers', { body: { customers: [{ id, note }] } });

	it.each([
		['500', 'internal server error'],
		['502', 'bad gateway'],
		['503', 'service unavailable'],
		['504', 'gateway timeout'],
		['400', 'bad request'],
	])('%s replies that status with an error body', async (kind, message) => {
		emu.queueFault({ kind: kind as '500' });
		const reply = await call(emu, 'GET', '/customers');
		expect(reply.status).toBe(Number(kind));
		expect(reply.json).toEqual({ status: 'error', message });
		expect(emu.requests[0]).toMatchObject({ status: Number(kind), fault: kind });
		expect((await call(emu, 'GET', '/customers')).status).toBe(200);
	});

	it('uses a custom message and Retry-After', async () => {
		emu.queueFault({ kind: '503', message: 'maintenance', retryAfter: '3' });
		const reply = await call(emu, 'GET', '/customers');
		expect(reply.json).toEqual({ status: 'error', message: 'maintenance' });
		expect(reply.headers.get('retry-after')).toBe('3');
	});

	it('429 replies the rate-limit body, with Retry-After only when given, and takes no slot', async () => {
		emu.setOptions({ throttle: true, windowMs: 1000 });
		emu.queueFault({ kind: '429', retryAfter: '2.0' });
		emu.queueFault({ kind: '429' });
		const a = await call(emu, 'GET', '/customers');
		expect([a.status, a.json, a.headers.get('retry-after')]).toEqual([
			429,
			{ status: 'error', message: 'too many requests' },
			'2.0',
		]);
		const b = await call(emu, 'GET', '/customers');
		expect([b.status, b.headers.get('retry-after')]).toEqual([429, null]);
		expect((await call(emu, 'GET', '/customers')).status).toBe(200);
	});

	it('status-error replies HTTP 200 with status "error"', async () => {
		emu.queueFault({ kind: 'status-error' });
		emu.queueFault({ kind: 'status-error', message: 'shopify said no' });
		expect((await call(emu, 'GET', '/customers')).json).toEqual({
			status: 'error',
			message: 'internal error',
		});
		const second = await call(emu, 'GET', '/customers');
		expect([second.status, second.json]).toEqual([
			200,
			{ status: 'error', message: 'shopify said no' },
		]);
	});

	it('malformed replies 200 with truncated JSON', async () => {
		emu.queueFault({ kind: 'malformed' });
		const reply = await call(emu, 'GET', '/customers');
		expect(reply.status).toBe(200);
		expect(reply.json).toBeUndefined();
		expect(reply.text.startsWith('{"status":"okay"')).toBe(true);
	});

	it('reset destroys the connection without a reply', async () => {
		emu.queueFault({ kind: 'reset', method: 'GET' });
		await expect(call(emu, 'GET', '/customers')).rejects.toThrow();
		expect(emu.requests[0]).toMatchObject({ status: 0, fault: 'reset' });
		expect((await call(emu, 'GET', '/customers')).status).toBe(200);
	});

	it('faulted writes change nothing unless afterWrite is set', async () => {
		const id = firstId();
		const before = noteOf(id);
		emu.queueFault({ method: 'PUT', kind: '500' });
		expect((await putNote(id, 'first')).status).toBe(500);
		expect(noteOf(id)).toBe(before);

		emu.queueFault({ method: 'PUT', kind: '502', afterWrite: true });
		expect((await putNote(id, 'second')).status).toBe(502);
		expect(noteOf(id)).toBe('second');

		emu.queueFault({ method: 'PUT', kind: 'reset', afterWrite: true });
		await expect(putNote(id, 'third')).rejects.toThrow();
		expect(noteOf(id)).toBe('third');
	});

	it('afterWrite on POST creates the customers although the client sees a failure', async () => {
		emu.queueFault({ method: 'POST', kind: '504', afterWrite: true });
		const reply = await call(emu, 'POST', '/customers', {
			body: { customers: [{ email: 'ghost@example.com' }] },
		});
		expect(reply.status).toBe(504);
		expect(emu.customers.filter((c) => c.email === 'ghost@example.com')).toHaveLength(1);
	});

	it('nth skips earlier matching requests; method and path narrow the match; times repeats', async () => {
		emu.queueFault({ method: 'GET', path: '/customers', nth: 3, kind: '500', times: 2 });
		const statuses = [];
		for (let i = 0; i < 5; i++) {
			statuses.push((await call(emu, 'GET', '/customers')).status);
			statuses.push((await call(emu, 'GET', `/customers/${firstId()}`)).status);
		}
		expect(statuses).toEqual([200, 200, 200, 200, 500, 200, 500, 200, 200, 200]);

		emu.queueFault({ path: /\/customers\/\d+$/, kind: '503' });
		expect((await call(emu, 'GET', '/customers')).status).toBe(200);
		expect((await call(emu, 'GET', `/customers/${firstId()}`)).status).toBe(503);
	});

	it('slow waits delayMs and then replies normally', async () => {
		emu.queueFault({ kind: 'slow', delayMs: 60 });
		const started = Date.now();
		const reply = await call(emu, 'GET', '/customers');
		expect(reply.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(55);
		expect(emu.requests[0]).toMatchObject({ status: 200, fault: 'slow' });
	});

	it('slow stops waiting when the client gives up, and a write without afterWrite is then not done', async () => {
		const id = firstId();
		const before = noteOf(id);
		emu.queueFault({ kind: 'slow', method: 'PUT' });
		await expect(
			call(emu, 'PUT', '/customers', {
				body: { customers: [{ id, note: 'late' }] },
				signal: AbortSignal.timeout(50),
			}),
		).rejects.toThrow();
		for (let i = 0; i < 50 && emu.requests[0].status === null; i++) await sleep(10);
		expect(emu.requests[0]).toMatchObject({ status: 0, aborted: true, fault: 'slow' });
		expect(noteOf(id)).toBe(before);
	});

	it('slow with afterWrite writes first, then keeps the client waiting', async () => {
		const id = firstId();
		emu.queueFault({ kind: 'slow', method: 'PUT', afterWrite: true });
		await expect(
			call(emu, 'PUT', '/customers', {
				body: { customers: [{ id, note: 'acted' }] },
				signal: AbortSignal.timeout(50),
			}),
		).rejects.toThrow();
		expect(noteOf(id)).toBe('acted');
	});

	it('rejects unknown fault kinds and bad nth', () => {
		expect(() => emu.queueFault({ kind: 'teapot' as '500' })).toThrow(/kind/);
		expect(() => emu.queueFault({ kind: '500', nth: 0 })).toThrow(/nth/);
	});

	it('stop() does not hang on a slow request', async () => {
		const other = await startEmulator({ customers: 1, throttle: false });
		other.queueFault({ kind: 'slow' }); // 30 s by default
		const pending = call(other, 'GET', '/customers').then(
			() => 'answered',
			() => 'failed',
		);
		while (other.requests.length === 0) await sleep(5);
		const started = Date.now();
		await other.stop();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await pending).toBe('failed');
		expect(other.requests[0]).toMatchObject({ status: 0, aborted: true });
	});
});

import { judgeReply } from '../../../nodes/CustomerAccountFields/transport/replyVerdict';
import { backoffDelay, parseRetryAfter, retryPolicyFor } from '../../../nodes/CustomerAccountFields/transport/retry';

describe('retry policy', () => {
	const policy = retryPolicyFor(1);

	it('backs off exponentially from one interval, capped', () => {
		const noJitter = () => 0;
		expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, noJitter))).toEqual([1000, 2000, 4000, 8000]);
		expect(backoffDelay(20, policy, noJitter)).toBe(60_000);
	});

	it('applies jitter of up to half the delay', () => {
		expect(backoffDelay(2, policy, () => 1)).toBe(1000);
		expect(backoffDelay(2, policy, () => 0.5)).toBe(1500);
	});

	it('scales the first delay with the credential rate', () => {
		expect(backoffDelay(1, retryPolicyFor(20), () => 0)).toBe(50);
	});

	it('reads Retry-After as seconds, float seconds or an HTTP date', () => {
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter('2.0', now)).toBe(2000);
		expect(parseRetryAfter(['0.25'], now)).toBe(250);
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});
});

describe('judgeReply', () => {
	const now = Date.now();
	const response = (status: number, body: unknown, headers = {}) => judgeReply({ kind: 'response', status, headers, body }, now, 30000);

	it('accepts a 200 with status okay', () => {
		expect(response(200, { status: 'okay', customers: [] })).toEqual({ ok: true, body: { status: 'okay', customers: [] } });
		expect(response(200, '{"status":"okay"}')).toEqual({ ok: true, body: { status: 'okay' } });
	});

	it('treats a 200 saying "status": "error" as a final error with the API message', () => {
		const verdict = response(200, { status: 'error', message: 'internal error' });
		expect(verdict).toMatchObject({ ok: false, throttled: false, transient: false, failure: { message: 'internal error' } });
	});

	it('marks 429 as throttled and reads Retry-After', () => {
		expect(response(429, { status: 'error', message: 'too many requests' }, { 'retry-after': '2.0' })).toMatchObject({
			ok: false,
			throttled: true,
			retryAfterMs: 2000,
			failure: { message: 'too many requests', httpCode: '429', mayHaveActed: false },
		});
	});

	it('marks 5xx, malformed JSON and network failures as transient; the server may have acted', () => {
		for (const verdict of [
			response(502, '<html>bad gateway</html>'),
			response(200, '{"status":"ok'),
			judgeReply({ kind: 'network', code: 'ECONNRESET', timedOut: false }, now, 30000),
		]) {
			expect(verdict).toMatchObject({ ok: false, throttled: false, transient: true, failure: { mayHaveActed: true } });
		}
		expect(response(502, '').ok === false && (response(502, '') as { failure: { message: string } }).failure.message).toBe(
			'The API answered 502 Bad Gateway',
		);
		const timeout = judgeReply({ kind: 'network', code: 'ECONNABORTED', timedOut: true }, now, 1500);
		expect(timeout.ok === false && timeout.failure.message).toBe('The API did not answer within 1500 ms');
	});

	it('keeps the API message of a 4xx and hints at the credential on 403', () => {
		expect(response(400, { status: 'error', message: 'unable to update more than 10 customers at one time' })).toMatchObject({
			ok: false,
			transient: false,
			failure: { message: 'unable to update more than 10 customers at one time', httpCode: '400', mayHaveActed: false },
		});
		const forbidden = response(403, { status: 'error', message: 'invalid request' });
		expect(forbidden.ok === false && forbidden.failure.description).toContain('shop domain and API key');
	});
});

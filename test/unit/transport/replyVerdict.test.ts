import { judgeReply, pacingReplyOf } from '../../../nodes/CustomerAccountFields/transport/replyVerdict';
import { retryPolicyFor } from '../../../nodes/CustomerAccountFields/transport/retry';

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

describe('pacingReplyOf', () => {
	const policy = retryPolicyFor(1);
	const reply = (status: number, headers = {}) => pacingReplyOf(judgeReply({ kind: 'response', status, headers, body: {} }, 0, 1000), policy);

	it('tells the scheduler accepted, failed or throttled', () => {
		expect(reply(200)).toEqual({ kind: 'accepted' });
		expect(reply(500)).toEqual({ kind: 'failed' });
		expect(reply(400)).toEqual({ kind: 'failed' });
		expect(pacingReplyOf(judgeReply({ kind: 'network', code: 'ECONNRESET', timedOut: false }, 0, 1000), policy)).toEqual({ kind: 'failed' });
		expect(reply(429)).toStrictEqual({ kind: 'throttled', retryAfterMs: undefined });
	});

	it('passes on a Retry-After up to the ceiling, and not a longer one (the item fails instead of holding the shop)', () => {
		expect(reply(429, { 'retry-after': '60' })).toEqual({ kind: 'throttled', retryAfterMs: 60_000 });
		expect(reply(429, { 'retry-after': '61' })).toStrictEqual({ kind: 'throttled', retryAfterMs: undefined });
	});
});

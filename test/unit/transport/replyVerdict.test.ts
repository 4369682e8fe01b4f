import {
	judgeReply,
	pacingReplyOf,
	redirectTarget,
} from '../../../nodes/CustomerAccountFields/transport/replyVerdict';
import { retryPolicyFor } from '../../../nodes/CustomerAccountFields/transport/retry';

describe('judgeReply', () => {
	const now = Date.now();
	const response = (status: number, body: unknown, headers = {}) =>
		judgeReply({ kind: 'response', status, headers, body }, now, 30000);

	it('accepts a 200 with status okay', () => {
		expect(response(200, { status: 'okay', customers: [] })).toEqual({
			ok: true,
			body: { status: 'okay', customers: [] },
		});
		expect(response(200, '{"status":"okay"}')).toEqual({ ok: true, body: { status: 'okay' } });
	});

	it('treats a 200 saying "status": "error" as a final error with the API message', () => {
		const verdict = response(200, { status: 'error', message: 'internal error' });
		expect(verdict).toMatchObject({
			ok: false,
			throttled: false,
			transient: false,
			failure: { message: 'internal error' },
		});
	});

	it('marks 429 as throttled and reads Retry-After', () => {
		expect(
			response(429, { status: 'error', message: 'too many requests' }, { 'retry-after': '2.0' }),
		).toMatchObject({
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
			expect(verdict).toMatchObject({
				ok: false,
				throttled: false,
				transient: true,
				failure: { mayHaveActed: true },
			});
		}
		expect(
			response(502, '').ok === false &&
				(response(502, '') as { failure: { message: string } }).failure.message,
		).toBe('The API answered 502 Bad Gateway');
		const timeout = judgeReply(
			{ kind: 'network', code: 'ECONNABORTED', timedOut: true },
			now,
			1500,
		);
		expect(timeout.ok === false && timeout.failure.message).toBe(
			'The API did not answer within 1500 ms',
		);
	});

	it('keeps the API message of a 4xx and hints at the credential on 403', () => {
		expect(
			response(400, {
				status: 'error',
				message: 'unable to update more than 10 customers at one time',
			}),
		).toMatchObject({
			ok: false,
			transient: false,
			failure: {
				message: 'unable to update more than 10 customers at one time',
				httpCode: '400',
				mayHaveActed: false,
			},
		});
		const forbidden = response(403, { status: 'error', message: 'invalid request' });
		expect(forbidden.ok === false && forbidden.failure.description).toContain(
			'shop domain and API key',
		);
	});
});

describe('pacingReplyOf', () => {
	const policy = retryPolicyFor(1);
	const reply = (status: number, headers = {}) =>
		pacingReplyOf(judgeReply({ kind: 'response', status, headers, body: {} }, 0, 1000), policy);

	it('tells the scheduler accepted, failed or throttled', () => {
		expect(reply(200)).toEqual({ kind: 'accepted' });
		expect(reply(500)).toEqual({ kind: 'failed' });
		expect(reply(400)).toEqual({ kind: 'failed' });
		expect(
			pacingReplyOf(
				judgeReply({ kind: 'network', code: 'ECONNRESET', timedOut: false }, 0, 1000),
				policy,
			),
		).toEqual({ kind: 'failed' });
		expect(reply(429)).toStrictEqual({ kind: 'throttled', retryAfterMs: undefined });
	});

	it('passes on a Retry-After up to the ceiling, and not a longer one (the item fails instead of holding the shop)', () => {
		expect(reply(429, { 'retry-after': '60' })).toEqual({
			kind: 'throttled',
			retryAfterMs: 60_000,
		});
		expect(reply(429, { 'retry-after': '61' })).toStrictEqual({
			kind: 'throttled',
			retryAfterMs: undefined,
		});
	});
});

describe('redirects', () => {
	it('names only the host a redirect points to', () => {
		expect(redirectTarget('https://evil.example:8443/steal?key=1')).toBe('evil.example:8443');
		expect(redirectTarget(['http://user:pw@evil.example/x'])).toBe('evil.example');
		expect(redirectTarget('//evil.example/x')).toBe('evil.example');
		expect(redirectTarget('/v2/elsewhere')).toBe('another path on the same host');
		expect(redirectTarget(undefined)).toBe('an unnamed location');
		expect(redirectTarget('  ')).toBe('an unnamed location');
	});

	it('turns a 3xx into a final error naming the host, whatever its body says', () => {
		for (const status of [300, 301, 302, 303, 307, 308, 399]) {
			const verdict = judgeReply(
				{
					kind: 'response',
					status,
					headers: { location: 'https://evil.example/x' },
					body: { status: 'okay' },
				},
				0,
				1000,
			);
			expect(verdict).toEqual({
				ok: false,
				throttled: false,
				transient: false,
				failure: {
					message:
						'The API redirected the request to evil.example; the node does not follow redirects',
					description: expect.stringContaining('never sent to another server'),
					httpCode: String(status),
					mayHaveActed: false,
				},
			});
		}
		expect(
			judgeReply({ kind: 'response', status: 299, headers: {}, body: { status: 'okay' } }, 0, 1000)
				.ok,
		).toBe(true);
		expect(
			judgeReply({ kind: 'response', status: 400, headers: {}, body: {} }, 0, 1000),
		).toMatchObject({ failure: { message: 'The API answered 400 Bad Request' } });
	});
});

describe('replies, at their edges', () => {
	const reply = (status: number, body: unknown, headers = {}) =>
		judgeReply({ kind: 'response', status, headers, body }, 0, 500);

	it('names every status it knows and every network failure in plain words', () => {
		const texts: Array<[number, string]> = [
			[403, 'Forbidden'],
			[404, 'Not Found'],
			[500, 'Internal Server Error'],
			[503, 'Service Unavailable'],
			[504, 'Gateway Timeout'],
			[502, 'Bad Gateway'],
		];
		for (const [status, text] of texts)
			expect(reply(status, '')).toMatchObject({
				failure: { message: `The API answered ${status} ${text}` },
			});
		expect(reply(499, '')).toMatchObject({ failure: { message: 'The API answered 499' } });
		expect(reply(429, '')).toMatchObject({
			throttled: true,
			transient: true,
			failure: { message: 'too many requests' },
		});
		expect(reply(404, '')).toMatchObject({ failure: { description: undefined } });
		const reasons: Array<[string, string]> = [
			['ECONNRESET', 'the connection was reset'],
			['ECONNREFUSED', 'the connection was refused'],
			['ENOTFOUND', 'the host name was not found'],
			['EAI_AGAIN', 'the host name could not be resolved'],
			['EPIPE', 'the connection was closed while sending'],
			['EWHAT', 'a network error occurred'],
		];
		for (const [code, words] of reasons) {
			expect(judgeReply({ kind: 'network', code, timedOut: false }, 0, 500)).toMatchObject({
				failure: { message: `The connection to the API failed: ${words}` },
			});
		}
	});

	it('treats 500 as transient, 499 as final, a JSON list or null as not JSON, and says "error" bodies may have acted', () => {
		expect(reply(500, '')).toMatchObject({ transient: true, failure: { mayHaveActed: true } });
		expect(reply(499, '')).toMatchObject({ transient: false, throttled: false });
		expect(reply(200, '[1]')).toMatchObject({
			ok: false,
			failure: { message: 'The API returned a reply that is not valid JSON' },
		});
		expect(reply(200, 'null')).toMatchObject({ ok: false });
		expect(reply(200, '"text"')).toMatchObject({ ok: false });
		expect(reply(200, Buffer.from('{"status":"okay","n":1}'))).toEqual({
			ok: true,
			body: { status: 'okay', n: 1 },
		});
		expect(reply(200, { status: 'error' })).toMatchObject({
			transient: false,
			failure: { message: 'The API reported an error', mayHaveActed: true },
		});
	});

	it('does not take a host from the middle of a relative location, and reads one with spaces around it', () => {
		expect(redirectTarget('/v2/login?next=//evil.example/x')).toBe('another path on the same host');
		expect(redirectTarget(' https://shop.example/x ')).toBe('shop.example');
	});
});

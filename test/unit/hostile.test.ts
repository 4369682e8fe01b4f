/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { customerIdValue, parseCustomerId } from '../../nodes/CustomerAccountFields/helpers/customerId';
import { buildCustomerPayload } from '../../nodes/CustomerAccountFields/helpers/customerPayload';
import { textOf } from '../../nodes/CustomerAccountFields/helpers/text';
import { CancelledError, unlessCancelled } from '../../nodes/CustomerAccountFields/transport/cancel';
import { judgeReply, redirectTarget } from '../../nodes/CustomerAccountFields/transport/replyVerdict';
import { redact, REDACTED } from '../../nodes/CustomerAccountFields/transport/redact';
import { decideRetry, retryPolicyFor, tooLongMessage } from '../../nodes/CustomerAccountFields/transport/retry';

const KEY = 'cafk_live_secret_123';

describe('redact', () => {
	it('replaces every occurrence of each secret in text, in nested values and in keys', () => {
		expect(redact(`a ${KEY} b ${KEY}`, [KEY])).toBe(`a ${REDACTED} b ${REDACTED}`);
		const reply = { status: 403, headers: { 'x-echo': KEY, [`k-${KEY}`]: 1 }, body: { message: `bad ${KEY}`, list: [KEY, 2, null, true], deep: { a: { b: `x${KEY}y` } } } };
		expect(redact(reply, [KEY])).toEqual({
			status: 403,
			headers: { 'x-echo': REDACTED, [`k-${REDACTED}`]: 1 },
			body: { message: `bad ${REDACTED}`, list: [REDACTED, 2, null, true], deep: { a: { b: `x${REDACTED}y` } } },
		});
		expect(JSON.stringify(redact(reply, [KEY]))).not.toContain(KEY);
		// the original is left as it was
		expect(reply.body.message).toBe(`bad ${KEY}`);
	});

	it('redacts several secrets, ignores ones too short to be keys, and keeps a "__proto__" key a key', () => {
		expect(redact('one two three', ['one', 'three'])).toBe(`one two ${REDACTED}`);
		expect(redact('abcd', ['abcd'])).toBe(REDACTED);
		expect(redact('text', [])).toBe('text');
		expect(redact('text', [''])).toBe('text');
		const hostile = JSON.parse(`{"__proto__": {"k": "${KEY}"}}`) as object;
		const copy = redact(hostile, [KEY]);
		expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
		expect(Object.getOwnPropertyNames(copy)).toEqual(['__proto__']);
		expect(JSON.stringify(copy)).toBe(`{"__proto__":{"k":"${REDACTED}"}}`);
	});

	it('leaves binary data, numbers and booleans alone', () => {
		const bytes = new Uint8Array([1, 2]);
		expect(redact({ bytes, n: 1, b: false, u: undefined }, [KEY])).toEqual({ bytes, n: 1, b: false, u: undefined });
		expect(redact({ bytes }, [KEY]).bytes).toBe(bytes);
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
			const verdict = judgeReply({ kind: 'response', status, headers: { location: 'https://evil.example/x' }, body: { status: 'okay' } }, 0, 1000);
			expect(verdict).toEqual({
				ok: false,
				throttled: false,
				transient: false,
				failure: {
					message: 'The API redirected the request to evil.example; the node does not follow redirects',
					description: expect.stringContaining('never sent to another server'),
					httpCode: String(status),
					mayHaveActed: false,
				},
			});
		}
		expect(judgeReply({ kind: 'response', status: 299, headers: {}, body: { status: 'okay' } }, 0, 1000).ok).toBe(true);
		expect(judgeReply({ kind: 'response', status: 400, headers: {}, body: {} }, 0, 1000)).toMatchObject({ failure: { message: 'The API answered 400 Bad Request' } });
	});
});

describe('Retry-After ceiling', () => {
	const policy = retryPolicyFor(1);

	const throttled = (retryAfterMs: number | undefined) =>
		decideRetry({ throttled: true, transient: true, retryAfterMs, attempt: 0, method: 'GET', earlierAttemptMayHaveActed: false, msSinceShopAccepted: 0 }, policy);

	it('waits what the server asked up to 60 s, and refuses more', () => {
		expect(throttled(1500)).toEqual({ retry: true, afterMs: 1500 });
		expect(throttled(60_000)).toEqual({ retry: true, afterMs: 60_000 });
		expect(throttled(60_001)).toEqual({ retry: false, kind: 'waitTooLong' });
		expect(throttled(0)).toEqual({ retry: true, afterMs: 0 });
	});

	it('leaves the wait to the pacer without Retry-After', () => {
		expect(throttled(undefined)).toEqual({ retry: true, afterMs: 0 });
	});

	it('says what the server asked for', () => {
		expect(tooLongMessage(3_600_000, policy)).toBe('The API asked to wait 3600 s before retrying, more than the 60 s this node waits');
		expect(tooLongMessage(60_001, policy)).toBe('The API asked to wait 61 s before retrying, more than the 60 s this node waits');
	});
});

describe('cancellation', () => {
	it('passes a result or an error through when nothing is cancelled', async () => {
		await expect(unlessCancelled(Promise.resolve(7))).resolves.toBe(7);
		await expect(unlessCancelled(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
		await expect(unlessCancelled(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
	});

	it('rejects at once when already cancelled, or as soon as the signal fires', async () => {
		const stopped = new AbortController();
		stopped.abort();
		await expect(unlessCancelled(Promise.resolve(1), stopped.signal)).rejects.toBeInstanceOf(CancelledError);
		const later = new AbortController();
		const never = new Promise<void>(() => {});
		const waiting = unlessCancelled(never, later.signal);
		later.abort();
		await expect(waiting).rejects.toThrow('The execution was cancelled');
	});
});

describe('text values', () => {
	it('takes text and numbers, refuses lists, objects, true/false and the rest', () => {
		expect(textOf('a', 'F')).toBe('a');
		expect(textOf(12, 'F')).toBe('12');
		expect(textOf(BigInt(99), 'F')).toBe('99');
		expect(() => textOf(['+1613', '555'], 'Phone')).toThrow('Phone: expected text, got a list');
		expect(() => textOf({ first: 'a' }, 'First Name')).toThrow('First Name: expected text, got an object');
		expect(() => textOf(false, 'Note')).toThrow('Note: expected text, got true/false (false)');
		expect(() => textOf(Number.NaN, 'Note')).toThrow('Note: expected text, got a value of type number');
		expect(() => textOf(undefined, 'Note')).toThrow('Note: expected text, got a value of type undefined');
		expect(() => textOf(null, 'Note')).toThrow('Note: expected text, got a value of type null');
	});

	it('refuses a wrong JSON type in every text attribute, naming the field', () => {
		const cases: Array<[string, string]> = [
			['firstName', 'First Name'],
			['lastName', 'Last Name'],
			['phone', 'Phone'],
			['note', 'Note'],
			['email', 'Email'],
		];
		for (const [key, label] of cases) {
			for (const value of [{ a: 1 }, ['a', 'b'], true]) {
				expect(() => buildCustomerPayload({ [key]: value } as never, [])).toThrow(`${label}: expected text`);
			}
		}
		expect(() => buildCustomerPayload({ tags: ['vip', { a: 1 }] } as never, [])).toThrow('Tags: expected text, got an object');
		expect(buildCustomerPayload({ tags: ['vip', ' b2b '], phone: 16135551111 as never }, [])).toEqual({ tags: 'vip, b2b', phone: '16135551111' });
		expect(() => buildCustomerPayload({ acceptsMarketing: { a: 1 } as never }, [])).toThrow('Accepts Marketing: {"a":1} is not true or false');
		expect(buildCustomerPayload({ acceptsMarketing: ' TRUE ' as never }, [])).toEqual({ accepts_marketing: true });
	});
});

describe('email and custom field names', () => {
	it('wants a dot in the domain part', () => {
		for (const bad of ['bob@localhost', 'bob@', '@x.co', 'bob@x.', 'bob@.co', 'bob@x..co', 'a b@x.co', 'a@b@x.co']) {
			expect(() => buildCustomerPayload({ email: bad }, [])).toThrow(`Email: "${bad}" is not a valid email address`);
		}
		for (const good of ['bob@example.com', 'a.b+c@mail.example.co.uk', 'x@y.io']) {
			expect(buildCustomerPayload({ email: good }, [])).toEqual({ email: good });
		}
	});

	it('writes "constructor" and "prototype" as ordinary names, and refuses "__proto__" clearly', () => {
		const customer = buildCustomerPayload({}, [{ name: 'constructor', value: 'a' }, { name: 'prototype', value: 'b' }, { name: 'toString', value: 'c' }]);
		expect(JSON.stringify(customer)).toBe('{"customer_fields":{"constructor":"a","prototype":"b","toString":"c"}}');
		expect(() => buildCustomerPayload({}, [{ name: 'constructor', value: 'a' }, { name: 'constructor', value: 'b' }])).toThrow('"constructor" is set twice');
		expect(() => buildCustomerPayload({}, [{ name: 'ok', value: 'a' }, { name: '__proto__', value: 'b' }])).toThrow(
			'Custom field 2: "__proto__" cannot be sent as a machine name',
		);
	});
});

describe('admin URLs', () => {
	it('accepts only the two Shopify admin shapes, in URL and in ID mode', () => {
		for (const mode of ['url', 'id']) {
			expect(parseCustomerId('https://admin.shopify.com/store/my-store/customers/42', mode)).toBe('42');
			expect(parseCustomerId('https://My-Store.myshopify.com/admin/customers/43/', mode)).toBe('43');
			for (const bad of [
				'https://evil.example/admin/customers/7',
				'https://my-store.myshopify.com.evil.example/admin/customers/7',
				'https://evil.example/store/x/customers/7',
				'https://admin.shopify.com.evil.example/store/x/customers/7',
				'https://admin.shopify.com/store/x/orders/7',
			]) {
				expect(() => parseCustomerId(bad, mode)).toThrow(`Customer: "${bad}" is not a Shopify admin customer URL`);
			}
		}
		expect(() => parseCustomerId({ id: 1 })).toThrow('Customer: expected text, got an object');
		expect(customerIdValue('12')).toBe(12);
	});
});

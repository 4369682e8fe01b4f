/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { redact, REDACTED } from '../../../nodes/CustomerAccountFields/transport/redact';

const KEY = 'cafk_live_secret_123';

describe('redact', () => {
	it('replaces every occurrence of each secret in text, in nested values and in keys', () => {
		expect(redact(`a ${KEY} b ${KEY}`, [KEY])).toBe(`a ${REDACTED} b ${REDACTED}`);
		const reply = {
			status: 403,
			headers: { 'x-echo': KEY, [`k-${KEY}`]: 1 },
			body: { message: `bad ${KEY}`, list: [KEY, 2, null, true], deep: { a: { b: `x${KEY}y` } } },
		};
		expect(redact(reply, [KEY])).toEqual({
			status: 403,
			headers: { 'x-echo': REDACTED, [`k-${REDACTED}`]: 1 },
			body: {
				message: `bad ${REDACTED}`,
				list: [REDACTED, 2, null, true],
				deep: { a: { b: `x${REDACTED}y` } },
			},
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
		expect(redact({ bytes, n: 1, b: false, u: undefined }, [KEY])).toEqual({
			bytes,
			n: 1,
			b: false,
			u: undefined,
		});
		expect(redact({ bytes }, [KEY]).bytes).toBe(bytes);
	});
});

describe('redact, at its edges', () => {
	it('keeps redacted copies writable and enumerable like the original', () => {
		const copy = redact({ a: 'k-secret-k' }, ['secret']) as Record<string, string>;
		expect(Object.keys(copy)).toEqual(['a']);
		copy.a = 'changed';
		expect(copy.a).toBe('changed');
		expect(redact({ a: 'secret' }, ['secret', 'abc'])).toEqual({ a: '[redacted]' });
		expect(redact('xabcx', ['abc'])).toBe('xabcx');
	});

	it('with no secret long enough to redact, gives the value itself back rather than a copy', () => {
		const items = { customers: [{ email: 'a@example.com' }] };
		expect(redact(items, ['abc'])).toBe(items);
		// A credential without a key (undefined at run time) does not break redaction.
		expect(redact(items, [undefined as unknown as string])).toBe(items);
		expect(redact({ a: 'x-secret' }, [undefined as unknown as string, 'secret'])).toEqual({
			a: 'x-[redacted]',
		});
	});

	it('gives copies whose keys a later node can delete or redefine', () => {
		const copy = redact({ a: 'k-secret-k', b: 1 }, ['secret']) as Record<string, unknown>;
		delete copy.a;
		Object.defineProperty(copy, 'b', { value: 2 });
		expect(copy).toEqual({ b: 2 });
	});
});

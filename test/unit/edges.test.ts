// Edge cases found by mutation testing (npm run test:mutation): each test kills mutants that were real bugs.
import { chunk } from '../../nodes/CustomerAccountFields/helpers/chunk';
import { parseCustomerId } from '../../nodes/CustomerAccountFields/helpers/customerId';
import { withCustomFieldsObject } from '../../nodes/CustomerAccountFields/helpers/customFieldsObject';
import { buildCustomerPayload } from '../../nodes/CustomerAccountFields/helpers/customerPayload';
import { buildFilterQuery } from '../../nodes/CustomerAccountFields/filters/query';
import { FILTER_FIELDS, OPERATORS_BY_TYPE, operatorOptions } from '../../nodes/CustomerAccountFields/filters/fieldTable';
import { checkShopDomain } from '../../nodes/CustomerAccountFields/helpers/shopDomain';
import { judgeReply } from '../../nodes/CustomerAccountFields/transport/outcome';
import { redact } from '../../nodes/CustomerAccountFields/transport/redact';
import { parseRetryAfter } from '../../nodes/CustomerAccountFields/transport/retry';

const filterValue = (field: string, value: unknown, operator = 'gt') => () => buildFilterQuery([{ field, operator, value }]);

describe('customer IDs and admin URLs, at their edges', () => {
	it('anchors every pattern at both ends', () => {
		for (const bad of ['12a', 'a12', 'gid://shopify/Customer/1x', 'xgid://shopify/Customer/1']) {
			expect(() => parseCustomerId(bad)).toThrow(`Customer: "${bad}" is not a customer ID`);
		}
		for (const bad of [
			'https://admin.shopify.com/store/x/customers/7/orders',
			'https://admin.shopify.com/store/-x/customers/7',
			'https://admin.shopify.com/store/x/customers/',
			'https://-x.myshopify.com/admin/customers/7',
			'https://x.myshopify.com/admin/customers/7x',
		]) {
			expect(() => parseCustomerId(bad, 'url')).toThrow('is not a Shopify admin customer URL');
		}
		expect(parseCustomerId('http://admin.shopify.com/store/x/customers/12#notes', 'url')).toBe('12');
		expect(parseCustomerId('http://x.myshopify.com/admin/customers/13?a=1', 'url')).toBe('13');
		expect(parseCustomerId('  https://x-1.myshopify.com/admin/customers/14  ')).toBe('14');
		expect(parseCustomerId('123456')).toBe('123456');
		expect(parseCustomerId('GID://shopify/Customer/15')).toBe('15');
	});

	it('in URL mode, says a value that is no URL is not an admin URL; null and undefined are empty', () => {
		expect(() => parseCustomerId('abc', 'url')).toThrow('Customer: "abc" is not a Shopify admin customer URL');
		expect(() => parseCustomerId(null)).toThrow('Customer: the customer ID is empty');
		expect(() => parseCustomerId(undefined, 'url')).toThrow('Customer: the customer ID is empty');
		expect(() => parseCustomerId('   ')).toThrow('Customer: the customer ID is empty');
	});
});

describe('filter values, at their edges', () => {
	it('wants whole numbers, IDs and true/false exactly', () => {
		for (const bad of ['1.5x', 'x1', '1.', '.5', '1.x5']) expect(filterValue('total_spent', bad)).toThrow(`"${bad}" is not a number`);
		expect(buildFilterQuery([{ field: 'total_spent', operator: 'gt', value: '-12.50' }])).toBe('total_spent|gt|-12.50');
		for (const bad of ['1a', 'a1', '-1']) expect(filterValue('id', bad)).toThrow(`"${bad}" is not a numeric ID`);
		expect(buildFilterQuery([{ field: 'id', operator: 'gt', value: '6940095564123' }])).toBe('id|gt|6940095564123');
		for (const bad of ['truex', 'xtrue']) expect(filterValue('accepts_marketing', bad, 'equals')).toThrow(`"${bad}" is not true or false`);
		expect(buildFilterQuery([{ field: 'accepts_marketing', operator: 'equals', value: 'FALSE' }])).toBe('accepts_marketing|equals|"false"');
		// a true/false value is text only for a true/false field; a list is refused even there
		expect(filterValue('accepts_marketing', ['true'], 'equals')).toThrow('expected text, got a list');
		expect(filterValue('last_name', null, 'contains')).toThrow('a value is required');
		expect(filterValue('last_name', '  ', 'contains')).toThrow('a value is required');
	});

	it('reads dates with their offset, and trims the field name', () => {
		expect(buildFilterQuery([{ field: ' updated_at ', operator: 'gt', value: '2026-01-31T08:00:00+02:00' }])).toBe('updated_at|gt|2026-01-31T08:00:00+02:00');
		expect(filterValue('updated_at', '2026-13-01')).toThrow('is not a date');
	});
});

describe('payloads, at their edges', () => {
	it('counts tags and tag lengths up to the limits exactly', () => {
		const tags250 = Array.from({ length: 250 }, (_, i) => `t${i}`);
		expect((buildCustomerPayload({ tags: tags250 }, []).tags as string).split(', ')).toHaveLength(250);
		expect(buildCustomerPayload({ tags: 'x'.repeat(255) }, []).tags).toHaveLength(255);
		expect(() => buildCustomerPayload({ tags: `ok, ${'y'.repeat(300)}` }, [])).toThrow(`Tags: the tag "${'y'.repeat(40)}…" has 300 characters`);
	});

	it('maps every attribute to its API name and leaves out empty ones', () => {
		expect(buildCustomerPayload({ lastName: ' Doe ', note: 'n', phone: '+16135551111', firstName: '', email: undefined }, [])).toEqual({ last_name: 'Doe', note: 'n', phone: '+16135551111' });
		expect(() => buildCustomerPayload({ acceptsMarketing: 'yes' as never }, [])).toThrow('Accepts Marketing: "yes" is not true or false');
		expect(() => buildCustomerPayload({ acceptsMarketing: 'xtrue' as never }, [])).toThrow('is not true or false');
		expect(() => buildCustomerPayload({ acceptsMarketing: 'truex' as never }, [])).toThrow('is not true or false');
		expect(() => buildCustomerPayload({ email: 'a@b.co x' }, [])).toThrow('is not a valid email address');
		expect(() => buildCustomerPayload({}, [{ name: 'a', value: 1 }, { name: 'b', value: 2 }, { name: 'a', value: 3 }])).toThrow('Custom field 3: "a" is set twice');
		expect(buildCustomerPayload({}, [{ name: 'a', value: undefined }, { name: 'b', value: ['x', 'y'] }], true)).toEqual({ customer_fields: { a: '', b: ['x', 'y'] } });
	});
});

describe('shop domains, at their edges', () => {
	it('refuses labels that are too long or start or end with a hyphen', () => {
		for (const bad of [`${'a'.repeat(64)}.myshopify.com`, '-shop.myshopify.com', 'shop-.myshopify.com', 'shop', `${'a.'.repeat(127)}com`]) {
			expect(checkShopDomain(bad)).toEqual({ problem: expect.stringContaining('is not a valid host name') });
		}
		expect(checkShopDomain(`${'a'.repeat(63)}.myshopify.com`)).toEqual({ domain: `${'a'.repeat(63)}.myshopify.com` });
		expect(checkShopDomain('a.b')).toEqual({ domain: 'a.b' });
		expect(checkShopDomain('shop.myshopify.com:443')).toEqual({ problem: expect.stringContaining('is not a valid host name') });
		expect(checkShopDomain('x y.com')).toEqual({ problem: expect.stringContaining('spaces') });
		expect(checkShopDomain('x https://a.b')).toEqual({ problem: expect.stringContaining('path') });
	});
});

describe('replies, at their edges', () => {
	const reply = (status: number, body: unknown, headers = {}) => judgeReply({ kind: 'response', status, headers, body }, 0, 500);

	it('names every status it knows and every network failure in plain words', () => {
		const texts: Array<[number, string]> = [[403, 'Forbidden'], [404, 'Not Found'], [500, 'Internal Server Error'], [503, 'Service Unavailable'], [504, 'Gateway Timeout'], [502, 'Bad Gateway']];
		for (const [status, text] of texts) expect(reply(status, '')).toMatchObject({ failure: { message: `The API answered ${status} ${text}` } });
		expect(reply(499, '')).toMatchObject({ failure: { message: 'The API answered 499' } });
		expect(reply(429, '')).toMatchObject({ throttled: true, transient: true, failure: { message: 'too many requests' } });
		expect(reply(404, '')).toMatchObject({ failure: { description: undefined } });
		const reasons: Array<[string, string]> = [['ECONNRESET', 'the connection was reset'], ['ECONNREFUSED', 'the connection was refused'], ['ENOTFOUND', 'the host name was not found'], ['EAI_AGAIN', 'the host name could not be resolved'], ['EPIPE', 'the connection was closed while sending'], ['EWHAT', 'a network error occurred']];
		for (const [code, words] of reasons) {
			expect(judgeReply({ kind: 'network', code, timedOut: false }, 0, 500)).toMatchObject({ failure: { message: `The connection to the API failed: ${words}` } });
		}
	});

	it('treats 500 as transient, 499 as final, a JSON list or null as not JSON, and says "error" bodies may have acted', () => {
		expect(reply(500, '')).toMatchObject({ transient: true, failure: { mayHaveActed: true } });
		expect(reply(499, '')).toMatchObject({ transient: false, throttled: false });
		expect(reply(200, '[1]')).toMatchObject({ ok: false, failure: { message: 'The API returned a reply that is not valid JSON' } });
		expect(reply(200, 'null')).toMatchObject({ ok: false });
		expect(reply(200, '"text"')).toMatchObject({ ok: false });
		expect(reply(200, Buffer.from('{"status":"okay","n":1}'))).toEqual({ ok: true, body: { status: 'okay', n: 1 } });
		expect(reply(200, { status: 'error' })).toMatchObject({ transient: false, failure: { message: 'The API reported an error', mayHaveActed: true } });
	});
});

describe('Retry-After and redaction, at their edges', () => {
	it('reads only plain seconds or a date', () => {
		expect(parseRetryAfter('12', 0)).toBe(12_000);
		expect(parseRetryAfter(3, 0)).toBe(3000);
		expect(parseRetryAfter(['2.5'], 0)).toBe(2500);
		for (const bad of ['1x', 'x1', true, { a: 1 }, null]) expect(parseRetryAfter(bad, 0)).toBeUndefined();
	});

	it('keeps redacted copies writable and enumerable like the original', () => {
		const copy = redact({ a: 'k-secret-k' }, ['secret']) as Record<string, string>;
		expect(Object.keys(copy)).toEqual(['a']);
		copy.a = 'changed';
		expect(copy.a).toBe('changed');
		expect(redact({ a: 'secret' }, ['secret', 'abc'])).toEqual({ a: '[redacted]' });
		expect(redact('xabcx', ['abc'])).toBe('xabcx');
	});
});

describe('labels the editor shows', () => {
	it('gives every filter field and operator a distinct, non-empty label; dates read "Is On / Is After / Is Before"', () => {
		const fieldLabels = FILTER_FIELDS.map((entry) => entry.label);
		expect(fieldLabels.every((label) => /^[A-Z]/.test(label))).toBe(true);
		expect(new Set(fieldLabels).size).toBe(FILTER_FIELDS.length);
		for (const type of Object.keys(OPERATORS_BY_TYPE) as Array<keyof typeof OPERATORS_BY_TYPE>) {
			const names = operatorOptions(type).map((option) => option.name);
			expect(names.every((name) => /^[A-Z]/.test(name))).toBe(true);
			expect(new Set(names).size).toBe(names.length);
		}
		expect(operatorOptions('date').map((option) => option.name)).toEqual(['Is On', 'Is After', 'Is Before', 'Is Empty', 'Is Not Empty']);
		expect(operatorOptions('number').map((option) => option.name)).toEqual(['Equals', 'Does Not Equal', 'Greater Than', 'Less Than']);
		expect(operatorOptions('text').map((option) => option.name)).toContain('Does Not Contain');
	});
});

describe('small helpers, at their edges', () => {
	it('chunks by 1 and says why a size is refused', () => {
		expect(chunk([1, 2], 1)).toEqual([[1], [2]]);
		expect(() => chunk([1], 0.5)).toThrow('chunk size must be a positive integer, got 0.5');
	});

	it('skips entries of the custom field list that are null or have no machine name', () => {
		const customer = { customer_fields: [null, { value: 'x' }, { machine_name: 'tier', value: 'gold' }, { machine_name: 'vat' }] };
		expect(withCustomFieldsObject(customer as never).custom_fields).toEqual({ tier: 'gold', vat: null });
	});
});

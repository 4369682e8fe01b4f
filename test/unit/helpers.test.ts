import { chunk } from '../../nodes/CustomerAccountFields/helpers/chunk';
import { customerIdValue, parseCustomerId } from '../../nodes/CustomerAccountFields/helpers/customerId';
import { buildCustomerPayload } from '../../nodes/CustomerAccountFields/helpers/customerPayload';
import { withCustomFieldsObject } from '../../nodes/CustomerAccountFields/helpers/customFieldsObject';
import { checkShopDomain } from '../../nodes/CustomerAccountFields/helpers/shopDomain';

describe('chunk', () => {
	it('splits 25 items into groups of 10, 10 and 5, keeping order', () => {
		const groups = chunk(Array.from({ length: 25 }, (_, i) => i), 10);
		expect(groups.map((group) => group.length)).toEqual([10, 10, 5]);
		expect(groups.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i));
	});
	it('returns no groups for no items and refuses a size below 1', () => {
		expect(chunk([], 10)).toEqual([]);
		expect(() => chunk([1], 0)).toThrow(RangeError);
	});
});

describe('parseCustomerId', () => {
	it('reads plain IDs, GIDs and both admin URL shapes', () => {
		expect(parseCustomerId(' 6940095564123 ')).toBe('6940095564123');
		expect(parseCustomerId('gid://shopify/Customer/42')).toBe('42');
		expect(parseCustomerId('https://admin.shopify.com/store/my-store/customers/6940095564123', 'url')).toBe('6940095564123');
		expect(parseCustomerId('https://my-store.myshopify.com/admin/customers/77?tab=x', 'url')).toBe('77');
		expect(parseCustomerId(6940095564123)).toBe('6940095564123');
	});
	it('says what is wrong with a bad ID or URL', () => {
		expect(() => parseCustomerId('')).toThrow('Customer: the customer ID is empty');
		expect(() => parseCustomerId('abc')).toThrow('Customer: "abc" is not a customer ID');
		expect(() => parseCustomerId('https://admin.shopify.com/store/x/orders/5', 'url')).toThrow(
			'is not a Shopify admin customer URL',
		);
	});
	it('keeps IDs as numbers unless that would lose precision', () => {
		expect(customerIdValue('6940095564123')).toBe(6940095564123);
		expect(customerIdValue('99999999999999999999')).toBe('99999999999999999999');
	});
});

describe('buildCustomerPayload', () => {
	it('maps parameters to the API names and normalises tags', () => {
		expect(
			buildCustomerPayload(
				{ email: ' a@b.co ', firstName: 'Zoë', lastName: '', tags: 'vip,  b2b ,', acceptsMarketing: false },
				[{ name: 'loyalty_tier', value: 'gold' }, { name: 'company_size', value: 12 }],
			),
		).toEqual({
			email: 'a@b.co',
			first_name: 'Zoë',
			tags: 'vip, b2b',
			accepts_marketing: false,
			customer_fields: { loyalty_tier: 'gold', company_size: 12 },
		});
	});
	it('leaves out empty custom field values unless they are to delete the field', () => {
		expect(buildCustomerPayload({}, [{ name: 'vat_number', value: '' }])).toEqual({});
		expect(buildCustomerPayload({}, [{ name: 'vat_number', value: null }], true)).toEqual({ customer_fields: { vat_number: '' } });
	});
	it('refuses bad emails, too many or too long tags, bad and repeated field names', () => {
		expect(() => buildCustomerPayload({ email: 'not-an-email' }, [])).toThrow('Email: "not-an-email" is not a valid email address');
		const many = Array.from({ length: 251 }, (_, i) => `t${i}`).join(',');
		expect(() => buildCustomerPayload({ tags: many }, [])).toThrow('Tags: 251 tags given, Shopify allows at most 250');
		expect(() => buildCustomerPayload({ tags: 'x'.repeat(256) }, [])).toThrow('has 256 characters');
		expect(() => buildCustomerPayload({}, [{ name: 'Loyalty Tier', value: 'x' }])).toThrow(
			'Custom field 1: "Loyalty Tier" is not a custom field machine name',
		);
		expect(() => buildCustomerPayload({}, [{ name: 'a', value: 1 }, { name: 'a', value: 2 }])).toThrow('"a" is set twice');
		expect(() => buildCustomerPayload({}, [{ name: 'a', value: { nested: true } }])).toThrow('the value is an object');
	});
});

describe('checkShopDomain', () => {
	it('accepts host names, trimmed and lower-cased', () => {
		expect(checkShopDomain(' My-Store.myshopify.com ')).toEqual({ domain: 'my-store.myshopify.com' });
	});
	it.each([
		['', 'empty'],
		['https://my-store.myshopify.com', 'scheme'],
		['my-store.myshopify.com/admin', 'path'],
		['my store.myshopify.com', 'spaces'],
		['my-store.myshopify.com\r\nx-evil: 1', 'line break'],
		['localhost', 'not a valid host name'],
	])('refuses %j (%s)', (input, expected) => {
		const result = checkShopDomain(input);
		expect('problem' in result && result.problem).toContain(expected);
	});
});

describe('withCustomFieldsObject', () => {
	it('maps machine names to values beside the original list', () => {
		const customer = { id: 1, customer_fields: [{ machine_name: 'tier', label: 'Tier', value: 'gold' }] };
		expect(withCustomFieldsObject(customer)).toEqual({ ...customer, custom_fields: { tier: 'gold' } });
		expect(withCustomFieldsObject({ id: 2 })).toEqual({ id: 2, custom_fields: {} });
	});
});

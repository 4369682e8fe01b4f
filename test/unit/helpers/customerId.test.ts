import {
	ADMIN_URL_REGEX,
	customerIdValue,
	parseCustomerId,
} from '../../../nodes/CustomerAccountFields/helpers/customerId';
import { inputErrorOf } from '../../fixtures/inputError';

describe('parseCustomerId', () => {
	it('reads plain IDs, GIDs and both admin URL shapes', () => {
		expect(parseCustomerId(' 6940095564123 ')).toBe('6940095564123');
		expect(parseCustomerId('gid://shopify/Customer/42')).toBe('42');
		expect(
			parseCustomerId('https://admin.shopify.com/store/my-store/customers/6940095564123', 'url'),
		).toBe('6940095564123');
		expect(parseCustomerId('https://my-store.myshopify.com/admin/customers/77?tab=x', 'url')).toBe(
			'77',
		);
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
		expect(parseCustomerId('http://admin.shopify.com/store/x/customers/12#notes', 'url')).toBe(
			'12',
		);
		expect(parseCustomerId('http://x.myshopify.com/admin/customers/13?a=1', 'url')).toBe('13');
		expect(parseCustomerId('  https://x-1.myshopify.com/admin/customers/14  ')).toBe('14');
		expect(parseCustomerId('123456')).toBe('123456');
		expect(parseCustomerId('GID://shopify/Customer/15')).toBe('15');
	});

	it('in URL mode, says a value that is no URL is not an admin URL; null and undefined are empty', () => {
		expect(() => parseCustomerId('abc', 'url')).toThrow(
			'Customer: "abc" is not a Shopify admin customer URL',
		);
		expect(() => parseCustomerId(null)).toThrow('Customer: the customer ID is empty');
		expect(() => parseCustomerId(undefined, 'url')).toThrow('Customer: the customer ID is empty');
		expect(() => parseCustomerId('   ')).toThrow('Customer: the customer ID is empty');
	});
});

describe('admin URLs', () => {
	it('accepts only the two Shopify admin shapes, in URL and in ID mode', () => {
		for (const mode of ['url', 'id']) {
			expect(parseCustomerId('https://admin.shopify.com/store/my-store/customers/42', mode)).toBe(
				'42',
			);
			expect(parseCustomerId('https://My-Store.myshopify.com/admin/customers/43/', mode)).toBe(
				'43',
			);
			for (const bad of [
				'https://evil.example/admin/customers/7',
				'https://my-store.myshopify.com.evil.example/admin/customers/7',
				'https://evil.example/store/x/customers/7',
				'https://admin.shopify.com.evil.example/store/x/customers/7',
				'https://admin.shopify.com/store/x/orders/7',
			]) {
				expect(() => parseCustomerId(bad, mode)).toThrow(
					`Customer: "${bad}" is not a Shopify admin customer URL`,
				);
			}
		}
		expect(() => parseCustomerId({ id: 1 })).toThrow('Customer: expected text, got an object');
		expect(customerIdValue('12')).toBe(12);
	});
});

describe('URLs in ID mode, and what each refusal suggests', () => {
	it('reads http and https admin URLs in ID mode, but only at the start of the value', () => {
		expect(parseCustomerId('http://x.myshopify.com/admin/customers/13', 'id')).toBe('13');
		expect(parseCustomerId('HTTPS://admin.shopify.com/store/x/customers/16')).toBe('16');
		expect(() => parseCustomerId('see https://x.myshopify.com/admin/customers/13')).toThrow(
			'Customer: "see https://x.myshopify.com/admin/customers/13" is not a customer ID',
		);
	});

	it('in URL mode, refuses a URL with anything before it', () => {
		for (const bad of [
			'see https://admin.shopify.com/store/x/customers/7',
			'see https://x.myshopify.com/admin/customers/7',
		])
			expect(() => parseCustomerId(bad, 'url')).toThrow(
				`Customer: "${bad}" is not a Shopify admin customer URL`,
			);
	});

	it.each([
		[
			'',
			'id',
			'Enter the numeric ID of the customer, paste its Shopify admin URL, or pick it from the list.',
		],
		['abc', 'id', 'Enter the numeric ID of the customer or paste its Shopify admin URL.'],
		[
			'abc',
			'url',
			'Use a URL like https://admin.shopify.com/store/my-store/customers/6940095564123 or https://my-store.myshopify.com/admin/customers/6940095564123.',
		],
	])('for %j in %s mode, suggests what to enter', (raw, mode, description) => {
		expect(inputErrorOf(() => parseCustomerId(raw, mode)).description).toBe(description);
	});
});

describe('ADMIN_URL_REGEX (the URL mode check in the editor)', () => {
	// n8n builds a RegExp from the string: to validate the URL and to extract the ID (group 1).
	const regex = new RegExp(ADMIN_URL_REGEX);
	it('takes the ID from both admin URL shapes and refuses other pages', () => {
		expect(regex.exec('https://admin.shopify.com/store/my-store/customers/42')?.[1]).toBe('42');
		expect(regex.exec(' http://My-Store.myshopify.com/admin/customers/43?tab=x')?.[1]).toBe('43');
		for (const bad of [
			'https://admin.shopify.com/store/x/orders/7',
			'https://evil.example/admin/customers/7',
			'see https://admin.shopify.com/store/x/customers/7',
			'6940095564123',
		])
			expect(regex.test(bad)).toBe(false);
	});
});

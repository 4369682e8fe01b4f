import { checkShopDomain } from '../../../nodes/CustomerAccountFields/helpers/shopDomain';

describe('checkShopDomain', () => {
	it('accepts host names, trimmed and lower-cased', () => {
		expect(checkShopDomain(' My-Store.myshopify.com ')).toEqual({
			domain: 'my-store.myshopify.com',
		});
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

describe('shop domains, at their edges', () => {
	it('refuses labels that are too long or start or end with a hyphen', () => {
		for (const bad of [
			`${'a'.repeat(64)}.myshopify.com`,
			'-shop.myshopify.com',
			'shop-.myshopify.com',
			'shop',
			`${'a.'.repeat(127)}com`,
		]) {
			expect(checkShopDomain(bad)).toEqual({
				problem: expect.stringContaining('is not a valid host name'),
			});
		}
		expect(checkShopDomain(`${'a'.repeat(63)}.myshopify.com`)).toEqual({
			domain: `${'a'.repeat(63)}.myshopify.com`,
		});
		expect(checkShopDomain('a.b')).toEqual({ domain: 'a.b' });
		expect(checkShopDomain('shop.myshopify.com:443')).toEqual({
			problem: expect.stringContaining('is not a valid host name'),
		});
		expect(checkShopDomain('x y.com')).toEqual({ problem: expect.stringContaining('spaces') });
		expect(checkShopDomain('x https://a.b')).toEqual({ problem: expect.stringContaining('path') });
	});
});

describe('what a shop domain problem names', () => {
	it('calls a missing or non-text domain empty, and names the scheme to drop', () => {
		for (const raw of [undefined, null, 42])
			expect(checkShopDomain(raw)).toEqual({
				problem: expect.stringContaining('The shop domain is empty.'),
			});
		expect(checkShopDomain('https://my-store.myshopify.com')).toEqual({
			problem: expect.stringContaining('must not include a scheme ("https://")'),
		});
	});
});

import {
	checkAddresses,
	isCountryCode,
} from '../../../nodes/CustomerAccountFields/helpers/address';

describe('addresses', () => {
	it('knows ISO 3166-1 alpha-2 codes', () => {
		for (const code of ['US', 'CA', 'DE', 'GB', 'JP', 'XK']) expect(isCountryCode(code)).toBe(true);
		for (const code of ['UK', 'EU', 'USA', 'C']) expect(isCountryCode(code)).toBe(false);
	});
	it('maps rows to the API names and checks the country code, empty rows and the default', () => {
		expect(
			checkAddresses([{ firstName: 'Mother', provinceCode: 'ON', zip: '123 ABC', default: false }]),
		).toEqual([{ first_name: 'Mother', province_code: 'ON', zip: '123 ABC', default: false }]);
		expect(() => checkAddresses([{ city: 'x' }, { countryCode: 'UK' }])).toThrow(
			'Address 2: "UK" is not an ISO country code',
		);
		expect(() => checkAddresses([{}])).toThrow('Address 1: all fields are empty');
		expect(() =>
			checkAddresses([
				{ city: 'a', default: true },
				{ city: 'b', default: true },
			]),
		).toThrow('Addresses: more than one address is marked as the default');
		expect(() => checkAddresses([{ city: { x: 1 } as unknown as string }])).toThrow(
			'Address 1 city: expected text, got an object',
		);
	});
});

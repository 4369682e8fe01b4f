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

/** The error a user sees: its message and the hint under it. */
const inputError = (message: string, description: string) =>
	expect.objectContaining({ message, description });

describe('addresses, field by field', () => {
	it.each(['AD', 'BZ', 'CA', 'FR', 'GB', 'JP', 'KE', 'MT', 'MU', 'RW', 'SA', 'UG', 'UM', 'ZW'])(
		'knows %s, from every part of the ISO list',
		(code) => expect(isCountryCode(code)).toBe(true),
	);
	it('maps every field of a row to its API name, trimmed', () => {
		expect(
			checkAddresses([
				{
					address1: ' 1 Rue Oak ',
					address2: 'Apt 2',
					city: 'Ottawa',
					company: 'Acme',
					country: 'Canada',
					countryCode: 'ca',
					firstName: 'Ada',
					lastName: 'Lovelace',
					phone: '555-1212',
					province: 'Ontario',
					provinceCode: 'ON',
					zip: 'K1A 0B1',
				},
			]),
		).toEqual([
			{
				address1: '1 Rue Oak',
				address2: 'Apt 2',
				city: 'Ottawa',
				company: 'Acme',
				country: 'Canada',
				country_code: 'CA',
				first_name: 'Ada',
				last_name: 'Lovelace',
				phone: '555-1212',
				province: 'Ontario',
				province_code: 'ON',
				zip: 'K1A 0B1',
			},
		]);
	});
	it('leaves out empty and null fields, and the default when it is not set', () => {
		expect(
			checkAddresses([
				{ city: 'Ottawa', zip: '', company: null as unknown as string },
				{ city: 'Paris', default: '' },
			]),
		).toEqual([{ city: 'Ottawa' }, { city: 'Paris' }]);
	});
	it.each([
		[true, true],
		['true', true],
		['TRUE', true],
		[false, false],
		['false', false],
		[' True ', true],
	])('reads Default %p as %p', (given, read) => {
		expect(checkAddresses([{ city: 'Ottawa', default: given }])).toEqual([
			{ city: 'Ottawa', default: read },
		]);
	});
	it.each(['yes', 'on', 1])('refuses a Default of %p, naming the address', (given) => {
		expect(() => checkAddresses([{ city: 'a' }, { city: 'b', default: given as string }])).toThrow(
			`Address 2 Default: "${given}" is not true or false`,
		);
	});
	it('accepts one default among several addresses', () => {
		expect(
			checkAddresses([{ city: 'a', default: true }, { city: 'b', default: false }, { city: 'c' }]),
		).toHaveLength(3);
	});
	it('tells the user how to fix a row', () => {
		expect(() =>
			checkAddresses([
				{ city: 'a', default: true },
				{ city: 'b', default: 'true' },
			]),
		).toThrow(
			inputError(
				'Addresses: more than one address is marked as the default',
				'Turn Default on for one address only.',
			),
		);
		expect(() => checkAddresses([{ city: '', zip: undefined }])).toThrow(
			inputError('Address 1: all fields are empty', 'Fill in the address, or remove the row.'),
		);
		expect(() => checkAddresses([{ countryCode: 'uk' }])).toThrow(
			inputError(
				'Address 1: "uk" is not an ISO country code',
				'Use the two-letter ISO 3166-1 code, e.g. US, CA, DE, GB.',
			),
		);
	});
});

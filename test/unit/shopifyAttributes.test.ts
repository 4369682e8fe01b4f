import { checkAddresses, isCountryCode } from '../../nodes/CustomerAccountFields/helpers/address';
import { buildCustomerPayload } from '../../nodes/CustomerAccountFields/helpers/customerPayload';
import { customerMatchKey, laterDuplicates, matchKeyOf } from '../../nodes/CustomerAccountFields/helpers/matchKey';
import { checkPhone, comparablePhone } from '../../nodes/CustomerAccountFields/helpers/phone';
import { buildShopifyAttributes, hideSecrets, TAX_EXEMPTIONS } from '../../nodes/CustomerAccountFields/helpers/shopifyAttributes';

describe('phones (seed 002: any spelling of a number dialable from anywhere)', () => {
	it('accepts the four spellings the seed lists, as given', () => {
		for (const phone of ['6135551212', '+16135551212', '(613)555-1212', '+1 613-555-1212']) expect(checkPhone(phone)).toBe(phone);
	});
	it('refuses what is not a phone number, too short or too long, or a local number starting with 0', () => {
		for (const phone of ['call me', '12345', '+1234567890123456', '0770 090 0123', '+0 613 555 1212']) {
			expect(() => checkPhone(phone)).toThrow(`Phone: "${phone}" is not a phone number Shopify accepts`);
		}
		expect(() => checkPhone({ n: 1 })).toThrow('Phone: "{"n":1}" is not a phone number Shopify accepts');
	});
	it('compares spellings of one number equal', () => {
		expect(comparablePhone('+1 (613) 555-1212')).toBe('+16135551212');
		expect(comparablePhone('613.555.1212')).toBe('6135551212');
		expect(comparablePhone('ext. 5')).toBe('');
	});
});

describe('match keys for Create or Update', () => {
	it('matches email case-insensitively and phone in international format only', () => {
		expect(matchKeyOf('email', ' Bob@Example.COM ')).toBe('bob@example.com');
		expect(matchKeyOf('phone', '+1 613-555-1212')).toBe('+16135551212');
		expect(() => matchKeyOf('phone', '6135551212')).toThrow('Phone: "6135551212" is not a phone number in international format');
		expect(() => matchKeyOf('email', '')).toThrow('Email: needed to find the customer (Match By is Email)');
		expect(() => matchKeyOf('phone', '')).toThrow('Phone: needed to find the customer (Match By is Phone)');
		expect(() => matchKeyOf('email', { a: 1 })).toThrow('Email: expected text, got an object');
	});
	it('reads the same key from a customer the API returned', () => {
		expect(customerMatchKey('email', { email: 'Bob@Example.com' })).toBe('bob@example.com');
		expect(customerMatchKey('phone', { phone: '+16135551212' })).toBe('+16135551212');
		expect(customerMatchKey('phone', { phone: null })).toBe('');
	});
	it('maps each later item with an earlier key to the first item', () => {
		const keys = new Map([[0, 'a'], [2, 'b'], [3, 'a'], [5, 'a'], [6, 'c']]);
		expect([...laterDuplicates(keys)]).toEqual([[3, 0], [5, 0]]);
	});
});

describe('Shopify attributes (seed 002)', () => {
	it('maps every attribute to its API name and type', () => {
		const body = buildShopifyAttributes({
			acceptsMarketingUpdatedAt: '2021-02-09T13:49:58-05:00',
			marketingOptInLevel: 'confirmed_opt_in',
			multipassIdentifier: ' mp-1 ',
			taxExempt: 'true',
			taxExemptions: 'ca_status_card_exemption, EXEMPT_ALL,EXEMPT_ALL',
			verifiedEmail: false,
			sendEmailInvite: true,
			sendEmailWelcome: 'false',
			metafields: { metafield: [{ namespace: 'global', key: 'n', value: '42', valueType: 'integer' }] },
			addresses: { address: [{ address1: '123 Oak St', countryCode: 'ca', default: true }] },
			password: 'newpass',
		});
		expect(body).toEqual({
			accepts_marketing_updated_at: '2021-02-09T13:49:58.000-05:00',
			marketing_opt_in_level: 'confirmed_opt_in',
			multipass_identifier: 'mp-1',
			tax_exempt: true,
			tax_exemptions: ['CA_STATUS_CARD_EXEMPTION', 'EXEMPT_ALL'],
			verified_email: false,
			send_email_invite: true,
			send_email_welcome: false,
			metafields: [{ namespace: 'global', key: 'n', value: 42, value_type: 'integer' }],
			addresses: [{ address1: '123 Oak St', country_code: 'CA', default: true }],
			password: 'newpass',
			password_confirmation: 'newpass',
		});
	});
	it('offers exactly the 21 exemptions of the seed', () => {
		expect(TAX_EXEMPTIONS).toHaveLength(21);
		expect(() => buildShopifyAttributes({ taxExemptions: ['CA_XX_EXEMPTION'] })).toThrow('Tax Exemptions: "CA_XX_EXEMPTION" is not one of Shopify\'s values');
	});
	it('refuses bad values, naming the field', () => {
		expect(() => buildShopifyAttributes({ marketingOptInLevel: 'double' })).toThrow('Marketing Opt-In Level: "double" is not one of Shopify\'s values');
		expect(() => buildShopifyAttributes({ acceptsMarketingUpdatedAt: 'yesterday' })).toThrow('Accepts Marketing Updated At: "yesterday" is not a date');
		expect(() => buildShopifyAttributes({ taxExempt: 'yes' })).toThrow('Tax Exempt: "yes" is not true or false');
		expect(() => buildShopifyAttributes({ password: 'a', passwordConfirmation: 'b' })).toThrow('Password Confirmation: does not match the password');
		expect(() => buildShopifyAttributes({ passwordConfirmation: 'b' })).toThrow('Password: a confirmation is given without a password');
		expect(() => buildShopifyAttributes({ multipassIdentifier: { id: 1 } as unknown as string })).toThrow('Multipass Identifier: expected text, got an object');
		expect(() => buildShopifyAttributes({ password: ['a'] as unknown as string })).toThrow('Password: expected text, got a list');
		expect(() => buildShopifyAttributes({ metafields: { metafield: [{ namespace: 'g', key: 'k', value: true }] } })).toThrow('Metafield 1 (g.k) value: expected text, got true/false (true)');
	});
	it('checks metafields as the seed limits them', () => {
		const one = (entry: object) => buildShopifyAttributes({ metafields: { metafield: [entry] } });
		expect(() => one({ namespace: 'x'.repeat(21), key: 'k', value: 'v' })).toThrow('Metafield 1: the namespace must have 1 to 20 characters');
		expect(() => one({ namespace: 'g', key: 'k'.repeat(31), value: 'v' })).toThrow('Metafield 1: the key must have 1 to 30 characters');
		expect(() => one({ namespace: 'g', key: 'k', value: '' })).toThrow('Metafield 1 (g.k): the value is empty');
		expect(() => one({ namespace: 'g', key: 'k', value: '4.5', valueType: 'integer' })).toThrow('Metafield 1 (g.k): "4.5" is not a whole number');
		expect(() => one({ namespace: 'g', key: 'k', value: 'v', valueType: 'json' })).toThrow('Value Type: "json" is not one of Shopify\'s values');
	});
	it('merges the JSON escape hatch, refusing non-objects, the id and attributes set twice', () => {
		expect(buildShopifyAttributes({ attributesJson: '{"currency": "CAD"}' })).toEqual({ currency: 'CAD' });
		expect(buildShopifyAttributes({ attributesJson: { state: 'enabled' } })).toEqual({ state: 'enabled' });
		expect(buildShopifyAttributes({ attributesJson: '{}' })).toEqual({});
		expect(() => buildShopifyAttributes({ attributesJson: '{oops' })).toThrow('Additional Fields (JSON): not valid JSON');
		expect(() => buildShopifyAttributes({ attributesJson: '[1]' })).toThrow('Additional Fields (JSON): not a JSON object');
		expect(() => buildShopifyAttributes({ attributesJson: '{"id": 5}' })).toThrow('Additional Fields (JSON): "id" cannot be set here');
		expect(() => buildShopifyAttributes({ taxExempt: true, attributesJson: '{"tax_exempt": false}' })).toThrow('"tax_exempt" is also set by another field');
		expect(() => buildCustomerPayload({ note: 'n', attributesJson: '{"note": "m"}' }, [])).toThrow('"note" is also set by another field');
	});
	it('hides passwords wherever a body is shown', () => {
		expect(hideSecrets({ email: 'a@b.co', password: 'p', password_confirmation: 'p' })).toEqual({ email: 'a@b.co', password: '(hidden)', password_confirmation: '(hidden)' });
		const plain = { email: 'a@b.co' };
		expect(hideSecrets(plain)).toBe(plain);
	});
});

describe('addresses', () => {
	it('knows ISO 3166-1 alpha-2 codes', () => {
		for (const code of ['US', 'CA', 'DE', 'GB', 'JP', 'XK']) expect(isCountryCode(code)).toBe(true);
		for (const code of ['UK', 'EU', 'USA', 'C']) expect(isCountryCode(code)).toBe(false);
	});
	it('maps rows to the API names and checks the country code, empty rows and the default', () => {
		expect(checkAddresses([{ firstName: 'Mother', provinceCode: 'ON', zip: '123 ABC', default: false }])).toEqual([{ first_name: 'Mother', province_code: 'ON', zip: '123 ABC', default: false }]);
		expect(() => checkAddresses([{ city: 'x' }, { countryCode: 'UK' }])).toThrow('Address 2: "UK" is not an ISO country code');
		expect(() => checkAddresses([{}])).toThrow('Address 1: all fields are empty');
		expect(() => checkAddresses([{ city: 'a', default: true }, { city: 'b', default: true }])).toThrow('Addresses: more than one address is marked as the default');
		expect(() => checkAddresses([{ city: { x: 1 } as unknown as string }])).toThrow('Address 1 city: expected text, got an object');
	});
});

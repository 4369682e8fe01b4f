import { buildCustomerPayload } from '../../../nodes/CustomerAccountFields/helpers/customerPayload';
import {
	buildShopifyAttributes,
	hideSecrets,
} from '../../../nodes/CustomerAccountFields/helpers/shopifyAttributes';

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
			metafields: {
				metafield: [{ namespace: 'global', key: 'n', value: '42', valueType: 'integer' }],
			},
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
	it("refuses a tax exemption that is not one of the seed's", () => {
		expect(() => buildShopifyAttributes({ taxExemptions: ['CA_XX_EXEMPTION'] })).toThrow(
			'Tax Exemptions: "CA_XX_EXEMPTION" is not one of Shopify\'s values',
		);
	});
	it('refuses bad values, naming the field', () => {
		expect(() => buildShopifyAttributes({ marketingOptInLevel: 'double' })).toThrow(
			'Marketing Opt-In Level: "double" is not one of Shopify\'s values',
		);
		expect(() => buildShopifyAttributes({ acceptsMarketingUpdatedAt: 'yesterday' })).toThrow(
			'Accepts Marketing Updated At: "yesterday" is not a date',
		);
		expect(() => buildShopifyAttributes({ taxExempt: 'yes' })).toThrow(
			'Tax Exempt: "yes" is not true or false',
		);
		expect(() => buildShopifyAttributes({ password: 'a', passwordConfirmation: 'b' })).toThrow(
			'Password Confirmation: does not match the password',
		);
		expect(() => buildShopifyAttributes({ passwordConfirmation: 'b' })).toThrow(
			'Password: a confirmation is given without a password',
		);
		expect(() =>
			buildShopifyAttributes({ multipassIdentifier: { id: 1 } as unknown as string }),
		).toThrow('Multipass Identifier: expected text, got an object');
		expect(() => buildShopifyAttributes({ password: ['a'] as unknown as string })).toThrow(
			'Password: expected text, got a list',
		);
		expect(() =>
			buildShopifyAttributes({
				metafields: { metafield: [{ namespace: 'g', key: 'k', value: true }] },
			}),
		).toThrow('Metafield 1 (g.k) value: expected text, got true/false (true)');
	});
	it('checks metafields as the seed limits them', () => {
		const one = (entry: object) => buildShopifyAttributes({ metafields: { metafield: [entry] } });
		expect(() => one({ namespace: 'x'.repeat(21), key: 'k', value: 'v' })).toThrow(
			'Metafield 1: the namespace must have 1 to 20 characters',
		);
		expect(() => one({ namespace: 'g', key: 'k'.repeat(31), value: 'v' })).toThrow(
			'Metafield 1: the key must have 1 to 30 characters',
		);
		expect(() => one({ namespace: 'g', key: 'k', value: '' })).toThrow(
			'Metafield 1 (g.k): the value is empty',
		);
		expect(() => one({ namespace: 'g', key: 'k', value: '4.5', valueType: 'integer' })).toThrow(
			'Metafield 1 (g.k): "4.5" is not a whole number',
		);
		expect(() => one({ namespace: 'g', key: 'k', value: 'v', valueType: 'json' })).toThrow(
			'Value Type: "json" is not one of Shopify\'s values',
		);
	});
	it('merges the JSON escape hatch, refusing non-objects, the id and attributes set twice', () => {
		expect(buildShopifyAttributes({ attributesJson: '{"currency": "CAD"}' })).toEqual({
			currency: 'CAD',
		});
		expect(buildShopifyAttributes({ attributesJson: { state: 'enabled' } })).toEqual({
			state: 'enabled',
		});
		expect(buildShopifyAttributes({ attributesJson: '{}' })).toEqual({});
		expect(() => buildShopifyAttributes({ attributesJson: '{oops' })).toThrow(
			'Additional Fields (JSON): not valid JSON',
		);
		expect(() => buildShopifyAttributes({ attributesJson: '[1]' })).toThrow(
			'Additional Fields (JSON): not a JSON object',
		);
		expect(() => buildShopifyAttributes({ attributesJson: '{"id": 5}' })).toThrow(
			'Additional Fields (JSON): "id" cannot be set here',
		);
		expect(() =>
			buildShopifyAttributes({ taxExempt: true, attributesJson: '{"tax_exempt": false}' }),
		).toThrow('"tax_exempt" is also set by another field');
		expect(() => buildCustomerPayload({ note: 'n', attributesJson: '{"note": "m"}' }, [])).toThrow(
			'"note" is also set by another field',
		);
	});
	it('hides passwords wherever a body is shown', () => {
		expect(hideSecrets({ email: 'a@b.co', password: 'p', password_confirmation: 'p' })).toEqual({
			email: 'a@b.co',
			password: '(hidden)',
			password_confirmation: '(hidden)',
		});
		const plain = { email: 'a@b.co' };
		expect(hideSecrets(plain)).toBe(plain);
	});
});

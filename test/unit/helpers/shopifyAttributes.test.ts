import { buildCustomerPayload } from '../../../nodes/CustomerAccountFields/helpers/customerPayload';
import {
	buildShopifyAttributes,
	hideSecrets,
	type ShopifyAttributes,
} from '../../../nodes/CustomerAccountFields/helpers/shopifyAttributes';

/** The Shopify attributes of a body that sets no other field. */
const build = (attributes: ShopifyAttributes) => buildShopifyAttributes(attributes, []);

describe('Shopify attributes (seed 002)', () => {
	it('maps every attribute to its API name and type', () => {
		const body = build({
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
		expect(() => build({ taxExemptions: ['CA_XX_EXEMPTION'] })).toThrow(
			'Tax Exemptions: "CA_XX_EXEMPTION" is not one of Shopify\'s values',
		);
	});
	it('refuses bad values, naming the field', () => {
		expect(() => build({ marketingOptInLevel: 'double' })).toThrow(
			'Marketing Opt-In Level: "double" is not one of Shopify\'s values',
		);
		expect(() => build({ acceptsMarketingUpdatedAt: 'yesterday' })).toThrow(
			'Accepts Marketing Updated At: "yesterday" is not a date',
		);
		expect(() => build({ taxExempt: 'yes' })).toThrow('Tax Exempt: "yes" is not true or false');
		expect(() => build({ password: 'a', passwordConfirmation: 'b' })).toThrow(
			'Password Confirmation: does not match the password',
		);
		expect(() => build({ passwordConfirmation: 'b' })).toThrow(
			'Password: a confirmation is given without a password',
		);
		expect(() => build({ multipassIdentifier: { id: 1 } as unknown as string })).toThrow(
			'Multipass Identifier: expected text, got an object',
		);
		expect(() => build({ password: ['a'] as unknown as string })).toThrow(
			'Password: expected text, got a list',
		);
		expect(() =>
			build({
				metafields: { metafield: [{ namespace: 'g', key: 'k', value: true }] },
			}),
		).toThrow('Metafield 1 (g.k) value: expected text, got true/false (true)');
	});
	it('checks metafields as the seed limits them', () => {
		const one = (entry: object) => build({ metafields: { metafield: [entry] } });
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
		expect(build({ attributesJson: '{"currency": "CAD"}' })).toEqual({
			currency: 'CAD',
		});
		expect(build({ attributesJson: { state: 'enabled' } })).toEqual({
			state: 'enabled',
		});
		expect(build({ attributesJson: '{}' })).toEqual({});
		expect(() => build({ attributesJson: '{oops' })).toThrow(
			'Additional Fields (JSON): not valid JSON',
		);
		expect(() => build({ attributesJson: '[1]' })).toThrow(
			'Additional Fields (JSON): not a JSON object',
		);
		expect(() => build({ attributesJson: '{"id": 5}' })).toThrow(
			'Additional Fields (JSON): "id" cannot be set here',
		);
		expect(() => build({ taxExempt: true, attributesJson: '{"tax_exempt": false}' })).toThrow(
			'"tax_exempt" is also set by another field',
		);
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

/** The error a user sees: its message and the hint under it. */
const inputError = (message: string, description: string) =>
	expect.objectContaining({ message, description });

const metafield = (entry: object) => build({ metafields: { metafield: [entry as never] } });

describe('Shopify attributes, as the user fills them in', () => {
	it('leaves out attributes that are empty or null', () => {
		expect(
			build({
				taxExempt: '',
				verifiedEmail: null,
				sendEmailInvite: undefined,
				acceptsMarketingUpdatedAt: '',
				marketingOptInLevel: null,
				multipassIdentifier: '',
				taxExemptions: '',
				password: '',
				passwordConfirmation: null,
				attributesJson: '',
			} as never),
		).toEqual({});
	});
	it.each([
		['taxExempt', 'Tax Exempt'],
		['verifiedEmail', 'Verified Email'],
		['sendEmailInvite', 'Send Email Invite'],
		['sendEmailWelcome', 'Send Welcome Email'],
	])('names %s "%s" when it is not true or false', (name, label) => {
		expect(() => build({ [name]: 'yes' })).toThrow(
			inputError(`${label}: "yes" is not true or false`, 'Set it to true or false.'),
		);
	});
	it.each([
		[' TRUE ', true],
		['False', false],
		[true, true],
	])('reads the true/false %p as %p', (given, read) => {
		expect(build({ verifiedEmail: given })).toEqual({ verified_email: read });
	});
	it.each(['xtrue', 'truex', 'true false', '1'])('refuses %p as a true/false value', (given) => {
		expect(() => build({ verifiedEmail: given })).toThrow(
			`Verified Email: "${given}" is not true or false`,
		);
	});
	it('trims a date and a choice before reading them', () => {
		expect(
			build({
				acceptsMarketingUpdatedAt: ' 2021-02-09T13:49:58-05:00 ',
				marketingOptInLevel: ' single_opt_in ',
			}),
		).toEqual({
			accepts_marketing_updated_at: '2021-02-09T13:49:58.000-05:00',
			marketing_opt_in_level: 'single_opt_in',
		});
	});
	it('tells the user which date and which choices Shopify accepts', () => {
		expect(() => build({ acceptsMarketingUpdatedAt: 'soon' })).toThrow(
			inputError(
				'Accepts Marketing Updated At: "soon" is not a date',
				'Enter an ISO 8601 date and time such as 2026-02-09T13:49:58-05:00.',
			),
		);
		expect(() => build({ marketingOptInLevel: 'double' })).toThrow(
			inputError(
				'Marketing Opt-In Level: "double" is not one of Shopify\'s values',
				'Use one of: single_opt_in, confirmed_opt_in, unknown.',
			),
		);
	});
	it('skips blank entries in a list of tax exemptions', () => {
		expect(build({ taxExemptions: 'EXEMPT_ALL, ,' })).toEqual({ tax_exemptions: ['EXEMPT_ALL'] });
		expect(build({ taxExemptions: ['', ' ca_diplomat_exemption '] })).toEqual({
			tax_exemptions: ['CA_DIPLOMAT_EXEMPTION'],
		});
	});
});

describe('metafields, field by field', () => {
	it('sends a text metafield as trimmed text, with its description', () => {
		expect(
			metafield({
				namespace: ' global ',
				key: ' tier ',
				value: ' 007 ',
				description: 'Loyalty tier',
			}),
		).toEqual({
			metafields: [
				{
					namespace: 'global',
					key: 'tier',
					value: '007',
					value_type: 'string',
					description: 'Loyalty tier',
				},
			],
		});
	});
	it('accepts a namespace of 20 and a key of 30 characters', () => {
		expect(metafield({ namespace: 'n'.repeat(20), key: 'k'.repeat(30), value: 'v' })).toEqual({
			metafields: [
				{ namespace: 'n'.repeat(20), key: 'k'.repeat(30), value: 'v', value_type: 'string' },
			],
		});
	});
	it.each([
		['no namespace', { key: 'k', value: 'v' }],
		['an empty namespace', { namespace: ' ', key: 'k', value: 'v' }],
	])('refuses %s', (_case, entry) => {
		expect(() => metafield(entry)).toThrow(
			inputError(
				'Metafield 1: the namespace must have 1 to 20 characters',
				'Shopify limits a metafield namespace to 20 characters, e.g. "global".',
			),
		);
	});
	it.each([
		['no key', { namespace: 'g', value: 'v' }],
		['an empty key', { namespace: 'g', key: '', value: 'v' }],
	])('refuses %s', (_case, entry) => {
		expect(() => metafield(entry)).toThrow(
			inputError(
				'Metafield 1: the key must have 1 to 30 characters',
				'Shopify limits a metafield key to 30 characters.',
			),
		);
	});
	it.each([
		['no value', { namespace: 'g', key: 'k' }],
		['a null value', { namespace: 'g', key: 'k', value: null }],
		['a blank value', { namespace: 'g', key: 'k', value: '  ' }],
	])('refuses %s', (_case, entry) => {
		expect(() => metafield(entry)).toThrow(
			inputError(
				'Metafield 1 (g.k): the value is empty',
				'Shopify requires a value for every metafield.',
			),
		);
	});
	it('refuses a whole number that is not one, with a hint', () => {
		expect(() =>
			metafield({ namespace: 'g', key: 'k', value: '1e3', valueType: 'integer' }),
		).toThrow(
			inputError(
				'Metafield 1 (g.k): "1e3" is not a whole number',
				'Give a whole number, or set Value Type to String.',
			),
		);
	});
	it.each([
		['namespace', { namespace: { a: 1 }, key: 'k', value: 'v' }],
		['key', { namespace: 'g', key: { a: 1 }, value: 'v' }],
		['description', { namespace: 'g', key: 'k', value: 'v', description: { a: 1 } }],
	])('names the %s that is not text', (field, entry) => {
		expect(() => metafield(entry)).toThrow(`Metafield 1 ${field}: expected text, got an object`);
	});
});

describe('passwords and the JSON escape hatch, with their hints', () => {
	it('tells the user how to pair a password with its confirmation', () => {
		expect(() => build({ passwordConfirmation: 'b' })).toThrow(
			inputError(
				'Password: a confirmation is given without a password',
				'Set Password too, or remove Password Confirmation.',
			),
		);
		expect(() => build({ password: 'a', passwordConfirmation: 'b' })).toThrow(
			inputError(
				'Password Confirmation: does not match the password',
				'Give the same value in both, or leave Password Confirmation empty.',
			),
		);
		expect(() => build({ password: 'a', passwordConfirmation: ['a'] as never })).toThrow(
			'Password Confirmation: expected text, got a list',
		);
	});
	it.each([
		['{oops', 'Additional Fields (JSON): not valid JSON'],
		['"text"', 'Additional Fields (JSON): not a JSON object'],
	])('refuses %s, showing an example', (json, message) => {
		expect(() => build({ attributesJson: json })).toThrow(
			inputError(
				message,
				'Give a JSON object such as {"note": "VIP"}, with Shopify\'s attribute names.',
			),
		);
	});
	it.each(['id', '__proto__', 'constructor', 'prototype'])(
		'refuses "%s" in the JSON, which would not set an attribute',
		(key) => {
			expect(() => build({ attributesJson: `{"${key}": {"a": 1}}` })).toThrow(
				inputError(
					`Additional Fields (JSON): "${key}" cannot be set here`,
					'Remove it; the customer to update is chosen with Customer.',
				),
			);
		},
	);
	it('refuses an attribute set both by a field and in the JSON, with a hint', () => {
		expect(() =>
			buildShopifyAttributes({ attributesJson: '{"email": "a@b.co"}' }, ['email']),
		).toThrow(
			inputError(
				'Additional Fields (JSON): "email" is also set by another field',
				'Set each attribute once.',
			),
		);
	});
	it('hides only the secrets a body holds', () => {
		expect(hideSecrets({ email: 'a@b.co', password: 'p' })).toEqual({
			email: 'a@b.co',
			password: '(hidden)',
		});
	});
});

import type { INodeProperties } from 'n8n-workflow';

import { MARKETING_OPT_IN_LEVELS, TAX_EXEMPTIONS } from '../helpers/shopifyAttributes';

const titleCase = (code: string) =>
	code
		.toLowerCase()
		.split('_')
		.map((word) =>
			word.length <= 2 && word !== 'on'
				? word.toUpperCase()
				: word[0].toUpperCase() + word.slice(1),
		)
		.join(' ');

const addressFields: INodeProperties[] = [
	{ displayName: 'Address Line 1', name: 'address1', type: 'string', default: '' },
	{ displayName: 'Address Line 2', name: 'address2', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company', name: 'company', type: 'string', default: '' },
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'e.g. Canada',
	},
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. CA',
		description: 'Two-letter ISO 3166-1 code',
	},
	{
		displayName: 'Default',
		name: 'default',
		type: 'boolean',
		default: false,
		description: "Whether this is the customer's default address",
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{
		displayName: 'Province',
		name: 'province',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ontario',
	},
	{
		displayName: 'Province Code',
		name: 'provinceCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. ON',
	},
	{ displayName: 'ZIP', name: 'zip', type: 'string', default: '' },
];

const metafieldFields: INodeProperties[] = [
	{
		displayName: 'Namespace',
		name: 'namespace',
		type: 'string',
		default: 'global',
		description: 'Up to 20 characters',
	},
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		default: '',
		description: 'Up to 30 characters',
	},
	{ displayName: 'Value', name: 'value', type: 'string', default: '' },
	{
		displayName: 'Value Type',
		name: 'valueType',
		type: 'options',
		options: [
			{ name: 'String', value: 'string' },
			{ name: 'Integer', value: 'integer' },
		],
		default: 'string',
	},
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
];

/** Seed 002's attributes beyond the first seven; the password and invitation ones only for Create. */
export function shopifyAttributeFields(forCreate: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Accepts Marketing Updated At',
			name: 'acceptsMarketingUpdatedAt',
			type: 'dateTime',
			default: '',
			description:
				'When the customer agreed to or declined marketing emails; set it whenever Accepts Marketing changes',
		},
		{
			displayName: 'Additional Fields (JSON)',
			name: 'attributesJson',
			type: 'json',
			default: '{}',
			description:
				'Any other Shopify customer attribute, by its API name, e.g. {"note": "VIP"}. Sent as given.',
		},
		{
			displayName: 'Addresses',
			name: 'addresses',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Address',
			default: {},
			description: "On Update, Shopify adds these to the customer's addresses",
			options: [{ displayName: 'Address', name: 'address', values: addressFields }],
		},
		{
			displayName: 'Marketing Opt-In Level',
			name: 'marketingOptInLevel',
			type: 'options',
			options: MARKETING_OPT_IN_LEVELS.map((level) => ({ name: titleCase(level), value: level })),
			default: 'single_opt_in',
			description: 'The opt-in level (M3AAWG) given when the customer agreed to marketing emails',
		},
		{
			displayName: 'Metafields',
			name: 'metafields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Metafield',
			default: {},
			description:
				"Shopify metafields (not the app's custom fields, which are under Custom Fields)",
			options: [{ displayName: 'Metafield', name: 'metafield', values: metafieldFields }],
		},
		{
			displayName: 'Multipass Identifier',
			name: 'multipassIdentifier',
			type: 'string',
			default: '',
			description: "The customer's identifier for Multipass login",
		},
		{
			displayName: 'Tax Exempt',
			name: 'taxExempt',
			type: 'boolean',
			default: false,
			description: "Whether no taxes are charged on the customer's orders",
		},
		{
			displayName: 'Tax Exemptions',
			name: 'taxExemptions',
			type: 'multiOptions',
			options: TAX_EXEMPTIONS.map((code) => ({ name: titleCase(code), value: code })),
			default: [],
			description: 'Canadian taxes the customer is exempt from',
		},
		{
			displayName: 'Verified Email',
			name: 'verifiedEmail',
			type: 'boolean',
			default: true,
			description: 'Whether the customer has verified their email address',
		},
	];
	if (!forCreate) return fields;
	return [
		...fields,
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Creates the account enabled; the customer can log in with it',
		},
		{
			displayName: 'Password Confirmation',
			name: 'passwordConfirmation',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Must equal Password; empty means the same as Password',
		},
		{
			displayName: 'Send Email Invite',
			name: 'sendEmailInvite',
			type: 'boolean',
			default: false,
			description: 'Whether Shopify emails the customer an invitation to create an account',
		},
		{
			displayName: 'Send Welcome Email',
			name: 'sendEmailWelcome',
			type: 'boolean',
			default: false,
			description: 'Whether Shopify sends the welcome email (with Password)',
		},
	];
}

import type { INodeProperties } from 'n8n-workflow';

import { ADMIN_URL_REGEX } from '../helpers/customerId';
import { shopifyAttributeFields } from './shopifyAttributeParameters';

/** The customer to read, update or delete: from a searchable list, by ID or by its Shopify admin URL. */
export const customerIdLocator: INodeProperties = {
	displayName: 'Customer',
	name: 'customerId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The customer to use',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a customer…',
			typeOptions: {
				searchListMethod: 'searchCustomers',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 6940095564123',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*(\\d+|gid://shopify/Customer/\\d+)\\s*$',
						errorMessage: 'Not a valid customer ID (a whole number)',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://admin.shopify.com/store/my-store/customers/6940095564123',
			validation: [
				{
					type: 'regex',
					properties: { regex: ADMIN_URL_REGEX, errorMessage: 'Not a Shopify admin customer URL' },
				},
			],
		},
	],
};

/** Standard customer attributes, shared by Create (without Email, which has its own field), Update and Create or Update. */
export function customerAttributeFields(withEmail: boolean, forCreate = false): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Accepts Marketing',
			name: 'acceptsMarketing',
			type: 'boolean',
			default: false,
			description: 'Whether the customer agreed to receive marketing emails',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'Unique email address of the customer',
		},
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'A note about the customer',
		},
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: 'e.g. +16135551111',
			description: 'Unique phone number of the customer, best in E.164 format',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. vip, wholesale',
			description:
				"Comma-separated tags; they replace the customer's current tags. At most 250 tags of up to 255 characters.",
		},
	];
	const all = [...fields, ...shopifyAttributeFields(forCreate)].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
	return withEmail ? all : all.filter((field) => field.name !== 'email');
}

/** Custom fields by machine name; values may be expressions, evaluated for each item. */
export const customFieldsCollection: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Custom Field',
	default: {},
	description: 'Values for the custom fields you created in the Customer Account Fields app',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Machine Name or ID',
					name: 'name',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCustomFieldNames' },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description:
						'The value to store. Empty means "leave unchanged", unless Delete Empty Fields is on (Update).',
				},
			],
		},
	],
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 30000,
	description:
		'Time in milliseconds to wait for each API reply before the request counts as failed',
};

export const customFieldsAsObjectOption: INodeProperties = {
	displayName: 'Custom Fields as Object',
	name: 'customFieldsAsObject',
	type: 'boolean',
	default: false,
	description:
		'Whether to add a "custom_fields" object mapping each machine name to its value, beside the "customer_fields" list the API returns (handy for spreadsheets)',
};

/** The "Options" collection every operation has; each passes the options it offers. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

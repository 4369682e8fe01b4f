import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withCustomFieldsObject } from '../helpers/customFieldsObject';
import { selectCustomerFields, simplifyCustomer } from '../helpers/simplifyCustomer';

export type OutputShape = 'simplified' | 'raw' | 'selected';

/** Top-level customer fields offered under "Selected Fields" (the seed's Customer resource plus the custom fields). */
const SELECTABLE_FIELDS = [
	'accepts_marketing',
	'accepts_marketing_updated_at',
	'activation_date',
	'created_at',
	'currency',
	'custom_fields',
	'customer_fields',
	'default_address',
	'email',
	'email_marketing_state',
	'first_name',
	'first_order_date',
	'last_abandoned_order_date',
	'last_name',
	'multipass_identifier',
	'note',
	'order_date',
	'orders_count',
	'phone',
	'product_subscriber_status',
	'state',
	'tags',
	'tax_exempt',
	'total_spent',
	'updated_at',
	'verified_email',
];

const FIELD_LABELS: Record<string, string> = {
	custom_fields: 'Custom Fields (as Object)',
	customer_fields: 'Custom Fields (as the API Returns Them)',
};

/** `output` and, for Selected Fields, `fields`. Get and Get Many default to raw (saved workflows keep their output). */
export function outputParameters(defaultShape: OutputShape): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: defaultShape,
			options: [
				{
					name: 'Simplified',
					value: 'simplified',
					description: 'The 15 most used fields, and custom fields as {machine_name: value}',
				},
				{ name: 'Raw', value: 'raw', description: 'The customer as the API returns it' },
				{ name: 'Selected Fields', value: 'selected', description: 'Only the fields you choose (and the ID)' },
			],
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			default: [],
			description: 'The customer fields to output; the ID is always included',
			options: SELECTABLE_FIELDS.map((field) => ({ name: FIELD_LABELS[field] ?? labelOf(field), value: field })),
			displayOptions: { show: { output: ['selected'] } },
		},
	];
}

function labelOf(field: string): string {
	return field
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** Shapes one customer as the node's Output parameter asks; Raw keeps the "Custom Fields as Object" option working. */
export function shapeCustomer(
	customer: IDataObject,
	output: { shape: OutputShape; fields: string[]; customFieldsAsObject?: boolean },
): IDataObject {
	if (output.shape === 'simplified') return simplifyCustomer(customer);
	if (output.shape === 'selected') return selectCustomerFields(customer, output.fields);
	return output.customFieldsAsObject ? withCustomFieldsObject(customer) : customer;
}

/** Reads the saved `output`/`fields` values (absent in workflows saved before they existed: the default applies). */
export function outputSettings(
	shape: unknown,
	fields: unknown,
	customFieldsAsObject?: unknown,
): { shape: OutputShape; fields: string[]; customFieldsAsObject: boolean } {
	const known: OutputShape[] = ['simplified', 'raw', 'selected'];
	return {
		shape: known.includes(shape as OutputShape) ? (shape as OutputShape) : 'raw',
		fields: Array.isArray(fields) ? fields.map(String) : typeof fields === 'string' ? fields.split(',') : [],
		customFieldsAsObject: customFieldsAsObject === true,
	};
}

/** The Output settings of one item (Get and Get Many). */
export function outputOf(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return outputSettings(
		this.getNodeParameter('output', itemIndex, 'raw'),
		this.getNodeParameter('fields', itemIndex, []),
		options.customFieldsAsObject,
	);
}

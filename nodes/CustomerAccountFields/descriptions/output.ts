import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withCustomFieldsObject } from '../helpers/customFieldsObject';
import { runsAsTool } from '../helpers/runsAsTool';
import {
	selectCustomerFields,
	simplifyCustomer,
	simplifyCustomerForModel,
} from '../helpers/simplifyCustomer';

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
				{
					name: 'Selected Fields',
					value: 'selected',
					description: 'Only the fields you choose (and the ID)',
				},
			],
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			default: [],
			description: 'The customer fields to output; the ID is always included',
			options: SELECTABLE_FIELDS.map((field) => ({
				name: FIELD_LABELS[field] ?? labelOf(field),
				value: field,
			})),
			displayOptions: { show: { output: ['selected'] } },
		},
	];
}

/**
 * Get and Get Many: Output defaults to Raw in the action node (saved workflows keep their output) and
 * to Simplified when the node is an AI agent's tool. n8n's `@tool` display condition tells the two
 * apart, in the editor and when a run fills in defaults (n8n >= 1.88; n8n-nodes-base does the same,
 * e.g. HttpRequest/V3/Description.ts). An n8n without it shows the action node's parameter in both.
 */
export function readOutputParameters(): INodeProperties[] {
	const [output, fields] = outputParameters('raw');
	const asTool: INodeProperties = {
		...output,
		default: 'simplified',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description:
					'ID, email, names, phone, tags, orders count, total spent and custom fields as {machine_name: value}; no empty values',
			},
			{
				name: 'Raw',
				value: 'raw',
				description:
					'The customer as the API returns it (often 1,000+ characters for the model to read)',
			},
			{
				name: 'Selected Fields',
				value: 'selected',
				description: 'Only the fields you choose (and the ID)',
			},
		],
		displayOptions: { show: { '@tool': [true] } },
	};
	return [{ ...output, displayOptions: { hide: { '@tool': [true] } } }, asTool, fields];
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
	output: {
		shape: OutputShape;
		fields: string[];
		customFieldsAsObject?: boolean;
		forModel?: boolean;
	},
): IDataObject {
	if (output.shape === 'simplified')
		return output.forModel ? simplifyCustomerForModel(customer) : simplifyCustomer(customer);
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
		fields: Array.isArray(fields)
			? fields.map(String)
			: typeof fields === 'string'
				? fields.split(',')
				: [],
		customFieldsAsObject: customFieldsAsObject === true,
	};
}

/** The Output settings of one item (Get and Get Many); as a tool, Simplified is the model's shorter form. */
export function outputOf(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const settings = outputSettings(
		this.getNodeParameter('output', itemIndex, 'raw'),
		this.getNodeParameter('fields', itemIndex, []),
		options.customFieldsAsObject,
	);
	return { ...settings, forModel: runsAsTool(this.getNode()) };
}

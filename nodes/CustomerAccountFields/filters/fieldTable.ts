import type { INodePropertyOptions } from 'n8n-workflow';

export type FilterFieldType =
	| 'text'
	| 'tag'
	| 'number'
	| 'id'
	| 'date'
	| 'boolean'
	| 'choice'
	| 'custom';
export type FilterOperator =
	| 'contains'
	| 'not_contains'
	| 'empty'
	| 'not_empty'
	| 'equals'
	| 'not_equals'
	| 'gt'
	| 'lt';

export interface FilterField {
	/** The API's name for the field. */
	field: string;
	label: string;
	type: FilterFieldType;
	hint?: string;
}

/** The 31 filter fields the API documents (Shopify's customer search fields), with the kind of value each holds. */
export const FILTER_FIELDS: readonly FilterField[] = [
	{ field: 'accepts_marketing', label: 'Accepts Marketing', type: 'boolean' },
	{ field: 'activation_date', label: 'Activation Date', type: 'date' },
	{ field: 'address1', label: 'Address Line 1', type: 'text' },
	{ field: 'address2', label: 'Address Line 2', type: 'text' },
	{ field: 'city', label: 'City', type: 'text' },
	{ field: 'company', label: 'Company', type: 'text' },
	{ field: 'country', label: 'Country', type: 'text' },
	{ field: 'customer_date', label: 'Customer Since (Created Date)', type: 'date' },
	{ field: 'customer_first_name', label: 'Customer First Name', type: 'text' },
	{ field: 'customer_id', label: 'Customer ID', type: 'id' },
	{ field: 'customer_last_name', label: 'Customer Last Name', type: 'text' },
	{ field: 'customer_tag', label: 'Customer Tag', type: 'tag' },
	{ field: 'email', label: 'Email', type: 'text' },
	{
		field: 'email_marketing_state',
		label: 'Email Marketing State',
		type: 'choice',
		hint: 'E.g. subscribed, not_subscribed, unsubscribed, pending',
	},
	{ field: 'first_name', label: 'First Name', type: 'text' },
	{ field: 'first_order_date', label: 'First Order Date', type: 'date' },
	{ field: 'id', label: 'ID', type: 'id' },
	{ field: 'last_abandoned_order_date', label: 'Last Abandoned Order Date', type: 'date' },
	{ field: 'last_name', label: 'Last Name', type: 'text' },
	{ field: 'multipass_identifier', label: 'Multipass Identifier', type: 'text' },
	{ field: 'orders_count', label: 'Orders Count', type: 'number' },
	{ field: 'order_date', label: 'Order Date', type: 'date' },
	{ field: 'phone', label: 'Phone', type: 'text' },
	{ field: 'product_subscriber_status', label: 'Product Subscriber Status', type: 'choice' },
	{ field: 'province', label: 'Province / State', type: 'text' },
	{ field: 'shop_id', label: 'Shop ID', type: 'id' },
	{
		field: 'state',
		label: 'Account State',
		type: 'choice',
		hint: 'disabled, invited, enabled or declined',
	},
	{ field: 'tag', label: 'Tag', type: 'tag' },
	{ field: 'total_spent', label: 'Total Spent', type: 'number' },
	{ field: 'updated_at', label: 'Updated At', type: 'date' },
	{ field: 'verified_email', label: 'Verified Email', type: 'boolean' },
];

/** The `field` value that selects a custom field; its machine name is then in `customField`. */
export const CUSTOM_FIELD = 'customField';

const OPERATOR_LABELS: Record<FilterOperator, string> = {
	contains: 'Contains',
	not_contains: 'Does Not Contain',
	empty: 'Is Empty',
	not_empty: 'Is Not Empty',
	equals: 'Equals',
	not_equals: 'Does Not Equal',
	gt: 'Greater Than',
	lt: 'Less Than',
};

const DATE_LABELS: Partial<Record<FilterOperator, string>> = {
	equals: 'Is On',
	gt: 'Is After',
	lt: 'Is Before',
};

/** Which operators make sense for each kind of field; the editor shows only these. */
export const OPERATORS_BY_TYPE: Record<FilterFieldType, readonly FilterOperator[]> = {
	text: ['contains', 'not_contains', 'equals', 'not_equals', 'empty', 'not_empty'],
	tag: ['contains', 'not_contains', 'equals', 'not_equals', 'empty', 'not_empty'],
	custom: ['contains', 'not_contains', 'equals', 'not_equals', 'empty', 'not_empty', 'gt', 'lt'],
	number: ['equals', 'not_equals', 'gt', 'lt'],
	id: ['equals', 'not_equals', 'gt', 'lt'],
	date: ['equals', 'gt', 'lt', 'empty', 'not_empty'],
	boolean: ['equals', 'not_equals'],
	choice: ['equals', 'not_equals'],
};

export const VALUELESS_OPERATORS: readonly FilterOperator[] = ['empty', 'not_empty'];

export function operatorOptions(type: FilterFieldType): INodePropertyOptions[] {
	return OPERATORS_BY_TYPE[type].map((operator) => ({
		name: (type === 'date' && DATE_LABELS[operator]) || OPERATOR_LABELS[operator],
		value: operator,
	}));
}

export function fieldsOfType(type: FilterFieldType): string[] {
	return FILTER_FIELDS.filter((entry) => entry.type === type).map((entry) => entry.field);
}

export function findFilterField(name: string): FilterField | undefined {
	return FILTER_FIELDS.find((entry) => entry.field === name);
}

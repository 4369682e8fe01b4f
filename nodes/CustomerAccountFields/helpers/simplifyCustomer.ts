import type { IDataObject } from 'n8n-workflow';

import { withCustomFieldsObject } from './customFieldsObject';

/** The customer attributes people use most (n8n's "Simplify" guideline: 10–15 fields). */
export const SIMPLIFIED_FIELDS = [
	'id',
	'email',
	'first_name',
	'last_name',
	'phone',
	'tags',
	'note',
	'state',
	'email_marketing_state',
	'accepts_marketing',
	'verified_email',
	'orders_count',
	'total_spent',
	'created_at',
	'updated_at',
] as const;

/** The simplified customer: the fields above plus `custom_fields` as `{ machine_name: value }`. */
export function simplifyCustomer(customer: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLIFIED_FIELDS) {
		if (field in customer) simple[field] = customer[field];
	}
	simple.custom_fields = withCustomFieldsObject(customer).custom_fields;
	return simple;
}

/** Only the chosen top-level fields (always with `id`, so the next node can address the customer). */
export function selectCustomerFields(
	customer: IDataObject,
	fields: readonly string[],
): IDataObject {
	// A blank name (no attribute is called "") selects nothing.
	const wanted = new Set(['id', ...fields.map((field) => field.trim())]);
	const source = wanted.has('custom_fields') ? withCustomFieldsObject(customer) : customer;
	const selected: IDataObject = {};
	for (const field of wanted) {
		if (field in source) selected[field] = source[field];
	}
	return selected;
}

/**
 * The fields the tool variant's Simplified output keeps: what a model needs to name, find and judge
 * a customer. Fewer than the action node's, because every character is a token a model reads.
 */
export const SIMPLIFIED_FOR_MODEL_FIELDS = [
	'id',
	'email',
	'first_name',
	'last_name',
	'phone',
	'tags',
	'orders_count',
	'total_spent',
] as const;

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** Simplified as a model gets it (the node running as an AI agent's tool): no empty values, custom fields by machine name. */
export function simplifyCustomerForModel(customer: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLIFIED_FOR_MODEL_FIELDS) {
		if (!isEmpty(customer[field])) simple[field] = customer[field];
	}
	const customFields = withCustomFieldsObject(customer).custom_fields as IDataObject;
	simple.custom_fields = Object.fromEntries(
		Object.entries(customFields).filter(([, value]) => !isEmpty(value)),
	);
	return simple;
}

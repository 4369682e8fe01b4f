import type { IDataObject } from 'n8n-workflow';

/** The API's `customer_fields` list of a customer (empty when it has none). */
export function customFieldsOf(customer: IDataObject): IDataObject[] {
	return Array.isArray(customer.customer_fields) ? (customer.customer_fields as IDataObject[]) : [];
}

/** Adds `custom_fields: { machine_name: value }` beside the API's `customer_fields` list. */
export function withCustomFieldsObject(customer: IDataObject): IDataObject {
	const list = customFieldsOf(customer);
	const fields: IDataObject = {};
	for (const field of list) {
		if (typeof field?.machine_name === 'string') fields[field.machine_name] = field.value ?? null;
	}
	return { ...customer, custom_fields: fields };
}

import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { readPages } from '../customers';
import { customFieldsOf } from '../helpers/customFieldsObject';

/** The API lists no field definitions, so names are gathered from this many pages of customers (50 each). */
export const CUSTOM_FIELD_PAGES = 2;

/** "From list" for custom field machine names: the names and labels found on the first customers' fields. */
export async function getCustomFieldNames(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const labels = new Map<string, string>();
	const collect = (customers: IDataObject[]) => {
		for (const customer of customers) {
			const fields = customFieldsOf(customer);
			for (const field of fields) {
				if (typeof field?.machine_name !== 'string' || labels.has(field.machine_name)) continue;
				labels.set(
					field.machine_name,
					typeof field.label === 'string' && field.label !== '' ? field.label : field.machine_name,
				);
			}
		}
	};
	await readPages.call(this, {}, { maxPages: CUSTOM_FIELD_PAGES, onPage: collect });
	return [...labels]
		.map(([value, label]) => ({
			name: label === value ? value : `${label} (${value})`,
			value,
			description: `Machine name: ${value}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

import type { IDataObject } from 'n8n-workflow';

import { customFieldsOf } from '../CustomerAccountFields/helpers/customFieldsObject';

export type TriggerEvent = 'customerCreated' | 'customerUpdated' | 'customFieldChanged';

/** The API's filter field that windows the event's reads: created_at is `customer_date`, the others read `updated_at`. */
export function windowField(event: TriggerEvent): 'customer_date' | 'updated_at' {
	return event === 'customerCreated' ? 'customer_date' : 'updated_at';
}

/** The customer's time on the windowed field (created_at or updated_at), epoch ms. */
export function rowTimeOf(customer: IDataObject, event: TriggerEvent): number | undefined {
	const time = Date.parse(
		String(customer[event === 'customerCreated' ? 'created_at' : 'updated_at']),
	);
	return Number.isNaN(time) ? undefined : time;
}

/**
 * When the customer last did what the event watches, in epoch ms, from the API's own data: created_at,
 * updated_at, or for custom fields the newest `updated_at` (epoch seconds) among the watched fields (all custom fields when none is named).
 */
export function changeTimeOf(
	customer: IDataObject,
	event: TriggerEvent,
	watched: readonly string[] = [],
): number | undefined {
	if (event !== 'customFieldChanged') return rowTimeOf(customer, event);
	const times = customFieldsOf(customer)
		.filter((field) => watched.length === 0 || watched.includes(String(field?.machine_name)))
		.map((field) => Number(field?.updated_at) * 1000)
		.filter(Number.isFinite);
	return times.length > 0 ? Math.max(...times) : undefined;
}

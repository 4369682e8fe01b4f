import type { IDataObject } from 'n8n-workflow';

// The shape of the API's customer replies, read in one place (pure).

/** The customers of a reply: GET /customers and GET /customers/{id} both answer with a `customers` list. */
export function customersIn(reply: IDataObject): IDataObject[] {
	return Array.isArray(reply.customers) ? (reply.customers as IDataObject[]) : [];
}

/** The reply's `next_page` cursor, or undefined when the list ends there. */
export function nextPageOf(reply: IDataObject): string | undefined {
	return typeof reply.next_page === 'string' && reply.next_page !== ''
		? reply.next_page
		: undefined;
}

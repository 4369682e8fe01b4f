import type { IDataObject } from 'n8n-workflow';

import { describeRequest, tryApiRequest, type ApiOutcome, type ApiRequest } from '../transport';
import type { CustomersContext, RequestOptions } from './read';

/** The API writes at most this many customers per request. */
export const MAX_BATCH = 10;

export interface CustomersWrite extends RequestOptions {
	/** POST creates, PUT updates (each customer then carries its `id`). */
	method: 'POST' | 'PUT';
	customers: IDataObject[];
	headers?: IDataObject;
}

function writeRequest(write: CustomersWrite): ApiRequest {
	const { method, customers, headers, itemIndex, timeoutMs } = write;
	return { method, path: '/customers', body: { customers }, headers, itemIndex, timeoutMs };
}

/** One batch write of at most MAX_BATCH customers; the outcome says how a failure happened. */
export async function writeCustomers(
	this: CustomersContext,
	write: CustomersWrite,
): Promise<ApiOutcome> {
	return await tryApiRequest.call(this, writeRequest(write));
}

/** The request writeCustomers would send, for Dry Run (the API key hidden). */
export async function describeWrite(
	this: CustomersContext,
	write: CustomersWrite,
): Promise<IDataObject> {
	return await describeRequest.call(this, writeRequest(write));
}

/** DELETE /customers/{id}: the API deletes one customer per request. */
export async function deleteCustomer(
	this: CustomersContext,
	id: string,
	options: RequestOptions = {},
): Promise<ApiOutcome> {
	return await tryApiRequest.call(this, { method: 'DELETE', path: `/customers/${id}`, ...options });
}

/** The request deleteCustomer would send, for Dry Run. */
export async function describeDelete(
	this: CustomersContext,
	id: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return await describeRequest.call(this, {
		method: 'DELETE',
		path: `/customers/${id}`,
		itemIndex,
	});
}

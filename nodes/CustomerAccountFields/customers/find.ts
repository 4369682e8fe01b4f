import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { buildFilterQuery } from '../filters/query';
import { customerMatchKey, type MatchBy } from '../helpers/matchKey';
import { apiRequest } from '../transport';
import { customersIn, type CustomersContext, type RequestOptions } from './read';

/** The query that searches for one email or phone (`key` as `matchKeyOf` gives it). */
export function matchQuery(matchBy: MatchBy, key: string): IDataObject {
	return { filters: buildFilterQuery([{ field: matchBy, operator: 'equals', value: key }]) };
}

/**
 * The customers whose email (any case) or phone (E.164) is exactly `key`: one search request. Only
 * exact matches are kept, whatever latitude the API's "equals" takes.
 */
export async function findCustomersBy(
	this: CustomersContext,
	matchBy: MatchBy,
	key: string,
	options: RequestOptions = {},
): Promise<IDataObject[]> {
	const reply = await apiRequest.call(this, { method: 'GET', path: '/customers', qs: matchQuery(matchBy, key), ...options });
	return customersIn(reply).filter((customer) => customerMatchKey(matchBy, customer) === key);
}

/**
 * GET /customers/{id}: the API answers like GET /customers (a one-element `customers` list); a bare
 * `customer` is accepted too. Undefined when the reply holds no customer.
 */
export async function getCustomer(this: CustomersContext, id: string, options: RequestOptions = {}): Promise<IDataObject | undefined> {
	const reply = await apiRequest.call(this, { method: 'GET', path: `/customers/${id}`, ...options });
	const [listed] = customersIn(reply);
	const bare = reply.customer;
	return listed ?? (bare !== null && typeof bare === 'object' && !Array.isArray(bare) ? (bare as IDataObject) : undefined);
}

/** getCustomer, failing with a 404-like API error that names the ID when there is no customer. */
export async function requireCustomer(this: CustomersContext, id: string, options: RequestOptions = {}): Promise<IDataObject> {
	const customer = await getCustomer.call(this, id, options);
	if (customer) return customer;
	throw new NodeApiError(this.getNode(), { message: 'customer not found' }, {
		message: 'customer not found',
		description: `The API returned no customer for ID ${id}.`,
		httpCode: '404',
		itemIndex: options.itemIndex,
	});
}

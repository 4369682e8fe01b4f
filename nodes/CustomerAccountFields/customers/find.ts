import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { buildFilterQuery } from '../filters/query';
import { customerMatchKey, type MatchBy } from '../helpers/matchKey';
import { apiRequest, tryApiRequest } from '../transport';
import { type CustomersContext, type RequestOptions } from './read';
import { customersIn } from './reply';

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
	const reply = await apiRequest.call(this, {
		method: 'GET',
		path: '/customers',
		qs: matchQuery(matchBy, key),
		...options,
	});
	return customersIn(reply).filter((customer) => customerMatchKey(matchBy, customer) === key);
}

/**
 * GET /customers/{id}: the API answers like GET /customers (a one-element `customers` list); a bare
 * `customer` is accepted too. Undefined when the reply holds no customer.
 */
export async function getCustomer(
	this: CustomersContext,
	id: string,
	options: RequestOptions = {},
): Promise<IDataObject | undefined> {
	const outcome = await tryApiRequest.call(this, {
		method: 'GET',
		path: `/customers/${id}`,
		...options,
	});
	if (!outcome.ok) {
		if (outcome.httpCode === '404') return undefined;
		throw outcome.error;
	}
	const [listed] = customersIn(outcome.body);
	const bare = outcome.body.customer;
	return (
		listed ??
		(bare !== null && typeof bare === 'object' && !Array.isArray(bare)
			? (bare as IDataObject)
			: undefined)
	);
}

/** getCustomer, failing with an error whose message names the ID (all a model using the node as a tool reads). */
export async function requireCustomer(
	this: CustomersContext,
	id: string,
	options: RequestOptions = {},
): Promise<IDataObject> {
	const customer = await getCustomer.call(this, id, options);
	if (customer) return customer;
	throw customerNotFound.call(this, id, options.itemIndex);
}

/** The error for an ID the API does not know (Get, Delete, Dry Run of Delete). */
export function customerNotFound(
	this: CustomersContext,
	id: string,
	itemIndex?: number,
): NodeApiError {
	const message = `No customer with ID ${id}`;
	return new NodeApiError(
		this.getNode(),
		{ message },
		{
			message,
			description:
				'The API answered 404. Check the customer ID or admin URL, or find the customer with Get Many (e.g. by email).',
			httpCode: '404',
			itemIndex,
		},
	);
}

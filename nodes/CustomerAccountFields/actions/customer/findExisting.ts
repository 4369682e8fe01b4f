import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { customerMatchKey, type MatchBy } from '../../helpers/matchKey';
import { findCustomersBy, PAGE_SIZE, readPages } from '../../customers';
import type { ItemResults } from '../itemResults';

/** How Create or Update finds the customers that already exist. */
export type LookUpMethod = 'auto' | 'perItem' | 'readAll';

/** The option that chooses the way; the README gives each one's cost. */
export const lookUpMethodOption: INodeProperties = {
	displayName: 'Find Existing Customers',
	name: 'lookUpMethod',
	type: 'options',
	options: [
		{
			name: 'Cheaper Way (Auto)',
			value: 'auto',
			description:
				'Reads up to N − 1 pages of customers (N = items); if the list is longer, searches each item instead. At most 2 × N − 1 requests.',
		},
		{
			name: 'One Search per Item',
			value: 'perItem',
			description: 'One request per item. Best for a few items and a large shop.',
		},
		{
			name: 'Read All Customers',
			value: 'readAll',
			description:
				'One request per 50 customers in the shop. Best for many items and a small shop.',
		},
	],
	default: 'auto',
};

export interface Lookups {
	/** The customers found for each key (an empty list: none). A key missing here failed: its item's error is in the results. */
	found: Map<string, IDataObject[]>;
	requests: number;
	way:
		| 'one search per item'
		| 'reading all customers'
		| 'reading customers, then one search per item';
}

interface LookUpSpec {
	matchBy: MatchBy;
	keys: string[];
	method: LookUpMethod;
	timeoutMs?: number;
	/** The first item that uses each key, for error messages. */
	itemOf: Map<string, number>;
	/** Where a key's failed search is recorded, as its item's failure. */
	results: ItemResults;
}

/**
 * Finds existing customers by email or phone. "auto" reads the customer list (50 per request) for
 * at most N − 1 pages, N being the number of keys; if the list ends by then that was cheaper than N
 * searches, otherwise it searches each key. So it costs min(pages, N) when one of the two is clearly
 * cheaper, and never more than 2 × N − 1.
 */
export async function findExisting(this: IExecuteFunctions, spec: LookUpSpec): Promise<Lookups> {
	const { keys, method } = spec;
	if (keys.length === 0) return { found: new Map(), requests: 0, way: 'one search per item' };
	if (method === 'readAll') {
		const read = await readCustomers.call(this, spec, undefined);
		return { found: read.found, requests: read.pages, way: 'reading all customers' };
	}
	let pagesSpent = 0;
	if (method === 'auto' && keys.length > 1) {
		const read = await readCustomers.call(this, spec, (keys.length - 1) * PAGE_SIZE);
		if (read.complete)
			return { found: read.found, requests: read.pages, way: 'reading all customers' };
		pagesSpent = read.pages;
	}
	return {
		found: await searchEach.call(this, spec),
		requests: pagesSpent + keys.length,
		way: pagesSpent > 0 ? 'reading customers, then one search per item' : 'one search per item',
	};
}

async function readCustomers(
	this: IExecuteFunctions,
	spec: LookUpSpec,
	limit: number | undefined,
): Promise<{ found: Map<string, IDataObject[]>; pages: number; complete: boolean }> {
	const wanted = new Set(spec.keys);
	const found = new Map<string, IDataObject[]>(spec.keys.map((key) => [key, []]));
	const { count, pages } = await readPages.call(
		this,
		{},
		{
			limit,
			itemIndex: spec.itemOf.get(spec.keys[0]),
			timeoutMs: spec.timeoutMs,
			onPage: (customers) => {
				for (const customer of customers) {
					const key = customerMatchKey(spec.matchBy, customer);
					if (wanted.has(key)) found.get(key)!.push(customer);
				}
			},
		},
	);
	// Reading stops early only when it reaches the limit, so fewer customers means the list ended.
	return { found, pages, complete: limit === undefined || count < limit };
}

async function searchEach(
	this: IExecuteFunctions,
	spec: LookUpSpec,
): Promise<Map<string, IDataObject[]>> {
	const found = new Map<string, IDataObject[]>();
	for (const key of spec.keys) {
		const itemIndex = spec.itemOf.get(key);
		try {
			found.set(
				key,
				await findCustomersBy.call(this, spec.matchBy, key, {
					itemIndex,
					timeoutMs: spec.timeoutMs,
				}),
			);
		} catch (error) {
			spec.results.fail(itemIndex ?? 0, error);
		}
	}
	return found;
}

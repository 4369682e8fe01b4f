import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	buildCustomerPayload,
	type CustomerAttributes,
	type CustomFieldEntry,
} from '../../helpers/customerPayload';
import { InputError } from '../../helpers/inputError';
import { laterDuplicates, matchKeyOf, type MatchBy } from '../../helpers/matchKey';
import { allItems, prepareItems, type ItemResults } from '../itemResults';
import type { Lookups } from './findExisting';

// Create or Update's plan: each item's match key and customer, checked before any request, then sorted
// into creates and updates by what the lookup found.

export interface Planned {
	key: string;
	customer: IDataObject;
}

/** Items with no customer are to be created, with one to be updated (mapped to it); with several they fail, as do items whose search failed. */
export function sortByMatch(
	this: IExecuteFunctions,
	results: ItemResults,
	planned: Map<number, Planned>,
	lookups: Lookups,
	matchBy: MatchBy,
): { creates: number[]; updates: Map<number, IDataObject> } {
	const creates: number[] = [];
	const updates = new Map<number, IDataObject>();
	for (const [itemIndex, { key }] of planned) {
		if (results.has(itemIndex)) continue;
		const matches = lookups.found.get(key) ?? [];
		if (matches.length > 1)
			results.fail(itemIndex, ambiguous.call(this, itemIndex, matchBy, matches));
		else if (matches.length === 1) updates.set(itemIndex, matches[0]);
		else creates.push(itemIndex);
	}
	return { creates, updates };
}

/** Reads and checks every item before any request; later items repeating an earlier item's key are refused. */
export function planItems(
	this: IExecuteFunctions,
	results: ItemResults,
	items: INodeExecutionData[],
	matchBy: MatchBy,
): Map<number, Planned> {
	const planned = new Map<number, Planned>();
	for (const { itemIndex, value } of prepareItems(results, allItems(items), (i) =>
		planItem.call(this, i, matchBy),
	)) {
		planned.set(itemIndex, value);
	}
	const keys = new Map<number, string>();
	for (const [itemIndex, entry] of planned) keys.set(itemIndex, entry.key);
	for (const [itemIndex, first] of laterDuplicates(keys)) {
		const label = matchBy === 'email' ? 'Email' : 'Phone';
		planned.delete(itemIndex);
		results.fail(
			itemIndex,
			new InputError(
				`${label}: item ${first} has the same ${matchBy} (${keys.get(itemIndex)})`,
				`Both would write one customer. Merge the two items first (e.g. with the Remove Duplicates node), or run them in separate executions.`,
			),
		);
	}
	return planned;
}
function planItem(this: IExecuteFunctions, itemIndex: number, matchBy: MatchBy): Planned {
	const matchValue = this.getNodeParameter(matchBy, itemIndex, '') as string;
	const key = matchKeyOf(matchBy, matchValue);
	const attributes = this.getNodeParameter('additionalFields', itemIndex, {}) as CustomerAttributes;
	if (attributes[matchBy] !== undefined && attributes[matchBy] !== '') {
		const label = matchBy === 'email' ? 'Email' : 'Phone';
		throw new InputError(
			`Additional Fields › ${label}: the ${matchBy} is what Match By uses`,
			`Set it in the ${label} field above, and remove it from Additional Fields.`,
		);
	}
	const customFields = this.getNodeParameter(
		'customFields.field',
		itemIndex,
		[],
	) as CustomFieldEntry[];
	return {
		key,
		customer: buildCustomerPayload(
			{ ...attributes, [matchBy]: matchBy === 'phone' ? key : String(matchValue).trim() },
			customFields,
		),
	};
}

function ambiguous(
	this: IExecuteFunctions,
	itemIndex: number,
	matchBy: MatchBy,
	matches: IDataObject[],
): NodeOperationError {
	const ids = matches.map((customer) => String(customer.id)).join(', ');
	return new NodeOperationError(
		this.getNode(),
		`${matches.length} customers have this ${matchBy} (IDs ${ids}); none was updated or created (item ${itemIndex})`,
		{
			itemIndex,
			description:
				'Merge or correct those customers in Shopify, or update the right one with the Update operation and its ID.',
		},
	);
}

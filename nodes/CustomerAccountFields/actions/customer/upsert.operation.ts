import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { customerIdValue } from '../../helpers/customerId';
import {
	buildCustomerPayload,
	type CustomerAttributes,
	type CustomFieldEntry,
} from '../../helpers/customerPayload';
import { InputError } from '../../helpers/inputError';
import { laterDuplicates, matchKeyOf, type MatchBy } from '../../helpers/matchKey';
import { allItems, ItemResults, prepareItems } from '../itemResults';
import { addHint } from '../executionHint';
import { writeInBatches, type WriteSpec } from './batchWrite';
import { describeWrites, dryRunOption, isDryRun } from './dryRun';
import {
	customerAttributeFields,
	customFieldsCollection,
	optionsCollection,
	timeoutOption,
} from '../../descriptions/parameters';
import { findExisting, lookUpMethodOption, type LookUpMethod, type Lookups } from './findExisting';
import { timeoutOf } from './itemParameters';
import { skipUnchanged, skipUnchangedOption } from './skipUnchanged';

const properties: INodeProperties[] = [
	{
		displayName:
			'Existing customers are found with one search per item, or by reading all customers (50 per request) when that is cheaper. See Options › Find Existing Customers.',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		options: [
			{
				name: 'Email',
				value: 'email',
				description: 'Update the customer with this email, or create one',
			},
			{
				name: 'Phone',
				value: 'phone',
				description: 'Update the customer with this phone number, or create one',
			},
		],
		default: 'email',
		description: 'How to tell whether the customer already exists',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		displayOptions: { show: { matchBy: ['email'] } },
		description: 'The customer to update, or to create if no customer has this email',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		placeholder: 'e.g. +16135551111',
		default: '',
		required: true,
		displayOptions: { show: { matchBy: ['phone'] } },
		description:
			'The customer to update, or to create if no customer has this number. International format: "+", country code, number.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: customerAttributeFields(true),
	},
	customFieldsCollection,
	optionsCollection([
		lookUpMethodOption,
		skipUnchangedOption,
		dryRunOption(
			'Whether to only show the requests that would be sent, without writing. The searches for existing customers still run and cost API calls.',
		),
		timeoutOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['upsert'] } },
	properties,
);

interface Planned {
	key: string;
	customer: IDataObject;
}

/**
 * Create or Update: finds which items' customers exist, then creates the others and updates those,
 * each ten per request. Output: per item, the customer as sent and `result` "created" or "updated";
 * with Skip Unchanged, an item whose customer already holds its values is not sent ("unchanged").
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const matchBy = this.getNodeParameter('matchBy', 0, 'email') as MatchBy;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const timeoutMs = timeoutOf.call(this, 0);
	const results = new ItemResults(this);
	const planned = planItems.call(this, results, items, matchBy);

	const itemOf = new Map<string, number>();
	for (const [itemIndex, entry] of planned) itemOf.set(entry.key, itemIndex);
	let lookups: Lookups;
	try {
		const method = (options.lookUpMethod as LookUpMethod) ?? 'auto';
		lookups = await findExisting.call(this, {
			matchBy,
			keys: [...itemOf.keys()],
			method,
			timeoutMs,
			itemOf,
			results,
		});
	} catch (error) {
		// The whole lookup failed (reading all customers): every item not failed yet gets its error.
		for (const itemIndex of allItems(items))
			if (!results.has(itemIndex)) results.fail(itemIndex, error);
		return results.output(allItems(items));
	}
	addHint(this, {
		message: `Found existing customers by ${lookups.way}: ${lookups.requests} request(s).`,
		location: 'outputPane',
	});

	const { creates, updates } = sortByMatch.call(this, results, planned, lookups, matchBy);
	const dryRun = isDryRun.call(this);
	if (options.skipUnchanged === true)
		skipUnchanged(results, updates, (i) => planned.get(i)!.customer, dryRun);

	const create: WriteSpec = {
		method: 'POST',
		timeoutMs,
		itemIndexes: creates,
		result: 'created',
		prepare: (i) => planned.get(i)!.customer,
	};
	const update: WriteSpec = {
		method: 'PUT',
		timeoutMs,
		itemIndexes: updates.keys(),
		result: 'updated',
		prepare: (i) => ({
			id: customerIdValue(String(updates.get(i)!.id)),
			...planned.get(i)!.customer,
		}),
	};
	if (dryRun) {
		const posts = await describeWrites.call(this, results, create);
		const puts = await describeWrites.call(this, results, update, posts.length + 1);
		return [...results.output(), ...posts, ...puts];
	}
	await writeInBatches.call(this, results, create);
	await writeInBatches.call(this, results, update);
	return results.output(allItems(items));
}

/** Items with no customer are to be created, with one to be updated (mapped to it); with several they fail, as do items whose search failed. */
function sortByMatch(
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
function planItems(
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

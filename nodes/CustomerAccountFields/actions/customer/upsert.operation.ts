import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { customerIdValue } from '../../helpers/customerId';
import { buildCustomerPayload, type CustomerAttributes, type CustomFieldEntry } from '../../helpers/customerPayload';
import { InputError } from '../../helpers/inputError';
import { laterDuplicates, matchKeyOf, type MatchBy } from '../../helpers/matchKey';
import { errorItem, prepareItems, toItemError } from '../runPerItem';
import { addHint } from '../executionHint';
import { writeInBatches, type WriteSpec } from './batchWrite';
import { describeWrites, dryRunOption, isDryRun } from './dryRun';
import { customerAttributeFields, customFieldsCollection, optionsCollection, timeoutOption } from '../../descriptions/parameters';
import { findExisting, lookUpMethodOption, type LookUpMethod, type Lookups } from './findExisting';
import { timeoutOf } from './itemParameters';

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
			{ name: 'Email', value: 'email', description: 'Update the customer with this email, or create one' },
			{ name: 'Phone', value: 'phone', description: 'Update the customer with this phone number, or create one' },
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
		description: 'The customer to update, or to create if no customer has this number. International format: "+", country code, number.',
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
		dryRunOption('Whether to only show the requests that would be sent, without writing. The searches for existing customers still run and cost API calls.'),
		timeoutOption,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['upsert'] } }, properties);

interface Planned {
	key: string;
	customer: IDataObject;
}

/**
 * Create or Update: finds which items' customers exist, then creates the others and updates those,
 * each ten per request. Output: per item, the customer as sent and `result` "created" or "updated".
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const matchBy = this.getNodeParameter('matchBy', 0, 'email') as MatchBy;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const timeoutMs = timeoutOf.call(this, 0);
	// Every item's output: its error as soon as it fails, or its write's result.
	const results = new Map<number, INodeExecutionData>();
	const planned = planItems.call(this, items, matchBy, results);

	const itemOf = new Map([...planned].map(([itemIndex, entry]) => [entry.key, itemIndex]));
	let lookups: Lookups;
	try {
		lookups = await findExisting.call(this, { matchBy, keys: [...itemOf.keys()], method: (options.lookUpMethod as LookUpMethod) ?? 'auto', timeoutMs, itemOf });
	} catch (error) {
		if (!this.continueOnFail()) throw toItemError.call(this, error, 0);
		return items.map((_, itemIndex) => results.get(itemIndex) ?? errorItem(toItemError.call(this, error, itemIndex), itemIndex));
	}
	addHint(this, { message: `Found existing customers by ${lookups.way}: ${lookups.requests} request(s).`, location: 'outputPane' });

	const { creates, updates } = sortByMatch.call(this, planned, lookups, matchBy, results);

	const create: WriteSpec = { method: 'POST', timeoutMs, itemIndexes: creates, prepare: (i) => planned.get(i)!.customer };
	const update: WriteSpec = {
		method: 'PUT',
		timeoutMs,
		itemIndexes: [...updates.keys()],
		prepare: (i) => ({ id: customerIdValue(updates.get(i)!), ...planned.get(i)!.customer }),
	};
	if (isDryRun.call(this)) {
		const posts = await describeWrites.call(this, items, create);
		return [...results.values(), ...posts, ...(await describeWrites.call(this, items, update, posts.length + 1))];
	}
	const written = [...(await writeInBatches.call(this, items, create)), ...(await writeInBatches.call(this, items, update))];
	for (const item of written) {
		const itemIndex = (item.pairedItem as { item: number }).item;
		results.set(itemIndex, item.error ? item : { ...item, json: { result: updates.has(itemIndex) ? 'updated' : 'created', ...item.json } });
	}
	return items.map((_, itemIndex) => results.get(itemIndex)!);
}

/** Items with no customer are to be created, with one to be updated; with several, or a failed search, they fail. */
function sortByMatch(
	this: IExecuteFunctions,
	planned: Map<number, Planned>,
	lookups: Lookups,
	matchBy: MatchBy,
	failed: Map<number, INodeExecutionData>,
): { creates: number[]; updates: Map<number, string> } {
	const creates: number[] = [];
	const updates = new Map<number, string>();
	for (const [itemIndex, { key }] of planned) {
		const matches = lookups.found.get(key);
		const problem = matches === undefined ? lookups.failed.get(key) : matches.length > 1 ? ambiguous.call(this, itemIndex, matchBy, matches) : undefined;
		if (problem !== undefined) {
			if (!this.continueOnFail()) throw toItemError.call(this, problem, itemIndex);
			failed.set(itemIndex, errorItem(toItemError.call(this, problem, itemIndex), itemIndex));
		} else if (matches!.length === 1) updates.set(itemIndex, String(matches![0].id));
		else creates.push(itemIndex);
	}
	return { creates, updates };
}

/** Reads and checks every item before any request; later items repeating an earlier item's key are refused. */
function planItems(this: IExecuteFunctions, items: INodeExecutionData[], matchBy: MatchBy, failed: Map<number, INodeExecutionData>): Map<number, Planned> {
	const planned = new Map<number, Planned>();
	for (const entry of prepareItems(this, items, (itemIndex) => planItem.call(this, itemIndex, matchBy))) {
		if ('error' in entry) failed.set(entry.itemIndex, errorItem(entry.error, entry.itemIndex));
		else planned.set(entry.itemIndex, entry.value);
	}
	const keys = new Map([...planned].map(([itemIndex, entry]) => [itemIndex, entry.key]));
	for (const [itemIndex, first] of laterDuplicates(keys)) {
		const label = matchBy === 'email' ? 'Email' : 'Phone';
		const error = toItemError.call(
			this,
			new InputError(`${label}: item ${first} has the same ${matchBy} (${keys.get(itemIndex)})`, `Both would write one customer. Merge the two items first (e.g. with the Remove Duplicates node), or run them in separate executions.`),
			itemIndex,
		);
		if (!this.continueOnFail()) throw error;
		planned.delete(itemIndex);
		failed.set(itemIndex, errorItem(error, itemIndex));
	}
	return planned;
}

function planItem(this: IExecuteFunctions, itemIndex: number, matchBy: MatchBy): Planned {
	const matchValue = this.getNodeParameter(matchBy, itemIndex, '') as string;
	const key = matchKeyOf(matchBy, matchValue);
	const attributes = this.getNodeParameter('additionalFields', itemIndex, {}) as CustomerAttributes;
	if (attributes[matchBy] !== undefined && attributes[matchBy] !== '') {
		const label = matchBy === 'email' ? 'Email' : 'Phone';
		throw new InputError(`Additional Fields › ${label}: the ${matchBy} is what Match By uses`, `Set it in the ${label} field above, and remove it from Additional Fields.`);
	}
	const customFields = this.getNodeParameter('customFields.field', itemIndex, []) as CustomFieldEntry[];
	return { key, customer: buildCustomerPayload({ ...attributes, [matchBy]: matchBy === 'phone' ? key : String(matchValue).trim() }, customFields) };
}

function ambiguous(this: IExecuteFunctions, itemIndex: number, matchBy: MatchBy, matches: IDataObject[]): NodeOperationError {
	const ids = matches.map((customer) => String(customer.id)).join(', ');
	return new NodeOperationError(this.getNode(), `${matches.length} customers have this ${matchBy} (IDs ${ids}); none was updated or created (item ${itemIndex})`, {
		itemIndex,
		description: 'Merge or correct those customers in Shopify, or update the right one with the Update operation and its ID.',
	});
}

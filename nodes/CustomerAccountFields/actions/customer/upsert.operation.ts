import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { customerIdValue } from '../../helpers/customerId';
import type { MatchBy } from '../../helpers/matchKey';
import { allItems, ItemResults } from '../itemResults';
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
import { planItems, sortByMatch } from './upsertPlan';

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

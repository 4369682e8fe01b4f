import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { readPages } from '../../customers';
import {
	customFieldsAsObjectOption,
	optionsCollection,
	timeoutOption,
} from '../../descriptions/parameters';
import { outputOf, readOutputParameters, shapeCustomer } from '../../descriptions/output';
import { filterConditionsCollection } from '../../filters/editor';
import { buildFilterQuery, type FilterCondition } from '../../filters/query';
import { InputError } from '../../helpers/inputError';
import { runPerItem } from '../runPerItem';
import { timeoutOf } from './itemParameters';
import { TOOL_GET_MANY_LIMIT } from './toolDescriptions';

const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] }, hide: { '@tool': [true] } },
};

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	limit,
	// As an AI agent's tool, fewer customers by default: the model reads each one (`@tool`, see toolDescriptions.ts).
	{
		...limit,
		default: TOOL_GET_MANY_LIMIT,
		displayOptions: { show: { returnAll: [false], '@tool': [true] } },
	},
	filterConditionsCollection,
	...readOutputParameters(),
	optionsCollection([customFieldsAsObjectOption, timeoutOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getAll'] } },
	properties,
);

/** Reads pages of 50 by following the API's cursor; the API reports no totals, so it reads until no next page. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
			throw new InputError(
				`Limit: ${limit} is not a whole number of at least 1`,
				'Set Limit to 1 or more, or turn on Return All.',
			);
		}
		const filters = buildFilterQuery(
			this.getNodeParameter('filters.conditions', itemIndex, []) as FilterCondition[],
		);
		const output = outputOf.call(this, itemIndex);
		const qs = filters ? { filters } : {};
		return async (results) => {
			const shape = (customer: IDataObject) => shapeCustomer(customer, output);
			await readPages.call(this, qs, {
				limit,
				itemIndex,
				timeoutMs: timeoutOf.call(this, itemIndex),
				onPage: (customers) => {
					for (const customer of customers) results.push(shape(customer));
					this.logger.info(`Customer Account Fields: read ${results.length} customers so far`);
				},
			});
		};
	});
}

import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { customerIdValue } from '../../helpers/customerId';
import { customerNotFound, deleteCustomer, describeDelete, requireCustomer } from '../../customers';
import { customerIdLocator, optionsCollection, timeoutOption } from '../../descriptions/parameters';
import { runPerItem } from '../runPerItem';
import { dryRunOption, isDryRun } from './dryRun';
import { customerIdOf, timeoutOf } from './itemParameters';

const properties: INodeProperties[] = [
	customerIdLocator,
	optionsCollection([
		dryRunOption(
			'Whether to only show what would be deleted, without deleting. Each customer is still read: one API call per item.',
		),
		timeoutOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['delete'] } },
	properties,
);

/** One DELETE per item: the API deletes a single customer per request. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const dryRun = isDryRun.call(this);
	return await runPerItem.call(this, items, (itemIndex) => {
		const id = customerIdOf.call(this, itemIndex);
		return async (results) => {
			if (dryRun) {
				results.push(await dryRunDelete.call(this, itemIndex, id));
				return;
			}
			const outcome = await deleteCustomer.call(this, id, {
				itemIndex,
				timeoutMs: timeoutOf.call(this, itemIndex),
			});
			// A 404 after an attempt the API may have carried out (5xx, reset, timeout) means that attempt deleted it.
			const deletedEarlier =
				!outcome.ok && outcome.httpCode === '404' && outcome.earlierAttemptMayHaveActed;
			if (!outcome.ok && !deletedEarlier)
				throw outcome.httpCode === '404'
					? customerNotFound.call(this, id, itemIndex)
					: outcome.error;
			results.push({ deleted: true, id: customerIdValue(id) });
		};
	});
}

/** Dry run: reads the customer (a 404 fails the item as the delete would) and shows the request. */
async function dryRunDelete(
	this: IExecuteFunctions,
	itemIndex: number,
	id: string,
): Promise<IDataObject> {
	const timeoutMs = timeoutOf.call(this, itemIndex);
	const customer = await requireCustomer.call(this, id, { itemIndex, timeoutMs });
	const request = await describeDelete.call(this, id, itemIndex);
	return { dryRun: true, ...request, customer };
}

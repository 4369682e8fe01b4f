import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { customerIdValue } from '../../helpers/customerId';
import { tryApiRequest } from '../../transport';
import { runPerItem } from '../runPerItem';
import { customerIdLocator, optionsCollection, timeoutOption } from './fields';
import { customerIdOf, timeoutOf } from './itemParameters';

const properties: INodeProperties[] = [
	customerIdLocator,
	optionsCollection([timeoutOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['delete'] } }, properties);

/** One DELETE per item: the API deletes a single customer per request. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, (itemIndex) => {
		const id = customerIdOf.call(this, itemIndex);
		return async (results) => {
			const outcome = await tryApiRequest.call(this, {
				method: 'DELETE',
				path: `/customers/${id}`,
				itemIndex,
				timeoutMs: timeoutOf.call(this, itemIndex),
			});
			// A 404 after an attempt the API may have carried out (5xx, reset, timeout) means that attempt deleted it.
			const deletedEarlier = !outcome.ok && outcome.httpCode === '404' && outcome.earlierAttemptMayHaveActed;
			if (!outcome.ok && !deletedEarlier) throw outcome.error;
			results.push({ deleted: true, id: customerIdValue(id) });
		};
	});
}

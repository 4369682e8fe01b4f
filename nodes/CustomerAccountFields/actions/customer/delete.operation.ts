import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { customerIdValue } from '../../helpers/customerId';
import { apiRequest } from '../../transport';
import { runPerItem } from '../itemErrors';
import { customerIdLocator, optionsCollection, timeoutOption } from './fields';
import { customerIdOf, timeoutOf } from './readCustomer';

const properties: INodeProperties[] = [
	customerIdLocator,
	optionsCollection([timeoutOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['delete'] } }, properties);

/** One DELETE per item: the API deletes a single customer per request. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, {
		prepare: (itemIndex) => customerIdOf.call(this, itemIndex),
		send: async (itemIndex, id, results) => {
			await apiRequest.call(this, {
				method: 'DELETE',
				path: `/customers/${id}`,
				itemIndex,
				timeoutMs: timeoutOf.call(this, itemIndex),
				goneAfterRetryIsDone: true,
			});
			results.push({ deleted: true, id: customerIdValue(id) });
		},
	});
}

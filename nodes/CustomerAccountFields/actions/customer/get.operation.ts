import {
	NodeApiError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { runPerItem } from '../runPerItem';
import { customerIdLocator, customFieldsAsObjectOption, optionsCollection, timeoutOption } from './fields';
import { customerIdOf, timeoutOf } from './itemParameters';
import { outputOf, readOutputParameters, shapeCustomer } from './output';

const properties: INodeProperties[] = [
	customerIdLocator,
	...readOutputParameters(),
	optionsCollection([customFieldsAsObjectOption, timeoutOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, (itemIndex) => {
		const id = customerIdOf.call(this, itemIndex);
		const output = outputOf.call(this, itemIndex);
		return async (results) => {
			const response = await apiRequest.call(this, {
				method: 'GET',
				path: `/customers/${id}`,
				itemIndex,
				timeoutMs: timeoutOf.call(this, itemIndex),
			});
			// The API answers like GET /customers (a one-element "customers" list); a bare "customer" is accepted too.
			const customer = (Array.isArray(response.customers) ? response.customers[0] : response.customer) as IDataObject | undefined;
			if (!customer) {
				throw new NodeApiError(this.getNode(), { message: 'customer not found' }, {
					message: 'customer not found',
					description: `The API returned no customer for ID ${id}.`,
					httpCode: '404',
					itemIndex,
				});
			}
			results.push(shapeCustomer(customer, output));
		};
	});
}

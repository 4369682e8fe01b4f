import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { requireCustomer } from '../../customers';
import {
	customerIdLocator,
	customFieldsAsObjectOption,
	optionsCollection,
	timeoutOption,
} from '../../descriptions/parameters';
import { outputOf, readOutputParameters, shapeCustomer } from '../../descriptions/output';
import { runPerItem } from '../runPerItem';
import { customerIdOf, timeoutOf } from './itemParameters';

const properties: INodeProperties[] = [
	customerIdLocator,
	...readOutputParameters(),
	optionsCollection([customFieldsAsObjectOption, timeoutOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, (itemIndex) => {
		const id = customerIdOf.call(this, itemIndex);
		const output = outputOf.call(this, itemIndex);
		return async (results) => {
			const customer = await requireCustomer.call(this, id, {
				itemIndex,
				timeoutMs: timeoutOf.call(this, itemIndex),
			});
			results.push(shapeCustomer(customer, output));
		};
	});
}

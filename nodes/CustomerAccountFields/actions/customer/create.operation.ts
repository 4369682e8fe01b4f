import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import {
	buildCustomerPayload,
	type CustomerAttributes,
	type CustomFieldEntry,
} from '../../helpers/customerPayload';
import { InputError } from '../../helpers/inputError';
import { allItems, ItemResults } from '../itemResults';
import { writeInBatches } from './batchWrite';
import { lookUpCreated } from './lookUpCreated';
import {
	customerAttributeFields,
	customFieldsCollection,
	optionsCollection,
	timeoutOption,
} from '../../descriptions/parameters';
import { timeoutOf } from './itemParameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description:
			'Unique email address of the new customer. Needed unless a phone number or a name is given.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: customerAttributeFields(false, true),
	},
	customFieldsCollection,
	optionsCollection([
		{
			displayName: 'Look Up Created Customers',
			name: 'lookUpCreated',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the new customers back and output them as the API returns them, with their ID. Usually one extra request per 50 new customers (at most one per batch of 10), plus one per customer the search does not show yet.',
		},
		timeoutOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['create'] } },
	properties,
);

/** Items are created ten per request. The API returns no IDs, so the output is each customer as sent (passwords hidden). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const startedAt = Date.now();
	const timeoutMs = timeoutOf.call(this, 0);
	const results = new ItemResults(this);
	await writeInBatches.call(this, results, {
		method: 'POST',
		timeoutMs,
		itemIndexes: allItems(items),
		prepare: (itemIndex) => {
			const attributes: CustomerAttributes = {
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as CustomerAttributes),
				email: this.getNodeParameter('email', itemIndex, '') as string,
			};
			const customFields = this.getNodeParameter(
				'customFields.field',
				itemIndex,
				[],
			) as CustomFieldEntry[];
			const customer = buildCustomerPayload(attributes, customFields);
			if (!customer.email && !customer.phone && !customer.first_name && !customer.last_name) {
				throw new InputError(
					'Email: a new customer needs an email, a phone number or a name',
					'Fill in Email, or add Phone, First Name or Last Name under Additional Fields.',
				);
			}
			return customer;
		},
	});
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const written = results.output(allItems(items));
	return options.lookUpCreated === true
		? await lookUpCreated.call(this, written, startedAt, timeoutMs)
		: written;
}

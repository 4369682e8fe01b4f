import {
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
import { allItems, ItemResults } from '../itemResults';
import { writeInBatches, type WriteSpec } from './batchWrite';
import { describeWrites, dryRunOption, isDryRun } from './dryRun';
import {
	customerAttributeFields,
	customerIdLocator,
	customFieldsCollection,
	optionsCollection,
	timeoutOption,
} from '../../descriptions/parameters';
import { customerIdOf, timeoutOf } from './itemParameters';

const properties: INodeProperties[] = [
	customerIdLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: customerAttributeFields(true),
	},
	customFieldsCollection,
	optionsCollection([
		{
			displayName: 'Delete Empty Fields',
			name: 'deleteEmptyFields',
			type: 'boolean',
			default: false,
			description:
				'Whether a custom field given an empty value is deleted from the customer. Off: an empty value leaves the field unchanged. Each deletion costs the app a Shopify API call.',
		},
		dryRunOption(
			'Whether to only show the requests that would be sent, without sending any (no API call)',
		),
		timeoutOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['update'] } },
	properties,
);

/** Items are updated ten per request (PUT /customers). The output is each customer's changes as sent. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const deleteEmptyFields = options.deleteEmptyFields === true;
	const spec: WriteSpec = {
		method: 'PUT',
		headers: deleteEmptyFields ? { 'x-delete-empty-metafields': 'true' } : undefined,
		timeoutMs: timeoutOf.call(this, 0),
		itemIndexes: allItems(items),
		prepare: (itemIndex) => {
			const id = customerIdOf.call(this, itemIndex);
			const attributes = this.getNodeParameter('updateFields', itemIndex, {}) as CustomerAttributes;
			const customFields = this.getNodeParameter(
				'customFields.field',
				itemIndex,
				[],
			) as CustomFieldEntry[];
			const changes = buildCustomerPayload(attributes, customFields, deleteEmptyFields);
			if (Object.keys(changes).length === 0) {
				throw new InputError(
					'Update Fields: nothing to update',
					'Add at least one field under Update Fields or Custom Fields.',
				);
			}
			return { id: customerIdValue(id), ...changes };
		},
	};
	const results = new ItemResults(this);
	if (isDryRun.call(this)) {
		const requests = await describeWrites.call(this, results, spec);
		return [...results.output(), ...requests];
	}
	await writeInBatches.call(this, results, spec);
	return results.output(allItems(items));
}

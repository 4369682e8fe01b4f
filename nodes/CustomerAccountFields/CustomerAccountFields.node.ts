import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as customer from './actions/customer/Customer.resource';
import { router } from './actions/router';
import { searchCustomers } from './methods/listSearch';
import { getCustomFieldNames } from './methods/loadOptions';

export class CustomerAccountFields implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Customer Account Fields',
		name: 'customerAccountFields',
		icon: { light: 'file:customerAccountFields.svg', dark: 'file:customerAccountFields.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			"Read and write Shopify customers and their custom fields with Bonify's Customer Account Fields app",
		defaults: { name: 'Customer Account Fields' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'customerAccountFieldsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Customer', value: 'customer' }],
				default: 'customer',
			},
			...customer.description,
		],
	};

	methods = { listSearch: { searchCustomers }, loadOptions: { getCustomFieldNames } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

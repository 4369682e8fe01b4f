import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { optionsCollection, timeoutOption } from '../CustomerAccountFields/descriptions/parameters';
import { outputParameters } from '../CustomerAccountFields/descriptions/output';
import { filterConditionsCollection } from '../CustomerAccountFields/filters/editor';
import { getCustomFieldNames } from '../CustomerAccountFields/methods/loadOptions';
import { DEFAULT_OVERLAP_SECONDS, pollChanges } from './pollChanges';

export class CustomerAccountFieldsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Customer Account Fields Trigger',
		name: 'customerAccountFieldsTrigger',
		icon: { light: 'file:../CustomerAccountFields/customerAccountFields.svg', dark: 'file:../CustomerAccountFields/customerAccountFields.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description: "Starts the workflow when a Shopify customer or one of their custom fields (Bonify's Customer Account Fields app) is created or changed",
		defaults: { name: 'Customer Account Fields Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'customerAccountFieldsApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer Created', value: 'customerCreated', description: 'A new customer (by created_at)' },
					{ name: 'Customer Updated', value: 'customerUpdated', description: 'Any change to a customer (by updated_at), including new ones' },
					{
						name: 'Custom Field Changed',
						value: 'customFieldChanged',
						description: "One of the chosen custom fields was set or changed (by the field's own updated_at)",
					},
				],
				default: 'customerUpdated',
			},
			{
				displayName: 'Custom Field Names or IDs',
				name: 'customFields',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCustomFieldNames' },
				default: [],
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Machine names of the fields to watch; leave empty to watch every custom field',
				displayOptions: { show: { event: ['customFieldChanged'] } },
			},
			filterConditionsCollection,
			...outputParameters('simplified'),
			optionsCollection([
				{
					displayName: 'Include Existing',
					name: 'includeExisting',
					type: 'boolean',
					default: false,
					description: 'Whether the first poll after activation emits every matching customer that exists already (reading all of them once), instead of nothing',
				},
				{
					displayName: 'Overlap (Seconds)',
					name: 'overlapSeconds',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: DEFAULT_OVERLAP_SECONDS,
					description: 'How far before the last change seen each poll reads again, to catch changes the API shows late; each change is still emitted only once',
				},
				timeoutOption,
			]),
		],
	};

	methods = { loadOptions: { getCustomFieldNames } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this);
	}
}

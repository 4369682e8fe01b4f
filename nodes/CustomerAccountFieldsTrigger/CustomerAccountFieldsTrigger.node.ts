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
import { pollChanges } from './pollChanges';
import { DEFAULT_MAX_CHANGES_PER_POLL, DEFAULT_OVERLAP_SECONDS } from './pollPlan';

export class CustomerAccountFieldsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Customer Account Fields Trigger',
		name: 'customerAccountFieldsTrigger',
		icon: {
			light: 'file:../CustomerAccountFields/customerAccountFields.svg',
			dark: 'file:../CustomerAccountFields/customerAccountFields.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			"Starts the workflow when a Shopify customer or one of their custom fields (Bonify's Customer Account Fields app) is created or changed",
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
					{
						name: 'Customer Created',
						value: 'customerCreated',
						description: 'A new customer (by created_at)',
					},
					{
						name: 'Customer Updated',
						value: 'customerUpdated',
						description: 'Any change to a customer (by updated_at), including new ones',
					},
					{
						name: 'Custom Field Changed',
						value: 'customFieldChanged',
						description:
							"One of the chosen custom fields was set or changed (by the field's own updated_at)",
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
					description:
						'Whether to emit every matching customer that exists already, oldest change first, over the polls after activation (at most Max Changes per Poll each), instead of nothing',
				},
				{
					displayName: 'Max Changes per Poll',
					name: 'maxChangesPerPoll',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: DEFAULT_MAX_CHANGES_PER_POLL,
					description:
						'The most changes one poll emits (it may exceed this by less than one page of 50); a larger backlog, after downtime or with Include Existing, is emitted over the following polls, oldest first',
				},
				{
					displayName: 'Overlap (Seconds)',
					name: 'overlapSeconds',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: DEFAULT_OVERLAP_SECONDS,
					description:
						"How long the API's search may take to show a change; each stretch of time is read once more when it is this old, and each change is still emitted only once",
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

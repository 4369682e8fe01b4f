import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	CUSTOM_FIELD,
	FILTER_FIELDS,
	fieldsOfType,
	operatorOptions,
	VALUELESS_OPERATORS,
	type FilterFieldType,
} from './fieldTable';

const FIELD_TYPES: FilterFieldType[] = ['text', 'tag', 'number', 'id', 'date', 'boolean', 'choice'];

const VALUE_HINTS: Record<FilterFieldType, string> = {
	text: 'e.g. bonify',
	tag: 'e.g. vip',
	number: 'e.g. 3',
	id: 'e.g. 6940095564123',
	date: 'e.g. 2026-01-31',
	boolean: 'true or false',
	choice: 'e.g. enabled',
	custom: 'e.g. gold',
};

/** Each kind of field with the filter fields of that kind ("custom" is the Custom Field choice). */
function fieldGroups(): Array<[FilterFieldType, string[]]> {
	return ([...FIELD_TYPES, 'custom'] as FilterFieldType[])
		.map((type): [FilterFieldType, string[]] => [
			type,
			type === 'custom' ? [CUSTOM_FIELD] : fieldsOfType(type),
		])
		.filter(([, fields]) => fields.length > 0);
}

/**
 * One "operator" and one "value" parameter per kind of field, each shown only for its fields, so that
 * the list offers only the operators that make sense and the value hint fits the field.
 */
function operatorAndValueParameters(): INodeProperties[] {
	// Every kind of field offers "equals", so it is a valid default for each operator list.
	const groups = fieldGroups();
	const operators = groups.map(
		([type, fields]): INodeProperties => ({
			displayName: 'Operator',
			name: 'operator',
			type: 'options',
			options: operatorOptions(type),
			default: 'equals',
			displayOptions: { show: { field: fields } },
		}),
	);
	const values = groups.map(
		([type, fields]): INodeProperties => ({
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			placeholder: VALUE_HINTS[type],
			displayOptions: { show: { field: fields }, hide: { operator: [...VALUELESS_OPERATORS] } },
		}),
	);
	return [...operators, ...values];
}

/** The Field list: the 31 API fields by label, then the custom-field choice. Its default, "email", is
 * among them (test/unit/description.test.ts checks it; lint cannot evaluate a computed list). */
const FIELD_OPTIONS: INodePropertyOptions[] = [
	...[...FILTER_FIELDS]
		.sort((a, b) => a.label.localeCompare(b.label))
		.map((entry) => ({ name: entry.label, value: entry.field, description: entry.hint })),
	{
		name: 'Custom Field (by Machine Name)',
		value: CUSTOM_FIELD,
		description: 'A field you created in the Customer Account Fields app',
	},
];

/** The visual filter builder: rows of field / operator / value; all rows apply together. */
export const filterConditionsCollection: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Condition',
	default: {},
	description: 'Only customers that match every condition are returned',
	options: [
		{
			displayName: 'Conditions',
			name: 'conditions',
			values: [
				{
					displayName: 'Field',
					name: 'field',
					type: 'options',
					options: FIELD_OPTIONS,
					default: 'email',
					description: 'The customer attribute or custom field to test',
				},
				{
					displayName: 'Custom Field Machine Name or ID',
					name: 'customField',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCustomFieldNames' },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					displayOptions: { show: { field: [CUSTOM_FIELD] } },
				},
				...operatorAndValueParameters(),
			],
		},
	],
};

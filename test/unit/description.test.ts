import type { INodeProperties } from 'n8n-workflow';

import { CustomerAccountFieldsApi } from '../../credentials/CustomerAccountFieldsApi.credentials';
import { CustomerAccountFields } from '../../nodes/CustomerAccountFields/CustomerAccountFields.node';
import { CustomerAccountFieldsTrigger } from '../../nodes/CustomerAccountFieldsTrigger/CustomerAccountFieldsTrigger.node';
import { FILTER_FIELDS } from '../../nodes/CustomerAccountFields/filters/fieldTable';
import pkg from '../../package.json';

const description = new CustomerAccountFields().description;

function shownFor(operation: string): INodeProperties[] {
	return description.properties.filter((property) =>
		property.displayOptions?.show?.operation?.includes(operation),
	);
}

function names(properties: INodeProperties[]): string[] {
	return properties.map((property) => property.name);
}

describe('node description (names fixed by CONTRACT.md)', () => {
	it('is the customerAccountFields node, version 1, using the customerAccountFieldsApi credential', () => {
		expect(description.name).toBe('customerAccountFields');
		expect(description.displayName).toBe('Customer Account Fields');
		expect(description.version).toBe(1);
		expect(description.credentials).toEqual([{ name: 'customerAccountFieldsApi', required: true }]);
		expect(pkg.n8n.nodes).toContain(
			'dist/nodes/CustomerAccountFields/CustomerAccountFields.node.js',
		);
		expect(pkg.n8n.credentials).toEqual([
			'dist/credentials/CustomerAccountFieldsApi.credentials.js',
		]);
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(Object.keys((pkg as { dependencies?: object }).dependencies ?? {})).toEqual([]);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('offers resource customer and operations get, getAll ("Get Many"), create, update, delete, upsert ("Create or Update")', () => {
		const resource = description.properties.find((property) => property.name === 'resource');
		expect(resource?.options).toEqual([{ name: 'Customer', value: 'customer' }]);
		const operation = description.properties.find((property) => property.name === 'operation');
		const options = operation?.options as Array<{ name: string; value: string }>;
		expect(options.map((option) => option.value).sort()).toEqual([
			'create',
			'delete',
			'get',
			'getAll',
			'update',
			'upsert',
		]);
		expect(options.find((option) => option.value === 'getAll')?.name).toBe('Get Many');
		expect(options.find((option) => option.value === 'upsert')?.name).toBe('Create or Update');
	});

	it('has the contract parameters for each operation', () => {
		expect(names(shownFor('get'))).toEqual(expect.arrayContaining(['customerId']));
		expect(names(shownFor('delete'))).toEqual(expect.arrayContaining(['customerId']));
		expect(names(shownFor('getAll'))).toEqual(
			expect.arrayContaining(['returnAll', 'limit', 'filters']),
		);
		expect(names(shownFor('create'))).toEqual(
			expect.arrayContaining(['email', 'additionalFields', 'customFields']),
		);
		expect(names(shownFor('update'))).toEqual(
			expect.arrayContaining(['customerId', 'updateFields', 'customFields', 'options']),
		);

		const limit = shownFor('getAll').find((property) => property.name === 'limit');
		expect(limit?.default).toBe(50);
		expect(shownFor('getAll').find((property) => property.name === 'returnAll')?.default).toBe(
			false,
		);

		const locator = shownFor('update').find((property) => property.name === 'customerId');
		expect(locator?.type).toBe('resourceLocator');
		expect(locator?.modes?.map((mode) => mode.name).sort()).toEqual(['id', 'list', 'url']);

		const attributes = ['firstName', 'lastName', 'phone', 'tags', 'note', 'acceptsMarketing'];
		const additional = shownFor('create').find((property) => property.name === 'additionalFields');
		expect(names(additional?.options as INodeProperties[])).toEqual(
			expect.arrayContaining(attributes),
		);
		const updateFields = shownFor('update').find((property) => property.name === 'updateFields');
		expect(names(updateFields?.options as INodeProperties[])).toEqual(
			expect.arrayContaining([...attributes, 'email']),
		);

		const options = shownFor('update').find((property) => property.name === 'options');
		const deleteEmpty = (options?.options as INodeProperties[]).find(
			(option) => option.name === 'deleteEmptyFields',
		);
		expect(deleteEmpty?.default).toBe(false);

		const customFields = shownFor('create').find((property) => property.name === 'customFields');
		expect(names(shownFor('upsert'))).toEqual(
			expect.arrayContaining([
				'matchBy',
				'email',
				'phone',
				'additionalFields',
				'customFields',
				'options',
			]),
		);
		const field = (customFields?.options as Array<{ name: string; values: INodeProperties[] }>)[0];
		expect(field.name).toBe('field');
		expect(names(field.values)).toEqual(['name', 'value']);
	});

	it('has the added names: matchBy (email | phone), dryRun on Update, Delete and Create or Update, lookUpCreated on Create', () => {
		const matchBy = shownFor('upsert').find((property) => property.name === 'matchBy');
		expect((matchBy?.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
			'email',
			'phone',
		]);
		expect(matchBy?.default).toBe('email');
		const optionNamed = (operation: string, name: string) =>
			(
				shownFor(operation).find((property) => property.name === 'options')
					?.options as INodeProperties[]
			).find((option) => option.name === name);
		for (const operation of ['update', 'delete', 'upsert']) {
			expect(optionNamed(operation, 'dryRun')).toMatchObject({ type: 'boolean', default: false });
		}
		expect(optionNamed('create', 'dryRun')).toBeUndefined();
		expect(optionNamed('create', 'lookUpCreated')).toMatchObject({
			type: 'boolean',
			default: false,
		});
	});

	it('builds the filter rows from the 31 fields, with valid defaults for every operator list', () => {
		const filters = shownFor('getAll').find((property) => property.name === 'filters');
		const conditions = (filters?.options as Array<{ name: string; values: INodeProperties[] }>)[0];
		expect(conditions.name).toBe('conditions');
		const field = conditions.values.find((value) => value.name === 'field');
		const fieldValues = (field?.options as Array<{ value: string }>).map((option) => option.value);
		expect(fieldValues).toEqual(
			expect.arrayContaining([...FILTER_FIELDS.map((entry) => entry.field), 'customField']),
		);
		expect(fieldValues).toHaveLength(32);
		expect(fieldValues).toContain(field?.default);

		const operators = conditions.values.filter((value) => value.name === 'operator');
		const covered = operators.flatMap(
			(operator) => operator.displayOptions?.show?.field as string[],
		);
		expect(covered.sort()).toEqual([...fieldValues].sort());
		for (const operator of operators) {
			expect(
				(operator.options as Array<{ value: string }>).map((option) => option.value),
			).toContain(operator.default);
		}
		expect(
			conditions.values
				.filter((value) => value.name === 'value')
				.every((value) => value.displayOptions?.hide?.operator),
		).toBe(true);
	});
});

describe('output and From list (names fixed by CONTRACT.md)', () => {
	it('offers output simplified | raw | selected with fields on Get and Get Many, defaulting to raw', () => {
		for (const operation of ['get', 'getAll']) {
			const output = shownFor(operation).find((property) => property.name === 'output');
			expect(output?.default).toBe('raw');
			expect((output?.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
				'simplified',
				'raw',
				'selected',
			]);
			const fields = shownFor(operation).find((property) => property.name === 'fields');
			expect(fields?.displayOptions?.show?.output).toEqual(['selected']);
		}
	});

	it('asks custom field machine names from a list (an expression or saved text still works)', () => {
		const customFields = shownFor('update').find((property) => property.name === 'customFields');
		const name = (customFields?.options as Array<{ values: INodeProperties[] }>)[0].values.find(
			(value) => value.name === 'name',
		);
		expect(name?.type).toBe('options');
		expect(name?.typeOptions?.loadOptionsMethod).toBe('getCustomFieldNames');
		const filters = shownFor('getAll').find((property) => property.name === 'filters');
		const customField = (filters?.options as Array<{ values: INodeProperties[] }>)[0].values.find(
			(value) => value.name === 'customField',
		);
		expect(customField?.typeOptions?.loadOptionsMethod).toBe('getCustomFieldNames');
		expect(Object.keys(new CustomerAccountFields().methods.loadOptions)).toEqual([
			'getCustomFieldNames',
		]);
	});
});

describe('trigger node (names fixed by CONTRACT.md)', () => {
	const trigger = new CustomerAccountFieldsTrigger();
	const byName = Object.fromEntries(
		trigger.description.properties.map((property) => [property.name, property]),
	);

	it('is customerAccountFieldsTrigger, version 1, a polling node on the same credential, listed in package.json', () => {
		expect(trigger.description.name).toBe('customerAccountFieldsTrigger');
		expect(trigger.description.displayName).toBe('Customer Account Fields Trigger');
		expect(trigger.description.version).toBe(1);
		expect(trigger.description.polling).toBe(true);
		expect(typeof trigger.poll).toBe('function');
		expect(trigger.description.credentials).toEqual([
			{ name: 'customerAccountFieldsApi', required: true },
		]);
		expect(pkg.n8n.nodes).toContain(
			'dist/nodes/CustomerAccountFieldsTrigger/CustomerAccountFieldsTrigger.node.js',
		);
	});

	it('has event, customFields, filters (the Get Many builder), output (default simplified), fields and options', () => {
		expect(Object.keys(byName)).toEqual([
			'event',
			'customFields',
			'filters',
			'output',
			'fields',
			'options',
		]);
		expect(
			(byName.event.options as Array<{ value: string }>).map((option) => option.value),
		).toEqual(['customerCreated', 'customerUpdated', 'customFieldChanged']);
		expect(byName.customFields.displayOptions?.show?.event).toEqual(['customFieldChanged']);
		expect(byName.customFields.typeOptions?.loadOptionsMethod).toBe('getCustomFieldNames');
		const getManyFilters = shownFor('getAll').find((property) => property.name === 'filters');
		expect(byName.filters.options).toEqual(getManyFilters?.options);
		expect(byName.output.default).toBe('simplified');
		expect(names(byName.options.options as INodeProperties[])).toEqual(
			expect.arrayContaining(['includeExisting', 'overlapSeconds']),
		);
	});
});

describe('credential (names fixed by CONTRACT.md)', () => {
	const credential = new CustomerAccountFieldsApi();
	it('has shopDomain, apiKey (password), baseUrl and rateLimit with the contract defaults', () => {
		expect(credential.name).toBe('customerAccountFieldsApi');
		expect(credential.displayName).toBe('Customer Account Fields API');
		const byName = Object.fromEntries(
			credential.properties.map((property) => [property.name, property]),
		);
		expect(Object.keys(byName)).toEqual(['shopDomain', 'apiKey', 'baseUrl', 'rateLimit']);
		expect(byName.shopDomain.required).toBe(true);
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.baseUrl.default).toBe(
			'https://apps.bonify.io/apps/cf_app/public-api/customer_fields/v2',
		);
		expect(byName.rateLimit.default).toBe(1);
	});

	it('sends the two headers and trims the key', async () => {
		const options = await credential.authenticate(
			{ shopDomain: 'My-Store.myshopify.com', apiKey: ' key ' },
			{ url: '/customers', headers: { accept: 'application/json' } },
		);
		expect(options.headers).toEqual({
			accept: 'application/json',
			'x-shop-domain': 'my-store.myshopify.com',
			'x-api-key': 'key',
		});
	});
});

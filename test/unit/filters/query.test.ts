import { buildFilterQuery } from '../../../nodes/CustomerAccountFields/filters/query';
import { inputErrorOf } from '../../fixtures/inputError';

const filterValue =
	(field: string, value: unknown, operator = 'gt') =>
	() =>
		buildFilterQuery([{ field, operator, value }]);

describe('buildFilterQuery', () => {
	it('returns undefined for no conditions', () => {
		expect(buildFilterQuery([])).toBeUndefined();
	});

	it('joins conditions with commas in field|operator|value form', () => {
		expect(
			buildFilterQuery([
				{ field: 'email', operator: 'contains', value: 'bonify' },
				{ field: 'orders_count', operator: 'gt', value: '3' },
			]),
		).toBe('email|contains|bonify,orders_count|gt|3');
	});

	it('quotes exact matches, as the API suggests', () => {
		expect(
			buildFilterQuery([{ field: 'email', operator: 'equals', value: 'bob@example.com' }]),
		).toBe('email|equals|"bob@example.com"');
	});

	it('quotes values holding commas, pipes or spaces so they reach the API intact', () => {
		expect(buildFilterQuery([{ field: 'tag', operator: 'contains', value: 'a,b|c d' }])).toBe(
			'tag|contains|"a,b|c d"',
		);
		// each on its own: a space alone, a comma alone, a pipe alone, a tab alone
		expect(
			buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'van dyke' }]),
		).toBe('last_name|contains|"van dyke"');
		expect(buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'a,b' }])).toBe(
			'last_name|contains|"a,b"',
		);
		expect(buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'a|b' }])).toBe(
			'last_name|contains|"a|b"',
		);
		expect(buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'a\tb' }])).toBe(
			'last_name|contains|"a\tb"',
		);
		expect(buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'plain' }])).toBe(
			'last_name|contains|plain',
		);
	});

	it('refuses a list, an object or true/false where a text value is expected, and takes numbers and booleans where they fit', () => {
		expect(
			inputErrorOf(() =>
				buildFilterQuery([{ field: 'last_name', operator: 'contains', value: ['a', 'b'] }]),
			).message,
		).toBe('Filter condition 1 (last_name): expected text, got a list');
		expect(
			inputErrorOf(() =>
				buildFilterQuery([{ field: 'last_name', operator: 'contains', value: { a: 1 } }]),
			).message,
		).toBe('Filter condition 1 (last_name): expected text, got an object');
		expect(
			inputErrorOf(() =>
				buildFilterQuery([{ field: 'last_name', operator: 'contains', value: true }]),
			).message,
		).toBe('Filter condition 1 (last_name): expected text, got true/false (true)');
		expect(
			buildFilterQuery([{ field: 'accepts_marketing', operator: 'equals', value: true }]),
		).toBe('accepts_marketing|equals|"true"');
		expect(buildFilterQuery([{ field: 'orders_count', operator: 'gt', value: 3 }])).toBe(
			'orders_count|gt|3',
		);
	});

	it('sends empty / not_empty without a value', () => {
		expect(buildFilterQuery([{ field: 'phone', operator: 'empty', value: 'ignored' }])).toBe(
			'phone|empty',
		);
		expect(
			buildFilterQuery([
				{ field: 'customField', customField: 'vat_number', operator: 'not_empty' },
			]),
		).toBe('vat_number|not_empty');
	});

	it('filters custom fields by machine name', () => {
		expect(
			buildFilterQuery([
				{ field: 'customField', customField: ' loyalty_tier ', operator: 'equals', value: 'gold' },
			]),
		).toBe('loyalty_tier|equals|"gold"');
	});

	it('refuses a value with a double quote, since the API has no escape for it', () => {
		const error = inputErrorOf(() =>
			buildFilterQuery([{ field: 'note', operator: 'contains', value: 'say "hi"' }]),
		);
		// note is not a filter field: the field is checked first
		expect(error.message).toContain('"note" is not a filter field');
		const quoted = inputErrorOf(() =>
			buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'O"Neil' }]),
		);
		expect(quoted.message).toBe(
			'Filter condition 1 (last_name): the value contains a double quote (")',
		);
		expect(quoted.description).toContain('no way to escape');
	});

	it('names the condition and field when the value is missing', () => {
		const error = inputErrorOf(() =>
			buildFilterQuery([
				{ field: 'email', operator: 'contains', value: 'x' },
				{ field: 'city', operator: 'equals', value: '  ' },
			]),
		);
		expect(error.message).toBe('Filter condition 2 (city): a value is required');
	});

	it('refuses operators that make no sense for the field type', () => {
		const error = inputErrorOf(() =>
			buildFilterQuery([{ field: 'accepts_marketing', operator: 'contains', value: 'true' }]),
		);
		expect(error.message).toBe(
			'Filter condition 1 (accepts_marketing): the operator "contains" cannot be used with this field',
		);
		expect(error.description).toBe('Choose one of: equals, not_equals.');
	});

	it('checks numbers, IDs, booleans and dates', () => {
		expect(
			inputErrorOf(() =>
				buildFilterQuery([{ field: 'total_spent', operator: 'gt', value: 'lots' }]),
			).message,
		).toContain('"lots" is not a number');
		expect(
			inputErrorOf(() => buildFilterQuery([{ field: 'id', operator: 'equals', value: '12a' }]))
				.message,
		).toContain('not a numeric ID');
		expect(
			inputErrorOf(() =>
				buildFilterQuery([{ field: 'verified_email', operator: 'equals', value: 'yes' }]),
			).message,
		).toContain('not true or false');
		expect(
			inputErrorOf(() =>
				buildFilterQuery([{ field: 'updated_at', operator: 'gt', value: '31/01/2026' }]),
			).message,
		).toContain('is not a date');
		expect(buildFilterQuery([{ field: 'verified_email', operator: 'equals', value: 'TRUE' }])).toBe(
			'verified_email|equals|"true"',
		);
		expect(
			buildFilterQuery([{ field: 'updated_at', operator: 'gt', value: '2026-01-31T08:00:00Z' }]),
		).toBe('updated_at|gt|2026-01-31T08:00:00Z');
	});

	it('refuses unknown fields and bad custom field names', () => {
		expect(
			inputErrorOf(() => buildFilterQuery([{ field: 'shoe_size', operator: 'equals', value: '9' }]))
				.message,
		).toContain('"shoe_size" is not a filter field the API supports');
		expect(
			inputErrorOf(() =>
				buildFilterQuery([
					{ field: 'customField', customField: 'Loyalty Tier', operator: 'equals', value: 'x' },
				]),
			).message,
		).toBe('Filter condition 1: "Loyalty Tier" is not a custom field machine name');
	});
});

describe('filter values, at their edges', () => {
	it('wants whole numbers, IDs and true/false exactly', () => {
		for (const bad of ['1.5x', 'x1', '1.', '.5', '1.x5'])
			expect(filterValue('total_spent', bad)).toThrow(`"${bad}" is not a number`);
		expect(buildFilterQuery([{ field: 'total_spent', operator: 'gt', value: '-12.50' }])).toBe(
			'total_spent|gt|-12.50',
		);
		for (const bad of ['1a', 'a1', '-1'])
			expect(filterValue('id', bad)).toThrow(`"${bad}" is not a numeric ID`);
		expect(buildFilterQuery([{ field: 'id', operator: 'gt', value: '6940095564123' }])).toBe(
			'id|gt|6940095564123',
		);
		for (const bad of ['truex', 'xtrue'])
			expect(filterValue('accepts_marketing', bad, 'equals')).toThrow(
				`"${bad}" is not true or false`,
			);
		expect(
			buildFilterQuery([{ field: 'accepts_marketing', operator: 'equals', value: 'FALSE' }]),
		).toBe('accepts_marketing|equals|"false"');
		// a true/false value is text only for a true/false field; a list is refused even there
		expect(filterValue('accepts_marketing', ['true'], 'equals')).toThrow(
			'expected text, got a list',
		);
		expect(filterValue('last_name', null, 'contains')).toThrow('a value is required');
		expect(filterValue('last_name', '  ', 'contains')).toThrow('a value is required');
	});

	it('reads dates with their offset, and trims the field name', () => {
		expect(
			buildFilterQuery([
				{ field: ' updated_at ', operator: 'gt', value: '2026-01-31T08:00:00+02:00' },
			]),
		).toBe('updated_at|gt|2026-01-31T08:00:00+02:00');
		expect(filterValue('updated_at', '2026-13-01')).toThrow('is not a date');
	});
});

describe('what each refusal tells the user to do', () => {
	it.each([
		[
			'no field',
			{ operator: 'equals', value: 'x' },
			'Filter condition 1: "" is not a filter field the API supports',
			'Pick a field from the list, or choose "Custom Field" and enter its machine name.',
		],
		[
			'no value',
			{ field: 'city', operator: 'contains' },
			'Filter condition 1 (city): a value is required',
			'Enter a value, or use "Is Empty" / "Is Not Empty" to test for no value.',
		],
		[
			'a word for a number',
			{ field: 'orders_count', operator: 'gt', value: 'many' },
			'Filter condition 1 (orders_count): "many" is not a number',
			'Enter a number such as 3 or 150.50.',
		],
		[
			'a word for an ID',
			{ field: 'id', operator: 'equals', value: 'abc' },
			'Filter condition 1 (id): "abc" is not a numeric ID',
			'Shopify IDs are whole numbers, e.g. 6940095564123.',
		],
		[
			'a word for true/false',
			{ field: 'verified_email', operator: 'equals', value: 'yes' },
			'Filter condition 1 (verified_email): "yes" is not true or false',
			'Enter true or false.',
		],
		[
			'a date in another format',
			{ field: 'updated_at', operator: 'gt', value: '31/01/2026' },
			'Filter condition 1 (updated_at): "31/01/2026" is not a date; use YYYY-MM-DD',
			'Enter an ISO 8601 date such as 2026-01-31 or 2026-01-31T08:00:00Z, or an expression like {{ $now.minus({ days: 30 }).toISODate() }}.',
		],
	])('%s', (_, condition, message, description) => {
		const error = inputErrorOf(() => buildFilterQuery([condition]));
		expect(error.message).toBe(message);
		expect(error.description).toBe(description);
	});
});

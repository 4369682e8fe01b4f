/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { buildFilterQuery } from '../../nodes/CustomerAccountFields/filters/query';
import { FILTER_FIELDS, OPERATORS_BY_TYPE } from '../../nodes/CustomerAccountFields/filters/fieldTable';
import { InputError } from '../../nodes/CustomerAccountFields/helpers/inputError';

function errorOf(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}

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
		expect(buildFilterQuery([{ field: 'email', operator: 'equals', value: 'bob@example.com' }])).toBe(
			'email|equals|"bob@example.com"',
		);
	});

	it('quotes values holding commas, pipes or spaces so they reach the API intact', () => {
		expect(buildFilterQuery([{ field: 'tag', operator: 'contains', value: 'a,b|c d' }])).toBe('tag|contains|"a,b|c d"');
		// each on its own: a space alone, a comma alone, a pipe alone, a tab alone
		expect(buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'van dyke' }])).toBe('last_name|contains|"van dyke"');
		expect(buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'a,b' }])).toBe('last_name|contains|"a,b"');
		expect(buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'a|b' }])).toBe('last_name|contains|"a|b"');
		expect(buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'a\tb' }])).toBe('last_name|contains|"a\tb"');
		expect(buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'plain' }])).toBe('last_name|contains|plain');
	});

	it('refuses a list, an object or true/false where a text value is expected, and takes numbers and booleans where they fit', () => {
		expect(errorOf(() => buildFilterQuery([{ field: 'last_name', operator: 'contains', value: ['a', 'b'] }])).message).toBe(
			'Filter condition 1 (last_name): expected text, got a list',
		);
		expect(errorOf(() => buildFilterQuery([{ field: 'last_name', operator: 'contains', value: { a: 1 } }])).message).toBe(
			'Filter condition 1 (last_name): expected text, got an object',
		);
		expect(errorOf(() => buildFilterQuery([{ field: 'last_name', operator: 'contains', value: true }])).message).toBe(
			'Filter condition 1 (last_name): expected text, got true/false (true)',
		);
		expect(buildFilterQuery([{ field: 'accepts_marketing', operator: 'equals', value: true }])).toBe('accepts_marketing|equals|"true"');
		expect(buildFilterQuery([{ field: 'orders_count', operator: 'gt', value: 3 }])).toBe('orders_count|gt|3');
	});

	it('sends empty / not_empty without a value', () => {
		expect(buildFilterQuery([{ field: 'phone', operator: 'empty', value: 'ignored' }])).toBe('phone|empty');
		expect(buildFilterQuery([{ field: 'customField', customField: 'vat_number', operator: 'not_empty' }])).toBe(
			'vat_number|not_empty',
		);
	});

	it('filters custom fields by machine name', () => {
		expect(buildFilterQuery([{ field: 'customField', customField: ' loyalty_tier ', operator: 'equals', value: 'gold' }])).toBe(
			'loyalty_tier|equals|"gold"',
		);
	});

	it('refuses a value with a double quote, since the API has no escape for it', () => {
		const error = errorOf(() => buildFilterQuery([{ field: 'note', operator: 'contains', value: 'say "hi"' }]));
		// note is not a filter field: the field is checked first
		expect(error.message).toContain('"note" is not a filter field');
		const quoted = errorOf(() => buildFilterQuery([{ field: 'last_name', operator: 'contains', value: 'O"Neil' }]));
		expect(quoted.message).toBe('Filter condition 1 (last_name): the value contains a double quote (")');
		expect(quoted.description).toContain('no way to escape');
	});

	it('names the condition and field when the value is missing', () => {
		const error = errorOf(() =>
			buildFilterQuery([
				{ field: 'email', operator: 'contains', value: 'x' },
				{ field: 'city', operator: 'equals', value: '  ' },
			]),
		);
		expect(error.message).toBe('Filter condition 2 (city): a value is required');
	});

	it('refuses operators that make no sense for the field type', () => {
		const error = errorOf(() => buildFilterQuery([{ field: 'accepts_marketing', operator: 'contains', value: 'true' }]));
		expect(error.message).toBe('Filter condition 1 (accepts_marketing): the operator "contains" cannot be used with this field');
		expect(error.description).toBe('Choose one of: equals, not_equals.');
	});

	it('checks numbers, IDs, booleans and dates', () => {
		expect(errorOf(() => buildFilterQuery([{ field: 'total_spent', operator: 'gt', value: 'lots' }])).message).toContain(
			'"lots" is not a number',
		);
		expect(errorOf(() => buildFilterQuery([{ field: 'id', operator: 'equals', value: '12a' }])).message).toContain(
			'not a numeric ID',
		);
		expect(errorOf(() => buildFilterQuery([{ field: 'verified_email', operator: 'equals', value: 'yes' }])).message).toContain(
			'not true or false',
		);
		expect(errorOf(() => buildFilterQuery([{ field: 'updated_at', operator: 'gt', value: '31/01/2026' }])).message).toContain(
			'is not a date',
		);
		expect(buildFilterQuery([{ field: 'verified_email', operator: 'equals', value: 'TRUE' }])).toBe('verified_email|equals|"true"');
		expect(buildFilterQuery([{ field: 'updated_at', operator: 'gt', value: '2026-01-31T08:00:00Z' }])).toBe(
			'updated_at|gt|2026-01-31T08:00:00Z',
		);
	});

	it('refuses unknown fields and bad custom field names', () => {
		expect(errorOf(() => buildFilterQuery([{ field: 'shoe_size', operator: 'equals', value: '9' }])).message).toContain(
			'"shoe_size" is not a filter field the API supports',
		);
		expect(
			errorOf(() => buildFilterQuery([{ field: 'customField', customField: 'Loyalty Tier', operator: 'equals', value: 'x' }])).message,
		).toBe('Filter condition 1: "Loyalty Tier" is not a custom field machine name');
	});

	it('covers the 31 documented fields, each with equals and only known operators', () => {
		// Copied verbatim from the seed (001, "Supported filter fields (2022-10)"), not from the table under test.
		const seed =
			'accepts_marketing, activation_date, address1, address2, city, company, country, customer_date, customer_first_name, customer_id, customer_last_name, customer_tag, email, email_marketing_state, first_name, first_order_date, id, last_abandoned_order_date, last_name, multipass_identifier, orders_count, order_date, phone, province, shop_id, state, tag, total_spent, updated_at, verified_email, product_subscriber_status';
		const documented = seed.split(', ');
		expect(documented).toHaveLength(31);
		expect(FILTER_FIELDS.map((entry) => entry.field).sort()).toEqual([...documented].sort());
		// the builder knows each name (a value may still be wrong for its type: that is another message)
		const unknown = documented.filter((field) => {
			try {
				buildFilterQuery([{ field, operator: 'equals', value: '1' }]);
				return false;
			} catch (error) {
				return (error as Error).message.includes('is not a filter field');
			}
		});
		expect(unknown).toEqual([]);
		const all = ['contains', 'not_contains', 'empty', 'not_empty', 'equals', 'not_equals', 'gt', 'lt'];
		for (const operators of Object.values(OPERATORS_BY_TYPE)) {
			expect(operators).toContain('equals');
			for (const operator of operators) expect(all).toContain(operator);
		}
		expect(OPERATORS_BY_TYPE.custom).toEqual(expect.arrayContaining(all));
	});
});

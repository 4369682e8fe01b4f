import {
	FILTER_FIELDS,
	fieldsOfType,
	findFilterField,
	OPERATORS_BY_TYPE,
	operatorOptions,
} from '../../../nodes/CustomerAccountFields/filters/fieldTable';
import { buildFilterQuery } from '../../../nodes/CustomerAccountFields/filters/query';

describe('the filter field table', () => {
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
		const all = [
			'contains',
			'not_contains',
			'empty',
			'not_empty',
			'equals',
			'not_equals',
			'gt',
			'lt',
		];
		for (const operators of Object.values(OPERATORS_BY_TYPE)) {
			expect(operators).toContain('equals');
			for (const operator of operators) expect(all).toContain(operator);
		}
		expect(OPERATORS_BY_TYPE.custom).toEqual(expect.arrayContaining(all));
	});
});

describe('labels the editor shows', () => {
	it('gives every filter field and operator a distinct, non-empty label; dates read "Is On / Is After / Is Before"', () => {
		const fieldLabels = FILTER_FIELDS.map((entry) => entry.label);
		expect(fieldLabels.every((label) => /^[A-Z]/.test(label))).toBe(true);
		expect(new Set(fieldLabels).size).toBe(FILTER_FIELDS.length);
		for (const type of Object.keys(OPERATORS_BY_TYPE) as Array<keyof typeof OPERATORS_BY_TYPE>) {
			const names = operatorOptions(type).map((option) => option.name);
			expect(names.every((name) => /^[A-Z]/.test(name))).toBe(true);
			expect(new Set(names).size).toBe(names.length);
		}
		expect(operatorOptions('date').map((option) => option.name)).toEqual([
			'Is On',
			'Is After',
			'Is Before',
			'Is Empty',
			'Is Not Empty',
		]);
		expect(operatorOptions('number').map((option) => option.name)).toEqual([
			'Equals',
			'Does Not Equal',
			'Greater Than',
			'Less Than',
		]);
		expect(operatorOptions('text').map((option) => option.name)).toContain('Does Not Contain');
	});
});

describe('fields by kind', () => {
	it('groups the fields by the kind of value they hold, in table order', () => {
		expect(fieldsOfType('boolean')).toEqual(['accepts_marketing', 'verified_email']);
		expect(fieldsOfType('id')).toEqual(['customer_id', 'id', 'shop_id']);
		expect(fieldsOfType('custom')).toEqual([]);
		const all = (Object.keys(OPERATORS_BY_TYPE) as Array<keyof typeof OPERATORS_BY_TYPE>).flatMap(
			(type) => fieldsOfType(type),
		);
		expect(all.sort()).toEqual(FILTER_FIELDS.map((entry) => entry.field).sort());
	});

	it('tells the user which values a choice field takes', () => {
		expect(findFilterField('state')?.hint).toContain('enabled');
		expect(findFilterField('email_marketing_state')?.hint).toContain('not_subscribed');
	});
});

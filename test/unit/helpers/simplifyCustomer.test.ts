import {
	selectCustomerFields,
	SIMPLIFIED_FIELDS,
	simplifyCustomer,
	simplifyCustomerForModel,
} from '../../../nodes/CustomerAccountFields/helpers/simplifyCustomer';
import { sampleCustomer } from '../../fixtures/customer';

const customer = sampleCustomer;

describe('simplifyCustomer', () => {
	it('keeps the 15 most used fields and turns custom fields into { machine_name: value }', () => {
		const simple = simplifyCustomer(customer);
		expect(Object.keys(simple)).toEqual([...SIMPLIFIED_FIELDS, 'custom_fields']);
		expect(simple.custom_fields).toEqual({ loyalty_tier: 'gold', birthday: '1990-01-01' });
		expect(simple).not.toHaveProperty('default_address');
		expect(simple).not.toHaveProperty('customer_fields');
	});

	it('leaves out fields the API did not return and copes with no custom fields', () => {
		expect(simplifyCustomer({ id: 1, email: 'a@b.c' })).toEqual({
			id: 1,
			email: 'a@b.c',
			custom_fields: {},
		});
	});

	it('does not change its input', () => {
		const copy = structuredClone(customer);
		simplifyCustomer(customer);
		expect(customer).toEqual(copy);
	});
});

describe('selectCustomerFields', () => {
	it('keeps the chosen fields and always the id', () => {
		expect(selectCustomerFields(customer, ['email', 'default_address'])).toEqual({
			id: 7,
			email: 'ann@example.com',
			default_address: { city: 'Ottawa' },
		});
	});

	it('offers custom fields as an object', () => {
		expect(selectCustomerFields(customer, ['custom_fields'])).toStrictEqual({
			id: 7,
			custom_fields: { loyalty_tier: 'gold', birthday: '1990-01-01' },
		});
	});

	it('offers custom fields as an object and skips unknown names', () => {
		expect(selectCustomerFields(customer, ['custom_fields', 'nope', ' '])).toEqual({
			id: 7,
			custom_fields: { loyalty_tier: 'gold', birthday: '1990-01-01' },
		});
	});
});

describe("simplifyCustomerForModel (the tool variant's Simplified)", () => {
	it('keeps the 8 fields a model needs and custom fields by machine name, and leaves out empty values', () => {
		const withEmpty = {
			...customer,
			last_name: '',
			customer_fields: [
				...customer.customer_fields,
				{ machine_name: 'vat_number', label: 'VAT', value: '', created_at: 1, updated_at: 2 },
			],
		};
		expect(simplifyCustomerForModel(withEmpty)).toEqual({
			id: 7,
			email: 'ann@example.com',
			first_name: 'Ann',
			tags: 'vip',
			orders_count: 2,
			total_spent: '10.00',
			custom_fields: { loyalty_tier: 'gold', birthday: '1990-01-01' },
		});
	});

	it('keeps zero and false, which are values', () => {
		expect(
			simplifyCustomerForModel({
				id: 1,
				orders_count: 0,
				customer_fields: [{ machine_name: 'newsletter_opt_in', value: 'false' }],
			}),
		).toEqual({
			id: 1,
			orders_count: 0,
			custom_fields: { newsletter_opt_in: 'false' },
		});
	});
});

describe('no keys for fields the customer lacks', () => {
	it('adds no key for a field the API did not return', () => {
		expect(simplifyCustomer({ id: 1, email: 'a@b.c' })).toStrictEqual({
			id: 1,
			email: 'a@b.c',
			custom_fields: {},
		});
		expect(selectCustomerFields({ id: 1, email: 'a@b.c' }, ['nope', ' email '])).toStrictEqual({
			id: 1,
			email: 'a@b.c',
		});
		expect(simplifyCustomerForModel({ id: 1, email: undefined })).toStrictEqual({
			id: 1,
			custom_fields: {},
		});
	});
});

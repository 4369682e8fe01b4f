import {
	outputSettings,
	shapeCustomer,
} from '../../../nodes/CustomerAccountFields/descriptions/output';

const customer = {
	id: 7,
	email: 'ann@example.com',
	first_name: 'Ann',
	last_name: 'Lee',
	phone: null,
	tags: 'vip',
	note: null,
	state: 'enabled',
	email_marketing_state: 'subscribed',
	accepts_marketing: true,
	verified_email: true,
	orders_count: 2,
	total_spent: '10.00',
	created_at: '2026-01-01T00:00:00-04:00',
	updated_at: '2026-01-02T00:00:00-04:00',
	currency: 'USD',
	default_address: { city: 'Ottawa' },
	multipass_identifier: null,
	customer_fields: [
		{
			machine_name: 'loyalty_tier',
			label: 'Loyalty Tier',
			value: 'gold',
			created_at: 1,
			updated_at: 2,
		},
		{
			machine_name: 'birthday',
			label: 'Birthday',
			value: '1990-01-01',
			created_at: 1,
			updated_at: 2,
		},
	],
};

describe('output settings', () => {
	it('defaults to raw for workflows saved before the parameter existed, keeping Custom Fields as Object', () => {
		const settings = outputSettings(undefined, undefined, true);
		expect(settings).toEqual({ shape: 'raw', fields: [], customFieldsAsObject: true });
		const shaped = shapeCustomer(customer, settings);
		expect(shaped.customer_fields).toEqual(customer.customer_fields);
		expect(shaped.custom_fields).toEqual({ loyalty_tier: 'gold', birthday: '1990-01-01' });
	});

	it('accepts fields as a comma-separated expression result', () => {
		expect(outputSettings('selected', 'email,phone').fields).toEqual(['email', 'phone']);
		expect(shapeCustomer(customer, outputSettings('selected', 'email,phone'))).toEqual({
			id: 7,
			email: 'ann@example.com',
			phone: null,
		});
	});
});

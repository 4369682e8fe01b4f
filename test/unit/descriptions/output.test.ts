import {
	outputSettings,
	shapeCustomer,
} from '../../../nodes/CustomerAccountFields/descriptions/output';
import { sampleCustomer } from '../../fixtures/customer';

const customer = sampleCustomer;

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

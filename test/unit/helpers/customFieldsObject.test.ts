import { withCustomFieldsObject } from '../../../nodes/CustomerAccountFields/helpers/customFieldsObject';

describe('withCustomFieldsObject', () => {
	it('maps machine names to values beside the original list', () => {
		const customer = {
			id: 1,
			customer_fields: [{ machine_name: 'tier', label: 'Tier', value: 'gold' }],
		};
		expect(withCustomFieldsObject(customer)).toEqual({
			...customer,
			custom_fields: { tier: 'gold' },
		});
		expect(withCustomFieldsObject({ id: 2 })).toEqual({ id: 2, custom_fields: {} });
	});
});

describe('withCustomFieldsObject, at its edges', () => {
	it('skips entries of the custom field list that are null or have no machine name', () => {
		const customer = {
			customer_fields: [
				null,
				{ value: 'x' },
				{ machine_name: 'tier', value: 'gold' },
				{ machine_name: 'vat' },
			],
		};
		expect(withCustomFieldsObject(customer as never).custom_fields).toEqual({
			tier: 'gold',
			vat: null,
		});
	});
});

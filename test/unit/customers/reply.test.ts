import { customersIn, nextPageOf } from '../../../nodes/CustomerAccountFields/customers/reply';

describe('customersIn', () => {
	it("reads the reply's customers list, and nothing from a reply without one", () => {
		const customers = [{ id: 1 }, { id: 2 }];
		expect(customersIn({ status: 'okay', customers })).toBe(customers);
		expect(customersIn({ status: 'okay', customers: [] })).toEqual([]);
		for (const reply of [{}, { customers: { id: 1 } }, { customers: 'x' }, { customer: { id: 1 } }])
			expect(customersIn(reply)).toEqual([]);
	});
});

describe('nextPageOf', () => {
	it('gives the cursor to follow, and none at the end of the list', () => {
		expect(nextPageOf({ next_page: 'eyJpZCI6NTB9' })).toBe('eyJpZCI6NTB9');
		for (const reply of [{}, { next_page: '' }, { next_page: null }, { next_page: 2 }])
			expect(nextPageOf(reply)).toBeUndefined();
	});
});

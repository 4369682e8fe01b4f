import {
	changeTimeOf,
	rowTimeOf,
	windowField,
} from '../../../nodes/CustomerAccountFieldsTrigger/changeTime';

const T = Date.parse('2026-11-25T10:00:00Z');

describe('changeTimeOf', () => {
	it('reads created_at or updated_at, honouring the offset the API writes', () => {
		const c = { created_at: '2026-11-25T06:00:00-04:00', updated_at: '2026-11-25T07:00:00-04:00' };
		expect(changeTimeOf(c, 'customerCreated')).toBe(T);
		expect(changeTimeOf(c, 'customerUpdated')).toBe(T + 3_600_000);
		expect(changeTimeOf({ updated_at: 'garbage' }, 'customerUpdated')).toBeUndefined();
		expect(changeTimeOf({ updated_at: null }, 'customerUpdated')).toBeUndefined();
		expect(changeTimeOf({ updated_at: '2026-11-25T10:00:00Z' }, 'customerCreated')).toBeUndefined();
	});

	it("uses the newest of the watched custom fields' own updated_at (epoch seconds), or of all when none is named", () => {
		const c = {
			customer_fields: [
				['a', 100],
				['b', 300],
				['c', 200],
			].map(([machine_name, updated_at]) => ({ machine_name, updated_at })),
		};
		expect(changeTimeOf(c, 'customFieldChanged', ['a', 'c'])).toBe(200_000);
		expect(changeTimeOf(c, 'customFieldChanged', [])).toBe(300_000);
		expect(changeTimeOf(c, 'customFieldChanged', ['zzz'])).toBeUndefined();
	});

	it('watches every custom field when no list is given, and skips entries without a name or a time', () => {
		const c = {
			customer_fields: [
				null,
				{ machine_name: 'a', updated_at: 100 },
				{ machine_name: 'b' },
				{ machine_name: 'c', updated_at: 'soon' },
				{ machine_name: 'd', updated_at: 900 },
			],
		};
		expect(changeTimeOf(c, 'customFieldChanged')).toBe(900_000);
		expect(changeTimeOf(c, 'customFieldChanged', ['a', 'b', 'c'])).toBe(100_000);
		expect(changeTimeOf(c, 'customFieldChanged', ['b', 'c'])).toBeUndefined();
		expect(changeTimeOf({ customer_fields: [] }, 'customFieldChanged')).toBeUndefined();
	});
});

describe('rowTimeOf and windowField', () => {
	it('Customer Created windows created_at through customer_date; the others updated_at', () => {
		const c = {
			created_at: '2026-11-25T06:00:00-04:00',
			updated_at: '2026-11-25T07:00:00-04:00',
			customer_fields: [{ machine_name: 'a', updated_at: 1 }],
		};
		expect([windowField('customerCreated'), rowTimeOf(c, 'customerCreated')]).toEqual([
			'customer_date',
			T,
		]);
		expect([windowField('customFieldChanged'), rowTimeOf(c, 'customFieldChanged')]).toEqual([
			'updated_at',
			T + 3_600_000,
		]);
	});
});

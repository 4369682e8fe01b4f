import {
	customerMatchKey,
	laterDuplicates,
	matchKeyOf,
} from '../../../nodes/CustomerAccountFields/helpers/matchKey';

describe('match keys for Create or Update', () => {
	it('matches email case-insensitively and phone in international format only', () => {
		expect(matchKeyOf('email', ' Bob@Example.COM ')).toBe('bob@example.com');
		expect(matchKeyOf('phone', '+1 613-555-1212')).toBe('+16135551212');
		expect(() => matchKeyOf('phone', '6135551212')).toThrow(
			'Phone: "6135551212" is not a phone number in international format',
		);
		expect(() => matchKeyOf('email', '')).toThrow(
			'Email: needed to find the customer (Match By is Email)',
		);
		expect(() => matchKeyOf('phone', '')).toThrow(
			'Phone: needed to find the customer (Match By is Phone)',
		);
		expect(() => matchKeyOf('email', { a: 1 })).toThrow('Email: expected text, got an object');
	});
	it('reads the same key from a customer the API returned', () => {
		expect(customerMatchKey('email', { email: 'Bob@Example.com' })).toBe('bob@example.com');
		expect(customerMatchKey('phone', { phone: '+16135551212' })).toBe('+16135551212');
		expect(customerMatchKey('phone', { phone: null })).toBe('');
	});
	it('maps each later item with an earlier key to the first item', () => {
		const keys = new Map([
			[0, 'a'],
			[2, 'b'],
			[3, 'a'],
			[5, 'a'],
			[6, 'c'],
		]);
		expect([...laterDuplicates(keys)]).toEqual([
			[3, 0],
			[5, 0],
		]);
	});
});

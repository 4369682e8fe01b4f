import {
	customerMatchKey,
	laterDuplicates,
	matchKeyOf,
} from '../../../nodes/CustomerAccountFields/helpers/matchKey';
import { inputErrorOf } from '../../fixtures/inputError';

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

	it.each([
		['email', undefined],
		['email', null],
		['phone', undefined],
		['phone', null],
	] as const)('asks for the key when Match By is %s and the value is %s', (matchBy, raw) => {
		const label = matchBy === 'email' ? 'Email' : 'Phone';
		expect(inputErrorOf(() => matchKeyOf(matchBy, raw))).toMatchObject({
			message: `${label}: needed to find the customer (Match By is ${label})`,
			description: `Map the ${matchBy === 'email' ? 'email address' : 'phone number'} of each item.`,
		});
	});
	it('names the phone field when a phone is not text', () => {
		expect(() => matchKeyOf('phone', { a: 1 })).toThrow('Phone: expected text, got an object');
	});
	it('accepts 7 to 15 digits after the "+", and says how to write a phone to match on', () => {
		expect(matchKeyOf('phone', '+1234567')).toBe('+1234567');
		expect(matchKeyOf('phone', '+123456789012345')).toBe('+123456789012345');
		for (const bad of ['+123456', '+1234567890123456', '+0613555121'])
			expect(inputErrorOf(() => matchKeyOf('phone', bad))).toMatchObject({
				message: `Phone: "${bad}" is not a phone number in international format`,
				description: expect.stringContaining('e.g. +16135551111'),
			});
	});
	it('reads a customer email trimmed and lower-cased, and none as ""', () => {
		expect(customerMatchKey('email', { email: ' Bob@Example.com ' })).toBe('bob@example.com');
		expect(customerMatchKey('email', {})).toBe('');
		expect(customerMatchKey('email', { email: null })).toBe('');
	});
});

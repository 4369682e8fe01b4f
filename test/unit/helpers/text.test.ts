import { InputError } from '../../../nodes/CustomerAccountFields/helpers/inputError';
import { textOf, toBoolean } from '../../../nodes/CustomerAccountFields/helpers/text';

describe('text values', () => {
	it('takes text and numbers, refuses lists, objects, true/false and the rest', () => {
		expect(textOf('a', 'F')).toBe('a');
		expect(textOf(12, 'F')).toBe('12');
		expect(textOf(BigInt(99), 'F')).toBe('99');
		expect(() => textOf(['+1613', '555'], 'Phone')).toThrow('Phone: expected text, got a list');
		expect(() => textOf({ first: 'a' }, 'First Name')).toThrow(
			'First Name: expected text, got an object',
		);
		expect(() => textOf(false, 'Note')).toThrow('Note: expected text, got true/false (false)');
		expect(() => textOf(Number.NaN, 'Note')).toThrow(
			'Note: expected text, got a value of type number',
		);
		expect(() => textOf(undefined, 'Note')).toThrow(
			'Note: expected text, got a value of type undefined',
		);
		expect(() => textOf(null, 'Note')).toThrow('Note: expected text, got a value of type null');
	});
	it('reads no number-like text or infinity as a number', () => {
		expect(() => textOf(Number.POSITIVE_INFINITY, 'Note')).toThrow(
			'Note: expected text, got a value of type number',
		);
		expect(() => textOf(new Date(0), 'Note')).toThrow('Note: expected text, got an object');
	});
	it('says how to turn a list or an object into text', () => {
		try {
			textOf(['a'], 'Tags');
			throw new Error('expected an InputError');
		} catch (error) {
			expect((error as InputError).description).toBe(
				'Give a text value; if an expression returns a list or an object, pick the part you need (e.g. {{ $json.name.first }}) or convert it with JSON.stringify().',
			);
		}
	});
});

describe('true/false values', () => {
	it.each([
		[true, true],
		[false, false],
		['true', true],
		[' FALSE ', false],
		['True', true],
	])('reads %p as %p', (given, read) => {
		expect(toBoolean(given, 'Tax Exempt')).toBe(read);
	});

	it.each(['yes', 'truex', 'xfalse', '', 1, null, undefined])(
		'refuses %p, naming the field and the fix',
		(given) => {
			expect(() => toBoolean(given, 'Tax Exempt')).toThrow(
				expect.objectContaining({
					message: `Tax Exempt: "${String(given)}" is not true or false`,
					description: 'Set it to true or false.',
				}),
			);
		},
	);
});

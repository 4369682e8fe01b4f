import { chunk } from '../../../nodes/CustomerAccountFields/helpers/chunk';

describe('chunk', () => {
	it('splits 25 items into groups of 10, 10 and 5, keeping order', () => {
		const groups = chunk(
			Array.from({ length: 25 }, (_, i) => i),
			10,
		);
		expect(groups.map((group) => group.length)).toEqual([10, 10, 5]);
		expect(groups.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i));
	});
	it('returns no groups for no items and refuses a size below 1', () => {
		expect(chunk([], 10)).toEqual([]);
		expect(() => chunk([1], 0)).toThrow(RangeError);
	});
});

describe('chunk, at its edges', () => {
	it('chunks by 1 and says why a size is refused', () => {
		expect(chunk([1, 2], 1)).toEqual([[1], [2]]);
		expect(() => chunk([1], 0.5)).toThrow('chunk size must be a positive integer, got 0.5');
	});
});

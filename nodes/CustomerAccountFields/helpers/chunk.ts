/** Splits a list into consecutive groups of at most `size` elements, keeping order. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) {
		throw new RangeError(`chunk size must be a positive integer, got ${size}`);
	}
	const groups: T[][] = [];
	for (let start = 0; start < list.length; start += size) {
		groups.push(list.slice(start, start + size));
	}
	return groups;
}

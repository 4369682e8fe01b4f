import {
	changedAfterValue,
	changeTimeOf,
	selectNewChanges,
	type PollState,
} from '../../nodes/CustomerAccountFields/helpers/changeWatermark';

const T = Date.parse('2026-11-25T10:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();
const customer = (id: number, updatedMs: number, fields: Array<[string, number]> = []) => ({
	id,
	created_at: at(updatedMs - 60_000),
	updated_at: at(updatedMs),
	customer_fields: fields.map(([machine_name, seconds]) => ({ machine_name, value: 'x', updated_at: seconds })),
});
const state = (watermark: number, seen: string[] = [], event: PollState['event'] = 'customerUpdated'): PollState => ({
	event,
	watermark,
	queryFrom: watermark,
	seen,
});

describe('changeTimeOf', () => {
	it('reads created_at or updated_at, honouring the offset the API writes', () => {
		const c = { created_at: '2026-11-25T06:00:00-04:00', updated_at: '2026-11-25T07:00:00-04:00' };
		expect(changeTimeOf(c, 'customerCreated')).toBe(T);
		expect(changeTimeOf(c, 'customerUpdated')).toBe(T + 3_600_000);
		expect(changeTimeOf({ updated_at: 'garbage' }, 'customerUpdated')).toBeUndefined();
	});

	it("uses the newest of the watched custom fields' own updated_at (epoch seconds), or of all when none is named", () => {
		const c = customer(1, T, [['a', 100], ['b', 300], ['c', 200]]);
		expect(changeTimeOf(c, 'customFieldChanged', ['a', 'c'])).toBe(200_000);
		expect(changeTimeOf(c, 'customFieldChanged', [])).toBe(300_000);
		expect(changeTimeOf(c, 'customFieldChanged', ['zzz'])).toBeUndefined();
	});
});

describe('selectNewChanges', () => {
	const overlapMs = 60_000;

	it('emits changes not seen before, oldest first, and moves the watermark to the newest', () => {
		const { emit, state: next } = selectNewChanges([customer(2, T + 2000), customer(1, T + 1000)], state(T), { overlapMs });
		expect(emit.map((c) => c.id)).toEqual([1, 2]);
		expect(next.watermark).toBe(T + 2000);
		expect(next.seen).toEqual([`1@${T + 1000}`, `2@${T + 2000}`]);
	});

	it('does not emit a change again, but emits another change of the same second, and a late one inside the overlap', () => {
		const previous = state(T, [`1@${T}`]);
		const read = [customer(1, T), customer(2, T), customer(3, T - 30_000), customer(4, T - 90_000)];
		const { emit, state: next } = selectNewChanges(read, previous, { overlapMs });
		expect(emit.map((c) => c.id)).toEqual([3, 2]);
		expect(next.watermark).toBe(T);
	});

	it('forgets keys older than the overlap window and keeps at most maxSeen, newest first kept', () => {
		const previous = state(T, [`9@${T - 120_000}`, `8@${T - 10_000}`]);
		const read = [customer(1, T + 1000), customer(2, T + 2000), customer(3, T + 3000)];
		const { state: next } = selectNewChanges(read, previous, { overlapMs, maxSeen: 3 });
		expect(next.seen).toEqual([`1@${T + 1000}`, `2@${T + 2000}`, `3@${T + 3000}`]);
		const wide = selectNewChanges(read, previous, { overlapMs, maxSeen: 10 }).state;
		expect(wide.seen).toEqual([`8@${T - 10_000}`, `1@${T + 1000}`, `2@${T + 2000}`, `3@${T + 3000}`]);
	});

	it('for custom fields, keeps the query watermark on updated_at and the emit watermark on the field', () => {
		const read = [customer(1, T + 5000, [['tier', (T + 1000) / 1000]]), customer(2, T + 9000, [['other', (T + 9000) / 1000]])];
		const { emit, state: next } = selectNewChanges(read, state(T, [], 'customFieldChanged'), { overlapMs, watched: ['tier'] });
		expect(emit.map((c) => c.id)).toEqual([1]);
		expect(next.watermark).toBe(T + 1000);
		expect(next.queryFrom).toBe(T + 9000);
	});
});

describe('changedAfterValue', () => {
	it('gives an ISO date-time in UTC, whole seconds', () => {
		expect(changedAfterValue(T + 1234, 'instant')).toBe('2026-11-25T10:00:01Z');
	});

	it('gives a date two days earlier for APIs that compare calendar dates', () => {
		expect(changedAfterValue(T, 'day')).toBe('2026-11-23');
	});
});

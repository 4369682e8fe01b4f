import {
	keyOf,
	loadState,
	savedForm,
	type PlanState,
} from '../../../nodes/CustomerAccountFieldsTrigger/pollState';

const T = Date.parse('2026-11-25T10:00:00Z');

describe('savedForm and loadState', () => {
	it('keeps the seen keys as one compact string and reads them back exactly', () => {
		const state: PlanState = {
			event: 'customerUpdated',
			dateFilter: 'instant',
			checked: T,
			newest: T + 90_000,
			seen: new Set([
				keyOf(7123456789012, T + 1000),
				keyOf(42, T + 90_000),
				keyOf('gid://x y', T + 5000),
			]),
			density: { count: 600, ms: 60_000 },
			planned: { after: T + 87_000, until: T + 88_000, expected: 50 },
			resume: {
				read: { kind: 'recheck', after: T, until: T + 60_000, maxPages: 100 },
				cursor: 'abc',
				count: 50,
			},
		};
		const saved = savedForm(state);
		expect(saved.seen).toBe('2iwgy8zys.1 16.2i ~gid%3A%2F%2Fx%20y.5');
		const back = loadState(JSON.parse(JSON.stringify(saved)), 'customerUpdated', 300_000);
		expect(back).toEqual(state);
		// About 13 bytes a change with Shopify's 13-digit ids.
		expect((saved.seen as string).split(' ')[0].length + 1).toBeLessThanOrEqual(13);
	});

	it('starts afresh for another event or an unknown shape', () => {
		const saved = savedForm({
			event: 'customerUpdated',
			dateFilter: 'day',
			checked: T,
			newest: T,
			seen: new Set(),
		});
		expect(loadState(saved, 'customerCreated', 300_000)).toBeUndefined();
		expect(loadState({ event: 'customerUpdated' }, 'customerUpdated', 300_000)).toBeUndefined();
		expect(loadState(saved, 'customerUpdated', 300_000)?.dateFilter).toBe('day');
	});

	it('goes on from the shape saved before version 2: what it would have emitted next, and its keys', () => {
		const before = {
			event: 'customFieldChanged',
			watermark: T,
			queryFrom: T + 20_000,
			seen: [`1@${T}`, `2@${T - 400_000}`],
			dateFilter: 'instant',
		};
		expect(loadState(before, 'customFieldChanged', 300_000)).toEqual({
			event: 'customFieldChanged',
			dateFilter: 'instant',
			// It emitted changes no older than watermark − overlap that were not in `seen`.
			checked: T - 300_000 - 1000,
			newest: T + 20_000,
			seen: new Set([`1@${T}`]),
		});
	});

	const minimal: PlanState = {
		event: 'customerCreated',
		dateFilter: 'instant',
		checked: T,
		newest: T,
		seen: new Set(),
	};
	const roundTrip = (state: PlanState) =>
		loadState(JSON.parse(JSON.stringify(savedForm(state))), state.event, 300_000);

	it('saves only what the state holds, and reads it back', () => {
		expect(savedForm(minimal)).toStrictEqual({
			version: 2,
			event: 'customerCreated',
			dateFilter: 'instant',
			checked: T,
			newest: T,
			seen: '',
		});
		expect(roundTrip(minimal)).toStrictEqual(minimal);
		const fresh: PlanState = { ...minimal, checked: null, newest: null, existingUntil: T - 5000 };
		expect(roundTrip(fresh)).toStrictEqual(fresh);
	});

	it.each(['0123', '+5', '5 ', '1e3', '0x11', '9007199254740993', '12345678901234567', '-5', ''])(
		'keeps the customer ID %j exactly as it was',
		(id) => {
			const state: PlanState = { ...minimal, seen: new Set([keyOf(id, T + 3000)]) };
			expect(roundTrip(state)?.seen).toEqual(new Set([`${id}@${T + 3000}`]));
		},
	);

	it('drops what it cannot read instead of guessing', () => {
		const saved = savedForm(minimal);
		const load = (changes: object) =>
			loadState({ ...saved, ...changes }, 'customerCreated', 300_000) as PlanState;
		// Seen entries without an ID, or a seen value that is not the saved string.
		expect(load({ seen: '.5 junk 1.2' }).seen).toEqual(new Set([`1@${T + 2000}`]));
		expect(load({ seen: undefined }).seen).toEqual(new Set());
		expect(load({ seen: 12 }).seen).toEqual(new Set());
		// A density needs a positive span and a count of zero or more.
		expect(load({ density: { count: 0, ms: 1000 } }).density).toEqual({ count: 0, ms: 1000 });
		expect(load({ density: { count: 5, ms: 0 } }).density).toBeUndefined();
		expect(load({ density: { count: -1, ms: 1000 } }).density).toBeUndefined();
		// A resumed read needs its cursor as a string and the read it belongs to.
		const read = { kind: 'forward', after: T, until: null, maxPages: 4 };
		expect(load({ resume: { read, cursor: 'c', count: 3 } }).resume).toEqual({
			read,
			cursor: 'c',
			count: 3,
		});
		expect(load({ resume: { read, cursor: 7, count: 3 } }).resume).toBeUndefined();
		expect(load({ resume: { cursor: 'c', count: 3 } }).resume).toBeUndefined();
		expect(load({ resume: { read: 'x', cursor: 'c' } }).resume).toBeUndefined();
		// A checked time that is neither a number nor null starts afresh.
		expect(load({ checked: 'soon' })).toBeUndefined();
	});

	it('from the shape saved before version 2, keeps only the keys newer than what it had emitted', () => {
		const checked = T - 300_000 - 1000;
		const before = { event: 'customerCreated', watermark: T, queryFrom: T };
		expect(
			loadState(
				{ ...before, seen: [`1@${checked}`, `2@${checked + 1}`] },
				'customerCreated',
				300_000,
			)?.seen,
		).toEqual(new Set([`2@${checked + 1}`]));
		expect(loadState({ ...before, seen: 'x' }, 'customerCreated', 300_000)?.seen).toEqual(
			new Set(),
		);
	});
});

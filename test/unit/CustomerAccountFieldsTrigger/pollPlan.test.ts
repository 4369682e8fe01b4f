import type { IDataObject } from 'n8n-workflow';

import {
	afterRead,
	firstState,
	LEEWAY_MS,
	nextRead,
	pollBudget,
	windowFilters,
	type PlanSettings,
} from '../../../nodes/CustomerAccountFieldsTrigger/pollPlan';
import type { PlanState, Read } from '../../../nodes/CustomerAccountFieldsTrigger/pollState';

const T = Date.parse('2026-11-25T10:00:00Z');
const settings: PlanSettings = {
	event: 'customerUpdated',
	watched: [],
	overlapMs: 300_000,
	maxChanges: 5000,
};
const customer = (id: number, ms: number, fields: Array<[string, number]> = []) => ({
	id,
	updated_at: new Date(ms).toISOString(),
	customer_fields: fields.map(([machine_name, seconds]) => ({ machine_name, updated_at: seconds })),
});
const steady = (over: Partial<PlanState> = {}): PlanState => ({
	event: 'customerUpdated',
	dateFilter: 'instant',
	checked: T - 300_000,
	newest: T - 5000,
	seen: new Set(),
	density: { count: 600, ms: 60_000 },
	...over,
});

describe('nextRead', () => {
	it('after activation: one open-ended read from now', () => {
		const state = firstState('customerUpdated', T + 400, false);
		expect(nextRead(state, settings, pollBudget(settings, T + 400))).toEqual({
			kind: 'forward',
			after: T,
			until: null,
			maxPages: 100,
		});
	});

	it('first re-checks the slice that left the late-index window, then reads fresh from a few seconds before the newest change', () => {
		const budget = pollBudget(settings, T + 60_000);
		const state = steady();
		expect(nextRead(state, settings, budget)).toEqual({
			kind: 'recheck',
			after: T - 300_000,
			until: T - 240_000,
			maxPages: 100,
		});
		const after = afterRead(
			state,
			{ kind: 'recheck', after: T - 300_000, until: T - 240_000, maxPages: 100 },
			{ customers: [], pages: 1 },
			settings,
			budget,
		).state;
		expect(after.checked).toBe(T - 240_000);
		expect(nextRead(after, settings, budget)).toEqual({
			kind: 'forward',
			after: T - 5000 - LEEWAY_MS,
			until: null,
			maxPages: 100,
		});
	});

	it('after downtime: a window sized for half the budget by the last density, not one read of everything', () => {
		const state = steady({ checked: T - 3_600_000, newest: T - 3_600_000 });
		const read = nextRead(state, settings, pollBudget(settings, T));
		// 600 a minute: 2,500 changes are about 250 s.
		expect(read).toEqual({
			kind: 'forward',
			after: T - 3_600_000,
			until: T - 3_600_000 + 250_000,
			maxPages: 100,
		});
	});

	it('stops when the budget is spent', () => {
		const budget = { ...pollBudget(settings, T), changesLeft: 0 };
		expect(nextRead(steady(), settings, budget)).toBeUndefined();
	});
});

describe('afterRead', () => {
	it('emits the changes not seen before, oldest first, keeps their keys, and skips a same-second change already emitted', () => {
		const budget = pollBudget(settings, T);
		const read: Read = { kind: 'forward', after: T - 8000, until: null, maxPages: 100 };
		const state = steady({ seen: new Set([`1@${T - 6000}`]) });
		const { emit, state: next } = afterRead(
			state,
			read,
			{
				customers: [customer(3, T - 1000), customer(1, T - 6000), customer(2, T - 6000)],
				pages: 1,
			},
			settings,
			budget,
		);
		expect(emit.map((c) => c.id)).toEqual([2, 3]);
		expect([...next.seen].sort()).toEqual([`1@${T - 6000}`, `2@${T - 6000}`, `3@${T - 1000}`]);
		expect(next.newest).toBe(T - 1000);
		expect(budget.caughtUp).toBe(true);
	});

	it('a re-check emits only what the fresh reads missed, then forgets the keys it settled', () => {
		const budget = pollBudget(settings, T);
		const read: Read = { kind: 'recheck', after: T - 300_000, until: T - 240_000, maxPages: 100 };
		const state = steady({ seen: new Set([`1@${T - 250_000}`, `9@${T - 10_000}`]) });
		const { emit, state: next } = afterRead(
			state,
			read,
			{ customers: [customer(1, T - 250_000), customer(2, T - 260_000)], pages: 1 },
			settings,
			budget,
		);
		expect(emit.map((c) => c.id)).toEqual([2]);
		expect([...next.seen]).toEqual([`9@${T - 10_000}`]);
	});

	it('a window fuller than its page limit emits nothing and is narrowed; a re-check goes on from its cursor next poll', () => {
		const budget = pollBudget(settings, T);
		const read: Read = { kind: 'forward', after: T - 3_600_000, until: T - 3_000_000, maxPages: 1 };
		const page = Array.from({ length: 50 }, (_, i) => customer(i, T - 3_600_000 + (i + 1) * 1000));
		const narrowed = afterRead(
			steady({ checked: T - 3_600_000, newest: T - 3_600_000 }),
			read,
			{ customers: page, pages: 1, nextPage: 'c' },
			settings,
			budget,
		);
		expect(narrowed.emit).toEqual([]);
		// An eighth of the customers read lie before the 7th second.
		expect(narrowed.state.planned).toEqual({
			after: T - 3_600_000,
			until: T - 3_600_000 + 7000,
			expected: 50,
		});

		const recheck: Read = { kind: 'recheck', after: T - 300_000, until: T - 240_000, maxPages: 1 };
		const partial = afterRead(
			steady(),
			recheck,
			{ customers: [customer(5, T - 250_000)], pages: 1, nextPage: 'next' },
			settings,
			pollBudget(settings, T),
		);
		expect(partial.emit.map((c) => c.id)).toEqual([5]);
		expect(partial.state.resume).toEqual({ read: recheck, cursor: 'next', count: 1 });
		expect(partial.state.checked).toBe(T - 300_000);
	});

	it('Custom Field Changed: picks by the field’s own time, windows by updated_at', () => {
		const fields = { ...settings, event: 'customFieldChanged' as const, watched: ['tier'] };
		const read: Read = { kind: 'forward', after: T - 8000, until: null, maxPages: 100 };
		const state = steady({ event: 'customFieldChanged' });
		const customers = [
			customer(1, T - 1000, [['tier', (T - 2000) / 1000]]),
			customer(2, T - 1000, [['tier', (T - 400_000) / 1000]]),
			customer(3, T - 1000, [['other', T / 1000]]),
		];
		const { emit } = afterRead(state, read, { customers, pages: 1 }, fields, pollBudget(fields, T));
		expect(emit.map((c) => c.id)).toEqual([1]);
	});
});

describe('windowFilters', () => {
	it('instant: gt after, lt until + 1 s, whole seconds in UTC', () => {
		expect(
			windowFilters(
				{ kind: 'forward', after: T + 1234, until: T + 60_000, maxPages: 1 },
				'instant',
			),
		).toEqual({
			gt: '2026-11-25T10:00:01Z',
			lt: '2026-11-25T10:01:01Z',
		});
	});

	it('day: calendar dates two days wider each side, whatever the time zone', () => {
		expect(windowFilters({ kind: 'forward', after: T, until: null, maxPages: 1 }, 'day')).toEqual({
			gt: '2026-11-23',
		});
		expect(windowFilters({ kind: 'forward', after: null, until: T, maxPages: 1 }, 'day')).toEqual({
			lt: '2026-11-27',
		});
	});
});

const S = 1000;
const MIN = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;
const forward = (after: number | null, until: number | null, maxPages = 100): Read => ({
	kind: 'forward',
	after,
	until,
	maxPages,
});
const recheck = (after: number, until: number, maxPages = 100): Read => ({
	kind: 'recheck',
	after,
	until,
	maxPages,
});
/** A state whose re-check is done: `checked` and `newest` at `from`. */
const caughtUpTo = (from: number, over: Partial<PlanState> = {}): PlanState => ({
	event: 'customerUpdated',
	dateFilter: 'instant',
	checked: from,
	newest: from,
	seen: new Set(),
	...over,
});

describe('pollBudget', () => {
	it('allows Max Changes per Poll items and 2 × ⌈Max ÷ 50⌉ + 2 pages', () => {
		expect(pollBudget(settings, T)).toEqual({
			nowMs: T,
			changesLeft: 5000,
			pagesLeft: 202,
			windows: 0,
			caughtUp: false,
		});
		expect(pollBudget({ ...settings, maxChanges: 120 }, T).pagesLeft).toBe(8);
	});
});

describe('nextRead: when the poll stops', () => {
	const budget = (over: Partial<ReturnType<typeof pollBudget>>) => ({
		...pollBudget(settings, T),
		...over,
	});
	it.each([
		['no page left', { pagesLeft: 0 }],
		['no change left', { changesLeft: 0 }],
		['a forward read reached the present', { caughtUp: true }],
		['16 forward windows read', { windows: 16 }],
	])('stops when %s', (_, over) => {
		expect(nextRead(caughtUpTo(T - H), settings, budget(over))).toBeUndefined();
	});

	it('goes on with one page left, or after 15 windows', () => {
		expect(nextRead(caughtUpTo(T - MIN), settings, budget({ pagesLeft: 1 }))).toEqual(
			forward(T - MIN, null, 1),
		);
		expect(nextRead(caughtUpTo(T - MIN), settings, budget({ windows: 15 }))).toEqual(
			forward(T - MIN, null),
		);
	});

	it('a read stopped at its page limit goes on, with the page limit of a fresh poll', () => {
		const stopped = recheck(T - 600 * S, T - 300 * S, 3);
		const state = steady({ resume: { read: stopped, cursor: 'c', count: 150 } });
		expect(nextRead(state, settings, pollBudget(settings, T))).toEqual({
			...stopped,
			maxPages: 100,
		});
	});
});

describe('nextRead: the forward window', () => {
	const sparse = { count: 10, ms: 1000 };
	it.each<[string, PlanState, Read]>([
		[
			'Include Existing starts at 2006 with a 30-day window',
			firstState('customerUpdated', T, true),
			forward(null, Date.UTC(2006, 0, 31), 100),
		],
		[
			'a long stretch with no density known yet is read open-ended',
			caughtUpTo(T - 100 * DAY),
			forward(T - 100 * DAY, null),
		],
		[
			'a quiet minute with no density is read open-ended',
			caughtUpTo(T - MIN),
			forward(T - MIN, null),
		],
		[
			'after a sparse read, up to ten minutes are read open-ended',
			caughtUpTo(T - 10 * MIN, { density: sparse }),
			forward(T - 10 * MIN, null),
		],
		[
			'after a sparse read, a longer stretch is read in a window grown at most 8 times',
			caughtUpTo(T - 10 * MIN - S, { density: sparse }),
			// 10 customers a second: 8 s hold about 80, read with up to 2 × 80 ÷ 50 + 1 pages.
			forward(T - 10 * MIN - S, T - 10 * MIN + 7 * S, 5),
		],
		[
			'a closed window takes at least 4 pages',
			caughtUpTo(T - H, { density: { count: 1, ms: 1000 } }),
			forward(T - H, T - H + 8 * S, 4),
		],
		[
			'after a read of a full page, even a short stretch is windowed by its density',
			caughtUpTo(T - MIN, { density: { count: 50, ms: 5 * S } }),
			// 50 in 5 s: 40 s (8 times) hold about 400.
			forward(T - MIN, T - 20 * S, 17),
		],
		[
			'while reading existing customers, even a short stretch is windowed',
			caughtUpTo(T - MIN, { density: sparse, existingUntil: T }),
			forward(T - MIN, T - MIN + 8 * S, 5),
		],
		[
			'existing customers are read up to the activation time, in a closed window',
			caughtUpTo(T - H, { density: { count: 10, ms: 1000 * S }, existingUntil: T - MIN }),
			forward(T - H, T - MIN, 4),
		],
		[
			'a window starting at the activation time is read as usual',
			caughtUpTo(T - H, { density: { count: 10, ms: 1000 * S }, existingUntil: T - H }),
			forward(T - H, null),
		],
		[
			'existing customers are never read past now, even when the activation time is ahead of the clock',
			caughtUpTo(T - H, { existingUntil: T + H }),
			forward(T - H, T),
		],
		[
			'under the date-only reading: from `checked` (no re-check), at least a day wide',
			steady({ dateFilter: 'day', checked: T - 600_000 }),
			forward(T - 600_000, null),
		],
		[
			'under the date-only reading a narrow window is widened to a day',
			caughtUpTo(T - 30 * DAY, { dateFilter: 'day', density: { count: 1000, ms: 1000 } }),
			forward(T - 30 * DAY, T - 29 * DAY, 100),
		],
		[
			'with nothing settled yet, from a few seconds before the newest change',
			caughtUpTo(T - 10 * S, { checked: null }),
			forward(T - 10 * S - LEEWAY_MS, null),
		],
	])('%s', (_, state, expected) => {
		expect(nextRead(state, settings, pollBudget(settings, T))).toEqual(expected);
	});

	it('reads the narrowed window planned for the same start, with a page limit for its expected customers', () => {
		const planned = { after: T - H, until: T - H + 7 * S, expected: 400 };
		expect(
			nextRead(
				steady({ checked: T - H, newest: T - H, planned }),
				settings,
				pollBudget(settings, T),
			),
		).toEqual(forward(T - H, T - H + 7 * S, 17));
		// A plan for another start is stale: the window is sized by the density (see 'after downtime').
		const stale = { ...planned, after: T - 2 * H };
		expect(
			nextRead(
				steady({ checked: T - H, newest: T - H, planned: stale }),
				settings,
				pollBudget(settings, T),
			),
		).toEqual(forward(T - H, T - H + 250_000, 100));
	});
});

describe('afterRead: a window read whole', () => {
	const ids = (emit: readonly IDataObject[]) => emit.map((c) => c.id);

	it('emits only the customers inside the window, counts them for the density, and spends the budget', () => {
		const budget = pollBudget(settings, T);
		const { emit, state } = afterRead(
			caughtUpTo(T - H),
			forward(T - H, T - 50 * MIN),
			{
				customers: [
					customer(1, T - H),
					customer(2, T - 50 * MIN),
					customer(3, T - H + S),
					customer(4, T - 50 * MIN + S),
					{ id: 5 },
				],
				pages: 3,
			},
			settings,
			budget,
		);
		expect(ids(emit)).toEqual([3, 2]);
		expect(state.density).toEqual({ count: 2, ms: 10 * MIN });
		expect([state.checked, state.newest]).toEqual([T - 50 * MIN, T - 50 * MIN]);
		expect(budget).toEqual({
			...pollBudget(settings, T),
			pagesLeft: 199,
			changesLeft: 4998,
			windows: 1,
		});
	});

	it('a window reaching into the late-index window is final only up to now − Overlap', () => {
		const { state } = afterRead(
			caughtUpTo(T - 10 * MIN),
			forward(T - 10 * MIN, T - 2 * MIN),
			{ customers: [], pages: 1 },
			settings,
			pollBudget(settings, T),
		);
		expect([state.checked, state.newest]).toEqual([T - 5 * MIN, T - 2 * MIN]);
	});

	it('a window after a gap not yet re-checked leaves `checked` where it was', () => {
		const { state } = afterRead(
			caughtUpTo(T - 2 * H),
			forward(T - H, T - 50 * MIN),
			{ customers: [], pages: 1 },
			settings,
			pollBudget(settings, T),
		);
		expect([state.checked, state.newest]).toEqual([T - 2 * H, T - 50 * MIN]);
	});

	it('never moves `newest` back', () => {
		const { state } = afterRead(
			caughtUpTo(T - 2 * H, { newest: T - 10 * S }),
			forward(T - H, T - 50 * MIN),
			{ customers: [], pages: 1 },
			settings,
			pollBudget(settings, T),
		);
		expect(state.newest).toBe(T - 10 * S);
	});

	it('with nothing settled yet, the first window read settles its stretch', () => {
		const { state } = afterRead(
			caughtUpTo(T - H, { checked: null, newest: null }),
			forward(T - H, T - 50 * MIN),
			{ customers: [], pages: 1 },
			settings,
			pollBudget(settings, T),
		);
		expect([state.checked, state.newest]).toEqual([T - 50 * MIN, T - 50 * MIN]);
	});

	it.each([
		['before the activation time: Include Existing goes on', T - H - S, T - H],
		['up to the activation time: Include Existing is over', T - H, undefined],
	])('a window ending %s', (_, until, existingUntil) => {
		const { state } = afterRead(
			caughtUpTo(T - 2 * H, { existingUntil: T - H }),
			forward(T - 2 * H, until),
			{ customers: [], pages: 1 },
			settings,
			pollBudget(settings, T),
		);
		expect(state.existingUntil).toBe(existingUntil);
	});
});

describe('afterRead: an open-ended read', () => {
	it('moves `newest` to the newest change read, whatever the order, and settles up to now − Overlap', () => {
		const budget = pollBudget(settings, T);
		const { state } = afterRead(
			caughtUpTo(T - 10 * MIN),
			forward(T - 10 * MIN, null),
			{
				customers: [customer(1, T - 200 * S), customer(2, T - 100 * S), customer(3, T - 150 * S)],
				pages: 1,
			},
			settings,
			budget,
		);
		expect(state).toMatchObject({
			checked: T - 5 * MIN,
			newest: T - 100 * S,
			density: { count: 3, ms: 10 * MIN },
		});
		expect(budget.caughtUp).toBe(true);
	});

	it('a fresh read after an unchecked slice leaves `checked` to the re-check', () => {
		const { state } = afterRead(
			caughtUpTo(T - 10 * MIN, { newest: T - 5 * S }),
			forward(T - 8 * S, null),
			{ customers: [], pages: 1 },
			settings,
			pollBudget(settings, T),
		);
		expect([state.checked, state.newest]).toEqual([T - 10 * MIN, T - 5 * S]);
	});

	it('an empty read with nothing settled yet settles and reaches its start', () => {
		const { state } = afterRead(
			caughtUpTo(T - MIN, { checked: null, newest: null }),
			forward(T - MIN, null),
			{ customers: [], pages: 1 },
			settings,
			pollBudget(settings, T),
		);
		expect([state.checked, state.newest]).toEqual([T - MIN, T - MIN]);
	});

	it('with nothing settled yet, a read reaching past now − Overlap settles up to there', () => {
		const { state } = afterRead(
			caughtUpTo(T - 10 * MIN, { checked: null, newest: null }),
			forward(T - 10 * MIN, null),
			{ customers: [customer(1, T - 100 * S)], pages: 1 },
			settings,
			pollBudget(settings, T),
		);
		expect([state.checked, state.newest]).toEqual([T - 5 * MIN, T - 100 * S]);
	});

	it('a read from the beginning settles up to now − Overlap, and ignores customers without a time', () => {
		const fields = { ...settings, event: 'customFieldChanged' as const };
		const { emit, state } = afterRead(
			caughtUpTo(T - MIN, { event: 'customFieldChanged', checked: null, newest: null }),
			forward(null, null),
			{
				customers: [
					customer(1, T - 100 * S, [['a', 1]]),
					{ id: 2, customer_fields: [{ machine_name: 'a', updated_at: 2 }] },
				],
				pages: 1,
			},
			fields,
			pollBudget(fields, T),
		);
		expect(emit.map((c) => c.id)).toEqual([1]);
		expect(state).toMatchObject({
			checked: T - 5 * MIN,
			newest: T - 100 * S,
			density: { count: 1 },
		});
	});
});

describe('afterRead: which changes are emitted', () => {
	const fields = { ...settings, event: 'customFieldChanged' as const, watched: [] };
	const old = (T - 400 * DAY) / 1000;
	const emitted = (state: PlanState, read: Read, customers: IDataObject[]) =>
		afterRead(state, read, { customers, pages: 1 }, fields, pollBudget(fields, T)).emit.map(
			(c) => c.id,
		);
	const existing = caughtUpTo(T - H, { event: 'customFieldChanged', existingUntil: T - 30 * MIN });

	it.each<[string, Read, number[]]>([
		[
			'a window up to the activation time emits every customer in it',
			forward(T - H, T - 30 * MIN),
			[1],
		],
		['a window past the activation time emits only new changes', forward(T - H, T - 29 * MIN), []],
		['an open-ended read emits only new changes', forward(T - H, null), []],
		['a re-check emits only new changes', recheck(T - H, T - 30 * MIN), []],
	])('Include Existing: %s', (_, read, expected) => {
		expect(emitted(existing, read, [customer(1, T - 40 * MIN, [['a', old]])])).toEqual(expected);
	});

	it('without Include Existing, a change at or before `checked` is not emitted again', () => {
		const state = caughtUpTo(T - H, { event: 'customFieldChanged' });
		expect(
			emitted(state, forward(T - H, T - 30 * MIN), [
				customer(1, T - 40 * MIN, [['a', old]]),
				customer(2, T - 40 * MIN, [['a', (T - H) / 1000]]),
				customer(3, T - 40 * MIN, [['a', (T - H + S) / 1000]]),
			]),
		).toEqual([3]);
	});

	it('a re-check forgets the keys up to its end, and keeps the later ones', () => {
		const { state } = afterRead(
			steady({ seen: new Set([`1@${T - 240_000}`, `2@${T - 239_000}`]) }),
			recheck(T - 300_000, T - 240_000),
			{ customers: [], pages: 1 },
			settings,
			pollBudget(settings, T),
		);
		expect([...state.seen]).toEqual([`2@${T - 239_000}`]);
	});
});

describe('afterRead: a read stopped at its page limit', () => {
	const start = T - H;
	const page = (offsets: number[]) => ({
		customers: offsets.map((ms, i) => customer(i, start + ms)),
		pages: 1,
		nextPage: 'c',
	});
	const narrowedTo = (read: Read, offsets: number[]) => {
		const budget = pollBudget(settings, T);
		const outcome = afterRead(caughtUpTo(start), read, page(offsets), settings, budget);
		expect(outcome.emit).toEqual([]);
		expect(budget.windows).toBe(1);
		return outcome.state.planned;
	};
	const seconds = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * S);

	it.each<[string, number[], number]>([
		// An eighth of 50 customers lie before the 7th second, in whatever order they come.
		['newest first', seconds(50).reverse(), start + 7 * S],
		['shuffled', seconds(50).map((_, i) => ((i * 17) % 50) * S + S), start + 7 * S],
		['8 customers: before the second one', seconds(8), start + 2 * S],
		['fewer than 8 customers: the first half', seconds(3), start + 30 * S],
		[
			'sub-second times: still one second at least',
			[100, 200, 300, 400, 500, 600, 700, 800],
			start + S,
		],
	])('narrows a window to where an eighth of the customers read lie (%s)', (_, offsets, until) => {
		expect(narrowedTo(forward(start, start + MIN), offsets)).toEqual({
			after: start,
			until,
			expected: 50,
		});
	});

	it.each<[string, PlanState, Read]>([
		['a one-second window', caughtUpTo(start), forward(start, start + S)],
		['a date-only read', caughtUpTo(start, { dateFilter: 'day' }), forward(start, start + MIN)],
		['a re-check', caughtUpTo(start - MIN, { newest: start + MIN }), recheck(start, start + MIN)],
	])('%s is emitted as read and goes on from its cursor', (_, state, read) => {
		const budget = pollBudget(settings, T);
		const { emit, state: next } = afterRead(state, read, page([S, S]), settings, budget);
		expect(emit.map((c) => c.id)).toEqual([0, 1]);
		expect(next.resume).toEqual({ read, cursor: 'c', count: 2 });
		expect(budget.pagesLeft).toBe(0);
	});
});

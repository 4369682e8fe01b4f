import { afterRead } from '../../../nodes/CustomerAccountFieldsTrigger/afterRead';
import {
	firstState,
	LEEWAY_MS,
	nextRead,
	pollBudget,
	windowFilters,
} from '../../../nodes/CustomerAccountFieldsTrigger/pollPlan';
import type { PlanState, Read } from '../../../nodes/CustomerAccountFieldsTrigger/pollState';

import { T, settings, steady, S, MIN, H, DAY, forward, recheck, caughtUpTo } from './planFixtures';

describe('nextRead', () => {
	it('after activation: one open-ended read from the second before now (times have whole seconds)', () => {
		const state = firstState('customerUpdated', T + 400, false);
		expect(state).toMatchObject({ checked: T - 1000, newest: T, baseline: true });
		expect(nextRead(state, settings, pollBudget(settings, T + 400))).toEqual({
			kind: 'forward',
			after: T - 1000,
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

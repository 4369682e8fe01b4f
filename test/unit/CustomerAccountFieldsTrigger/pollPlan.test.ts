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

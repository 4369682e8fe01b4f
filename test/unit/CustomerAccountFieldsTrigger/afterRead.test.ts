import type { IDataObject } from 'n8n-workflow';

import { afterRead } from '../../../nodes/CustomerAccountFieldsTrigger/afterRead';
import {
	firstState,
	nextRead,
	pollBudget,
} from '../../../nodes/CustomerAccountFieldsTrigger/pollPlan';
import {
	loadState,
	savedForm,
	type PlanState,
	type Read,
} from '../../../nodes/CustomerAccountFieldsTrigger/pollState';

import {
	T,
	settings,
	customer,
	steady,
	S,
	MIN,
	H,
	DAY,
	forward,
	recheck,
	caughtUpTo,
} from './planFixtures';

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

describe('afterRead: the activation poll', () => {
	const fieldSettings = { ...settings, event: 'customFieldChanged' as const, watched: ['tier'] };
	const changedAt = (id: number, ms: number) => customer(id, ms, [['tier', ms / 1000]]);
	/** One poll at `nowMs` against a shop whose customers are `shop`, through the plan's own reads. */
	function poll(state: PlanState, nowMs: number, shop: IDataObject[]) {
		const budget = pollBudget(fieldSettings, nowMs);
		const emitted: IDataObject[] = [];
		for (
			let read = nextRead(state, fieldSettings, budget);
			read;
			read = nextRead(state, fieldSettings, budget)
		) {
			const { after, until } = read;
			const rows = shop.filter((c) => {
				const row = Date.parse(String(c.updated_at));
				return (after === null || row > after) && (until === null || row <= until);
			});
			const outcome = afterRead(state, read, { customers: rows, pages: 1 }, fieldSettings, budget);
			state = outcome.state;
			emitted.push(...outcome.emit);
		}
		return {
			state: loadState(savedForm(state), 'customFieldChanged', 300_000) as PlanState,
			emitted,
		};
	}

	it('emits nothing, and a change later in the activation second still comes out at the next poll', () => {
		// Activation 100 ms into second T; customer 1 changed before it in that second, customer 2 just after.
		const before = changedAt(1, T);
		const activation = poll(firstState('customFieldChanged', T + 100, false), T + 100, [before]);
		expect(activation.emitted).toEqual([]);
		expect(activation.state.baseline).toBeUndefined();
		const next = poll(activation.state, T + 60_000, [before, changedAt(2, T)]);
		expect(next.emitted.map((c) => c.id)).toEqual([2]);
		expect(poll(next.state, T + 120_000, [before, changedAt(2, T)]).emitted).toEqual([]);
	});
});

// Shared by the trigger policy's unit tests (pollPlan.test.ts, afterRead.test.ts): a clock, settings, customers and states.
import type { PlanSettings } from '../../../nodes/CustomerAccountFieldsTrigger/pollPlan';
import type { PlanState, Read } from '../../../nodes/CustomerAccountFieldsTrigger/pollState';

export const T = Date.parse('2026-11-25T10:00:00Z');
export const settings: PlanSettings = {
	event: 'customerUpdated',
	watched: [],
	overlapMs: 300_000,
	maxChanges: 5000,
};
export const customer = (id: number, ms: number, fields: Array<[string, number]> = []) => ({
	id,
	updated_at: new Date(ms).toISOString(),
	customer_fields: fields.map(([machine_name, seconds]) => ({ machine_name, updated_at: seconds })),
});
export const steady = (over: Partial<PlanState> = {}): PlanState => ({
	event: 'customerUpdated',
	dateFilter: 'instant',
	checked: T - 300_000,
	newest: T - 5000,
	seen: new Set(),
	density: { count: 600, ms: 60_000 },
	...over,
});
export const S = 1000;
export const MIN = 60_000;
export const H = 3_600_000;
export const DAY = 86_400_000;
export const forward = (after: number | null, until: number | null, maxPages = 100): Read => ({
	kind: 'forward',
	after,
	until,
	maxPages,
});
export const recheck = (after: number, until: number, maxPages = 100): Read => ({
	kind: 'recheck',
	after,
	until,
	maxPages,
});
/** A state whose re-check is done: `checked` and `newest` at `from`. */
export const caughtUpTo = (from: number, over: Partial<PlanState> = {}): PlanState => ({
	event: 'customerUpdated',
	dateFilter: 'instant',
	checked: from,
	newest: from,
	seen: new Set(),
	...over,
});

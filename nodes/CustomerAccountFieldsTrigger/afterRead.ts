import type { IDataObject } from 'n8n-workflow';

import { PAGE_SIZE } from '../CustomerAccountFields/customers/read';
import { changeTimeOf, rowTimeOf } from './changeTime';
import { EARLIEST_MS, SHRINK, wholeSecond, type PlanSettings, type PollBudget } from './pollPlan';
import { keyOf, timeOfKey, type PlanState, type Read } from './pollState';

// The second half of the trigger's policy (pure): what one read emits, and the state it leaves (pollPlan.ts
// plans the reads). docs/trigger.md explains the design.

/** What one read returned: its customers, the pages it took, and the cursor when it stopped at its page limit. */
export interface ReadResult {
	customers: readonly IDataObject[];
	pages: number;
	nextPage?: string;
}

export interface ReadOutcome {
	state: PlanState;
	/** The customers to emit, oldest change first. */
	emit: IDataObject[];
}

/**
 * Applies one read to the state. A forward window that had more customers than its page limit is
 * narrowed and read again (nothing emitted from it); a re-check, a one-second window or a date-only read
 * that stops at its limit is emitted as read, and the next poll goes on from its cursor.
 */
export function afterRead(
	state: PlanState,
	read: Read,
	result: ReadResult,
	settings: PlanSettings,
	budget: PollBudget,
): ReadOutcome {
	budget.pagesLeft -= result.pages;
	const now = wholeSecond(budget.nowMs);
	const start = read.after ?? EARLIEST_MS;
	const inWindow = result.customers.filter((customer) => {
		// A date-only reading returns whole days around the window: only the window's own customers count here.
		const row = rowTimeOf(customer, settings.event);
		return (
			row !== undefined &&
			(read.after === null || row > read.after) &&
			(read.until === null || row <= read.until)
		);
	});
	if (
		result.nextPage !== undefined &&
		read.kind === 'forward' &&
		state.dateFilter === 'instant' &&
		(read.until ?? now) - start > 1000
	) {
		budget.windows += 1;
		return { state: narrowed(state, read, inWindow, settings, now), emit: [] };
	}

	const next: PlanState = { ...state, seen: new Set(state.seen) };
	delete next.resume;
	delete next.planned;
	const existing =
		read.kind === 'forward' &&
		next.existingUntil !== undefined &&
		read.until !== null &&
		read.until <= next.existingUntil;
	const fresh: Array<{ customer: IDataObject; time: number }> = [];
	let newestRow: number | undefined;
	for (const customer of inWindow) {
		const row = rowTimeOf(customer, settings.event) as number;
		newestRow = Math.max(newestRow ?? row, row);
		const time = changeTimeOf(customer, settings.event, settings.watched);
		if (time === undefined || (!existing && state.checked !== null && time <= state.checked))
			continue;
		const key = keyOf(customer.id, time);
		if (next.seen.has(key)) continue;
		next.seen.add(key);
		if (!state.baseline) fresh.push({ customer, time });
	}
	fresh.sort((a, b) => a.time - b.time);
	budget.changesLeft -= fresh.length;

	const count = (state.resume?.count ?? 0) + inWindow.length;
	if (result.nextPage !== undefined) {
		next.resume = { read: { ...read }, cursor: result.nextPage, count };
		budget.pagesLeft = 0;
	} else {
		finishWindow(next, read, count, newestRow, settings, budget);
	}
	return { state: prune(next), emit: fresh.map((entry) => entry.customer) };
}

/**
 * The window was fuller than its page limit: the next read covers up to the time before which an eighth
 * of the customers read lie, and at most its first half. Whatever order the API uses, this narrows it:
 * an oldest-first sample gives a window of about an eighth of it, a random one about an eighth of the
 * window, a newest-first one halves it.
 */
function narrowed(
	state: PlanState,
	read: Read,
	inWindow: readonly IDataObject[],
	settings: PlanSettings,
	now: number,
): PlanState {
	const start = read.after ?? EARLIEST_MS;
	const end = read.until ?? now;
	const times = inWindow
		.map((customer) => rowTimeOf(customer, settings.event) as number)
		.sort((a, b) => a - b);
	let cut = start + (end - start) / 2;
	if (times.length >= SHRINK) cut = Math.min(cut, times[Math.floor(times.length / SHRINK)]);
	const until = Math.max(wholeSecond(cut), start + 1000);
	const next: PlanState = {
		...state,
		planned: { after: read.after, until, expected: Math.max(PAGE_SIZE, inWindow.length / SHRINK) },
	};
	delete next.resume;
	return next;
}

/** Moves `checked`, `newest` and the density once a window was read to its end. */
function finishWindow(
	state: PlanState,
	read: Read,
	count: number,
	newestRow: number | undefined,
	settings: PlanSettings,
	budget: PollBudget,
) {
	const now = wholeSecond(budget.nowMs);
	const settled = wholeSecond(budget.nowMs - settings.overlapMs);
	if (read.kind === 'recheck') {
		state.checked = read.until;
		return;
	}
	budget.windows += 1;
	const start = read.after ?? EARLIEST_MS;
	const end = read.until ?? now;
	state.density = { count, ms: Math.max(end - start, 1000) };
	if (read.until === null) {
		budget.caughtUp = true;
		if (newestRow !== undefined) state.newest = Math.max(state.newest ?? newestRow, newestRow);
		if (state.newest === null) state.newest = read.after;
		// What this read covered from `checked` on and was already past the late-index window is final. The
		// newest change read bounds it too, in case this server's clock runs ahead of the API's.
		const contiguous = state.checked === null || read.after === null || read.after <= state.checked;
		if (state.checked === null) state.checked = read.after;
		if (contiguous && state.newest !== null)
			state.checked = Math.max(state.checked ?? -Infinity, Math.min(settled, state.newest));
	} else {
		state.newest = Math.max(state.newest ?? read.until, read.until);
		// What a window read whole covered from `checked` on and was past the late-index window is final: no re-check.
		const contiguous = state.checked === null || read.after === null || read.after <= state.checked;
		if (contiguous) state.checked = Math.max(state.checked ?? start, Math.min(read.until, settled));
	}
	// Include Existing is over once a window reached its activation; what follows is read as usual.
	if (
		state.existingUntil !== undefined &&
		state.newest !== null &&
		state.newest >= state.existingUntil
	)
		delete state.existingUntil;
}

/** Keeps only the keys of changes after `checked`: the windows at or before it are never read again. */
function prune(state: PlanState): PlanState {
	if (state.checked === null) return state;
	for (const key of state.seen) if (timeOfKey(key) <= state.checked) state.seen.delete(key);
	return state;
}

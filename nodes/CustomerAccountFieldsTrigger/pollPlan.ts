import type { IDataObject } from 'n8n-workflow';

import { PAGE_SIZE } from '../CustomerAccountFields/customers/read';
import { changeTimeOf, rowTimeOf, type TriggerEvent } from './changeTime';
import { keyOf, timeOfKey, type DateFilter, type PlanState, type Read } from './pollState';

/**
 * The trigger's policy, pure: which window of time to read next, what to emit from a read, and the state
 * to save. Reads are windows `time > after AND time <= until` on the event's field; nothing relies on the
 * API's result order. Each change is read about twice: once fresh (from a few seconds before the newest
 * change read), and once more when its slice of time leaves the late-index window (the re-check).
 * docs/trigger.md explains the design.
 */

export const DEFAULT_OVERLAP_SECONDS = 300;
export const DEFAULT_MAX_CHANGES_PER_POLL = 5000;
/** Fresh reads start this far before the newest change read: writes committed a moment after they were stamped. */
export const LEEWAY_MS = 3000;
/** Include Existing starts here: no Shopify customer is older than Shopify. */
export const EARLIEST_MS = Date.UTC(2006, 0, 1);
/** The first window of an unknown stretch of time; each next one grows at most MAX_GROWTH times. */
const FIRST_WINDOW_MS = 30 * 86_400_000;
const MAX_GROWTH = 8;
/** A window found too full is narrowed to the time before which this fraction (1 ÷ SHRINK) of its customers read lie. */
const SHRINK = 8;
/** A closed window may take at least this many pages, however sparse the guess: a small shop's Include Existing is one read. */
const MIN_GUESS_PAGES = 4;
/** A stretch up to this long after a sparse read is read open-ended. */
const QUIET_SPAN_MS = 10 * 60_000;
/** Forward windows one poll may read (a few may be empty, or too full, while the density is learnt). */
export const MAX_WINDOWS_PER_POLL = 16;
const DAY_MS = 86_400_000;

export interface PlanSettings {
	event: TriggerEvent;
	watched: readonly string[];
	overlapMs: number;
	maxChanges: number;
}

/** What is left of one poll: items it may still emit, pages it may still read, forward windows read so far. */
export interface PollBudget {
	nowMs: number;
	changesLeft: number;
	pagesLeft: number;
	windows: number;
	/** Set when a forward read reached the present: the poll is done. */
	caughtUp: boolean;
}

export function pollBudget(settings: PlanSettings, nowMs: number): PollBudget {
	const pages = Math.ceil(settings.maxChanges / PAGE_SIZE);
	return {
		nowMs,
		changesLeft: settings.maxChanges,
		pagesLeft: 2 * pages + 2,
		windows: 0,
		caughtUp: false,
	};
}

const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/** The state on first activation: from now (nothing existing is emitted), or from the beginning with Include Existing. */
export function firstState(
	event: TriggerEvent,
	nowMs: number,
	includeExisting: boolean,
	dateFilter: DateFilter = 'instant',
): PlanState {
	const now = wholeSecond(nowMs);
	if (includeExisting)
		return { event, dateFilter, checked: null, newest: null, seen: new Set(), existingUntil: now };
	return { event, dateFilter, checked: now, newest: now, seen: new Set() };
}

/** The next read of this poll, or undefined when the poll is done. */
export function nextRead(
	state: PlanState,
	settings: PlanSettings,
	budget: PollBudget,
): Read | undefined {
	if (budget.pagesLeft <= 0 || budget.changesLeft <= 0) return undefined;
	if (state.resume)
		return {
			...state.resume.read,
			maxPages: pageLimit(budget, Math.ceil(settings.maxChanges / PAGE_SIZE)),
		};
	const settled = wholeSecond(budget.nowMs - settings.overlapMs);
	if (state.dateFilter === 'instant' && state.checked !== null && state.newest !== null) {
		const until = Math.min(settled, state.newest);
		if (until > state.checked) {
			return {
				kind: 'recheck',
				after: state.checked,
				until,
				maxPages: pageLimit(budget, Math.ceil(settings.maxChanges / PAGE_SIZE)),
			};
		}
	}
	if (budget.caughtUp || budget.windows >= MAX_WINDOWS_PER_POLL) return undefined;
	return forwardRead(state, budget);
}

function pageLimit(budget: PollBudget, wanted: number): number {
	return Math.max(1, Math.min(wanted, budget.pagesLeft));
}

/**
 * The next forward window: open-ended when the changes expected up to now fit half of what the poll may
 * still emit, else sized for that half by the density of the last window read (growing at most MAX_GROWTH
 * times). A closed window's page limit is twice the changes it is expected to hold: a window up to twice
 * as dense as guessed is read whole, and a wrong guess costs little.
 */
function forwardRead(state: PlanState, budget: PollBudget): Read {
	const now = wholeSecond(budget.nowMs);
	// Under the date-only reading each read returns whole days anyway, so it starts at `checked` and doubles as the re-check.
	const after =
		state.dateFilter === 'day' || state.newest === null
			? state.checked
			: Math.max(state.checked ?? -Infinity, state.newest - LEEWAY_MS);
	const start = after ?? EARLIEST_MS;
	const density = state.density;
	let until: number;
	if (state.planned && state.planned.after === after) {
		until = state.planned.until;
	} else {
		// After a quiet poll the next read is open-ended, however sparse the last one was (a burst is narrowed
		// if it overflows); a longer stretch is read in windows growing from the density of the last one.
		const quiet =
			(!density || density.count < PAGE_SIZE) &&
			state.existingUntil === undefined &&
			now - start <= QUIET_SPAN_MS;
		const width =
			density && !quiet
				? Math.min(
						MAX_GROWTH * density.ms,
						(density.ms * budget.changesLeft) / 2 / Math.max(density.count, 1),
					)
				: after === null
					? FIRST_WINDOW_MS
					: now - start;
		until = wholeSecond(start + Math.max(width, 1000));
		if (state.dateFilter === 'day') until = Math.max(until, wholeSecond(start + DAY_MS));
	}
	// Include Existing reads up to its activation in closed windows (never one open-ended read of the whole shop).
	const existing = state.existingUntil !== undefined && start < state.existingUntil;
	if (existing) until = Math.min(until, state.existingUntil as number);
	const open = !existing && until >= now;
	const span = (open ? now : until) - start;
	const expected =
		state.planned && state.planned.after === after
			? state.planned.expected
			: density
				? (density.count * span) / density.ms
				: undefined;
	const byBudget = Math.ceil(budget.changesLeft / PAGE_SIZE);
	// An open-ended read takes what the poll may emit: a burst after a quiet spell is read whole, not narrowed.
	const byGuess =
		expected === undefined || open
			? byBudget
			: Math.max(Math.ceil((2 * expected) / PAGE_SIZE) + 1, MIN_GUESS_PAGES);
	return {
		kind: 'forward',
		after,
		until: open ? null : until,
		maxPages: pageLimit(budget, Math.min(byBudget, byGuess)),
	};
}

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
		fresh.push({ customer, time });
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

/**
 * The filter values for a read. `instant`: ISO 8601 UTC date-times, `gt after` and `lt until + 1 s` (the
 * API's times have whole seconds). `day`: calendar dates widened by two days each side, so that a reading
 * by the shop's local date in any time zone still returns the whole window.
 */
export function windowFilters(read: Read, dateFilter: DateFilter): { gt?: string; lt?: string } {
	const filters: { gt?: string; lt?: string } = {};
	if (dateFilter === 'day') {
		if (read.after !== null) filters.gt = dayOf(read.after - 2 * DAY_MS);
		if (read.until !== null) filters.lt = dayOf(read.until + 2 * DAY_MS);
		return filters;
	}
	if (read.after !== null) filters.gt = instantOf(read.after);
	if (read.until !== null) filters.lt = instantOf(read.until + 1000);
	return filters;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const instantOf = (ms: number) => new Date(wholeSecond(ms)).toISOString().replace('.000Z', 'Z');

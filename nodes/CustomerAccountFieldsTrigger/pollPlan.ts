import { PAGE_SIZE } from '../CustomerAccountFields/customers/read';
import type { TriggerEvent } from './changeTime';
import type { DateFilter, PlanState, Read } from './pollState';

/**
 * The trigger's policy, pure: which window of time to read next (this module), what to emit from a read
 * and the state to save (afterRead.ts). Reads are windows `time > after AND time <= until` on the event's field; nothing relies on the
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
export const SHRINK = 8;
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

export const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * The state on first activation: from now (nothing existing is emitted), or from the beginning with Include
 * Existing. Times have whole seconds, so a change in the activation second may come before or after the
 * activation read: that second is read again, and what the activation read saw is recorded as seen, not
 * emitted (`baseline`), so a change made just after it is not lost.
 */
export function firstState(
	event: TriggerEvent,
	nowMs: number,
	includeExisting: boolean,
	dateFilter: DateFilter = 'instant',
): PlanState {
	const now = wholeSecond(nowMs);
	if (includeExisting)
		return { event, dateFilter, checked: null, newest: null, seen: new Set(), existingUntil: now };
	return { event, dateFilter, checked: now - 1000, newest: now, seen: new Set(), baseline: true };
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

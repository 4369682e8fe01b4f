import type { IDataObject } from 'n8n-workflow';

import type { TriggerEvent } from './changeTime';

/** How the API takes date values: `instant` (ISO date-times) or `day` (calendar dates only, after an HTTP 400). */
export type DateFilter = 'instant' | 'day';

/** One windowed read: customers whose windowed time is after `after` and at or before `until` (open when null). */
export interface Read {
	kind: 'recheck' | 'forward';
	/** Exclusive, epoch ms on whole seconds; null: from the beginning. */
	after: number | null;
	/** Inclusive, epoch ms on whole seconds; null: open-ended (up to now and beyond). */
	until: number | null;
	maxPages: number;
}

/** A read that stopped at its page limit: the next poll goes on from its `next_page` cursor. */
export interface Resume {
	read: Read;
	cursor: string;
	/** Customers in the window read so far (for the density guess). */
	count: number;
}

/** What the trigger keeps between polls (the workflow's static data), in memory. */
export interface PlanState {
	event: TriggerEvent;
	dateFilter: DateFilter;
	/** Every change at or before this time was emitted or has left the late-index window for good; null: nothing read yet. */
	checked: number | null;
	/** How far the reads have reached; fresh reads begin a few seconds before it. */
	newest: number | null;
	/** `id@changeTimeMs` of the changes emitted after `checked`. */
	seen: Set<string>;
	/** Customers per span of the last finished forward read, to size the next window. */
	density?: { count: number; ms: number };
	/** Include Existing: windows up to this time emit every matching customer. */
	existingUntil?: number;
	/** The next forward window, narrowed after a read found more customers than it could take. */
	planned?: PlannedWindow;
	resume?: Resume;
	/** Only in the activation poll (never saved): what it reads is recorded as seen, not emitted. */
	baseline?: boolean;
}

export interface PlannedWindow {
	after: number | null;
	until: number;
	/** Customers it probably holds (for its page limit). */
	expected: number;
}

export const STATE_VERSION = 2;

export function keyOf(id: unknown, timeMs: number): string {
	return `${String(id)}@${timeMs}`;
}

export function timeOfKey(key: string): number {
	return Number(key.slice(key.lastIndexOf('@') + 1));
}

/**
 * The static data to save. The seen keys are one string, `<id base 36>.<seconds after checked, base 36>`
 * space-separated (about 13 bytes a change with Shopify's 13-digit ids), so the size stays small.
 */
export function savedForm(state: PlanState): IDataObject {
	const base = Math.floor((state.checked ?? 0) / 1000);
	const seen = [...state.seen].map((key) => {
		const at = key.lastIndexOf('@');
		const id = key.slice(0, at);
		const offset = Math.floor(timeOfKey(key) / 1000) - base;
		const compactId =
			/^[1-9]\d{0,15}$/.test(id) && Number.isSafeInteger(Number(id))
				? Number(id).toString(36)
				: `~${encodeURIComponent(id)}`;
		return `${compactId}.${offset.toString(36)}`;
	});
	const saved: IDataObject = {
		version: STATE_VERSION,
		event: state.event,
		dateFilter: state.dateFilter,
		checked: state.checked,
		newest: state.newest,
		seen: seen.join(' '),
	};
	if (state.density) saved.density = { ...state.density };
	if (state.existingUntil !== undefined) saved.existingUntil = state.existingUntil;
	if (state.planned) saved.planned = { ...state.planned };
	if (state.resume)
		saved.resume = {
			read: { ...state.resume.read },
			cursor: state.resume.cursor,
			count: state.resume.count,
		};
	return saved;
}

/**
 * The saved state for `event`, or undefined (a first activation). Reads this version's shape and the
 * shape saved before it (`watermark`, `queryFrom`, `seen` as `id@ms` keys), which goes on from its
 * watermark: its overlap window is re-checked once, and its keys keep what it emitted from coming back.
 */
export function loadState(
	saved: IDataObject,
	event: TriggerEvent,
	overlapMs: number,
): PlanState | undefined {
	// A different event watches a different timestamp: start afresh rather than compare unlike times.
	if (saved.event !== event) return undefined;
	const dateFilter: DateFilter = saved.dateFilter === 'day' ? 'day' : 'instant';
	if (saved.version === STATE_VERSION) return fromCurrent(saved, event, dateFilter);
	if (typeof saved.watermark !== 'number' || typeof saved.queryFrom !== 'number') return undefined;
	// Before version 2 a poll emitted changes no older than watermark − overlap that were not in `seen` (times have whole seconds).
	const checked = saved.watermark - overlapMs - 1000;
	const seen = new Set(
		Array.isArray(saved.seen)
			? saved.seen.map(String).filter((key) => timeOfKey(key) > checked)
			: [],
	);
	return { event, dateFilter, checked, newest: saved.queryFrom, seen };
}

function fromCurrent(
	saved: IDataObject,
	event: TriggerEvent,
	dateFilter: DateFilter,
): PlanState | undefined {
	const checked = numberOrNull(saved.checked);
	const newest = numberOrNull(saved.newest);
	if (checked === undefined || newest === undefined) return undefined;
	const state: PlanState = {
		event,
		dateFilter,
		checked,
		newest,
		seen: decodeSeen(saved.seen, checked),
	};
	const density = saved.density as IDataObject | undefined;
	if (density && Number(density.ms) > 0 && Number(density.count) >= 0)
		state.density = { count: Number(density.count), ms: Number(density.ms) };
	if (typeof saved.existingUntil === 'number') state.existingUntil = saved.existingUntil;
	const planned = saved.planned as IDataObject | undefined;
	if (planned && typeof planned.until === 'number' && typeof planned.expected === 'number') {
		state.planned = {
			after: numberOrNull(planned.after) ?? null,
			until: planned.until,
			expected: planned.expected,
		};
	}
	const resume = saved.resume as IDataObject | undefined;
	if (
		resume &&
		typeof resume.cursor === 'string' &&
		resume.read &&
		typeof resume.read === 'object'
	) {
		state.resume = {
			read: { ...(resume.read as unknown as Read) },
			cursor: resume.cursor,
			count: Number(resume.count) || 0,
		};
	}
	return state;
}

function numberOrNull(value: unknown): number | null | undefined {
	if (value === null) return null;
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function decodeSeen(text: unknown, checked: number | null): Set<string> {
	const base = Math.floor((checked ?? 0) / 1000);
	const seen = new Set<string>();
	if (typeof text !== 'string') return seen;
	for (const entry of text.split(' ')) {
		const dot = entry.lastIndexOf('.');
		if (dot <= 0) continue;
		const rawId = entry.slice(0, dot);
		const id = rawId.startsWith('~')
			? decodeURIComponent(rawId.slice(1))
			: String(parseInt(rawId, 36));
		seen.add(keyOf(id, (base + parseInt(entry.slice(dot + 1), 36)) * 1000));
	}
	return seen;
}

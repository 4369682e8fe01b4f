import type { IDataObject } from 'n8n-workflow';

export type TriggerEvent = 'customerCreated' | 'customerUpdated' | 'customFieldChanged';

/** What the trigger keeps between polls (in the workflow's static data). */
export interface PollState {
	event: TriggerEvent;
	/** The latest change time seen in the API's data, epoch ms. */
	watermark: number;
	/** The latest created_at / updated_at seen (what the API can filter on), epoch ms; equals `watermark` except for custom fields. */
	queryFrom: number;
	/** `id@changeTime` of the changes already emitted inside the overlap window. */
	seen: string[];
}

/** Bound on the remembered keys, so static data stays small even for a busy shop. */
export const MAX_SEEN = 2000;

/**
 * When the customer last did what the event watches, in epoch ms, from the API's own data: created_at,
 * updated_at, or for custom fields the newest `updated_at` (epoch seconds) among the watched fields (all custom fields when none is named).
 */
export function changeTimeOf(customer: IDataObject, event: TriggerEvent, watched: readonly string[] = []): number | undefined {
	if (event === 'customFieldChanged') {
		const fields = Array.isArray(customer.customer_fields) ? (customer.customer_fields as IDataObject[]) : [];
		let latest: number | undefined;
		for (const field of fields) {
			if (watched.length > 0 && !watched.includes(String(field?.machine_name))) continue;
			const seconds = Number(field.updated_at);
			if (Number.isFinite(seconds) && (latest === undefined || seconds * 1000 > latest)) latest = seconds * 1000;
		}
		return latest;
	}
	const time = Date.parse(String(customer[event === 'customerCreated' ? 'created_at' : 'updated_at'] ?? ''));
	return Number.isNaN(time) ? undefined : time;
}

/**
 * The customers to emit from a read that covered the overlap window before the watermark, oldest first,
 * and the state to save. A change is new when it is no older than `watermark - overlapMs` and its
 * `id@time` was not emitted before; so a late-indexed or same-second change is emitted once.
 */
export function selectNewChanges(
	customers: readonly IDataObject[],
	state: PollState,
	options: { overlapMs: number; watched?: readonly string[]; maxSeen?: number },
): { emit: IDataObject[]; state: PollState } {
	const seen = new Set(state.seen);
	const fresh: Array<{ customer: IDataObject; time: number }> = [];
	let watermark = state.watermark;
	let queryFrom = state.queryFrom;
	for (const customer of customers) {
		const rowTime = changeTimeOf(customer, state.event === 'customerCreated' ? 'customerCreated' : 'customerUpdated');
		if (rowTime !== undefined && rowTime > queryFrom) queryFrom = rowTime;
		const time = changeTimeOf(customer, state.event, options.watched);
		if (time === undefined || time < state.watermark - options.overlapMs) continue;
		const key = `${String(customer.id)}@${time}`;
		if (seen.has(key)) continue;
		seen.add(key);
		fresh.push({ customer, time });
		if (time > watermark) watermark = time;
	}
	fresh.sort((a, b) => a.time - b.time);
	return {
		emit: fresh.map((entry) => entry.customer),
		state: {
			event: state.event,
			watermark,
			queryFrom,
			seen: keepRecent(seen, watermark - options.overlapMs, options.maxSeen ?? MAX_SEEN),
		},
	};
}

/** The keys still inside the overlap window, newest kept when there are more than `max`. */
function keepRecent(keys: Set<string>, from: number, max: number): string[] {
	const timeOf = (key: string) => Number(key.slice(key.lastIndexOf('@') + 1));
	const recent = [...keys].filter((key) => timeOf(key) >= from).sort((a, b) => timeOf(a) - timeOf(b));
	return recent.slice(Math.max(0, recent.length - max));
}

/**
 * The filter value for "changed after `ms`". `instant`: an ISO 8601 UTC date-time, exact where the API
 * compares instants. `day`: a date only, two days earlier, so that a reading by calendar date in any
 * time zone still returns every later change (the trigger then picks the new ones itself).
 */
export function changedAfterValue(ms: number, precision: 'instant' | 'day'): string {
	if (precision === 'day') return new Date(ms - 2 * 86_400_000).toISOString().slice(0, 10);
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

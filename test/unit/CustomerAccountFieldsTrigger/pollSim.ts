// A pure simulation of the API's windowed reads and of n8n calling the trigger's plan, for the policy's
// tests at the volumes (no HTTP: thousands of polls run in a second).
import type { IDataObject } from 'n8n-workflow';

import { keyOf } from '../../../nodes/CustomerAccountFieldsTrigger/pollState';
import { afterRead, type ReadResult } from '../../../nodes/CustomerAccountFieldsTrigger/afterRead';
import {
	firstState,
	nextRead,
	pollBudget,
	type PlanSettings,
} from '../../../nodes/CustomerAccountFieldsTrigger/pollPlan';
import {
	loadState,
	savedForm,
	type DateFilter,
	type PlanState,
	type Read,
} from '../../../nodes/CustomerAccountFieldsTrigger/pollState';

export type Order = 'id' | 'updatedAsc' | 'updatedDesc' | 'random';
export const ORDERS: Order[] = ['id', 'updatedAsc', 'updatedDesc', 'random'];

const SHOP_OFFSET_MS = -4 * 3_600_000;
const DAY_MS = 86_400_000;
const PAGE = 50;

interface Row {
	id: number;
	updatedMs: number;
	/** When a search shows the latest change (late indexing). */
	visibleAtMs: number;
}

/** The shop: customers by id with their updated_at, read in windows the way the API answers filters and cursors. */
export class FakeShop {
	readonly rows = new Map<number, Row>();
	requests = 0;
	/** The rows by updated time, for windows found by binary search (rebuilt after a change). */
	private byTime: Row[] | null = null;
	/** Cursors the API refuses from now on (expired). */
	refuseCursors = false;

	constructor(
		public order: Order = 'id',
		public dateFilter: DateFilter = 'instant',
	) {}

	seed(count: number, updatedMs: (i: number) => number, firstId = 1000): void {
		for (let i = 0; i < count; i++)
			this.rows.set(firstId + i, {
				id: firstId + i,
				updatedMs: Math.floor(updatedMs(i) / 1000) * 1000,
				visibleAtMs: 0,
			});
		this.byTime = null;
	}

	change(id: number, atMs: number, visibleAtMs = atMs): void {
		this.rows.set(id, { id, updatedMs: Math.floor(atMs / 1000) * 1000, visibleAtMs });
		this.byTime = null;
	}

	private candidates(read: Read): Row[] {
		if (this.dateFilter === 'day') return [...this.rows.values()];
		this.byTime ??= [...this.rows.values()].sort((a, b) => a.updatedMs - b.updatedMs);
		const rows = this.byTime;
		const firstAbove = (ms: number) => {
			let lo = 0;
			let hi = rows.length;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				if (rows[mid].updatedMs <= ms) lo = mid + 1;
				else hi = mid;
			}
			return lo;
		};
		return rows.slice(
			read.after === null ? 0 : firstAbove(read.after),
			read.until === null ? rows.length : firstAbove(read.until),
		);
	}

	/** One read of up to `maxPages` pages; the filter values are what the trigger would send. */
	read(read: Read, nowMs: number, cursor?: string): ReadResult {
		if (cursor !== undefined && this.refuseCursors) throw new Error('cursor refused');
		const matches = this.candidates(read).filter(
			(row) => row.visibleAtMs <= nowMs && this.inFilter(row, read),
		);
		const keys = new Map(matches.map((row) => [row, sortKey(row, this.order)]));
		const key = (row: Row) => keys.get(row) as number;
		if (this.order !== 'id') matches.sort((a, b) => key(a) - key(b) || a.id - b.id);
		else if (this.dateFilter === 'instant') matches.sort((a, b) => a.id - b.id);
		let from = 0;
		if (cursor !== undefined) {
			const last = JSON.parse(cursor) as { key: number; id: number };
			while (
				from < matches.length &&
				(key(matches[from]) < last.key ||
					(key(matches[from]) === last.key && matches[from].id <= last.id))
			)
				from += 1;
		}
		const customers: IDataObject[] = [];
		let pages = 0;
		let at = from;
		do {
			pages += 1;
			this.requests += 1;
			for (const row of matches.slice(at, at + PAGE)) customers.push(customerOf(row));
			at += PAGE;
		} while (at < matches.length && pages < read.maxPages);
		const lastRow = matches[Math.min(at, matches.length) - 1];
		const nextPage =
			at < matches.length ? JSON.stringify({ key: key(lastRow), id: lastRow.id }) : undefined;
		return { customers, pages, nextPage };
	}

	private inFilter(row: Row, read: Read): boolean {
		if (this.dateFilter === 'instant') {
			return (
				(read.after === null || row.updatedMs > Math.floor(read.after / 1000) * 1000) &&
				(read.until === null || row.updatedMs < read.until + 1000)
			);
		}
		// Date-only: the filter compares the shop-local calendar date, with the trigger's two days either side.
		const localDay = (ms: number) => Math.floor((ms + SHOP_OFFSET_MS) / DAY_MS);
		const utcDay = (ms: number) => Math.floor(ms / DAY_MS);
		return (
			(read.after === null || localDay(row.updatedMs) > utcDay(read.after - 2 * DAY_MS)) &&
			(read.until === null || localDay(row.updatedMs) < utcDay(read.until + 2 * DAY_MS))
		);
	}
}

function sortKey(row: Row, order: Order): number {
	if (order === 'updatedAsc') return row.updatedMs;
	if (order === 'updatedDesc') return -row.updatedMs;
	if (order === 'random') return Math.imul(row.id ^ 0x5bd1e995, 0x9e3779b1) >>> 0;
	return row.id;
}

function customerOf(row: Row): IDataObject {
	return {
		id: row.id,
		updated_at: new Date(row.updatedMs).toISOString(),
		created_at: '2020-01-01T00:00:00Z',
	};
}

export interface PollOutcome {
	emitted: string[];
	emittedTimes: number[];
	requests: number;
	pages: number;
}

/** The trigger on the fake shop: its state goes through the saved form between polls, as n8n stores it. */
export class SimTrigger {
	saved: IDataObject = {};
	readonly settings: PlanSettings;

	constructor(
		readonly shop: FakeShop,
		settings: Partial<PlanSettings> = {},
		readonly includeExisting = false,
	) {
		this.settings = {
			event: 'customerUpdated',
			watched: [],
			overlapMs: 300_000,
			maxChanges: 5000,
			...settings,
		};
	}

	poll(nowMs: number): PollOutcome {
		let state: PlanState =
			loadState(
				JSON.parse(JSON.stringify(this.saved)) as IDataObject,
				this.settings.event,
				this.settings.overlapMs,
			) ?? firstState(this.settings.event, nowMs, this.includeExisting, this.shop.dateFilter);
		const budget = pollBudget(this.settings, nowMs);
		const outcome: PollOutcome = { emitted: [], emittedTimes: [], requests: 0, pages: 0 };
		const before = this.shop.requests;
		for (
			let read = nextRead(state, this.settings, budget);
			read;
			read = nextRead(state, this.settings, budget)
		) {
			let result: ReadResult;
			try {
				result = this.shop.read(read, nowMs, state.resume?.cursor);
			} catch {
				state = { ...state, resume: undefined };
				result = this.shop.read(read, nowMs);
			}
			const next = afterRead(state, read, result, this.settings, budget);
			state = next.state;
			for (const customer of next.emit) {
				const time = Date.parse(String(customer.updated_at));
				outcome.emitted.push(keyOf(customer.id, time));
				outcome.emittedTimes.push(time);
			}
		}
		outcome.requests = this.shop.requests - before;
		this.saved = savedForm(state);
		return outcome;
	}
}

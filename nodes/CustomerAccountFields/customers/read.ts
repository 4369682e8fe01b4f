import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { apiRequest } from '../transport';
import { customersIn, nextPageOf } from './reply';

export type CustomersContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The API returns at most this many customers per page. */
export const PAGE_SIZE = 50;

// A real page is empty only when the list ends (no cursor then); 5 in a row is a server fault, not bad luck.
const MAX_EMPTY_PAGES_IN_A_ROW = 5;

export interface RequestOptions {
	itemIndex?: number;
	timeoutMs?: number;
}

export interface ReadOptions extends RequestOptions {
	/** Stop once this many customers are read (the last page is cut to fit). */
	limit?: number;
	/** Stop after this many pages; `nextPage` then says where to go on. */
	maxPages?: number;
	/** Start from this `next_page` cursor instead of the first page. */
	startCursor?: string;
	/** Receives each page as it arrives, so that what was read before a failure is not lost. */
	onPage: (customers: IDataObject[]) => void;
}

export interface ReadResult {
	/** Customers handed to `onPage`. */
	count: number;
	/** Pages requested. */
	pages: number;
	/** Set when reading stopped at `limit` or `maxPages` with more to read: the cursor to go on from. */
	nextPage?: string;
}

/**
 * GET /customers following the `next_page` cursor until it is absent (the API gives no totals), or
 * until `limit` customers or `maxPages` pages are read. Each page is asked for as soon as its cursor is
 * known; the transport's pacer decides when it may start.
 */
export async function readPages(
	this: CustomersContext,
	qs: IDataObject,
	options: ReadOptions,
): Promise<ReadResult> {
	const result: ReadResult = { count: 0, pages: 0 };
	let emptyPagesInARow = 0;
	const seen = new Set<string>();
	let cursor = options.startCursor;
	do {
		const reply = await apiRequest.call(this, {
			method: 'GET',
			path: '/customers',
			qs: cursor ? { ...qs, next_page: cursor } : qs,
			itemIndex: options.itemIndex,
			timeoutMs: options.timeoutMs,
		});
		result.pages += 1;
		let customers = customersIn(reply);
		if (options.limit !== undefined) customers = customers.slice(0, options.limit - result.count);
		result.count += customers.length;
		options.onPage(customers);
		cursor = nextPageOf(reply);
		const full = options.limit !== undefined && result.count >= options.limit;
		if (full || (options.maxPages !== undefined && result.pages >= options.maxPages)) {
			return { ...result, nextPage: cursor };
		}
		if (cursor !== undefined) {
			if (seen.has(cursor)) throw repeatedCursor.call(this, options.itemIndex);
			seen.add(cursor);
			emptyPagesInARow = customers.length === 0 ? emptyPagesInARow + 1 : 0;
			if (emptyPagesInARow >= MAX_EMPTY_PAGES_IN_A_ROW)
				throw endlessEmptyPages.call(this, options.itemIndex);
		}
	} while (cursor !== undefined);
	return result;
}

function repeatedCursor(this: CustomersContext, itemIndex?: number): NodeApiError {
	return new NodeApiError(
		this.getNode(),
		{ message: 'repeated next_page cursor' },
		{
			message: 'The API returned the same next_page cursor twice',
			description:
				'Stopped to avoid reading the same customers forever. Please report this to Bonify.',
			itemIndex,
		},
	);
}

function endlessEmptyPages(this: CustomersContext, itemIndex?: number): NodeApiError {
	return new NodeApiError(
		this.getNode(),
		{ message: 'empty pages with a next_page cursor' },
		{
			message: `The API returned ${MAX_EMPTY_PAGES_IN_A_ROW} empty pages in a row, each with a new next_page cursor`,
			description: 'Stopped to avoid following cursors forever. Please report this to Bonify.',
			itemIndex,
		},
	);
}

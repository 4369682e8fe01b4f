import { NodeApiError, type IDataObject, type IExecuteFunctions, type IPollFunctions } from 'n8n-workflow';

import { apiRequest } from '../../transport';

// A real page is empty only when the list ends (no cursor then); 5 in a row is a server fault, not bad luck.
const MAX_EMPTY_PAGES_IN_A_ROW = 5;

export interface ListOptions {
	limit?: number;
	itemIndex?: number;
	timeoutMs?: number;
	/** Receives each page as it arrives, so that what was read before a failure is not lost. */
	onPage: (customers: IDataObject[]) => void;
}

/**
 * GET /customers following the `next_page` cursor until it is absent (the API gives no totals), or
 * until `limit` customers are read. Each page is asked for as soon as its cursor is known; the
 * transport's pacer decides when it may start. Returns how many customers were read.
 */
export async function listCustomers(this: IExecuteFunctions | IPollFunctions, qs: IDataObject, options: ListOptions): Promise<number> {
	let count = 0;
	let emptyPagesInARow = 0;
	const seen = new Set<string>();
	let cursor: string | undefined;
	do {
		const page = await apiRequest.call(this, {
			method: 'GET',
			path: '/customers',
			qs: cursor ? { ...qs, next_page: cursor } : qs,
			itemIndex: options.itemIndex,
			timeoutMs: options.timeoutMs,
		});
		let customers = (page.customers as IDataObject[] | undefined) ?? [];
		if (options.limit !== undefined) customers = customers.slice(0, options.limit - count);
		count += customers.length;
		options.onPage(customers);
		if (options.limit !== undefined && count >= options.limit) return count;
		cursor = typeof page.next_page === 'string' && page.next_page !== '' ? page.next_page : undefined;
		if (cursor !== undefined) {
			if (seen.has(cursor)) {
				throw new NodeApiError(this.getNode(), { message: 'repeated next_page cursor' }, {
					message: 'The API returned the same next_page cursor twice',
					description: 'Stopped to avoid reading the same customers forever. Please report this to Bonify.',
					itemIndex: options.itemIndex,
				});
			}
			seen.add(cursor);
			emptyPagesInARow = customers.length === 0 ? emptyPagesInARow + 1 : 0;
			if (emptyPagesInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
				throw new NodeApiError(this.getNode(), { message: 'empty pages with a next_page cursor' }, {
					message: `The API returned ${MAX_EMPTY_PAGES_IN_A_ROW} empty pages in a row, each with a new next_page cursor`,
					description: 'Stopped to avoid following cursors forever. Please report this to Bonify.',
					itemIndex: options.itemIndex,
				});
			}
		}
	} while (cursor !== undefined);
	return count;
}

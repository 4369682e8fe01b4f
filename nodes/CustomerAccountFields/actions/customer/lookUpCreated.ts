import { DateTime } from 'luxon';
import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { findCustomersBy, MAX_BATCH, PAGE_SIZE, readPages } from '../../customers';
import { buildFilterQuery } from '../../filters/query';
import { customerMatchKey } from '../../helpers/matchKey';
import { comparablePhone } from '../../helpers/phone';
import { addHint } from '../executionHint';

// Reads from this long before the first POST, so that clocks a little apart still overlap.
const CLOCK_MARGIN_MS = 2 * 60_000;
// A search index may show a new customer a few seconds late: searched again after these waits.
export const INDEX_RETRY_DELAYS_MS = [2_000, 5_000];

interface Created {
	itemIndex: number;
	/** Lower-cased email, or the phone without separators: what identifies the new customer. */
	key: string;
	field: 'email' | 'phone';
}

/**
 * Look Up Created Customers: the API returns no IDs, so after the writes the new customers are read
 * back. First the customers created since just before the first POST (customer_date), at most one
 * page per batch of ten; then one search per email (or phone) still missing, again after short waits.
 * Each found item becomes the customer as the API returns it; one not found keeps its sent form, with `id: null`.
 */
export async function lookUpCreated(
	this: IExecuteFunctions,
	written: INodeExecutionData[],
	startedAt: number,
	timeoutMs?: number,
): Promise<INodeExecutionData[]> {
	const created = written.flatMap((item) => identify(item));
	const found = new Map<string, IDataObject>();
	if (created.length > 0) {
		const since = DateTime.fromMillis(startedAt - CLOCK_MARGIN_MS)
			.toUTC()
			.startOf('second')
			.toISO({ suppressMilliseconds: true }) as string;
		// By field and key, so that matching a page is linear however many customers were created.
		const byKey = new Map(created.map((entry) => [`${entry.field}:${entry.key}`, entry]));
		const wanted = (customer: IDataObject) =>
			byKey.get(`email:${customerMatchKey('email', customer)}`) ??
			byKey.get(`phone:${customerMatchKey('phone', customer)}`);
		await tolerate.call(
			this,
			readPages.call(
				this,
				{ filters: buildFilterQuery([{ field: 'customer_date', operator: 'gt', value: since }]) },
				{
					limit: Math.ceil(created.length / MAX_BATCH) * PAGE_SIZE,
					itemIndex: created[0].itemIndex,
					timeoutMs,
					onPage: (customers) => {
						for (const customer of customers) {
							const entry = wanted(customer);
							if (entry) found.set(entry.key, customer);
						}
					},
				},
			),
		);
		for (const delay of [0, ...INDEX_RETRY_DELAYS_MS]) {
			const missing = created.filter((entry) => !found.has(entry.key));
			if (missing.length === 0) break;
			if (delay > 0) await sleep(delay);
			for (const entry of missing)
				await tolerate.call(this, searchOne.call(this, entry, found, timeoutMs));
		}
	}
	const missed = created.filter((entry) => !found.has(entry.key)).length;
	if (missed > 0)
		addHint(this, {
			message: `${missed} created customer(s) were not found by the API's search yet; their id is null.`,
			type: 'warning',
			location: 'outputPane',
		});
	return written.map((item) => {
		if (item.error) return item;
		const [entry] = identify(item);
		const customer = entry ? found.get(entry.key) : undefined;
		return { ...item, json: customer ?? { ...item.json, id: null } };
	});
}

function identify(item: INodeExecutionData): Created[] {
	if (item.error) return [];
	const itemIndex = (item.pairedItem as { item: number }).item;
	const email = customerMatchKey('email', item.json);
	if (email) return [{ itemIndex, key: email, field: 'email' }];
	const phone = comparablePhone(item.json.phone);
	return phone ? [{ itemIndex, key: phone, field: 'phone' }] : [];
}

async function searchOne(
	this: IExecuteFunctions,
	entry: Created,
	found: Map<string, IDataObject>,
	timeoutMs?: number,
): Promise<void> {
	const [customer] = await findCustomersBy.call(this, entry.field, entry.key, {
		itemIndex: entry.itemIndex,
		timeoutMs,
	});
	if (customer) found.set(entry.key, customer);
}

// The customers are created by then: a failed read-back leaves their id null rather than failing them.
async function tolerate(this: IExecuteFunctions, lookup: Promise<unknown>): Promise<void> {
	try {
		await lookup;
	} catch (error) {
		this.logger.warn(
			`Customer Account Fields: looking up created customers failed: ${(error as Error).message}`,
		);
	}
}

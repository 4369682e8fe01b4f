import { NodeApiError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { findCustomersBy, MAX_BATCH, writeCustomers } from '../../customers';
import { chunk } from '../../helpers/chunk';
import { errorForItem, toItemError, type ItemError } from '../../helpers/itemError';
import { matchKeyOf } from '../../helpers/matchKey';
import type { ApiOutcome } from '../../transport';
import { prepareItems, type ItemResults } from '../itemResults';

export interface WriteSpec {
	method: 'POST' | 'PUT';
	/** Builds the customer of one item; throws InputError for bad input. */
	prepare: (itemIndex: number) => IDataObject;
	headers?: IDataObject;
	timeoutMs?: number;
	/** The input items this write covers; Create or Update writes creates and updates apart. */
	itemIndexes: Iterable<number>;
	/** Create or Update: the `result` each written item's output carries ("created" or "updated"). */
	result?: 'created' | 'updated';
}

export interface Prepared {
	itemIndex: number;
	customer: IDataObject;
}

type Failed = Extract<ApiOutcome, { ok: false }>;

/** Batches of one execution that may wait in the pacer at once; the pacer decides when each starts. */
const MAX_BATCHES_IN_FLIGHT = 8;

interface Run {
	spec: WriteSpec;
	results: ItemResults;
	total: number;
	written: number;
	/** The first rejected batch when failures stop the node: the other batches in flight still finish. */
	stop?: { outcome: Failed; batch: Prepared[] };
}

/**
 * Create and Update: every item is checked first (nothing is sent if one is invalid and
 * Continue On Fail is off), then sent in groups of MAX_BATCH. Batch k+1 is sent without waiting
 * for batch k's reply, unless they share a customer (same id or email): then it waits for that reply.
 * Each item's outcome goes to `results`.
 */
export async function writeInBatches(
	this: IExecuteFunctions,
	results: ItemResults,
	spec: WriteSpec,
): Promise<void> {
	const prepared = prepareItems(results, spec.itemIndexes, spec.prepare).map(
		({ itemIndex, value }) => ({ itemIndex, customer: value }),
	);
	const run: Run = { spec, results, total: prepared.length, written: 0 };
	const batches = chunk(prepared, MAX_BATCH);
	const inFlight = new Map<Promise<void>, Set<string>>();
	for (const [position, batch] of batches.entries()) {
		const customers = customerKeys(batch);
		await waitForRoom(inFlight, customers);
		if (run.stop) break;
		const task: Promise<void> = writeBatch
			.call(this, run, batch, `${position + 1} of ${batches.length}`)
			.finally(() => inFlight.delete(task));
		inFlight.set(task, customers);
	}
	await Promise.all(inFlight.keys());
	if (run.stop) throw stoppingError.call(this, run, run.stop);
}

/** Waits until no batch in flight touches these customers and there is room for one more. */
async function waitForRoom(
	inFlight: Map<Promise<void>, Set<string>>,
	customers: Set<string>,
): Promise<void> {
	for (;;) {
		const sharing: Array<Promise<void>> = [];
		for (const [task, other] of inFlight) {
			for (const key of customers) {
				if (other.has(key)) {
					sharing.push(task);
					break;
				}
			}
		}
		if (sharing.length === 0 && inFlight.size < MAX_BATCHES_IN_FLIGHT) return;
		await Promise.race(sharing.length > 0 ? sharing : inFlight.keys());
	}
}

/** Ids and emails (case-insensitive, as the API compares them) of a batch's customers. */
function customerKeys(batch: Prepared[]): Set<string> {
	const keys = new Set<string>();
	for (const { customer } of batch) {
		if (customer.id !== undefined && customer.id !== null) keys.add(`id:${String(customer.id)}`);
		if (typeof customer.email === 'string' && customer.email !== '')
			keys.add(`email:${customer.email.trim().toLowerCase()}`);
	}
	return keys;
}

async function writeBatch(
	this: IExecuteFunctions,
	run: Run,
	batch: Prepared[],
	position: string,
): Promise<void> {
	const outcome = await send.call(this, run.spec, batch);
	if (outcome.ok) {
		for (const entry of batch) succeed(run, entry);
		run.written += batch.length;
	} else if (!run.results.continues) {
		run.stop ??= { outcome, batch };
		return;
	} else {
		await isolateFailures.call(this, run, batch, outcome);
	}
	this.logger.info(`Customer Account Fields: sent batch ${position} (${describeRange(batch)})`);
}

function succeed(run: Run, entry: Prepared): void {
	run.results.succeed(
		entry.itemIndex,
		run.spec.result ? { result: run.spec.result, ...entry.customer } : entry.customer,
	);
}

async function send(
	this: IExecuteFunctions,
	spec: WriteSpec,
	batch: Prepared[],
): Promise<ApiOutcome> {
	return await writeCustomers.call(this, {
		method: spec.method,
		customers: batch.map((entry) => entry.customer),
		headers: spec.headers,
		itemIndex: batch[0].itemIndex,
		timeoutMs: spec.timeoutMs,
	});
}

// A Create the API may have carried out is never sent again: the user must look before retrying.
const MAYBE_CREATED =
	'The API may have created these customers before the failure. Check in Shopify before running the items again, so that no customer is created twice.';

/** What a failed write tells the user, before any batch context: for a possibly-carried-out Create, to look first. */
function descriptionOf(spec: WriteSpec, outcome: Failed): string | undefined {
	if (spec.method === 'POST' && outcome.kind === 'ambiguous') return MAYBE_CREATED;
	return outcome.error.description ?? undefined;
}

/** The error that stops the node: the batch's API error, with what was and was not written, built once. */
function stoppingError(
	this: IExecuteFunctions,
	run: Run,
	{ outcome, batch }: { outcome: Failed; batch: Prepared[] },
): ItemError {
	const range = describeRange(batch);
	const others = run.total - batch.length;
	const writtenWords =
		others > 0
			? ` ${run.written} of the other ${others} items were written (batches sent before it, or already on their way); the rest were not sent.`
			: '';
	const base = descriptionOf(run.spec, outcome);
	const description = `${base ? `${base} ` : ''}The API rejected the request for ${range}, sent together.${writtenWords} Turn on "Continue On Fail" to write the valid items and get one error item for each bad one.`;
	return errorForItem(this.getNode(), outcome.error, batch[0].itemIndex, description);
}

/**
 * Under Continue On Fail, finds which items of a rejected batch are bad. Only a final answer (4xx, or a
 * 200 saying "error") is narrowed down; after a 5xx, reset or timeout the API may have acted, so every
 * item of the batch gets the error and nothing is sent again.
 */
async function isolateFailures(
	this: IExecuteFunctions,
	run: Run,
	batch: Prepared[],
	outcome: Failed,
): Promise<void> {
	const node = this.getNode();
	if (batch.length === 1 || outcome.kind !== 'rejected') {
		for (const entry of batch)
			run.results.fail(
				entry.itemIndex,
				errorForItem(node, outcome.error, entry.itemIndex, descriptionOf(run.spec, outcome)),
			);
		return;
	}
	for (const entry of batch) {
		try {
			if (run.spec.method === 'POST')
				await assertNotCreated.call(this, entry, outcome.error, run.spec.timeoutMs);
			const single = await send.call(this, run.spec, [entry]);
			if (!single.ok)
				throw errorForItem(node, single.error, entry.itemIndex, descriptionOf(run.spec, single));
			succeed(run, entry);
		} catch (error) {
			run.results.fail(entry.itemIndex, toItemError(node, error, entry.itemIndex));
		}
	}
}

function describeRange(batch: Prepared[]): string {
	const first = batch[0].itemIndex;
	const last = batch[batch.length - 1].itemIndex;
	return first === last ? `item ${first}` : `items ${first}–${last}`;
}

/** The API returns no IDs, so before creating an item again, make sure its batch did not already create it. */
async function assertNotCreated(
	this: IExecuteFunctions,
	entry: Prepared,
	batchError: ItemError,
	timeoutMs?: number,
): Promise<void> {
	const email = typeof entry.customer.email === 'string' ? entry.customer.email : '';
	if (email === '') {
		throw new NodeApiError(
			this.getNode(),
			{ message: batchError.message },
			{
				message: `Not created: its batch was rejected (${batchError.message}) and without an email the node cannot check whether it was written`,
				description:
					'Check in Shopify whether this customer exists, then run the item again on its own.',
				itemIndex: entry.itemIndex,
			},
		);
	}
	const found = await findCustomersBy.call(this, 'email', matchKeyOf('email', email), {
		itemIndex: entry.itemIndex,
		timeoutMs,
	});
	if (found.length > 0) {
		throw new NodeApiError(
			this.getNode(),
			{ message: batchError.message },
			{
				message: `A customer with the email ${email} already exists; it was not created again`,
				description: `The batch it was sent in was rejected: ${batchError.message}`,
				httpCode: '400',
				itemIndex: entry.itemIndex,
			},
		);
	}
}

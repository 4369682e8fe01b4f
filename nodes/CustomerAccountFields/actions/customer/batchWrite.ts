import { NodeApiError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { chunk } from '../../helpers/chunk';
import { findCustomersBy, MAX_BATCH, writeCustomers } from '../../customers';
import { matchKeyOf } from '../../helpers/matchKey';
import type { ApiOutcome } from '../../transport';
import { errorItem, errorOfItem, prepareItems, toItemError, type ItemError } from '../runPerItem';

export interface WriteSpec {
	method: 'POST' | 'PUT';
	/** Builds the customer of one item; throws InputError for bad input. */
	prepare: (itemIndex: number) => IDataObject;
	headers?: IDataObject;
	timeoutMs?: number;
	/** The input items this write covers (default: all); Create or Update writes creates and updates apart. */
	itemIndexes?: readonly number[];
}

interface Prepared {
	itemIndex: number;
	customer: IDataObject;
}

/** Batches of one execution that may wait in the pacer at once; the pacer decides when each starts. */
const MAX_BATCHES_IN_FLIGHT = 8;

interface Run {
	spec: WriteSpec;
	results: INodeExecutionData[];
	total: number;
	written: number;
	failure?: { error: unknown; range: string; size: number };
}

/**
 * Create and Update: every item is checked first (nothing is sent if one is invalid and
 * Continue On Fail is off), then sent in groups of MAX_BATCH. Batch k+1 is sent without waiting
 * for batch k's reply, unless they share a customer (same id or email): then it waits for that reply.
 * Output is one item per input item, in input order.
 */
export async function writeInBatches(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: WriteSpec,
): Promise<INodeExecutionData[]> {
	const run: Run = { spec, results: new Array(items.length), total: 0, written: 0 };
	const prepared: Prepared[] = [];
	for (const entry of prepareItems(this, items, spec.prepare, spec.itemIndexes)) {
		if ('error' in entry) run.results[entry.itemIndex] = errorItem(entry.error, entry.itemIndex);
		else prepared.push({ itemIndex: entry.itemIndex, customer: entry.value });
	}
	run.total = prepared.length;

	const batches = chunk(prepared, MAX_BATCH);
	const inFlight = new Map<Promise<void>, Set<string>>();
	for (const [position, batch] of batches.entries()) {
		const customers = customerKeys(batch);
		await waitForRoom(inFlight, customers);
		if (run.failure) break;
		const task: Promise<void> = writeBatch
			.call(this, run, batch, `${position + 1} of ${batches.length}`)
			.finally(() => inFlight.delete(task));
		inFlight.set(task, customers);
	}
	await Promise.all(inFlight.keys());
	if (run.failure) throw withBatchContext(run.failure, run.written, run.total);
	return spec.itemIndexes ? spec.itemIndexes.map((itemIndex) => run.results[itemIndex]) : run.results;
}

/** Waits until no batch in flight touches these customers and there is room for one more. */
async function waitForRoom(inFlight: Map<Promise<void>, Set<string>>, customers: Set<string>): Promise<void> {
	for (;;) {
		const sharing = [...inFlight].filter(([, other]) => [...customers].some((key) => other.has(key))).map(([task]) => task);
		if (sharing.length === 0 && inFlight.size < MAX_BATCHES_IN_FLIGHT) return;
		await Promise.race(sharing.length > 0 ? sharing : inFlight.keys());
	}
}

/** Ids and emails (case-insensitive, as the API compares them) of a batch's customers. */
function customerKeys(batch: Prepared[]): Set<string> {
	const keys = new Set<string>();
	for (const { customer } of batch) {
		if (customer.id !== undefined && customer.id !== null) keys.add(`id:${String(customer.id)}`);
		if (typeof customer.email === 'string' && customer.email !== '') keys.add(`email:${customer.email.trim().toLowerCase()}`);
	}
	return keys;
}

async function writeBatch(this: IExecuteFunctions, run: Run, batch: Prepared[], position: string): Promise<void> {
	const range = describeRange(batch);
	const outcome = await send.call(this, run.spec, batch);
	if (outcome.ok) {
		for (const entry of batch) run.results[entry.itemIndex] = successItem(entry);
		run.written += batch.length;
	} else if (!this.continueOnFail()) {
		run.failure ??= { error: failureFor(run.spec, outcome), range, size: batch.length };
		return;
	} else {
		for (const item of await isolateFailures.call(this, run.spec, batch, outcome)) {
			run.results[(item.pairedItem as { item: number }).item] = item;
		}
	}
	this.logger.info(`Customer Account Fields: sent batch ${position} (${range})`);
}

async function send(this: IExecuteFunctions, spec: WriteSpec, batch: Prepared[]): Promise<ApiOutcome> {
	return await writeCustomers.call(this, {
		method: spec.method,
		customers: batch.map((entry) => entry.customer),
		headers: spec.headers,
		itemIndex: batch[0].itemIndex,
		timeoutMs: spec.timeoutMs,
	});
}

/** A Create the API may have carried out is never sent again: the user must look before retrying. */
function failureFor(spec: WriteSpec, outcome: Extract<ApiOutcome, { ok: false }>): ItemError {
	if (spec.method === 'POST' && outcome.kind === 'ambiguous') {
		outcome.error.description =
			'The API may have created these customers before the failure. Check in Shopify before running the items again, so that no customer is created twice.';
	}
	return outcome.error;
}

function successItem(entry: Prepared): INodeExecutionData {
	return { json: entry.customer, pairedItem: { item: entry.itemIndex } };
}

function describeRange(batch: Prepared[]): string {
	const first = batch[0].itemIndex;
	const last = batch[batch.length - 1].itemIndex;
	return first === last ? `item ${first}` : `items ${first}–${last}`;
}

function withBatchContext(failure: { error: unknown; range: string; size: number }, written: number, total: number): unknown {
	const { error, range, size } = failure;
	if (error instanceof NodeApiError) {
		const writtenWords = total > size ? ` ${written} of the other ${total - size} items were written (batches sent before it, or already on their way); the rest were not sent.` : '';
		error.description = `${error.description ? `${error.description} ` : ''}The API rejected the request for ${range}, sent together.${writtenWords} Turn on "Continue On Fail" to write the valid items and get one error item for each bad one.`;
	}
	return error;
}

/**
 * Under Continue On Fail, finds which items of a rejected batch are bad. Only a final answer (4xx, or a
 * 200 saying "error") is narrowed down; after a 5xx, reset or timeout the API may have acted, so every
 * item of the batch gets the error and nothing is sent again.
 */
async function isolateFailures(
	this: IExecuteFunctions,
	spec: WriteSpec,
	batch: Prepared[],
	outcome: Extract<ApiOutcome, { ok: false }>,
): Promise<INodeExecutionData[]> {
	const batchError = failureFor(spec, outcome);
	if (batch.length === 1 || outcome.kind !== 'rejected') {
		return batch.map((entry) => errorItem(errorOfItem.call(this, batchError, entry.itemIndex), entry.itemIndex));
	}
	const output: INodeExecutionData[] = [];
	for (const entry of batch) {
		try {
			if (spec.method === 'POST') await assertNotCreated.call(this, entry, batchError, spec.timeoutMs);
			const single = await send.call(this, spec, [entry]);
			if (!single.ok) throw failureFor(spec, single);
			output.push(successItem(entry));
		} catch (error) {
			output.push(errorItem(toItemError.call(this, error, entry.itemIndex), entry.itemIndex));
		}
	}
	return output;
}

/** The API returns no IDs, so before creating an item again, make sure its batch did not already create it. */
async function assertNotCreated(this: IExecuteFunctions, entry: Prepared, batchError: ItemError, timeoutMs?: number): Promise<void> {
	const email = typeof entry.customer.email === 'string' ? entry.customer.email : '';
	if (email === '') {
		throw new NodeApiError(this.getNode(), { message: batchError.message }, {
			message: `Not created: its batch was rejected (${batchError.message}) and without an email the node cannot check whether it was written`,
			description: 'Check in Shopify whether this customer exists, then run the item again on its own.',
			itemIndex: entry.itemIndex,
		});
	}
	const found = await findCustomersBy.call(this, 'email', matchKeyOf('email', email), { itemIndex: entry.itemIndex, timeoutMs });
	if (found.length > 0) {
		throw new NodeApiError(this.getNode(), { message: batchError.message }, {
			message: `A customer with the email ${email} already exists; it was not created again`,
			description: `The batch it was sent in was rejected: ${batchError.message}`,
			httpCode: '400',
			itemIndex: entry.itemIndex,
		});
	}
}

import { NodeApiError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { chunk } from '../../helpers/chunk';
import { buildFilterQuery } from '../../helpers/filters';
import { apiRequest, isFinalRejection } from '../../transport';
import { errorItem, errorOfItem, prepareItems, toItemError, type ItemError } from '../itemErrors';

/** The API writes at most this many customers per request. */
export const MAX_BATCH = 10;

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

/**
 * Create and Update: every item is checked first (nothing is sent if one is invalid and
 * Continue On Fail is off), then sent in groups of MAX_BATCH. Output is one item per input item.
 */
export async function writeInBatches(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: WriteSpec,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = new Array(items.length);
	const prepared: Prepared[] = [];
	for (const entry of prepareItems(this, items, spec.prepare, spec.itemIndexes)) {
		if ('error' in entry) results[entry.itemIndex] = errorItem(entry.error, entry.itemIndex);
		else prepared.push({ itemIndex: entry.itemIndex, customer: entry.value });
	}

	const batches = chunk(prepared, MAX_BATCH);
	for (const [position, batch] of batches.entries()) {
		const range = describeRange(batch);
		try {
			await send.call(this, spec, batch);
			for (const entry of batch) results[entry.itemIndex] = successItem(entry);
		} catch (error) {
			if (!this.continueOnFail()) throw withBatchContext(error, range, batches.length > 1);
			const isolated = await isolateFailures.call(this, spec, batch, error as ItemError);
			for (const item of isolated) results[(item.pairedItem as { item: number }).item] = item;
		}
		this.logger.info(`Customer Account Fields: sent batch ${position + 1} of ${batches.length} (${range})`);
	}
	return spec.itemIndexes ? spec.itemIndexes.map((itemIndex) => results[itemIndex]) : results;
}

async function send(this: IExecuteFunctions, spec: WriteSpec, batch: Prepared[]): Promise<void> {
	await apiRequest.call(this, {
		method: spec.method,
		path: '/customers',
		body: { customers: batch.map((entry) => entry.customer) },
		headers: spec.headers,
		itemIndex: batch[0].itemIndex,
		timeoutMs: spec.timeoutMs,
	});
}

function successItem(entry: Prepared): INodeExecutionData {
	return { json: entry.customer, pairedItem: { item: entry.itemIndex } };
}

function describeRange(batch: Prepared[]): string {
	const first = batch[0].itemIndex;
	const last = batch[batch.length - 1].itemIndex;
	return first === last ? `item ${first}` : `items ${first}–${last}`;
}

function withBatchContext(error: unknown, range: string, severalBatches: boolean): unknown {
	if (error instanceof NodeApiError) {
		const written = severalBatches ? ' Earlier batches were written; later ones were not sent.' : '';
		error.description = `${error.description ? `${error.description} ` : ''}The API rejected the request for ${range}, sent together.${written} Turn on "Continue On Fail" to write the valid items and get one error item for each bad one.`;
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
	batchError: ItemError,
): Promise<INodeExecutionData[]> {
	if (batch.length === 1 || !isFinalRejection(batchError)) {
		return batch.map((entry) => errorItem(errorOfItem.call(this, batchError, entry.itemIndex), entry.itemIndex));
	}
	const output: INodeExecutionData[] = [];
	for (const entry of batch) {
		try {
			if (spec.method === 'POST') await assertNotCreated.call(this, entry, batchError, spec.timeoutMs);
			await send.call(this, spec, [entry]);
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
	const found = await apiRequest.call(this, {
		method: 'GET',
		path: '/customers',
		qs: { filters: buildFilterQuery([{ field: 'email', operator: 'equals', value: email }]) },
		itemIndex: entry.itemIndex,
		timeoutMs,
	});
	if (Array.isArray(found.customers) && found.customers.length > 0) {
		throw new NodeApiError(this.getNode(), { message: batchError.message }, {
			message: `A customer with the email ${email} already exists; it was not created again`,
			description: `The batch it was sent in was rejected: ${batchError.message}`,
			httpCode: '400',
			itemIndex: entry.itemIndex,
		});
	}
}

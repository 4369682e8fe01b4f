import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { InputError } from '../helpers/inputError';

export type ItemError = NodeApiError | NodeOperationError;

/** Gives any failure of one item the shape n8n shows: bad input names the item and the field. */
export function toItemError(this: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof InputError) {
		return new NodeOperationError(this.getNode(), `${error.message} (item ${itemIndex})`, {
			itemIndex,
			description: error.description,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/** A copy of one batch's error for one of its items: each failed item carries its own error and item index. */
export function errorOfItem(this: IExecuteFunctions, error: ItemError, itemIndex: number): ItemError {
	const options = { message: error.message, description: error.description ?? undefined, itemIndex };
	const copy =
		error instanceof NodeApiError
			? new NodeApiError(this.getNode(), error.errorResponse ?? { message: error.message }, { ...options, httpCode: error.httpCode ?? undefined })
			: new NodeOperationError(this.getNode(), error.message, options);
	copy.context = { ...error.context, itemIndex };
	return copy;
}

/** The output item that stands for a failed input item under "Continue On Fail". */
export function errorItem(error: ItemError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}

export type PreparedItem<T> = { itemIndex: number; value: T } | { itemIndex: number; error: ItemError };

/**
 * Reads and checks every item before anything is sent: bad input stops the node at once, or with
 * Continue On Fail becomes that item's error.
 */
export function prepareItems<T>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	prepare: (itemIndex: number) => T,
	itemIndexes: readonly number[] = items.map((_, itemIndex) => itemIndex),
): Array<PreparedItem<T>> {
	return itemIndexes.map((itemIndex) => {
		try {
			return { itemIndex, value: prepare(itemIndex) };
		} catch (error) {
			const itemError = toItemError.call(context, error, itemIndex);
			if (!context.continueOnFail()) throw itemError;
			return { itemIndex, error: itemError };
		}
	});
}

/** Sends one item's requests; what it adds to `results` becomes output items paired to that item. */
export type SendItem = (results: IDataObject[]) => Promise<void>;

/**
 * Get, Get Many and Delete: `prepare` reads and checks each item's parameters (throwing for bad
 * input) and returns how to send it. Every item is checked first, so bad input stops the node before
 * any request (unless Continue On Fail), then each item is sent in turn. With Continue On Fail, a
 * failed item adds its error item after the results it had already produced (e.g. the pages read
 * before a later page failed).
 */
export async function runPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	prepare: (itemIndex: number) => SendItem,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (const entry of prepareItems(this, items, prepare)) {
		const { itemIndex } = entry;
		if ('error' in entry) {
			output.push(errorItem(entry.error, itemIndex));
			continue;
		}
		const results: IDataObject[] = [];
		const paired = () => results.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		try {
			await entry.value(results);
			for (const item of paired()) output.push(item);
		} catch (error) {
			const itemError = toItemError.call(this, error, itemIndex);
			if (!this.continueOnFail()) throw itemError;
			for (const item of paired()) output.push(item);
			output.push(errorItem(itemError, itemIndex));
		}
	}
	return output;
}

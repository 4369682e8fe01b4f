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

/** The output item that stands for a failed input item under "Continue On Fail". */
export function errorItem(error: ItemError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}

/**
 * Runs `handler` for each input item; its results become output items paired to that item.
 * A failure stops the node, or with "Continue On Fail" becomes that item's error item.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handler: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await handler(itemIndex);
			output.push(...results.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			const itemError = toItemError.call(this, error, itemIndex);
			if (!this.continueOnFail()) throw itemError;
			output.push(errorItem(itemError, itemIndex));
		}
	}
	return output;
}

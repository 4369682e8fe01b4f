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
 * Runs `handler` for each input item; what it adds to `results` becomes output items paired to that
 * item. A failure stops the node, or with "Continue On Fail" adds that item's error item after the
 * results the handler had already produced (e.g. the pages read before a later page failed).
 */
export async function runPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handler: (itemIndex: number, results: IDataObject[]) => Promise<void>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const results: IDataObject[] = [];
		const paired = () => results.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		try {
			await handler(itemIndex, results);
			output.push(...paired());
		} catch (error) {
			const itemError = toItemError.call(this, error, itemIndex);
			if (!this.continueOnFail()) throw itemError;
			output.push(...paired(), errorItem(itemError, itemIndex));
		}
	}
	return output;
}

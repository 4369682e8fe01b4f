import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { InputError } from './inputError';

/** What n8n shows for a failed item: what the API said, or what is wrong with the input. */
export type ItemError = NodeApiError | NodeOperationError;

/**
 * Gives any failure the shape n8n shows; both nodes use it. Bad input (InputError, which already names
 * the field) also names the item; an API error keeps the message and description it was built with.
 */
export function toItemError(node: INode, error: unknown, itemIndex?: number): ItemError {
	if (error instanceof InputError) {
		const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
		return new NodeOperationError(node, `${error.message}${where}`, {
			itemIndex,
			description: error.description,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * A copy of `error` for one item, optionally with another description: each item of a failed batch
 * carries its own error object and item index.
 */
export function errorForItem(
	node: INode,
	error: ItemError,
	itemIndex: number,
	description = error.description ?? undefined,
): ItemError {
	const options = { message: error.message, description, itemIndex };
	const copy =
		error instanceof NodeApiError
			? new NodeApiError(node, error.errorResponse ?? { message: error.message }, {
					...options,
					httpCode: error.httpCode ?? undefined,
				})
			: new NodeOperationError(node, error.message, options);
	copy.context = { ...error.context, itemIndex };
	return copy;
}

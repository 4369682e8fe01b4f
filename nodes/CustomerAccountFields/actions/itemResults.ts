import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toItemError, type ItemError } from '../helpers/itemError';
import { hideSecrets } from '../helpers/shopifyAttributes';

/** The output item that stands for a failed input item under "Continue On Fail". */
export function errorItem(error: ItemError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}

/**
 * Every operation's output, item by item, and the one place that decides what a failed item does:
 * without Continue On Fail its error stops the node, with it the item gets an error item and the
 * others go on. Output is made here only, so secrets (passwords) are hidden here.
 */
export class ItemResults {
	/** Whether failed items become error items (Continue On Fail, or the error output) instead of stopping the node. */
	readonly continues: boolean;

	private readonly byItem = new Map<number, INodeExecutionData[]>();

	constructor(private readonly context: IExecuteFunctions) {
		this.continues = context.continueOnFail();
	}

	/** Records the item's failure; throws it (as n8n shows it) when the node stops on failures. */
	fail(itemIndex: number, error: unknown): void {
		const itemError = toItemError(this.context.getNode(), error, itemIndex);
		if (!this.continues) throw itemError;
		this.add(itemIndex, errorItem(itemError, itemIndex));
	}

	/** Records one output item for the input item; passwords are hidden. */
	succeed(itemIndex: number, json: IDataObject): void {
		this.add(itemIndex, { json: hideSecrets(json), pairedItem: { item: itemIndex } });
	}

	/** Whether the item already has an outcome (e.g. failed while planning). */
	has(itemIndex: number): boolean {
		return this.byItem.has(itemIndex);
	}

	/** The output items of the given input items (all recorded ones by default), in input order. */
	output(itemIndexes?: Iterable<number>): INodeExecutionData[] {
		const indexes = itemIndexes ?? [...this.byItem.keys()].sort((a, b) => a - b);
		const output: INodeExecutionData[] = [];
		// One push per item: a spread of 200,000 arguments overflows the call stack.
		for (const itemIndex of indexes)
			for (const item of this.byItem.get(itemIndex) ?? []) output.push(item);
		return output;
	}

	private add(itemIndex: number, item: INodeExecutionData): void {
		const list = this.byItem.get(itemIndex);
		if (list) list.push(item);
		else this.byItem.set(itemIndex, [item]);
	}
}

/**
 * Reads and checks every item before anything is sent: bad input stops the node at once, or with
 * Continue On Fail becomes that item's error. Returns the prepared values of the items that passed.
 */
export function prepareItems<T>(
	results: ItemResults,
	itemIndexes: Iterable<number>,
	prepare: (itemIndex: number) => T,
): Array<{ itemIndex: number; value: T }> {
	const prepared: Array<{ itemIndex: number; value: T }> = [];
	for (const itemIndex of itemIndexes) {
		try {
			prepared.push({ itemIndex, value: prepare(itemIndex) });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	return prepared;
}

/** The indexes 0 … count − 1. */
export function allItems(items: readonly unknown[]): number[] {
	return Array.from({ length: items.length }, (_, itemIndex) => itemIndex);
}

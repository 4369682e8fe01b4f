import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { allItems, ItemResults, prepareItems } from './itemResults';

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
	const results = new ItemResults(this);
	for (const { itemIndex, value: send } of prepareItems(results, allItems(items), prepare)) {
		const found: IDataObject[] = [];
		try {
			await send(found);
		} catch (error) {
			for (const json of found) results.succeed(itemIndex, json);
			results.fail(itemIndex, error);
			continue;
		}
		for (const json of found) results.succeed(itemIndex, json);
	}
	return results.output(allItems(items));
}

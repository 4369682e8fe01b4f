import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { chunk } from '../../helpers/chunk';
import { hideSecrets } from '../../helpers/shopifyAttributes';
import { describeWrite, MAX_BATCH } from '../../customers';
import { prepareItems, type ItemResults } from '../itemResults';
import type { WriteSpec } from './batchWrite';

/** The Dry Run option; each operation says in `description` what a dry run still reads. */
export function dryRunOption(description: string): INodeProperties {
	return { displayName: 'Dry Run', name: 'dryRun', type: 'boolean', default: false, description };
}

export function isDryRun(this: IExecuteFunctions): boolean {
	return (this.getNodeParameter('options', 0, {}) as IDataObject).dryRun === true;
}

/**
 * The dry run of a batch write: every item is prepared and checked as for the real write, then
 * grouped as the writer would group it; each request becomes one output item, paired to its items.
 * Items that fail their checks go to `results`, as they would in the real write.
 */
export async function describeWrites(
	this: IExecuteFunctions,
	results: ItemResults,
	spec: WriteSpec,
	firstBatch = 1,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const prepared = prepareItems(results, spec.itemIndexes, spec.prepare).map(
		({ itemIndex, value }) => ({ itemIndex, customer: value }),
	);
	for (const [position, batch] of chunk(prepared, MAX_BATCH).entries()) {
		const request = await describeWrite.call(this, {
			method: spec.method,
			customers: batch.map((entry) => hideSecrets(entry.customer)),
			headers: spec.headers,
			itemIndex: batch[0].itemIndex,
		});
		output.push({
			json: {
				dryRun: true,
				batch: firstBatch + position,
				items: batch.map((entry) => entry.itemIndex),
				...request,
			},
			pairedItem: batch.map((entry) => ({ item: entry.itemIndex })),
		});
	}
	return output;
}

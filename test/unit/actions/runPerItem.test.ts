import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../nodes/CustomerAccountFields/actions/runPerItem';
import { SCALE_TIMEOUT_MS, stubContext } from './stubContext';

const items = (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, () => ({ json: {} }));

describe('runPerItem at any size', () => {
	// Get Many (Return All) of a 200,000-customer shop: one item, 4,000 pages of results.
	it(
		'outputs 300,000 results of one item, each paired to it',
		async () => {
			const context = stubContext(() => undefined);
			const output = await runPerItem.call(
				context,
				items(2),
				(itemIndex) => async (results: IDataObject[]) => {
					const count = itemIndex === 0 ? 300_000 : 1;
					for (let n = 0; n < count; n++) results.push({ id: n });
				},
			);
			expect(output).toHaveLength(300_001);
			expect(output[299_999]).toEqual({ json: { id: 299_999 }, pairedItem: { item: 0 } });
			expect(output[300_000]).toEqual({ json: { id: 0 }, pairedItem: { item: 1 } });
		},
		SCALE_TIMEOUT_MS,
	);

	it(
		'keeps 300,000 results read before a failure, then the error item, under Continue On Fail',
		async () => {
			const context = stubContext(() => undefined, { continueOnFail: true });
			const output = await runPerItem.call(
				context,
				items(1),
				() => async (results: IDataObject[]) => {
					for (let n = 0; n < 300_000; n++) results.push({ id: n });
					throw new Error('page 6001 failed');
				},
			);
			expect(output).toHaveLength(300_001);
			expect(output[300_000]).toMatchObject({
				json: { error: 'page 6001 failed' },
				pairedItem: { item: 0 },
			});
		},
		SCALE_TIMEOUT_MS,
	);
});

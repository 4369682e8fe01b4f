import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { customerIdValue } from '../../helpers/customerId';
import { isUnchanged } from '../../helpers/unchanged';
import type { ItemResults } from '../itemResults';

/** Create or Update's Skip Unchanged option; the README lists what cannot be compared. */
export const skipUnchangedOption: INodeProperties = {
	displayName: 'Skip Unchanged',
	name: 'skipUnchanged',
	type: 'boolean',
	default: false,
	description:
		'Whether to leave out items whose customer already has every value they would write, so a sync writes only what changed. Their output is the customer\'s ID with result "unchanged". Passwords, addresses, metafields and the email flags cannot be compared, so items with them are always written.',
};

/**
 * Takes out of `updates` (item → its matched customer, as the API returned it) the items whose customer
 * already holds every value `writeOf` would send; each gets its output now: the customer's ID and
 * `result` "unchanged" (marked `dryRun` in a dry run).
 */
export function skipUnchanged(
	results: ItemResults,
	updates: Map<number, IDataObject>,
	writeOf: (itemIndex: number) => IDataObject,
	dryRun: boolean,
): void {
	for (const [itemIndex, customer] of updates) {
		if (!isUnchanged(writeOf(itemIndex), customer)) continue;
		updates.delete(itemIndex);
		const id = customerIdValue(String(customer.id));
		results.succeed(
			itemIndex,
			dryRun ? { dryRun: true, result: 'unchanged', id } : { result: 'unchanged', id },
		);
	}
}

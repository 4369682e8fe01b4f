import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseCustomerId } from '../../helpers/customerId';

/** Reads the Customer resource locator of one item and returns the numeric ID as a string. */
export function customerIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const locator = this.getNodeParameter('customerId', itemIndex) as
		| { mode?: string; value?: unknown }
		| string;
	const { mode, value } =
		typeof locator === 'object' && locator !== null ? locator : { mode: 'id', value: locator };
	return parseCustomerId(value, mode);
}

export function timeoutOf(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return typeof options.timeout === 'number' ? options.timeout : undefined;
}

/**
 * A problem with the user's input, found before anything is sent to the API.
 * Operations turn it into a NodeOperationError for the item it belongs to.
 */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

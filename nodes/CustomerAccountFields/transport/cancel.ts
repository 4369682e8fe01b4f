/** The execution was stopped (n8n's cancel signal fired) while the node was waiting or sending. */
export class CancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'CancelledError';
	}
}

/** Settles like `work`, or rejects with CancelledError as soon as `signal` fires, whichever comes first. */
export async function unlessCancelled<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
	if (!signal) return await work;
	if (signal.aborted) throw new CancelledError();
	return await new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(new CancelledError());
		// Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, a signal fires 'abort' at most once, and settling removes the listener
		signal.addEventListener('abort', onAbort, { once: true });
		work.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}

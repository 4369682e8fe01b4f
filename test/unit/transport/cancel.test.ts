/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { getEventListeners } from 'node:events';

import {
	CancelledError,
	unlessCancelled,
} from '../../../nodes/CustomerAccountFields/transport/cancel';

describe('cancellation', () => {
	it('passes a result or an error through when nothing is cancelled', async () => {
		await expect(unlessCancelled(Promise.resolve(7))).resolves.toBe(7);
		await expect(unlessCancelled(Promise.resolve(7), new AbortController().signal)).resolves.toBe(
			7,
		);
		await expect(
			unlessCancelled(Promise.reject(new Error('boom')), new AbortController().signal),
		).rejects.toThrow('boom');
	});

	it('rejects at once when already cancelled, or as soon as the signal fires', async () => {
		const stopped = new AbortController();
		stopped.abort();
		await expect(unlessCancelled(Promise.resolve(1), stopped.signal)).rejects.toBeInstanceOf(
			CancelledError,
		);
		const later = new AbortController();
		const never = new Promise<void>(() => {});
		const waiting = unlessCancelled(never, later.signal);
		later.abort();
		await expect(waiting).rejects.toThrow('The execution was cancelled');
	});

	it('leaves no listener on the execution signal once the work settles, so thousands of requests can share it', async () => {
		const execution = new AbortController();
		for (let i = 0; i < 20; i++) await unlessCancelled(Promise.resolve(i), execution.signal);
		await expect(
			unlessCancelled(Promise.reject(new Error('boom')), execution.signal),
		).rejects.toThrow('boom');
		expect(getEventListeners(execution.signal, 'abort')).toHaveLength(0);
	});

	it('names its error, so logs and callers can tell a cancel from an API error', () => {
		expect(new CancelledError().name).toBe('CancelledError');
	});
});

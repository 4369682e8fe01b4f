import { sleep } from 'n8n-workflow';

import { CancelledError, unlessCancelled } from './cancel';

export interface Clock {
	now(): number;
	/** Rejects with CancelledError as soon as `signal` fires. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function intervalFor(requestsPerSecond: number): number {
	return 1000 / requestsPerSecond;
}

interface ShopLine {
	/** Settles when the request ahead in line has finished. */
	tail: Promise<void>;
	/** The earliest time the next request may start. */
	nextStart: number;
}

/**
 * Sends a shop's requests one at a time, in order, each starting a full interval after the previous
 * one ended. The API counts requests as they arrive, and a request can arrive any time until its reply
 * comes back, so timing from the reply is the only spacing that never provokes a 429. The cost is one
 * round trip per request.
 */
export class RequestPacer {
	private readonly lines = new Map<string, ShopLine>();

	constructor(private readonly clock: Clock) {}

	/** A cancelled `signal` ends the wait at once; `send` is then never called. */
	async run<T>(key: string, requestsPerSecond: number, send: () => Promise<T>, signal?: AbortSignal): Promise<T> {
		const line = this.lineFor(key);
		const ahead = line.tail;
		let leave!: () => void;
		line.tail = new Promise<void>((resolve) => (leave = resolve));
		const cancelled = await unlessCancelled(ahead, signal).then(() => false, () => true);
		if (cancelled) {
			// Those behind still go after the request ahead, not before it.
			void ahead.then(leave);
			throw new CancelledError();
		}
		try {
			// Re-read after each sleep: a 429 seen meanwhile may have pushed nextStart further.
			// Waits under a millisecond are not worth a timer (only very high test rates have them).
			for (let wait = line.nextStart - this.clock.now(); wait >= 1; wait = line.nextStart - this.clock.now()) {
				await this.clock.sleep(wait, signal);
			}
			await unlessCancelled(Promise.resolve(), signal);
			return await send();
		} finally {
			line.nextStart = Math.max(line.nextStart, this.clock.now() + intervalFor(requestsPerSecond));
			leave();
		}
	}

	/** After a 429, nobody sends for this key before `until` (ms since epoch). */
	holdUntil(key: string, until: number): void {
		const line = this.lineFor(key);
		line.nextStart = Math.max(line.nextStart, until);
	}

	private lineFor(key: string): ShopLine {
		let line = this.lines.get(key);
		if (!line) {
			line = { tail: Promise.resolve(), nextStart: 0 };
			this.lines.set(key, line);
		}
		return line;
	}
}

/** One pacer for the whole process: every node and execution using a shop waits in the same line. */
export const sharedPacer = new RequestPacer({ now: () => Date.now(), sleep: async (ms, signal) => await unlessCancelled(sleep(ms), signal) });

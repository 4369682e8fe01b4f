import { sleep } from 'n8n-workflow';

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** A little under the allowed rate, so that requests spaced by the client still arrive spaced at the server. */
const SAFETY_FACTOR = 1.02;

export function intervalFor(requestsPerSecond: number): number {
	return Math.ceil((1000 / requestsPerSecond) * SAFETY_FACTOR);
}

/**
 * Spaces requests per key (a shop): each caller reserves the next free start time, then waits for it.
 * Reservation happens synchronously, so concurrent callers in one process never share a slot.
 */
export class RequestPacer {
	private readonly nextStart = new Map<string, number>();

	constructor(private readonly clock: Clock) {}

	async waitTurn(key: string, requestsPerSecond: number): Promise<void> {
		const interval = intervalFor(requestsPerSecond);
		const now = this.clock.now();
		const start = Math.max(now, this.nextStart.get(key) ?? 0);
		this.nextStart.set(key, start + interval);
		if (start <= now) return;
		await this.clock.sleep(start - now);
		// A busy event loop can wake us late; the next caller then keeps a full interval from our real start.
		const late = this.clock.now() - start;
		if (late > 0) this.nextStart.set(key, Math.max(this.nextStart.get(key) ?? 0, start + interval + late));
	}

	/** After a 429, nobody sends for this key before `until` (ms since epoch). */
	holdUntil(key: string, until: number): void {
		this.nextStart.set(key, Math.max(this.nextStart.get(key) ?? 0, until));
	}
}

/** One pacer for the whole process: every node and execution using a shop waits in the same line. */
export const sharedPacer = new RequestPacer({ now: () => Date.now(), sleep: async (ms) => await sleep(ms) });

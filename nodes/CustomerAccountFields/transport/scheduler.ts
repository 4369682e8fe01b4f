import { sleep } from 'n8n-workflow';

import { CancelledError, unlessCancelled } from './cancel';
import {
	afterReply,
	afterStart,
	initialPacing,
	nextStartTime,
	type PacingReply,
	type PacingState,
	type Start,
} from './pacingPolicy';

export interface Clock {
	now(): number;
	/** Rejects with CancelledError as soon as `signal` fires. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function intervalFor(requestsPerSecond: number): number {
	return 1000 / requestsPerSecond;
}

interface ShopLine {
	state: PacingState;
	/** Settles when the caller ahead has started its request: callers start in the order they came. */
	door: Promise<void>;
	/** Settles at the next reply, for callers waiting for a free place in flight. */
	replied: Promise<void>;
	wakeOnReply: () => void;
	/** When the shop last answered anything but 429 (ms since epoch; 0 = never). */
	lastAccepted: number;
}

/**
 * The stateful side of pacing: one line per shop for the whole process. It asks the pure policy
 * (pacingPolicy.ts) when the next request may start, waits for that, and tells it what each reply said.
 */
export class RequestScheduler {
	private readonly lines = new Map<string, ShopLine>();

	constructor(private readonly clock: Clock) {}

	/**
	 * Waits the shop's turn, runs `attempt` (one HTTP attempt), and learns from `classify` what its result
	 * tells the pacing policy. A cancelled `signal` ends the wait at once; `attempt` is then never called.
	 */
	async run<T>(
		key: string,
		requestsPerSecond: number,
		attempt: () => Promise<T>,
		classify: (result: T) => PacingReply,
		signal?: AbortSignal,
	): Promise<T> {
		const line = this.lineFor(key);
		const intervalMs = intervalFor(requestsPerSecond);
		const start = await this.waitTurn(line, intervalMs, signal);
		// An attempt that throws counts as failed: its place in flight is freed all the same.
		let reply: PacingReply = { kind: 'failed' };
		try {
			const result = await attempt();
			reply = classify(result);
			return result;
		} finally {
			const now = this.clock.now();
			line.state = afterReply(line.state, start, reply, now, intervalMs);
			if (reply.kind !== 'throttled') line.lastAccepted = now;
			line.wakeOnReply();
		}
	}

	/** When the shop last accepted a request from this process (0 = never). */
	lastAccepted(key: string): number {
		return this.lineFor(key).lastAccepted;
	}

	/** Forgets what was learnt (all shops, or one), for tests that reuse a shop. */
	forget(key?: string): void {
		if (key === undefined) this.lines.clear();
		else this.lines.delete(key);
	}

	/** The shop's pacing, for tests and benchmarks. */
	stateOf(key: string): Readonly<PacingState> {
		return this.lineFor(key).state;
	}

	private async waitTurn(line: ShopLine, intervalMs: number, signal?: AbortSignal): Promise<Start> {
		const ahead = line.door;
		let leave!: () => void;
		line.door = new Promise<void>((resolve) => (leave = resolve));
		const cancelled = await unlessCancelled(ahead, signal).then(
			() => false,
			() => true,
		);
		if (cancelled) {
			// Those behind still go after the caller ahead, not before it.
			void ahead.then(leave);
			throw new CancelledError();
		}
		try {
			for (;;) {
				const at = nextStartTime(line.state, intervalMs);
				const now = this.clock.now();
				if (at === undefined) await unlessCancelled(line.replied, signal);
				// Waits under a millisecond are not worth a timer (only very high test rates have them).
				// A reply may move the start (a 429 gives its slot back, or holds the shop), so it ends the wait too.
				else if (at - now >= 1)
					await Promise.race([this.clock.sleep(at - now, signal), line.replied]);
				else {
					await unlessCancelled(Promise.resolve(), signal);
					// A start a little after its slot (a late timer, a caller that came late) counts from the slot.
					const started = afterStart(line.state, now, at, intervalMs);
					line.state = started.state;
					return started.start;
				}
			}
		} finally {
			leave();
		}
	}

	private lineFor(key: string): ShopLine {
		let line = this.lines.get(key);
		if (!line) {
			const created: ShopLine = {
				state: initialPacing(),
				door: Promise.resolve(),
				replied: Promise.resolve(),
				wakeOnReply: () => undefined,
				lastAccepted: 0,
			};
			armReplied(created);
			this.lines.set(key, created);
			line = created;
		}
		return line;
	}
}

function armReplied(line: ShopLine): void {
	line.replied = new Promise<void>((resolve) => {
		line.wakeOnReply = () => {
			armReplied(line);
			resolve();
		};
	});
}

/** One scheduler for the whole process: every node and execution using a shop waits in the same line. */
export const sharedScheduler = new RequestScheduler({
	now: () => Date.now(),
	sleep: async (ms, signal) => await unlessCancelled(sleep(ms), signal),
});

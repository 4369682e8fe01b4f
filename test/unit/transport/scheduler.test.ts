import { sleep } from 'n8n-workflow';

import {
	slotLength,
	type PacingReply,
} from '../../../nodes/CustomerAccountFields/transport/pacingPolicy';
import {
	intervalFor,
	RequestScheduler,
} from '../../../nodes/CustomerAccountFields/transport/scheduler';

const accepted: PacingReply = { kind: 'accepted' };
const throttled: PacingReply = { kind: 'throttled' };

/** A clock whose sleeps advance time instantly. */
function fakeClock() {
	let now = 1_000_000;
	return {
		now: () => now,
		sleep: async (ms: number) => {
			now += ms;
		},
	};
}

describe('RequestScheduler', () => {
	const judge = (reply: PacingReply) => reply;

	it('starts requests a slot apart, on slot boundaries, with several in flight, in the order they came', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler(clock);
		const starts: Array<[string, number]> = [];
		let release!: () => void;
		const slow = new Promise<void>((resolve) => (release = resolve));
		const send = (name: string) => async () => {
			starts.push([name, clock.now()]);
			await slow;
			return accepted;
		};
		const running = ['a', 'b', 'c'].map(
			async (name) => await scheduler.run('shop', 1, send(name), judge),
		);
		for (let i = 0; i < 20 && starts.length < 3; i++) await sleep(0);
		expect(starts.map(([name]) => name)).toEqual(['a', 'b', 'c']);
		// The first goes at once; the next on the first slot boundary at least a slot later, and one slot apart from then on.
		const slot = slotLength(intervalFor(1));
		expect(starts[1][1] - starts[0][1]).toBeGreaterThanOrEqual(slot);
		expect(starts[1][1] - starts[0][1]).toBeLessThan(2 * slot);
		expect(starts[1][1] % slot).toBeCloseTo(0);
		expect(starts[2][1] - starts[1][1]).toBeCloseTo(slot);
		expect(scheduler.stateOf('shop').inFlight).toBe(3);
		release();
		await Promise.all(running);
		expect(scheduler.stateOf('shop').inFlight).toBe(0);
	});

	it('a waiting request is woken by a reply that moves its start: a 429 gives its slot back, the next goes a slot later', async () => {
		// A clock that moves only when the test says so, as timers do.
		const slot = slotLength(intervalFor(1));
		let now = 100 * slot;
		const sleepers: Array<{ until: number; wake: () => void }> = [];
		const clock = {
			now: () => now,
			sleep: async (ms: number) =>
				await new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })),
		};
		const advanceTo = async (t: number) => {
			now = t;
			for (const sleeper of sleepers.filter((s) => s.until <= t)) sleeper.wake();
			for (let i = 0; i < 20; i++) await sleep(0);
		};
		const scheduler = new RequestScheduler(clock);
		const starts: number[] = [];
		let turnAway!: (reply: PacingReply) => void;
		// A credential at 0.5 request/s ("1 ÷ 2 workers"): its starts are two slots apart.
		const first = scheduler.run(
			'shop',
			0.5,
			async () => {
				starts.push(now);
				return await new Promise<PacingReply>((resolve) => (turnAway = resolve));
			},
			judge,
		);
		const second = scheduler.run(
			'shop',
			0.5,
			async () => {
				starts.push(now);
				return accepted;
			},
			judge,
		);
		for (let i = 0; i < 20; i++) await sleep(0);
		expect(starts).toEqual([100 * slot]);
		await advanceTo(100 * slot + 150);
		turnAway(throttled);
		await first;
		// Not at 102 slots, where it was due before the 429, but on the next slot: this process moves to another turn.
		await advanceTo(101 * slot);
		await second;
		expect(starts).toEqual([100 * slot, 101 * slot]);
	});

	it('does not make different shops wait for each other', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler(clock);
		await scheduler.run('a', 1, async () => accepted, judge);
		const before = clock.now();
		await scheduler.run('b', 1, async () => accepted, judge);
		expect(clock.now()).toBe(before);
	});

	it('holds every request for the shop until a Retry-After has passed, and remembers when the shop last accepted', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler(clock);
		await scheduler.run('a', 10, async () => accepted, judge);
		const acceptedAt = clock.now();
		await scheduler.run(
			'a',
			10,
			async () => ({ kind: 'throttled', retryAfterMs: 2000 }) as PacingReply,
			judge,
		);
		const throttledAt = clock.now();
		let startedAt = 0;
		await scheduler.run(
			'a',
			10,
			async () => {
				startedAt = clock.now();
				return accepted;
			},
			judge,
		);
		expect(startedAt).toBeGreaterThanOrEqual(throttledAt + 2000);
		expect(startedAt).toBeLessThan(throttledAt + 2000 + slotLength(intervalFor(10)));
		expect(scheduler.lastAccepted('a')).toBe(startedAt);
		expect(acceptedAt).toBeLessThan(throttledAt);
	});

	it('moves the line on when a request throws', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler(clock);
		await expect(
			scheduler.run('a', 1, async () => Promise.reject(new Error('boom')), judge),
		).rejects.toThrow('boom');
		expect(scheduler.stateOf('a').inFlight).toBe(0);
		await scheduler.run('a', 1, async () => accepted, judge);
	});
});

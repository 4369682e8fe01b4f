import { sleep } from 'n8n-workflow';

import { intervalFor, RequestPacer } from '../../../nodes/CustomerAccountFields/transport/scheduler';
import {
	afterReply,
	afterStart,
	initialPacing,
	nextStartTime,
	onSlot,
	PACING,
	slotLength,
	slotsPerStart,
	type PacingReply,
	type PacingState,
} from '../../../nodes/CustomerAccountFields/transport/pacingPolicy';

const I = 1000;
const accepted: PacingReply = { kind: 'accepted' };
const throttled: PacingReply = { kind: 'throttled' };

/** Starts a request at `now` and feeds its reply at `replyAt`. */
function exchange(state: PacingState, now: number, replyAt: number, reply: PacingReply): PacingState {
	const started = afterStart(state, now);
	return afterReply(started.state, started.start, reply, replyAt, I);
}

describe('pacing policy', () => {
	const slot = slotLength(I);

	it('starts on slot boundaries counted from the epoch, one slot (the interval plus a margin for jitter) apart', () => {
		expect(slot).toBe(I * (1 + PACING.slotMargin));
		expect(nextStartTime(initialPacing(), I)).toBeLessThan(0);
		const onBoundary = afterStart(initialPacing(), 5 * slot).state;
		expect(nextStartTime(onBoundary, I)).toBe(6 * slot);
		// A start between boundaries (free at once) puts the next on the first boundary a whole slot later.
		const between = afterStart(initialPacing(), 5 * slot + 300).state;
		expect(nextStartTime(between, I)).toBe(7 * slot);
		expect(onSlot(7 * slot + PACING.slotTolerance / 2, slot)).toBe(7 * slot);
	});

	it('counts a slightly late start from its slot, a much later one from when it went', () => {
		const state = afterStart(initialPacing(), 0).state;
		const due = nextStartTime(state, I)!;
		expect(afterStart(state, due + 5, due, I).state.lastStart).toBe(due);
		expect(nextStartTime(afterStart(state, due + 5, due, I).state, I)).toBe(due + slot);
		expect(afterStart(state, due + 500, due, I).state.lastStart).toBe(due + 500);
		expect(nextStartTime(afterStart(state, due + 500, due, I).state, I)).toBe(due + 2 * slot);
	});

	it('keeps several requests in flight, up to a cap, without waiting for replies', () => {
		let state = initialPacing();
		for (let i = 0; i < PACING.maxInFlight; i++) state = afterStart(state, i * 2000).state;
		expect(state.inFlight).toBe(PACING.maxInFlight);
		expect(nextStartTime(state, I)).toBeUndefined();
	});

	it('holds the shop for Retry-After, resumes on a slot boundary, and gives the unused slot back', () => {
		const first = afterStart(initialPacing(), 0);
		const second = afterStart(first.state, slot);
		const state = afterReply(second.state, second.start, { kind: 'throttled', retryAfterMs: 2000 }, slot + 60, I);
		expect(state.holdUntil).toBe(slot + 2060);
		expect(state.lastStart).toBe(0);
		expect(nextStartTime(state, I)).toBe(3 * slot);
	});

	it('after a 429 without Retry-After, retries on the next slot: whoever took this one has then left the window', () => {
		const state = exchange(initialPacing(), 4 * slot, 4 * slot + 100, throttled);
		expect(nextStartTime(state, I)).toBe(5 * slot);
		expect(PACING.holdWithoutRetryAfter * I).toBeLessThanOrEqual(slot);
	});

	it('two processes wanting one slot both start on it, and the one turned away tries the very next slot again', () => {
		const [a, b] = [afterStart(initialPacing(), 9 * slot), afterStart(initialPacing(), 9 * slot)];
		const winner = afterReply(a.state, a.start, accepted, 9 * slot + 300, I);
		const loser = afterReply(b.state, b.start, throttled, 9 * slot + 120, I);
		expect(nextStartTime(winner, I)).toBe(10 * slot);
		expect(nextStartTime(loser, I)).toBe(10 * slot);
		// 429s never slow a process down for good: after any number of them it still tries every slot.
		let state = loser;
		for (let k = 10; k < 40; k++) state = exchange(state, k * slot, k * slot + 100, throttled);
		expect(nextStartTime(state, I)).toBe(40 * slot);
	});

	it('a credential below the API\'s limit waits whole slots of the API\'s interval, and a 429 moves it to the very next slot', () => {
		const half = 2 * I; // a credential at 0.5 request/s, as "1 ÷ 2 workers"
		expect(slotLength(half)).toBe(slot);
		const started = afterStart(initialPacing(), 20 * slot, 20 * slot, half);
		expect(nextStartTime(started.state, half)).toBe(22 * slot);
		// Turned away: the next slot, one API interval on, not two, so two such processes fall into turns.
		const turned = afterReply(started.state, started.start, throttled, 20 * slot + 120, half);
		expect(nextStartTime(turned, half)).toBe(21 * slot);
		// A slower credential never starts closer than its own interval.
		const third = 3 * I;
		expect(nextStartTime(afterStart(initialPacing(), 30 * slot, 30 * slot, third).state, third)).toBe(33 * slot);
		// Above the documented limit (a shop Bonify allows more), or between 1 ÷ k rates, the slot follows the credential.
		expect(slotLength(I / 2)).toBe((I / 2) * (1 + PACING.slotMargin));
		// Jitter does not shrink with the interval: at 20 requests per second the margin is 10 ms, not 2.
		expect(slotLength(50)).toBe(50 + PACING.minSlotMarginMs);
		expect(slotsPerStart(I / 0.95)).toBe(1);
		expect(slotLength(I / 0.95)).toBeCloseTo((I / 0.95) * (1 + PACING.slotMargin));
		expect(slotsPerStart(1000 / (1 / 3))).toBe(3);
	});

	it('switches to reply-based spacing after 429s on overlapping requests although well spaced, and probes later', () => {
		let state: PacingState = initialPacing();
		let t = 0;
		for (let i = 0; i < PACING.overlapped429sToSwitch; i++) {
			const busy = afterStart(state, t); // another request in flight
			const mine = afterStart(busy.state, t + 1600);
			state = afterReply(mine.state, mine.start, throttled, t + 1700, I);
			state = afterReply(state, busy.start, accepted, t + 1800, I);
			t += 5000;
		}
		expect(state.mode).toBe('replies');
		const one = afterStart(state, t).state;
		expect(nextStartTime(one, I)).toBeUndefined();
		state = afterReply(one, afterStart(state, t).start, accepted, t + 1500, I);
		expect(nextStartTime(state, I)).toBe(t + 1500 + I * (1 + PACING.replyMargin));
		for (let i = 1; i < PACING.firstProbeAfter; i++) state = exchange(state, t + i * 3000, t + i * 3000 + 1500, accepted);
		expect(state.mode).toBe('starts');
		expect(state.overlapped429s).toBe(PACING.overlapped429sToSwitch - 1);
	});

	it('does not switch when overlapping requests are accepted between the 429s (a window reading with slow replies)', () => {
		let state: PacingState = initialPacing();
		for (let i = 0; i < 10; i++) {
			const busy = afterStart(state, i * 5000);
			const mine = afterStart(busy.state, i * 5000 + 1100);
			state = afterReply(mine.state, mine.start, i % 2 ? throttled : accepted, i * 5000 + 1200, I);
			state = afterReply(state, busy.start, accepted, i * 5000 + 1300, I);
		}
		expect(state.mode).toBe('starts');
	});

	it('does not switch for 429s on requests that overlapped nothing (another process on the shop)', () => {
		let state: PacingState = initialPacing();
		for (let i = 0; i < 10; i++) state = exchange(state, i * 5000, i * 5000 + 100, throttled);
		expect(state.mode).toBe('starts');
		expect(state.overlapped429s).toBe(0);
	});
});

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

describe('RequestPacer', () => {
	const judge = (reply: PacingReply) => reply;

	it('starts requests a slot apart, on slot boundaries, with several in flight, in the order they came', async () => {
		const clock = fakeClock();
		const pacer = new RequestPacer(clock);
		const starts: Array<[string, number]> = [];
		let release!: () => void;
		const slow = new Promise<void>((resolve) => (release = resolve));
		const send = (name: string) => async () => {
			starts.push([name, clock.now()]);
			await slow;
			return accepted;
		};
		const running = ['a', 'b', 'c'].map(async (name) => await pacer.run('shop', 1, send(name), judge));
		for (let i = 0; i < 20 && starts.length < 3; i++) await sleep(0);
		expect(starts.map(([name]) => name)).toEqual(['a', 'b', 'c']);
		// The first goes at once; the next on the first slot boundary at least a slot later, and one slot apart from then on.
		const slot = slotLength(intervalFor(1));
		expect(starts[1][1] - starts[0][1]).toBeGreaterThanOrEqual(slot);
		expect(starts[1][1] - starts[0][1]).toBeLessThan(2 * slot);
		expect(starts[1][1] % slot).toBeCloseTo(0);
		expect(starts[2][1] - starts[1][1]).toBeCloseTo(slot);
		expect(pacer.stateOf('shop').inFlight).toBe(3);
		release();
		await Promise.all(running);
		expect(pacer.stateOf('shop').inFlight).toBe(0);
	});

	it('a waiting request is woken by a reply that moves its start: a 429 gives its slot back, the next goes a slot later', async () => {
		// A clock that moves only when the test says so, as timers do.
		const slot = slotLength(intervalFor(1));
		let now = 100 * slot;
		const sleepers: Array<{ until: number; wake: () => void }> = [];
		const clock = { now: () => now, sleep: async (ms: number) => await new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })) };
		const advanceTo = async (t: number) => {
			now = t;
			for (const sleeper of sleepers.filter((s) => s.until <= t)) sleeper.wake();
			for (let i = 0; i < 20; i++) await sleep(0);
		};
		const pacer = new RequestPacer(clock);
		const starts: number[] = [];
		let turnAway!: (reply: PacingReply) => void;
		// A credential at 0.5 request/s ("1 ÷ 2 workers"): its starts are two slots apart.
		const first = pacer.run('shop', 0.5, async () => { starts.push(now); return await new Promise<PacingReply>((resolve) => (turnAway = resolve)); }, judge);
		const second = pacer.run('shop', 0.5, async () => { starts.push(now); return accepted; }, judge);
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
		const pacer = new RequestPacer(clock);
		await pacer.run('a', 1, async () => accepted, judge);
		const before = clock.now();
		await pacer.run('b', 1, async () => accepted, judge);
		expect(clock.now()).toBe(before);
	});

	it('holds every request for the shop until a Retry-After has passed, and remembers when the shop last accepted', async () => {
		const clock = fakeClock();
		const pacer = new RequestPacer(clock);
		await pacer.run('a', 10, async () => accepted, judge);
		const acceptedAt = clock.now();
		await pacer.run('a', 10, async () => ({ kind: 'throttled', retryAfterMs: 2000 }) as PacingReply, judge);
		const throttledAt = clock.now();
		let startedAt = 0;
		await pacer.run('a', 10, async () => {
			startedAt = clock.now();
			return accepted;
		}, judge);
		expect(startedAt).toBeGreaterThanOrEqual(throttledAt + 2000);
		expect(startedAt).toBeLessThan(throttledAt + 2000 + slotLength(intervalFor(10)));
		expect(pacer.lastAccepted('a')).toBe(startedAt);
		expect(acceptedAt).toBeLessThan(throttledAt);
	});

	it('moves the line on when a request throws', async () => {
		const clock = fakeClock();
		const pacer = new RequestPacer(clock);
		await expect(pacer.run('a', 1, async () => Promise.reject(new Error('boom')), judge)).rejects.toThrow('boom');
		expect(pacer.stateOf('a').inFlight).toBe(0);
		await pacer.run('a', 1, async () => accepted, judge);
	});
});

import { sleep } from 'n8n-workflow';

import { intervalFor, RequestPacer } from '../../nodes/CustomerAccountFields/transport/pacer';
import {
	afterReply,
	afterStart,
	initialPacing,
	nextStartTime,
	PACING,
	type PacingReply,
	type PacingState,
} from '../../nodes/CustomerAccountFields/transport/pacing';

const I = 1000;
const accepted: PacingReply = { kind: 'accepted' };
const throttled: PacingReply = { kind: 'throttled' };

/** Starts a request at `now` and feeds its reply at `replyAt`. */
function exchange(state: PacingState, now: number, replyAt: number, reply: PacingReply): PacingState {
	const started = afterStart(state, now);
	return afterReply(started.state, started.start, reply, replyAt, I);
}

describe('pacing policy', () => {
	it('spaces starts by the interval plus a small margin, never below the interval', () => {
		const state = afterStart(initialPacing(), 0).state;
		expect(nextStartTime(state, I)).toBe(I * (1 + PACING.initialMargin));
		expect(PACING.minMargin).toBeGreaterThan(0);
	});

	it('counts a late start from when it was due, by up to the margin', () => {
		const state = afterStart(initialPacing(), 0).state;
		const due = nextStartTime(state, I)!;
		expect(afterStart(state, due + 5, due, I).state.lastStart).toBe(due);
		expect(afterStart(state, due + 500, due, I).state.lastStart).toBe(due + 500 - I * PACING.initialMargin * PACING.lateCredit);
		expect(afterStart(state, due, due, I).state.lastStart).toBe(due);
	});

	it('keeps several requests in flight, up to a cap, without waiting for replies', () => {
		let state = initialPacing();
		for (let i = 0; i < PACING.maxInFlight; i++) state = afterStart(state, i * 2000).state;
		expect(state.inFlight).toBe(PACING.maxInFlight);
		expect(nextStartTime(state, I)).toBeUndefined();
	});

	it('widens the margin by half on a 429, holds the shop for Retry-After, and gives the unused slot back', () => {
		const first = afterStart(initialPacing(), 0);
		const second = afterStart(first.state, 1040);
		const state = afterReply(second.state, second.start, { kind: 'throttled', retryAfterMs: 2000 }, 1100, I);
		expect(state.margin).toBeCloseTo(PACING.initialMargin * PACING.widenFactor);
		expect(state.holdUntil).toBe(3100);
		expect(state.lastStart).toBe(0);
		expect(nextStartTime(state, I)).toBe(3100);
	});

	it('pauses until one interval after the turned-away start when there is no Retry-After', () => {
		const state = exchange(initialPacing(), 0, 100, throttled);
		expect(nextStartTime(state, I)).toBe(I * PACING.holdWithoutRetryAfter);
	});

	it('narrows additively (on the rate) near the rate of the last 429, after a run of clean replies', () => {
		let state: PacingState = { ...initialPacing(), margin: 1, troubleRate: 0.52 };
		for (let i = 0; i < PACING.narrowAfter - 1; i++) state = exchange(state, i * 3000, i * 3000 + 100, accepted);
		expect(state.margin).toBe(1);
		state = exchange(state, 100_000, 100_100, accepted);
		expect(1 / (1 + state.margin)).toBeCloseTo(0.5 + Math.max(PACING.narrowStep, PACING.narrowShare * 0.5), 6);
	});

	it('narrows quickly well below the last 429, or once it is forgotten, down to the floor', () => {
		let state: PacingState = { ...initialPacing(), margin: 1, troubleRate: 0.9 };
		for (let i = 0; i < PACING.narrowAfter; i++) state = exchange(state, i * 3000, i * 3000 + 100, accepted);
		expect(1 / (1 + state.margin)).toBeCloseTo(0.5 * PACING.quickGrowth);
		for (let i = 0; i < PACING.forgetTroubleAfter; i++) state = exchange(state, 50_000 + i * 3000, 50_000 + i * 3000 + 10, accepted);
		expect(state.troubleRate).toBeUndefined();
		expect(state.margin).toBe(PACING.minMargin);
	});

	it('widens once per flight: 429s of requests sent before the last widening do not widen again', () => {
		let state = initialPacing();
		const starts = [0, 1040, 2080].map((at) => {
			const started = afterStart(state, at);
			state = started.state;
			return started.start;
		});
		state = afterReply(state, starts[0], throttled, 2100, I);
		state = afterReply(state, starts[1], throttled, 2110, I);
		state = afterReply(state, starts[2], throttled, 2120, I);
		expect(state.margin).toBeCloseTo(PACING.initialMargin * PACING.widenFactor);
		expect(state.troubleRate).toBeCloseTo(1 / (1 + PACING.initialMargin));
		state = exchange(state, 5000, 5100, throttled);
		expect(state.margin).toBeCloseTo(PACING.initialMargin * PACING.widenFactor ** 2);
	});

	it('switches to reply-based spacing after 429s on overlapping requests although well spaced, and probes later', () => {
		let state: PacingState = { ...initialPacing(), margin: PACING.wellSpacedMargin };
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
		expect(nextStartTime(state, I)).toBe(t + 1500 + I * (1 + state.margin));
		for (let i = 1; i < PACING.firstProbeAfter; i++) state = exchange(state, t + i * 3000, t + i * 3000 + 1500, accepted);
		expect(state.mode).toBe('starts');
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
		let state: PacingState = { ...initialPacing(), margin: 2 };
		for (let i = 0; i < 10; i++) state = exchange(state, i * 5000, i * 5000 + 100, throttled);
		expect(state.mode).toBe('starts');
		expect(state.margin).toBeLessThanOrEqual(PACING.maxMargin);
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

	it('starts requests interval × (1 + margin) apart with several in flight, in the order they came', async () => {
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
		expect(starts[1][1] - starts[0][1]).toBeCloseTo(intervalFor(1) * (1 + PACING.initialMargin));
		expect(pacer.stateOf('shop').inFlight).toBe(3);
		release();
		await Promise.all(running);
		expect(pacer.stateOf('shop').inFlight).toBe(0);
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
		expect(startedAt).toBe(throttledAt + 2000);
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

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
function exchange(
	state: PacingState,
	now: number,
	replyAt: number,
	reply: PacingReply,
): PacingState {
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
		const state = afterReply(
			second.state,
			second.start,
			{ kind: 'throttled', retryAfterMs: 2000 },
			slot + 60,
			I,
		);
		expect(state.holdUntil).toBe(slot + 2060);
		expect(state.lastStart).toBe(0);
		expect(nextStartTime(state, I)).toBe(3 * slot);
	});

	it('after a 429 without Retry-After, retries on the next slot: whoever took this one has then left the window', () => {
		const state = exchange(initialPacing(), 4 * slot, 4 * slot + 100, throttled);
		expect(nextStartTime(state, I)).toBe(5 * slot);
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

	it("a credential below the API's limit waits whole slots of the API's interval, and a 429 moves it to the very next slot", () => {
		const half = 2 * I; // a credential at 0.5 request/s, as "1 ÷ 2 workers"
		expect(slotLength(half)).toBe(slot);
		const started = afterStart(initialPacing(), 20 * slot, 20 * slot, half);
		expect(nextStartTime(started.state, half)).toBe(22 * slot);
		// Turned away: the next slot, one API interval on, not two, so two such processes fall into turns.
		const turned = afterReply(started.state, started.start, throttled, 20 * slot + 120, half);
		expect(nextStartTime(turned, half)).toBe(21 * slot);
		// A slower credential never starts closer than its own interval.
		const third = 3 * I;
		expect(
			nextStartTime(afterStart(initialPacing(), 30 * slot, 30 * slot, third).state, third),
		).toBe(33 * slot);
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
		for (let i = 1; i < PACING.firstProbeAfter; i++)
			state = exchange(state, t + i * 3000, t + i * 3000 + 1500, accepted);
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

	it('counts a start late by exactly the slot margin from its slot, and without an interval counts none late', () => {
		const state = afterStart(initialPacing(), 0).state;
		const due = nextStartTime(state, I)!;
		const margin = slot - I;
		expect(afterStart(state, due + margin, due, I).state.lastStart).toBe(due);
		expect(afterStart(state, due + margin + 1, due, I).state.lastStart).toBe(due + margin + 1);
		// Pacing off (no interval): a start counts from when it went.
		expect(afterStart(state, 105, 100).state.lastStart).toBe(105);
	});

	it("gives a turned-away request's slot back only when no start came after it", () => {
		const first = afterStart(initialPacing(), 0);
		const second = afterStart(first.state, slot);
		// The first request's 429 comes back after the second started: the second's slot stays taken.
		const state = afterReply(second.state, first.start, throttled, slot + 50, I);
		expect(state.lastStart).toBe(slot);
		expect(nextStartTime(state, I)).toBe(2 * slot);
	});

	it('a reply that failed (no verdict from the API) neither clears the 429 count nor brings the probe closer', () => {
		let state: PacingState = { ...initialPacing(), overlapped429s: 2 };
		const busy = afterStart(state, 0);
		const mine = afterStart(busy.state, 100);
		state = afterReply(mine.state, mine.start, { kind: 'failed' }, 200, I);
		expect(state.overlapped429s).toBe(2);
		expect(state.inFlight).toBe(1);
		expect(state.lastReply).toBe(200);
		const replies: PacingState = { ...initialPacing(), mode: 'replies', repliesUntilProbe: 1 };
		const started = afterStart(replies, 0);
		expect(afterReply(started.state, started.start, { kind: 'failed' }, 500, I)).toMatchObject({
			mode: 'replies',
			repliesUntilProbe: 1,
		});
	});

	it('probes starts mode after exactly its number of replies, and each switch back waits twice as long, up to a cap', () => {
		const expected = [
			[50, 100],
			[100, 200],
			[200, 400],
			[400, 800],
			[800, 800],
			[800, 800],
		];
		let state: PacingState = initialPacing();
		let t = 0;
		for (const [repliesUntilProbe, probeEvery] of expected) {
			// In flight together, so each 429 overlapped another request: the third switches to replies mode.
			const starts = [];
			for (let i = 0; i < 2 * PACING.overlapped429sToSwitch + 1; i++) {
				const s = afterStart(state, t + i);
				starts.push(s.start);
				state = s.state;
			}
			const [lone, ...overlapping] = starts;
			const n = PACING.overlapped429sToSwitch;
			const [switching, later] = [overlapping.slice(0, n), overlapping.slice(n)];
			for (const start of switching) state = afterReply(state, start, throttled, t + 100, I);
			expect(state).toMatchObject({ mode: 'replies', repliesUntilProbe, probeEvery });
			// More 429s to requests still in flight neither switch again nor move the probe.
			for (const start of later) state = afterReply(state, start, throttled, t + 100, I);
			state = afterReply(state, lone, { kind: 'failed' }, t + 100, I);
			expect(state).toMatchObject({ mode: 'replies', repliesUntilProbe, probeEvery, inFlight: 0 });
			t += 10_000;
			for (let i = 1; i < repliesUntilProbe; i++)
				state = exchange(state, t + i * 3000, t + i * 3000 + 100, accepted);
			expect(state.mode).toBe('replies');
			t += repliesUntilProbe * 3000;
			state = exchange(state, t, t + 100, accepted);
			expect(state.mode).toBe('starts');
			t += 10_000;
		}
	});
});

import { afterReply, afterStart, initialPacing, nextStartTime, type PacingState, type Start } from '../../nodes/CustomerAccountFields/transport/pacing';

const I = 1000;

/**
 * The pacing policy against a simulated API on a fake clock (no event loop, no CPU): 1 request per I,
 * way in U(40, 80) ms, server U(serverMin, serverMax) ms, way out U(40, 80) ms, seeded random numbers.
 * readings: a sliding window on arrival, or one request at a time.
 */
function simulate(requests: number, serverMs: [number, number], reading: 'spacing' | 'one-at-a-time', seed: number) {
	let x = seed;
	const random = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
	let state: PacingState = initialPacing();
	let now = 0;
	let lastAccepted = -Infinity;
	let busyUntil = -Infinity;
	const arrivals: number[] = [];
	const replies: Array<{ at: number; start: Start; throttled: boolean; again: boolean }> = [];
	const retries: boolean[] = [];
	let waiting = requests;
	let throttled = 0;
	let roundTrips = 0;
	while (arrivals.length < requests) {
		const due = waiting > 0 || retries.length > 0 ? nextStartTime(state, I) : undefined;
		replies.sort((a, b) => a.at - b.at);
		if (due !== undefined && (replies.length === 0 || Math.max(due, now) <= replies[0].at)) {
			now = Math.max(due, now);
			const started = afterStart(state, now, due, I);
			state = started.state;
			const again = retries.length > 0 ? retries.pop()! : (waiting--, false);
			const arrival = now + 40 + 40 * random();
			const ok = reading === 'spacing' ? arrival - lastAccepted >= I : arrival >= busyUntil;
			let replyAt = arrival + 40 + 40 * random();
			if (ok) {
				lastAccepted = arrival;
				arrivals.push(arrival);
				busyUntil = arrival + serverMs[0] + (serverMs[1] - serverMs[0]) * random();
				replyAt += busyUntil - arrival;
				roundTrips += replyAt - now;
			}
			replies.push({ at: replyAt, start: started.start, throttled: !ok, again });
		} else {
			const reply = replies.shift()!;
			now = reply.at;
			state = afterReply(state, reply.start, reply.throttled ? { kind: 'throttled', again: reply.again } : { kind: 'accepted' }, now, I);
			if (reply.throttled) {
				throttled++;
				retries.push(true);
			}
		}
	}
	const span = arrivals[arrivals.length - 1] - arrivals[0];
	return { ofLimit: ((requests - 1) * I) / span, share429: throttled / (requests + throttled), span, replyBased: roundTrips + (requests - 1) * I, mode: state.mode };
}

describe('pacing policy, simulated (fake clock, seeded)', () => {
	it.each([
		['server 50–250 ms', [50, 250]],
		['server 800–2,000 ms', [800, 2000]],
	] as Array<[string, [number, number]]>)('reaches ≥ 95 %% of the limit with ≤ 1.5 %% 429s under a sliding window, %s', (_name, serverMs) => {
		for (const seed of [1, 2, 3]) {
			const run = simulate(1000, serverMs, 'spacing', seed);
			expect(run.ofLimit).toBeGreaterThanOrEqual(0.95);
			expect(run.share429).toBeLessThanOrEqual(0.015);
			expect(run.mode).toBe('starts');
		}
	});

	it('falls back to reply-based spacing one at a time, and does at least as well as it', () => {
		for (const seed of [1, 2, 3]) {
			const run = simulate(40, [800, 2000], 'one-at-a-time', seed);
			expect(run.mode).toBe('replies');
			expect(run.replyBased / run.span).toBeGreaterThanOrEqual(0.95);
		}
	});
});

import {
	afterReply,
	afterStart,
	initialPacing,
	nextStartTime,
	type PacingState,
	type Start,
} from '../../../nodes/CustomerAccountFields/transport/pacingPolicy';

/**
 * The pacing policy against a simulated API on a fake clock (no event loop, no CPU), seeded: several
 * processes, each with its own pacer and backlog, share one shop. 1 request per `intervalMs`; way in,
 * server and way out are uniform ranges; a 429 is turned away on arrival and uses no slot.
 */
export type SimReading = 'spacing' | 'calendar' | 'one-at-a-time';

export interface SimOptions {
	/** Requests each process has to send. */
	requests: number[];
	reading: SimReading;
	intervalMs?: number;
	inMs?: [number, number];
	serverMs: [number, number];
	outMs?: [number, number];
	/** Timers fire up to this late (a busy event loop). */
	lateMs?: number;
	/** Each process's credential interval (default: the API's), e.g. 2 × intervalMs for "1 ÷ 2 workers". */
	credentialIntervalMs?: number[];
	seed: number;
}

export interface SimProcess {
	accepted: number;
	throttled: number;
	/** Longest time this process waited with work to do and nothing accepted. */
	longestStarvedMs: number;
	finishedAt: number;
	mode: PacingState['mode'];
}

export interface SimResult {
	/** (accepted − 1) × interval ÷ (first → last accepted arrival), seen from the API. */
	ofLimit: number;
	share429: number;
	span: number;
	/** Σ round trips of accepted requests + (accepted − 1) × interval: reply-based spacing's time for the same replies. */
	replyBased: number;
	processes: SimProcess[];
}

interface Flight {
	process: number;
	/** When the request reaches the API (arrived false) or its reply reaches the process (arrived true). */
	at: number;
	arrived: boolean;
	sentAt: number;
	start: Start;
	throttled: boolean;
	again: boolean;
}

export function simulate(options: SimOptions): SimResult {
	const I = options.intervalMs ?? 1000;
	const [inMin, inMax] = options.inMs ?? [40, 80];
	const [outMin, outMax] = options.outMs ?? [40, 80];
	const [serverMin, serverMax] = options.serverMs;
	let x = options.seed;
	const random = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
	const uniform = (min: number, max: number) => min + (max - min) * random();
	const procs = options.requests.map((waiting, index) => ({
		intervalMs: options.credentialIntervalMs?.[index] ?? I,
		state: initialPacing() as PacingState,
		waiting,
		retries: [] as boolean[],
		accepted: 0,
		throttled: 0,
		lastAcceptedAt: 0,
		longestStarvedMs: 0,
		finishedAt: 0,
	}));
	const flights: Flight[] = [];
	const arrivals: number[] = [];
	let lastAccepted = -Infinity;
	let calendarWindow = -Infinity;
	const busy: number[] = [];
	let roundTrips = 0;
	let now = 0;
	const total = options.requests.reduce((a, b) => a + b, 0);
	let guard = 0;
	// The API decides on arrival, in arrival order; a 429 uses no slot.
	const arrive = (flight: Flight) => {
		const arrival = flight.at;
		while (busy.length > 0 && busy[0] <= arrival) busy.shift();
		const ok =
			options.reading === 'spacing'
				? arrival - lastAccepted >= I
				: options.reading === 'calendar'
					? Math.floor(arrival / I) !== calendarWindow
					: busy.length === 0;
		flight.arrived = true;
		flight.throttled = !ok;
		flight.at = arrival + uniform(outMin, outMax);
		if (ok) {
			lastAccepted = arrival;
			calendarWindow = Math.floor(arrival / I);
			arrivals.push(arrival);
			const done = arrival + uniform(serverMin, serverMax);
			busy.push(done);
			busy.sort((a, b) => a - b);
			flight.at += done - arrival;
			roundTrips += flight.at - flight.sentAt;
		}
		flights.push(flight);
	};
	while (arrivals.length < total) {
		if (++guard > 1_000_000) throw new Error('simulation did not finish');
		let next: { at: number; process: number } | undefined;
		procs.forEach((p, index) => {
			if (p.waiting === 0 && p.retries.length === 0) return;
			const due = nextStartTime(p.state, p.intervalMs);
			if (due !== undefined && (!next || due < next.at)) next = { at: due, process: index };
		});
		flights.sort((a, b) => a.at - b.at);
		if (next && (flights.length === 0 || Math.max(next.at, now) <= flights[0].at)) {
			const p = procs[next.process];
			const due = Math.max(next.at, now);
			now = due + (options.lateMs ? uniform(0, options.lateMs) : 0);
			const started = afterStart(p.state, now, due, p.intervalMs);
			p.state = started.state;
			const again = p.retries.length > 0 ? p.retries.shift()! : (p.waiting--, false);
			flights.push({
				process: next.process,
				at: now + uniform(inMin, inMax),
				arrived: false,
				sentAt: now,
				start: started.start,
				throttled: false,
				again,
			});
		} else {
			const flight = flights.shift()!;
			now = flight.at;
			if (!flight.arrived) {
				arrive(flight);
				continue;
			}
			const p = procs[flight.process];
			p.state = afterReply(
				p.state,
				flight.start,
				flight.throttled ? { kind: 'throttled' } : { kind: 'accepted' },
				now,
				p.intervalMs,
			);
			if (flight.throttled) {
				p.throttled++;
				p.retries.push(true);
			} else {
				p.accepted++;
				p.longestStarvedMs = Math.max(p.longestStarvedMs, now - p.lastAcceptedAt);
				p.lastAcceptedAt = now;
				if (p.waiting === 0 && p.retries.length === 0 && p.state.inFlight === 0) p.finishedAt = now;
			}
		}
	}
	arrivals.sort((a, b) => a - b);
	const span = arrivals[arrivals.length - 1] - arrivals[0];
	const throttled = procs.reduce((sum, p) => sum + p.throttled, 0);
	return {
		ofLimit: ((total - 1) * I) / span,
		share429: throttled / (total + throttled),
		span,
		replyBased: roundTrips + (total - 1) * I,
		processes: procs.map((p) => ({
			accepted: p.accepted,
			throttled: p.throttled,
			longestStarvedMs: p.longestStarvedMs,
			finishedAt: p.finishedAt,
			mode: p.state.mode,
		})),
	};
}

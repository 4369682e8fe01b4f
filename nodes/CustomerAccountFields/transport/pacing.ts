// Pure pacing policy for one shop. Taken from: Bottleneck (minTime between starts + maxConcurrent),
// TCP congestion control (additive increase, multiplicative decrease) and a token bucket's refund of unused slots.

export type PacingMode = 'starts' | 'replies';

export interface PacingState {
	/** starts: space request starts, several in flight. replies: one at a time, spaced from the previous reply. */
	mode: PacingMode;
	/** Extra spacing as a fraction of the interval: starts are interval × (1 + margin) apart. */
	margin: number;
	/** Clean replies since the margin last changed. */
	cleanRun: number;
	/** The rate (1 / (1 + margin)) at the last 429, like TCP's ssthresh; forgotten after a long clean run. */
	troubleRate?: number;
	cleanSinceTrouble: number;
	/** When the margin was last widened: 429s of requests started before it don't widen it again. */
	widenedAt: number;
	lastStart: number;
	lastReply: number;
	/** Nobody starts before this (a 429's Retry-After). */
	holdUntil: number;
	inFlight: number;
	/** 429s in a row to requests that overlapped another one (an accepted overlapping request or a 429 to a lone one resets it). */
	overlapped429s: number;
	/** In replies mode: replies left before probing starts mode again. */
	repliesUntilProbe: number;
	probeEvery: number;
}

export const PACING = {
	initialMargin: 0.04,
	/** Never 0: the interval itself is the credential's ceiling, and network jitter needs a little room. */
	minMargin: 0.01,
	maxMargin: 10,
	/** On a 429 the margin grows by half. */
	widenFactor: 1.5,
	/** After this many clean replies in a row, the rate (1 / (1 + margin)) grows near the last 429's rate by narrowStep, or narrowShare of the way to full rate, */
	narrowAfter: 1,
	narrowStep: 0.0001,
	narrowShare: 0.003,
	/** ... and by this factor when well below it (or none is known), as TCP's slow start. */
	quickGrowth: 1.25,
	nearTrouble: 0.9,
	forgetTroubleAfter: 200,
	/** A lone 429 widens the margin only up to this; beyond it, only 429s in a row do. */
	nearMissMargin: 0.2,
	/** The margin a probe of starts mode begins with. */
	wellSpacedMargin: 0.5,
	overlapped429sToSwitch: 3,
	firstProbeAfter: 50,
	maxProbeEvery: 800,
	maxInFlight: 8,
	/** How much of the margin a late start may make up (see afterStart); the margin's learning absorbs the rest. */
	lateCredit: 1,
	/** After a 429 without Retry-After, the shop pauses until this many intervals after the turned-away start. */
	holdWithoutRetryAfter: 1,
} as const;

export function initialPacing(): PacingState {
	return {
		mode: 'starts',
		margin: PACING.initialMargin,
		// The initial margin counts as the last trouble: from there the node probes closer slowly.
		troubleRate: 1 / (1 + PACING.initialMargin),
		cleanRun: 0,
		cleanSinceTrouble: 0,
		widenedAt: -Infinity,
		lastStart: -Infinity,
		lastReply: -Infinity,
		holdUntil: -Infinity,
		inFlight: 0,
		overlapped429s: 0,
		repliesUntilProbe: 0,
		probeEvery: PACING.firstProbeAfter,
	};
}

/** The earliest time the next request may start, or undefined while it must wait for a reply. */
export function nextStartTime(state: PacingState, intervalMs: number): number | undefined {
	const spacing = intervalMs * (1 + state.margin);
	if (state.mode === 'replies') {
		if (state.inFlight > 0) return undefined;
		return Math.max(state.holdUntil, state.lastStart + intervalMs, state.lastReply + spacing);
	}
	if (state.inFlight >= PACING.maxInFlight) return undefined;
	return Math.max(state.holdUntil, state.lastStart + spacing);
}

export interface Start {
	at: number;
	/** The start time the spacing counts from (see afterStart). */
	countedFrom: number;
	/** lastStart before this one, given back if the API turns the request away (it used no slot). */
	previousStart: number;
	/** Another request for the shop was in flight when this one started. */
	overlapped: boolean;
}

/**
 * Records a start at `now` that was due at `due`. A start made late by a busy event loop is counted
 * from when it was due, by up to a quarter of the margin, so that lateness does not add up request after request.
 */
export function afterStart(state: PacingState, now: number, due = now, intervalMs = 0): { state: PacingState; start: Start } {
	const countedFrom = Math.min(now, Math.max(due, now - intervalMs * state.margin * PACING.lateCredit));
	const start = { at: now, countedFrom, previousStart: state.lastStart, overlapped: state.inFlight > 0 };
	return { state: { ...state, lastStart: countedFrom, inFlight: state.inFlight + 1 }, start };
}

export type ReplyKind = 'accepted' | 'throttled' | 'failed';

export interface PacingReply {
	kind: ReplyKind;
	retryAfterMs?: number;
	/** A 429 to a request whose previous attempt got a 429 too: the shop is busy, not just a near miss. */
	again?: boolean;
}

/** Learns from one reply: margin (AIMD), hold for Retry-After, and the switch between modes. */
export function afterReply(state: PacingState, start: Start, reply: PacingReply, now: number, intervalMs: number): PacingState {
	const next = { ...state, inFlight: Math.max(0, state.inFlight - 1), lastReply: now };
	if (reply.kind === 'throttled') return afterThrottled(next, start, reply, now, intervalMs);
	if (reply.kind === 'failed') return next;
	// An overlapping request the API accepted: whatever the 429s were, they were not "one at a time".
	if (start.overlapped) next.overlapped429s = 0;
	next.cleanRun += 1;
	if (++next.cleanSinceTrouble >= PACING.forgetTroubleAfter) next.troubleRate = undefined;
	if (next.cleanRun >= PACING.narrowAfter) {
		next.cleanRun = 0;
		next.margin = narrowed(next.margin, next.troubleRate);
	}
	if (next.mode === 'replies' && --next.repliesUntilProbe <= 0) {
		// Probe: one overlapping 429 at this margin sends the shop straight back to replies mode.
		next.mode = 'starts';
		next.margin = Math.max(next.margin, PACING.wellSpacedMargin);
		next.overlapped429s = PACING.overlapped429sToSwitch - 1;
	}
	return next;
}

function afterThrottled(next: PacingState, start: Start, reply: PacingReply, now: number, intervalMs: number): PacingState {
	next.cleanRun = 0;
	next.cleanSinceTrouble = 0;
	// A lone 429 is a near miss (network jitter, or another client's request in the same slot): it widens only a
	// small margin. 429s in a row mean the shop is busier than this process's share: they widen any margin.
	const widens = reply.again === true || next.margin < PACING.nearMissMargin;
	if (widens && start.at >= next.widenedAt) {
		// Once per flight: the requests already on their way were spaced by the old margin.
		// The highest rate that drew a 429 lately: a process that yielded to others grows back quickly.
		next.troubleRate = Math.max(next.troubleRate ?? 0, 1 / (1 + next.margin));
		next.margin = Math.min(PACING.maxMargin, Math.max(PACING.minMargin, next.margin) * PACING.widenFactor);
		next.widenedAt = now;
	}
	// Without Retry-After, one interval after the turned-away start: whatever arrived just before it has then left the
	// API's window, and a competing client's next request is due, so the two take turns instead of one starving.
	const hold = reply.retryAfterMs !== undefined ? now + reply.retryAfterMs : start.at + intervalMs * PACING.holdWithoutRetryAfter;
	next.holdUntil = Math.max(next.holdUntil, hold);
	// The API turned it away without using a slot, so the slot is given back when nobody started since.
	if (next.lastStart === start.countedFrom) next.lastStart = start.previousStart;
	next.overlapped429s = start.overlapped ? next.overlapped429s + 1 : 0;
	if (next.mode === 'starts' && next.overlapped429s >= PACING.overlapped429sToSwitch) {
		next.mode = 'replies';
		next.margin = PACING.initialMargin;
		next.overlapped429s = 0;
		next.repliesUntilProbe = next.probeEvery;
		next.probeEvery = Math.min(PACING.maxProbeEvery, next.probeEvery * 2);
	}
	return next;
}

/** Additive increase of the rate 1 / (1 + margin) near the last 429's rate, quicker well below it (TCP's congestion avoidance and slow start). */
function narrowed(margin: number, troubleRate: number | undefined): number {
	const rate = 1 / (1 + margin);
	const near = troubleRate !== undefined && rate >= troubleRate * PACING.nearTrouble;
	// The step grows with the distance to full rate, so a process that yielded to others takes its share back in tens of replies.
	const grown = near ? rate + Math.max(PACING.narrowStep, PACING.narrowShare * (1 - rate)) : rate * PACING.quickGrowth;
	return Math.max(PACING.minMargin, 1 / grown - 1);
}

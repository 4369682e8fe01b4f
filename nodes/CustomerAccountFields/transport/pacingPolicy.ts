// Pure pacing policy for one shop. Taken from: Bottleneck (minTime between starts + maxConcurrent) and slotted
// access, as in slotted ALOHA: every process on a shop starts only on slot boundaries counted from the epoch,
// so two processes' requests either coincide, and the API lets exactly one through (a 429 uses no slot), or
// stand a whole slot apart. Contention then costs 429s, not throughput, and each slot goes to a process by lot.

export type PacingMode = 'starts' | 'replies';

export interface PacingState {
	/** starts: start on slot boundaries, several in flight. replies: one at a time, spaced from the previous reply. */
	mode: PacingMode;
	lastStart: number;
	lastReply: number;
	/** Nobody starts before this (a 429's Retry-After, or the next slot after a 429). */
	holdUntil: number;
	inFlight: number;
	/** 429s in a row to requests that overlapped another one (an accepted overlapping request or a 429 to a lone one resets it). */
	overlapped429s: number;
	/** In replies mode: replies left before probing starts mode again. */
	repliesUntilProbe: number;
	probeEvery: number;
}

export const PACING = {
	/** The API's documented limit, 1 request per second: a credential at 1 ÷ k of it waits k slots of this length. */
	documentedIntervalMs: 1000,
	/**
	 * A slot is the interval plus this much of it: room for the network's jitter between two requests'
	 * ways in (40 ms at 1 request/s). Fixed, so that every process on a shop counts the same slots.
	 */
	slotMargin: 0.04,
	/** ...and at least this many ms, since jitter does not shrink with the interval (only rates above 4 per second reach it). */
	minSlotMarginMs: 10,
	/** A start this close after a slot boundary still counts as on it (timers and float arithmetic). */
	slotTolerance: 1,
	overlapped429sToSwitch: 3,
	firstProbeAfter: 50,
	maxProbeEvery: 800,
	maxInFlight: 8,
	/** In replies mode, the pause after each reply, as a share of the interval. */
	replyMargin: 0.04,
} as const;

export function initialPacing(): PacingState {
	return {
		mode: 'starts',
		lastStart: -Infinity,
		// Stryker disable next-line UnaryOperator: equivalent, read only in replies mode, which afterReply enters after setting it
		lastReply: -Infinity,
		holdUntil: -Infinity,
		inFlight: 0,
		overlapped429s: 0,
		repliesUntilProbe: 0,
		probeEvery: PACING.firstProbeAfter,
	};
}

/**
 * How many slots a process waits between its starts: 1, or k for a credential at 1 ÷ k of the API's
 * limit (say 1 ÷ workers), which then shares the API's slots instead of using k-times-longer ones, so
 * that processes at the same lower rate can take turns.
 */
export function slotsPerStart(intervalMs: number): number {
	return Math.max(1, Math.floor(intervalMs / PACING.documentedIntervalMs + 1e-9));
}

/** Room for jitter in one slot. */
export function slotMarginMs(intervalMs: number): number {
	return Math.max(
		(intervalMs / slotsPerStart(intervalMs)) * PACING.slotMargin,
		PACING.minSlotMarginMs,
	);
}

/** The length of one slot: the interval (per slot) plus room for jitter. */
export function slotLength(intervalMs: number): number {
	return intervalMs / slotsPerStart(intervalMs) + slotMarginMs(intervalMs);
}

/** The first slot boundary at or after `at`: slots count from the epoch, so every process on the shop agrees on them. */
export function onSlot(at: number, slot: number): number {
	return Math.ceil((at - PACING.slotTolerance) / slot) * slot;
}

/** The earliest time the next request may start, or undefined while it must wait for a reply. */
export function nextStartTime(state: PacingState, intervalMs: number): number | undefined {
	if (state.mode === 'replies') {
		if (state.inFlight > 0) return undefined;
		// Nothing is in flight, so every start has had its reply: the last reply is after the last start.
		return Math.max(state.holdUntil, state.lastReply + intervalMs * (1 + PACING.replyMargin));
	}
	if (state.inFlight >= PACING.maxInFlight) return undefined;
	const slot = slotLength(intervalMs);
	return onSlot(
		Math.max(state.holdUntil, state.lastStart + slot * slotsPerStart(intervalMs)),
		slot,
	);
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
 * Records a start at `now` that was due at `due`. A start made a little late by a busy event loop (by up to
 * the slot's margin for jitter) is counted from its slot, so that lateness does not push every later start
 * to the next slot; a later one loses a whole slot, since counting it from its slot would risk a 429.
 */
export function afterStart(
	state: PacingState,
	now: number,
	due = now,
	intervalMs = 0,
): { state: PacingState; start: Start } {
	const credit = intervalMs > 0 ? slotMarginMs(intervalMs) : 0;
	const countedFrom = now - due <= credit ? Math.min(now, due) : now;
	const start = {
		at: now,
		countedFrom,
		previousStart: state.lastStart,
		overlapped: state.inFlight > 0,
	};
	return { state: { ...state, lastStart: countedFrom, inFlight: state.inFlight + 1 }, start };
}

export type ReplyKind = 'accepted' | 'throttled' | 'failed';

export interface PacingReply {
	kind: ReplyKind;
	retryAfterMs?: number;
}

/** Learns from one reply: the hold after a 429 (Retry-After, else the next slot) and the switch between modes. */
export function afterReply(
	state: PacingState,
	start: Start,
	reply: PacingReply,
	now: number,
	intervalMs: number,
): PacingState {
	const next = { ...state, inFlight: Math.max(0, state.inFlight - 1), lastReply: now };
	if (reply.kind === 'throttled') return afterThrottled(next, start, reply, now, intervalMs);
	if (reply.kind === 'failed') return next;
	// An overlapping request the API accepted: whatever the 429s were, they were not "one at a time".
	if (start.overlapped) next.overlapped429s = 0;
	if (next.mode === 'replies' && --next.repliesUntilProbe <= 0) {
		// Probe: one overlapping 429 sends the shop straight back to replies mode.
		next.mode = 'starts';
		next.overlapped429s = PACING.overlapped429sToSwitch - 1;
	}
	return next;
}

function afterThrottled(
	next: PacingState,
	start: Start,
	reply: PacingReply,
	now: number,
	intervalMs: number,
): PacingState {
	// Someone else had the slot (another process or app on the shop, or this process's own previous
	// request arriving late). Without Retry-After, the first slot one API interval after the turned-away
	// start: whatever arrived just before this request has then left the API's window, and the slot is
	// drawn by lot again. A process whose credential waits several slots between starts thereby moves
	// to another of them, so processes at the same lower rate fall into turns.
	const perSlotMs = intervalMs / slotsPerStart(intervalMs);
	const hold = reply.retryAfterMs !== undefined ? now + reply.retryAfterMs : start.at + perSlotMs;
	next.holdUntil = Math.max(next.holdUntil, hold);
	// The API turned it away without using a slot, so the slot is given back when nobody started since.
	if (next.lastStart === start.countedFrom) next.lastStart = start.previousStart;
	next.overlapped429s = start.overlapped ? next.overlapped429s + 1 : 0;
	if (next.mode === 'starts' && next.overlapped429s >= PACING.overlapped429sToSwitch) {
		next.mode = 'replies';
		next.overlapped429s = 0;
		next.repliesUntilProbe = next.probeEvery;
		next.probeEvery = Math.min(PACING.maxProbeEvery, next.probeEvery * 2);
	}
	return next;
}

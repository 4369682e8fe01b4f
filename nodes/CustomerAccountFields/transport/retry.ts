import type { IHttpRequestMethods } from 'n8n-workflow';

/** The knobs p-retry users know, plus the server's Retry-After, which p-retry ignores. */
export interface RetryPolicy {
	/** Attempts in all after a 5xx, a reset connection or a timeout; used for GET, PUT and DELETE only. */
	maxFailedAttempts: number;
	minDelayMs: number;
	factor: number;
	maxDelayMs: number;
	/** 0 = no jitter; 0.5 = the delay is cut by up to half at random. */
	jitter: number;
	/** 429s are retried until the shop has accepted nothing at all for this long. */
	giveUpThrottledAfterMs: number;
	/** A Retry-After longer than this fails the item instead of stalling the execution. */
	maxRetryAfterMs: number;
}

/** 300 request intervals: 5 minutes at the API's 1 request per second. */
export const THROTTLED_GIVE_UP_INTERVALS = 300;

export function retryPolicyFor(requestsPerSecond: number): RetryPolicy {
	const intervalMs = 1000 / requestsPerSecond;
	return {
		maxFailedAttempts: 3,
		minDelayMs: Math.ceil(intervalMs),
		factor: 2,
		maxDelayMs: 60_000,
		jitter: 0.5,
		giveUpThrottledAfterMs: THROTTLED_GIVE_UP_INTERVALS * intervalMs,
		maxRetryAfterMs: 60_000,
	};
}

/** Delay before attempt `attempt + 1`, growing exponentially from minDelayMs, capped, with jitter. */
export function backoffDelay(
	attempt: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const base = Math.min(
		policy.maxDelayMs,
		policy.minDelayMs * policy.factor ** Math.max(0, attempt - 1),
	);
	return Math.round(base * (1 - policy.jitter * random()));
}

/**
 * Why a request was given up:
 * - rejected: the API's final answer (4xx, or a 200 saying "error");
 * - ambiguous: a POST failed in a way the API may have carried out; it is never sent again;
 * - gaveUp: transient failures (5xx, reset, timeout) on every attempt;
 * - throttled: 429s while the shop accepted nothing for policy.giveUpThrottledAfterMs;
 * - waitTooLong: the server asked to wait longer than policy.maxRetryAfterMs.
 */
export type FailureKind = 'rejected' | 'ambiguous' | 'gaveUp' | 'throttled' | 'waitTooLong';

export type RetryDecision = { retry: true; afterMs: number } | { retry: false; kind: FailureKind };

export interface FailedAttempt {
	throttled: boolean;
	transient: boolean;
	retryAfterMs?: number;
	/** Attempts of this request that the API did not turn away with a 429 (this one included when it is not a 429). */
	attempt: number;
	method: IHttpRequestMethods;
	earlierAttemptMayHaveActed: boolean;
	/** Since the shop last accepted any request of this process (or since this request began, if later). */
	msSinceShopAccepted: number;
}

/**
 * Retry or give up, from what one failed attempt tells. A 429 means the API did not act and is the
 * normal signal to slow down (the pacer does that), so it is not counted towards giving up.
 */
export function decideRetry(
	failed: FailedAttempt,
	policy: RetryPolicy,
	random: () => number = Math.random,
): RetryDecision {
	// A POST that may have acted is never sent again, so nothing after it may count as a clean rejection.
	const postMayHaveActed = failed.method === 'POST' && failed.earlierAttemptMayHaveActed;
	if (isWaitTooLong(failed.retryAfterMs, policy)) {
		return { retry: false, kind: postMayHaveActed ? 'ambiguous' : 'waitTooLong' };
	}
	if (failed.throttled) {
		if (failed.msSinceShopAccepted >= policy.giveUpThrottledAfterMs)
			return { retry: false, kind: 'throttled' };
		return { retry: true, afterMs: failed.retryAfterMs ?? 0 };
	}
	if (!failed.transient) return { retry: false, kind: postMayHaveActed ? 'ambiguous' : 'rejected' };
	if (failed.method === 'POST') return { retry: false, kind: 'ambiguous' };
	if (failed.attempt >= policy.maxFailedAttempts) return { retry: false, kind: 'gaveUp' };
	return { retry: true, afterMs: backoffDelay(failed.attempt, policy, random) };
}

/** The one Retry-After ceiling: a longer wait fails the item instead of holding the whole shop that long. */
export function isWaitTooLong(retryAfterMs: number | undefined, policy: RetryPolicy): boolean {
	return retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs;
}

/** The message for a Retry-After beyond the ceiling, in whole seconds. */
export function tooLongMessage(askedMs: number, policy: RetryPolicy): string {
	return `The API asked to wait ${Math.ceil(askedMs / 1000)} s before retrying, more than the ${Math.round(policy.maxRetryAfterMs / 1000)} s this node waits`;
}

/**
 * Reads a Retry-After header: seconds (Shopify-backed APIs may send a float such as "2.0") or an
 * HTTP date. Returns milliseconds to wait, or undefined when absent or unreadable.
 */
export function parseRetryAfter(header: unknown, nowMs: number): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
	const date = Date.parse(text);
	if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
	return undefined;
}

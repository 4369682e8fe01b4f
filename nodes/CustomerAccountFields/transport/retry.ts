/** The knobs p-retry users know, plus the server's Retry-After, which p-retry ignores. */
export interface RetryPolicy {
	/** Attempts in all when the API answers 429 (it did not act, so retrying is always safe). */
	maxThrottledAttempts: number;
	/** Attempts in all after a 5xx, a reset connection or a timeout; used for GET, PUT and DELETE only. */
	maxFailedAttempts: number;
	minDelayMs: number;
	factor: number;
	maxDelayMs: number;
	/** 0 = no jitter; 0.5 = the delay is cut by up to half at random. */
	jitter: number;
}

export function retryPolicyFor(requestsPerSecond: number): RetryPolicy {
	return {
		maxThrottledAttempts: 6,
		maxFailedAttempts: 3,
		minDelayMs: Math.ceil(1000 / requestsPerSecond),
		factor: 2,
		maxDelayMs: 60_000,
		jitter: 0.5,
	};
}

/** Delay before attempt `attempt + 1`, growing exponentially from minDelayMs, capped, with jitter. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const base = Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** Math.max(0, attempt - 1));
	return Math.round(base * (1 - policy.jitter * random()));
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

export type ThrottleWait = { waitMs: number } | { tooLongMs: number };

/**
 * How long to wait after a 429: the server's Retry-After when it gave one, else the backoff. A server
 * wait beyond the backoff cap is not honoured (it would hold the shop's line that long): the caller fails.
 */
export function throttleWait(retryAfterMs: number | undefined, attempt: number, policy: RetryPolicy, random: () => number = Math.random): ThrottleWait {
	if (retryAfterMs === undefined) return { waitMs: backoffDelay(attempt, policy, random) };
	return retryAfterMs > policy.maxDelayMs ? { tooLongMs: retryAfterMs } : { waitMs: retryAfterMs };
}

/** The message for a Retry-After beyond the ceiling, in whole seconds. */
export function tooLongMessage(askedMs: number, policy: RetryPolicy): string {
	return `The API asked to wait ${Math.ceil(askedMs / 1000)} s before retrying, more than the ${Math.round(policy.maxDelayMs / 1000)} s this node waits`;
}

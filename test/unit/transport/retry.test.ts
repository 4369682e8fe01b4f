import {
	backoffDelay,
	decideRetry,
	parseRetryAfter,
	retryPolicyFor,
	tooLongMessage,
	type FailedAttempt,
} from '../../../nodes/CustomerAccountFields/transport/retry';

describe('retry policy', () => {
	const policy = retryPolicyFor(1);

	it('backs off exponentially from one interval, capped', () => {
		const noJitter = () => 0;
		expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, noJitter))).toEqual([
			1000, 2000, 4000, 8000,
		]);
		expect(backoffDelay(20, policy, noJitter)).toBe(60_000);
	});

	it('applies jitter of up to half the delay', () => {
		expect(backoffDelay(2, policy, () => 1)).toBe(1000);
		expect(backoffDelay(2, policy, () => 0.5)).toBe(1500);
	});

	it('scales the first delay with the credential rate', () => {
		expect(backoffDelay(1, retryPolicyFor(20), () => 0)).toBe(50);
	});

	it('reads Retry-After as seconds, float seconds or an HTTP date', () => {
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter('2.0', now)).toBe(2000);
		expect(parseRetryAfter(['0.25'], now)).toBe(250);
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});
});

describe('decideRetry', () => {
	const policy = retryPolicyFor(1);
	const noJitter = () => 0;
	const attempt = (overrides: Partial<FailedAttempt>): FailedAttempt => ({
		throttled: false,
		transient: false,
		attempt: 1,
		method: 'GET',
		earlierAttemptMayHaveActed: false,
		msSinceShopAccepted: 0,
		...overrides,
	});
	const throttled = (overrides: Partial<FailedAttempt> = {}) =>
		attempt({ throttled: true, transient: true, ...overrides });

	it('gives up after 5 minutes without an accepted request at the default rate', () => {
		expect(policy.giveUpThrottledAfterMs).toBe(300_000);
		expect(retryPolicyFor(20).giveUpThrottledAfterMs).toBe(15_000);
	});

	it('retries a 429 however many attempts it took, while the shop accepts requests', () => {
		expect(decideRetry(throttled({ attempt: 1 }), policy)).toEqual({ retry: true, afterMs: 0 });
		expect(decideRetry(throttled({ attempt: 500, msSinceShopAccepted: 299_999 }), policy)).toEqual({
			retry: true,
			afterMs: 0,
		});
		expect(decideRetry(throttled({ attempt: 2, retryAfterMs: 2000 }), policy)).toEqual({
			retry: true,
			afterMs: 2000,
		});
	});

	it('retries a 429 even for a POST: the API did not act', () => {
		expect(decideRetry(throttled({ method: 'POST', attempt: 40 }), policy)).toEqual({
			retry: true,
			afterMs: 0,
		});
	});

	it('gives up on 429s once the shop accepted nothing for the bounded time', () => {
		expect(decideRetry(throttled({ attempt: 2, msSinceShopAccepted: 300_000 }), policy)).toEqual({
			retry: false,
			kind: 'throttled',
		});
	});

	it('fails when the server asks to wait longer than 60 s', () => {
		expect(decideRetry(throttled({ retryAfterMs: 60_001 }), policy)).toEqual({
			retry: false,
			kind: 'waitTooLong',
		});
		expect(decideRetry(throttled({ retryAfterMs: 60_000 }), policy)).toEqual({
			retry: true,
			afterMs: 60_000,
		});
	});

	it('retries transient failures of idempotent methods with backoff, up to 3 attempts', () => {
		for (const method of ['GET', 'PUT', 'DELETE'] as const) {
			expect(
				decideRetry(attempt({ transient: true, method, attempt: 1 }), policy, noJitter),
			).toEqual({ retry: true, afterMs: 1000 });
			expect(
				decideRetry(attempt({ transient: true, method, attempt: 2 }), policy, noJitter),
			).toEqual({ retry: true, afterMs: 2000 });
			expect(decideRetry(attempt({ transient: true, method, attempt: 3 }), policy)).toEqual({
				retry: false,
				kind: 'gaveUp',
			});
		}
	});

	it('never resends a POST after a failure the API may have carried out', () => {
		expect(decideRetry(attempt({ transient: true, method: 'POST' }), policy)).toEqual({
			retry: false,
			kind: 'ambiguous',
		});
		expect(
			decideRetry(attempt({ method: 'POST', earlierAttemptMayHaveActed: true }), policy),
		).toEqual({ retry: false, kind: 'ambiguous' });
	});

	it("takes the API's final answer as final", () => {
		expect(decideRetry(attempt({}), policy)).toEqual({ retry: false, kind: 'rejected' });
		expect(
			decideRetry(attempt({ method: 'PUT', earlierAttemptMayHaveActed: true }), policy),
		).toEqual({ retry: false, kind: 'rejected' });
	});
});

describe('Retry-After ceiling', () => {
	const policy = retryPolicyFor(1);

	const throttled = (retryAfterMs: number | undefined) =>
		decideRetry(
			{
				throttled: true,
				transient: true,
				retryAfterMs,
				attempt: 0,
				method: 'GET',
				earlierAttemptMayHaveActed: false,
				msSinceShopAccepted: 0,
			},
			policy,
		);

	it('waits what the server asked up to 60 s, and refuses more', () => {
		expect(throttled(1500)).toEqual({ retry: true, afterMs: 1500 });
		expect(throttled(60_000)).toEqual({ retry: true, afterMs: 60_000 });
		expect(throttled(60_001)).toEqual({ retry: false, kind: 'waitTooLong' });
		expect(throttled(0)).toEqual({ retry: true, afterMs: 0 });
	});

	it('leaves the wait to the pacer without Retry-After', () => {
		expect(throttled(undefined)).toEqual({ retry: true, afterMs: 0 });
	});

	it('says what the server asked for', () => {
		expect(tooLongMessage(3_600_000, policy)).toBe(
			'The API asked to wait 3600 s before retrying, more than the 60 s this node waits',
		);
		expect(tooLongMessage(60_001, policy)).toBe(
			'The API asked to wait 61 s before retrying, more than the 60 s this node waits',
		);
	});
});

describe('parseRetryAfter, at its edges', () => {
	it('reads only plain seconds or a date', () => {
		expect(parseRetryAfter('12', 0)).toBe(12_000);
		expect(parseRetryAfter(3, 0)).toBe(3000);
		expect(parseRetryAfter(['2.5'], 0)).toBe(2500);
		for (const bad of ['1x', 'x1', true, { a: 1 }, null])
			expect(parseRetryAfter(bad, 0)).toBeUndefined();
	});

	it('reads seconds with spaces around them, and only a string or a number as the header', () => {
		expect(parseRetryAfter(' 5 ', 0)).toBe(5000);
		expect(parseRetryAfter([' 7\t'], 0)).toBe(7000);
		for (const bad of [[['5']], { toString: () => '5' }, new Date(60_000)])
			expect(parseRetryAfter(bad, 0)).toBeUndefined();
	});
});

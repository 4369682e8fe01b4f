import { decideRetry, parseRetryAfter, retryPolicyFor, tooLongMessage } from '../../../nodes/CustomerAccountFields/transport/retry';

describe('Retry-After ceiling', () => {
	const policy = retryPolicyFor(1);

	const throttled = (retryAfterMs: number | undefined) =>
		decideRetry({ throttled: true, transient: true, retryAfterMs, attempt: 0, method: 'GET', earlierAttemptMayHaveActed: false, msSinceShopAccepted: 0 }, policy);

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
		expect(tooLongMessage(3_600_000, policy)).toBe('The API asked to wait 3600 s before retrying, more than the 60 s this node waits');
		expect(tooLongMessage(60_001, policy)).toBe('The API asked to wait 61 s before retrying, more than the 60 s this node waits');
	});
});

describe('parseRetryAfter, at its edges', () => {
	it('reads only plain seconds or a date', () => {
		expect(parseRetryAfter('12', 0)).toBe(12_000);
		expect(parseRetryAfter(3, 0)).toBe(3000);
		expect(parseRetryAfter(['2.5'], 0)).toBe(2500);
		for (const bad of ['1x', 'x1', true, { a: 1 }, null]) expect(parseRetryAfter(bad, 0)).toBeUndefined();
	});
});

import type { IDataObject } from 'n8n-workflow';

import type { PacingReply } from './pacingPolicy';
import { isWaitTooLong, parseRetryAfter, type RetryPolicy } from './retry';

/** What came back from one HTTP attempt, reduced to what the retry logic needs. */
export type Reply =
	| { kind: 'response'; status: number; headers: IDataObject; body: unknown }
	| { kind: 'network'; code: string; timedOut: boolean };

export interface Failure {
	message: string;
	description?: string;
	httpCode?: string;
	/** The server may have carried out the request although the client saw a failure. */
	mayHaveActed: boolean;
}

export type Verdict =
	| { ok: true; body: IDataObject }
	| { ok: false; throttled: boolean; transient: boolean; retryAfterMs?: number; failure: Failure };

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	403: 'Forbidden',
	404: 'Not Found',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

// Plain words, not the error codes: n8n replaces any message that contains a known code with its own text.
const NETWORK_REASONS: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EPIPE: 'the connection was closed while sending',
};

// How the retry decision treats a failure: a 429 (the API did not act) is always retried, a transient
// one may go through next time, a final one will not.
const THROTTLED = { ok: false, throttled: true, transient: true } as const;
const TRANSIENT = { ok: false, throttled: false, transient: true } as const;
const FINAL = { ok: false, throttled: false, transient: false } as const;

const CREDENTIAL_HINT =
	"Check the credential's shop domain and API key (Customer Account Fields app → API Key page).";
const REDIRECT_HINT =
	"Redirects are not followed, so that the API key is never sent to another server. Check the credential's base URL.";
const NOT_JSON = 'The API returned a reply that is not valid JSON';

/** Classifies a reply: success, throttled (429, always safe to retry), transient (5xx, reset, timeout) or final. */
export function judgeReply(reply: Reply, nowMs: number, timeoutMs: number): Verdict {
	if (reply.kind === 'network') {
		const message = reply.timedOut
			? `The API did not answer within ${timeoutMs} ms`
			: `The connection to the API failed: ${NETWORK_REASONS[reply.code] ?? 'a network error occurred'}`;
		return { ...TRANSIENT, failure: { message, mayHaveActed: true } };
	}
	const { status, headers } = reply;
	const body = parseBody(reply.body);
	const apiMessage = typeof body?.message === 'string' ? body.message : undefined;
	// The API's own message when it sent one, else its status in words.
	const statusMessage =
		apiMessage ??
		`The API answered ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
	const httpCode = String(status);
	if (status === 429) {
		const retryAfterMs = parseRetryAfter(headers['retry-after'], nowMs);
		const message = apiMessage ?? 'too many requests';
		return { ...THROTTLED, retryAfterMs, failure: { message, httpCode, mayHaveActed: false } };
	}
	if (status >= 500)
		return { ...TRANSIENT, failure: { message: statusMessage, httpCode, mayHaveActed: true } };
	if (status >= 300 && status < 400) {
		const message = `The API redirected the request to ${redirectTarget(headers.location)}; the node does not follow redirects`;
		return {
			...FINAL,
			failure: { message, description: REDIRECT_HINT, httpCode, mayHaveActed: false },
		};
	}
	if (status >= 400) {
		const description = status === 403 ? CREDENTIAL_HINT : undefined;
		return {
			...FINAL,
			failure: { message: statusMessage, description, httpCode, mayHaveActed: false },
		};
	}
	if (body === undefined)
		return { ...TRANSIENT, failure: { message: NOT_JSON, httpCode, mayHaveActed: true } };
	if (body.status !== 'error') return { ok: true, body };
	const message = apiMessage ?? 'The API reported an error';
	return { ...FINAL, failure: { message, httpCode, mayHaveActed: true } };
}

/**
 * What a verdict tells the pacing policy. A Retry-After beyond the ceiling is not passed on: it would
 * hold the whole shop, and the retry decision fails the item instead.
 */
export function pacingReplyOf(verdict: Verdict, policy: RetryPolicy): PacingReply {
	if (verdict.ok) return { kind: 'accepted' };
	if (!verdict.throttled) return { kind: 'failed' };
	return {
		kind: 'throttled',
		retryAfterMs: isWaitTooLong(verdict.retryAfterMs, policy) ? undefined : verdict.retryAfterMs,
	};
}

/** The host a redirect names (never its path or query, which may carry anything). */
export function redirectTarget(location: unknown): string {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value.trim() === '') return 'an unnamed location';
	const absolute = /^(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/?#\s]*@)?([^/?#\s]+)/i.exec(value.trim());
	return absolute ? absolute[1] : 'another path on the same host';
}

function parseBody(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body))
		return body as IDataObject;
	const text = Buffer.isBuffer(body)
		? body.toString('utf8')
		: typeof body === 'string'
			? body
			: undefined;
	if (text === undefined) return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

import type { IDataObject } from 'n8n-workflow';

import { parseRetryAfter } from './retry';

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
	429: 'Too Many Requests',
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

/** Classifies a reply: success, throttled (429, always safe to retry), transient (5xx, reset, timeout) or final. */
export function judgeReply(reply: Reply, nowMs: number, timeoutMs: number): Verdict {
	if (reply.kind === 'network') {
		return {
			ok: false,
			throttled: false,
			transient: true,
			failure: {
				message: reply.timedOut
					? `The API did not answer within ${timeoutMs} ms`
					: `The connection to the API failed: ${NETWORK_REASONS[reply.code] ?? 'a network error occurred'}`,
				mayHaveActed: true,
			},
		};
	}
	const body = parseBody(reply.body);
	const apiMessage = body && typeof body.message === 'string' ? body.message : undefined;
	const httpCode = String(reply.status);
	if (reply.status === 429) {
		return {
			ok: false,
			throttled: true,
			transient: true,
			retryAfterMs: parseRetryAfter(reply.headers['retry-after'], nowMs),
			failure: { message: apiMessage ?? 'too many requests', httpCode, mayHaveActed: false },
		};
	}
	if (reply.status >= 500) {
		const text = STATUS_TEXT[reply.status] ? ` ${STATUS_TEXT[reply.status]}` : '';
		return {
			ok: false,
			throttled: false,
			transient: true,
			failure: { message: apiMessage ?? `The API answered ${reply.status}${text}`, httpCode, mayHaveActed: true },
		};
	}
	if (reply.status >= 300 && reply.status < 400) {
		return {
			ok: false,
			throttled: false,
			transient: false,
			failure: {
				message: `The API redirected the request to ${redirectTarget(reply.headers.location)}; the node does not follow redirects`,
				description: "Redirects are not followed, so that the API key is never sent to another server. Check the credential's base URL.",
				httpCode,
				mayHaveActed: false,
			},
		};
	}
	if (reply.status >= 400) {
		return {
			ok: false,
			throttled: false,
			transient: false,
			failure: {
				message: apiMessage ?? `The API answered ${reply.status}${STATUS_TEXT[reply.status] ? ` ${STATUS_TEXT[reply.status]}` : ''}`,
				description: reply.status === 403 ? "Check the credential's shop domain and API key (Customer Account Fields app → API Key page)." : undefined,
				httpCode,
				mayHaveActed: false,
			},
		};
	}
	if (body === undefined) {
		return {
			ok: false,
			throttled: false,
			transient: true,
			failure: { message: 'The API returned a reply that is not valid JSON', httpCode, mayHaveActed: true },
		};
	}
	if (body.status === 'error') {
		return {
			ok: false,
			throttled: false,
			transient: false,
			failure: { message: apiMessage ?? 'The API reported an error', httpCode, mayHaveActed: true },
		};
	}
	return { ok: true, body };
}

/** The host a redirect names (never its path or query, which may carry anything). */
export function redirectTarget(location: unknown): string {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value.trim() === '') return 'an unnamed location';
	const absolute = /^(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/?#\s]*@)?([^/?#\s]+)/i.exec(value.trim());
	return absolute ? absolute[1] : 'another path on the same host';
}

function parseBody(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : undefined;
	if (text === undefined) return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

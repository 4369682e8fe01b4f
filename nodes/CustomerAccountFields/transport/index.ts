import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

import { CancelledError, unlessCancelled } from './cancel';
import { connection, CREDENTIAL_TYPE, type Connection, type Context } from './connection';
import { redact } from './redact';
import { judgeReply, pacingReplyOf, type Reply, type Verdict } from './replyVerdict';
import {
	decideRetry,
	retryPolicyFor,
	tooLongMessage,
	type FailureKind,
	type RetryPolicy,
} from './retry';
import { sharedScheduler } from './scheduler';

// The only HTTP in the node. A request reads the credential once per execution (connection.ts), waits for
// the shop's turn (scheduler.ts, which asks the pure pacingPolicy.ts), is sent once (sendOnce), its reply is
// judged (replyVerdict.ts), and the pure decideRetry (retry.ts) says whether to try again.

export { CREDENTIAL_TYPE, DEFAULT_BASE_URL } from './connection';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. "/customers" or "/customers/123". */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	itemIndex?: number;
	timeoutMs?: number;
}

/** How a request ended, for callers that treat some failures themselves (apiRequest throws instead). */
export type ApiOutcome =
	| { ok: true; body: IDataObject }
	| {
			ok: false;
			kind: FailureKind;
			error: NodeApiError;
			httpCode?: string;
			earlierAttemptMayHaveActed: boolean;
	  };

/**
 * The one way the node talks to the API: waits its turn at the shop's pace, sends, and retries as
 * decideRetry says. Throws a NodeApiError that keeps the API's message; the API key is never part of it.
 */
export async function apiRequest(this: Context, request: ApiRequest): Promise<IDataObject> {
	const outcome = await tryApiRequest.call(this, request);
	if (!outcome.ok) throw outcome.error;
	return outcome.body;
}

/** apiRequest, returning the failure and its kind instead of throwing it. */
export async function tryApiRequest(this: Context, request: ApiRequest): Promise<ApiOutcome> {
	const settings = await connection.call(this, request.itemIndex);
	const { shopDomain, requestsPerSecond } = settings;
	const policy = retryPolicyFor(requestsPerSecond);
	const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const signal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	// What the scheduler runs in the shop's turn, and what it learns from the result.
	const sendAndJudge = async () =>
		judgeReply(
			await sendOnce.call(this, settings, request, timeoutMs, signal),
			Date.now(),
			timeoutMs,
		);
	const classify = (verdict: Verdict) => pacingReplyOf(verdict, policy);
	const began = Date.now();
	let earlierAttemptMayHaveActed = false;
	// 429s are turned away unread, so only the other attempts count.
	let attempt = 0;
	for (;;) {
		const verdict = await sharedScheduler.run(
			shopDomain,
			requestsPerSecond,
			sendAndJudge,
			classify,
			signal,
		);
		if (verdict.ok) return verdict;
		if (!verdict.throttled) attempt++;
		const decision = decideRetry(
			{
				...verdict,
				attempt,
				method: request.method,
				earlierAttemptMayHaveActed,
				msSinceShopAccepted: Date.now() - Math.max(began, sharedScheduler.lastAccepted(shopDomain)),
			},
			policy,
		);
		if (!decision.retry) {
			const error = apiError.call(this, verdict, decision.kind, request, attempt, policy);
			return {
				ok: false,
				kind: decision.kind,
				error,
				httpCode: verdict.failure.httpCode,
				earlierAttemptMayHaveActed,
			};
		}
		earlierAttemptMayHaveActed ||= verdict.failure.mayHaveActed;
		this.logger.debug(
			`Customer Account Fields: ${request.method} ${request.path} failed (${verdict.failure.httpCode ?? 'network'}), attempt ${attempt}; retrying in ${decision.afterMs} ms`,
		);
		// A 429's wait is the scheduler's: it holds the whole shop, not only this request.
		if (!verdict.throttled && decision.afterMs > 0)
			await unlessCancelled(sleep(decision.afterMs), signal);
	}
}

/** One HTTP attempt, no retry: the reply with the API key redacted, or the network failure's code. */
async function sendOnce(
	this: Context,
	settings: Connection,
	request: ApiRequest,
	timeoutMs: number,
	signal?: AbortSignal,
): Promise<Reply> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${settings.baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		headers: { accept: 'application/json', ...request.headers },
		json: true,
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect would carry x-api-key to whatever server it names; it becomes an error instead.
		disableFollowRedirect: true,
	};
	if (signal) options.abortSignal = signal;
	let code: string;
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as {
			statusCode: number;
			headers: IDataObject;
			body: unknown;
		};
		const body = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body;
		// The one place replies enter the node: whatever the server echoes, the key goes no further.
		return redact(
			{ kind: 'response', status: response.statusCode, headers: response.headers ?? {}, body },
			settings.secrets,
		);
	} catch (error) {
		// Only the error code is kept: the client's error object carries the request headers, API key included.
		code = String(
			(error as { code?: unknown }).code ??
				(error as { cause?: { code?: unknown } }).cause?.code ??
				'UNKNOWN',
		);
	}
	if (code === 'ERR_CANCELED') throw new CancelledError();
	return { kind: 'network', code, timedOut: code === 'ECONNABORTED' || code === 'ETIMEDOUT' };
}

const GIVE_UP_WORDS: Record<
	FailureKind,
	(attempts: number, policy: RetryPolicy) => string | undefined
> = {
	rejected: () => undefined,
	ambiguous: () =>
		'The API may have carried out the request before the failure, so it was not sent again.',
	gaveUp: (attempts) => `Gave up after ${attempts} attempts.`,
	throttled: (_, policy) =>
		`The API answered "too many requests" to every request for this shop for ${Math.round(policy.giveUpThrottledAfterMs / 1000)} s. Another app or workflow may be using this shop's API key heavily; run the workflow later or lower the credential's rate limit.`,
	waitTooLong: () => 'Run the items again after that time.',
};

function apiError(
	this: Context,
	verdict: Extract<Verdict, { ok: false }>,
	kind: FailureKind,
	request: ApiRequest,
	attempts: number,
	policy: RetryPolicy,
): NodeApiError {
	const failure =
		kind === 'waitTooLong'
			? {
					...verdict.failure,
					message: tooLongMessage(verdict.retryAfterMs ?? 0, policy),
					description: undefined,
				}
			: verdict.failure;
	const words = GIVE_UP_WORDS[kind](attempts, policy);
	const description = [failure.description, words].filter(Boolean).join(' ') || undefined;
	const response: JsonObject = { status: 'error', message: failure.message };
	if (failure.httpCode) response.httpCode = failure.httpCode;
	return new NodeApiError(this.getNode(), response, {
		message: failure.message,
		description,
		httpCode: failure.httpCode,
		itemIndex: request.itemIndex,
	});
}

/**
 * What `apiRequest` would send, for a dry run: method, URL, body and headers, with the API key
 * hidden. Nothing is sent.
 */
export async function describeRequest(this: Context, request: ApiRequest): Promise<IDataObject> {
	const { baseUrl, shopDomain } = await connection.call(this, request.itemIndex);
	const query = new URLSearchParams();
	for (const [key, value] of Object.entries(request.qs ?? {})) query.append(key, String(value));
	const search = query.toString();
	const headers: IDataObject = {
		accept: 'application/json',
		...request.headers,
		'x-shop-domain': shopDomain,
		'x-api-key': '(hidden)',
	};
	if (request.body) headers['content-type'] = 'application/json';
	const description: IDataObject = {
		method: request.method,
		url: `${baseUrl}${request.path}${search ? `?${search}` : ''}`,
		headers,
	};
	if (request.body) description.body = request.body;
	return description;
}

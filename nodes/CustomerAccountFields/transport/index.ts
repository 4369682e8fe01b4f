import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { checkShopDomain } from '../helpers/shopDomain';
import { CancelledError, unlessCancelled } from './cancel';
import { judgeReply, type Failure, type Reply } from './outcome';
import { sharedPacer } from './pacer';
import { redact } from './redact';
import { backoffDelay, retryPolicyFor, throttleWait, tooLongMessage } from './retry';

export const CREDENTIAL_TYPE = 'customerAccountFieldsApi';
export const DEFAULT_BASE_URL = 'https://apps.bonify.io/apps/cf_app/public-api/customer_fields/v2';
export const DEFAULT_TIMEOUT_MS = 30_000;

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. "/customers" or "/customers/123". */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	itemIndex?: number;
	timeoutMs?: number;
	/** DELETE: a 404 after an attempt the API may have carried out (5xx, reset, timeout) means that attempt deleted it. */
	goneAfterRetryIsDone?: boolean;
}

interface Connection {
	baseUrl: string;
	shopDomain: string;
	requestsPerSecond: number;
	/** The API key as stored and as sent (the credential trims it): only ever used to redact what the API says. */
	secrets: string[];
}

// A node's credential is the same for all its items, so it is read and checked once per execution.
const connections = new WeakMap<Context, Promise<Connection>>();

async function connection(this: Context, itemIndex = 0): Promise<Connection> {
	let settings = connections.get(this);
	if (!settings) {
		settings = readConnection.call(this, itemIndex);
		connections.set(this, settings);
	}
	return await settings;
}

async function readConnection(this: Context, itemIndex: number): Promise<Connection> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const shop = checkShopDomain(credentials.shopDomain);
	if ('problem' in shop) {
		throw new NodeOperationError(this.getNode(), `Credential: ${shop.problem}`, { itemIndex });
	}
	const rate = Number(credentials.rateLimit ?? 1);
	if (!Number.isFinite(rate) || rate <= 0) {
		throw new NodeOperationError(this.getNode(), 'Credential: the rate limit must be a number greater than 0', {
			itemIndex,
			description: 'The API allows 1 request per second; leave the rate limit at 1 unless Bonify raised it for your shop.',
		});
	}
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	return { baseUrl, shopDomain: shop.domain, requestsPerSecond: rate, secrets: [apiKey, apiKey.trim()] };
}

/**
 * The one way the node talks to the API: waits its turn at the shop's rate, sends, and retries
 * 429s (always) and transient failures (for idempotent methods only, never for POST). Throws a
 * NodeApiError that keeps the API's message; the API key is never part of it.
 */
export async function apiRequest(this: Context, request: ApiRequest): Promise<IDataObject> {
	const settings = await connection.call(this, request.itemIndex);
	const { shopDomain, requestsPerSecond } = settings;
	const policy = retryPolicyFor(requestsPerSecond);
	const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const idempotent = request.method !== 'POST';
	const signal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	let earlierAttemptMayHaveActed = false;
	for (let attempt = 1; ; attempt++) {
		let tooLongMs: number | undefined;
		const verdict = await sharedPacer.run(shopDomain, requestsPerSecond, async () => {
			const judged = judgeReply(await send.call(this, settings, request, timeoutMs, signal), Date.now(), timeoutMs);
			if (!judged.ok && judged.throttled) {
				const wait = throttleWait(judged.retryAfterMs, attempt, policy);
				// Held before the line moves on, so that every request for this shop waits out the 429.
				if ('waitMs' in wait) sharedPacer.holdUntil(shopDomain, Date.now() + wait.waitMs);
				else tooLongMs = wait.tooLongMs;
			}
			return judged;
		}, signal);
		if (verdict.ok) return verdict.body;
		if (request.goneAfterRetryIsDone && earlierAttemptMayHaveActed && verdict.failure.httpCode === '404') return { status: 'okay' };
		earlierAttemptMayHaveActed ||= verdict.failure.mayHaveActed;
		if (tooLongMs !== undefined) {
			const failure = { ...verdict.failure, message: tooLongMessage(tooLongMs, policy), description: 'Run the items again after that time.' };
			// Not a verdict on the items (no narrowing down one by one), and not worth a retry now.
			throw apiError.call(this, failure, request, attempt, { throttled: false, transient: true });
		}

		const retry = verdict.throttled
			? attempt < policy.maxThrottledAttempts
			: verdict.transient && idempotent && attempt < policy.maxFailedAttempts;
		if (!retry) throw apiError.call(this, verdict.failure, request, attempt, verdict);

		this.logger.debug(
			`Customer Account Fields: ${request.method} ${request.path} failed (${verdict.failure.httpCode ?? 'network'}), attempt ${attempt} of ${verdict.throttled ? policy.maxThrottledAttempts : policy.maxFailedAttempts}; retrying`,
		);
		if (!verdict.throttled) await unlessCancelled(sleep(backoffDelay(attempt, policy)), signal);
	}
}

async function send(this: Context, settings: Connection, request: ApiRequest, timeoutMs: number, signal?: AbortSignal): Promise<Reply> {
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
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as {
			statusCode: number;
			headers: IDataObject;
			body: unknown;
		};
		const body = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body;
		// The one place replies enter the node: whatever the server echoes, the key goes no further.
		return redact({ kind: 'response', status: response.statusCode, headers: response.headers ?? {}, body }, settings.secrets);
	} catch (error) {
		// Only the error code is kept: the client's error object carries the request headers, API key included.
		code = String((error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code ?? 'UNKNOWN');
	}
	if (code === 'ERR_CANCELED') throw new CancelledError();
	return { kind: 'network', code, timedOut: code === 'ECONNABORTED' || code === 'ETIMEDOUT' };
}

function apiError(
	this: Context,
	failure: Failure,
	request: ApiRequest,
	attempts: number,
	kind: { throttled: boolean; transient: boolean },
): NodeApiError {
	let description = failure.description;
	if (kind.throttled) {
		description = `Still rate limited after ${attempts} attempts. Another app or workflow may be using this shop's API key at the same time; lower the credential's rate limit or run the workflow later.`;
	} else if (failure.mayHaveActed && request.method === 'POST') {
		description = 'The API may have created these customers before the failure. Check in Shopify before running the items again, so that no customer is created twice.';
	} else if (attempts > 1) {
		description = `${description ? `${description} ` : ''}Gave up after ${attempts} attempts.`;
	}
	const response: JsonObject = { status: 'error', message: failure.message };
	if (failure.httpCode) response.httpCode = failure.httpCode;
	const error = new NodeApiError(this.getNode(), response, {
		message: failure.message,
		description,
		httpCode: failure.httpCode,
		itemIndex: request.itemIndex,
	});
	error.context.finalRejection = !kind.throttled && !kind.transient;
	return error;
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
	const headers: IDataObject = { accept: 'application/json', ...request.headers, 'x-shop-domain': shopDomain, 'x-api-key': '(hidden)' };
	if (request.body) headers['content-type'] = 'application/json';
	const description: IDataObject = { method: request.method, url: `${baseUrl}${request.path}${search ? `?${search}` : ''}`, headers };
	if (request.body) description.body = request.body;
	return description;
}

/** Whether the API gave a final answer (4xx, or a 200 saying "error"): it is done with the request, and retrying it unchanged won't help. */
export function isFinalRejection(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.finalRejection === true;
}

// A real page is empty only when the list ends (no cursor then); 5 in a row is a server fault, not bad luck.
const MAX_EMPTY_PAGES_IN_A_ROW = 5;

/**
 * GET /customers following the `next_page` cursor until it is absent (the API gives no totals), or
 * until `limit` customers are read. Each page is handed to `onPage` as it arrives, so that what was
 * read before a failure is not lost. Returns how many customers were read.
 */
export async function apiRequestAllCustomers(
	this: Context,
	qs: IDataObject,
	options: { limit?: number; itemIndex?: number; timeoutMs?: number; onPage: (customers: IDataObject[]) => void },
): Promise<number> {
	let count = 0;
	let emptyPagesInARow = 0;
	const seen = new Set<string>();
	let cursor: string | undefined;
	do {
		const page = await apiRequest.call(this, {
			method: 'GET',
			path: '/customers',
			qs: cursor ? { ...qs, next_page: cursor } : qs,
			itemIndex: options.itemIndex,
			timeoutMs: options.timeoutMs,
		});
		let customers = (page.customers as IDataObject[] | undefined) ?? [];
		if (options.limit !== undefined) customers = customers.slice(0, options.limit - count);
		count += customers.length;
		options.onPage(customers);
		if (options.limit !== undefined && count >= options.limit) return count;
		cursor = typeof page.next_page === 'string' && page.next_page !== '' ? page.next_page : undefined;
		if (cursor !== undefined) {
			if (seen.has(cursor)) {
				throw new NodeApiError(this.getNode(), { message: 'repeated next_page cursor' }, {
					message: 'The API returned the same next_page cursor twice',
					description: 'Stopped to avoid reading the same customers forever. Please report this to Bonify.',
					itemIndex: options.itemIndex,
				});
			}
			seen.add(cursor);
			emptyPagesInARow = customers.length === 0 ? emptyPagesInARow + 1 : 0;
			if (emptyPagesInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
				throw new NodeApiError(this.getNode(), { message: 'empty pages with a next_page cursor' }, {
					message: `The API returned ${MAX_EMPTY_PAGES_IN_A_ROW} empty pages in a row, each with a new next_page cursor`,
					description: 'Stopped to avoid following cursors forever. Please report this to Bonify.',
					itemIndex: options.itemIndex,
				});
			}
		}
	} while (cursor !== undefined);
	return count;
}

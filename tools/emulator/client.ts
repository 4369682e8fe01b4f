/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// A tiny HTTP client for the emulator's own tests (Node's global fetch).
import type { Emulator } from './index';

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

export interface CallOptions {
	query?: Record<string, string>;
	body?: unknown;
	headers?: Record<string, string>;
	/** Leave out the auth headers. */
	noAuth?: boolean;
	signal?: AbortSignal;
}

export function authHeaders(emu: Emulator): Record<string, string> {
	return { 'x-shop-domain': emu.shopDomain, 'x-api-key': emu.apiKey };
}

/** method + path below the API root (e.g. "/customers"), resolved against emu.baseUrl. */
export async function call(
	emu: Emulator,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<Reply> {
	const url = new URL(`${emu.baseUrl}${path}`);
	for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
	const headers: Record<string, string> = {
		...(options.noAuth ? {} : authHeaders(emu)),
		...options.headers,
	};
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}
	const res = await fetch(url, { method, headers, body, signal: options.signal });
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

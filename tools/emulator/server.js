'use strict';
// The HTTP side of the emulator: auth, rate limit, faults, latency, request log. Routes live in routes.js.
const http = require('node:http');
const { CustomerStore, RESULT_ORDERS } = require('./store');
const { FaultQueue, faultMessage } = require('./faults');
const { createRateLimit, defaultRateReading, RATE_READINGS } = require('./rate');
const { checkLatency, delayFor } = require('./latency');
const { matchRoute, handleRoute, error } = require('./routes');
const { generateCustomers, CUSTOM_FIELD_DEFINITIONS } = require('./sample-data');
const { epochNow } = require('./time');

const DEFAULTS = {
	port: 0,
	shopDomain: 'test-shop.myshopify.com',
	apiKey: 'test-api-key',
	shopId: 60_000_000_001,
	windowMs: 1000,
	rateLimit: 1,
	pageSize: 50,
	maxBatch: 10,
	customers: [],
	seed: 1,
	customFieldDefinitions: CUSTOM_FIELD_DEFINITIONS,
	retryAfterOn429: undefined,
	throttle: true,
	latencyMs: 0,
	latency: undefined,
	rateReading: undefined,
	indexDelayMs: 0,
	nowMs: undefined,
	dateFilters: 'any',
	resultOrder: 'id',
	searchNowMs: undefined,
	onRequest: undefined,
	rejectUnquotedSpaces: false,
};
const TUNABLE = [
	'windowMs',
	'rateLimit',
	'throttle',
	'latencyMs',
	'latency',
	'rateReading',
	'retryAfterOn429',
	'pageSize',
	'maxBatch',
	'rejectUnquotedSpaces',
	'indexDelayMs',
	'nowMs',
	'dateFilters',
	'resultOrder',
	'searchNowMs',
];
const DEFAULT_SLOW_MS = 30_000;

class Emulator {
	constructor(options) {
		this.options = { ...DEFAULTS };
		for (const [key, value] of Object.entries(options))
			if (value !== undefined) this.options[key] = value;
		if (this.options.rateReading === undefined) this.options.rateReading = defaultRateReading();
		checkTunables(this.options);
		this.store = new CustomerStore(
			seedList(this.options.customers, this.options),
			this.options.customFieldDefinitions,
		);
		this.faults = new FaultQueue();
		this.rate = createRateLimit(this.options.rateReading);
		this.requests = [];
		this.waits = new Set();
		this.stopping = false;
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err) => {
				if (!res.headersSent && !res.destroyed)
					res.writeHead(500).end(JSON.stringify({ status: 'error', message: String(err) }));
			});
		});
	}

	listen() {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, '127.0.0.1', () => {
				this.server.off('error', reject);
				this.port = this.server.address().port;
				this.baseUrl = `http://127.0.0.1:${this.port}/v2`;
				resolve(this);
			});
		});
	}

	get shopDomain() {
		return this.options.shopDomain;
	}

	get apiKey() {
		return this.options.apiKey;
	}

	/** The live customer objects, id ascending (a fresh array each time; the objects are the state). */
	get customers() {
		return this.store.all();
	}

	stats() {
		const byStatus = {};
		for (const entry of this.requests) {
			if (entry.status !== null) byStatus[entry.status] = (byStatus[entry.status] || 0) + 1;
		}
		return {
			total: this.requests.length,
			byStatus,
			maxAcceptedInWindow: this.rate.maxAcceptedInWindow,
		};
	}

	/**
	 * Changes customers as another writer would, without a request: stamps `updated_at` (and the named custom
	 * fields' `updated_at`) with `atMs`; a search shows the change from `visibleAtMs` on the search clock
	 * (`searchNowMs`, else the wall clock; default: at once). For simulated time in the trigger's tests.
	 */
	touch(ids, { atMs, visibleAtMs = 0, customFields = {} }) {
		for (const id of ids) {
			const customer = this.store.find(Number(id));
			if (!customer) throw new Error(`touch: no customer ${id}`);
			this.store.commit(
				'update',
				[{ id: customer.id, attrs: {}, fields: Object.entries(customFields) }],
				atMs,
				visibleAtMs,
			);
		}
	}

	queueFault(spec) {
		this.faults.add(spec);
	}

	setOptions(changes = {}) {
		for (const key of Object.keys(changes)) {
			if (!TUNABLE.includes(key))
				throw new Error(`setOptions: ${key} cannot be changed (changeable: ${TUNABLE.join(', ')})`);
		}
		const next = { ...this.options, ...changes };
		checkTunables(next);
		if (next.rateReading !== this.options.rateReading)
			this.rate = createRateLimit(next.rateReading);
		this.options = next;
	}

	/** Clears the log, faults and rate state; reseeds when `customers` (or definitions) are given. */
	reset(changes = {}) {
		const { customers, customFieldDefinitions, seed, ...tunables } = changes;
		this.setOptions(tunables);
		if (customFieldDefinitions !== undefined)
			this.options.customFieldDefinitions = customFieldDefinitions;
		if (seed !== undefined) this.options.seed = seed;
		this.store.definitions = this.options.customFieldDefinitions;
		if (customers !== undefined) this.store.seed(seedList(customers, this.options));
		this.requests = [];
		this.faults.clear();
		this.rate.reset();
	}

	async stop() {
		if (this.stopping) return;
		this.stopping = true;
		for (const cancel of [...this.waits]) cancel();
		await new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	async handle(req, res) {
		res.on('close', () => {
			if (!res.writableFinished) res.clientGone = true;
		});
		// The way in: the request reaches the API (and its rate limit) only after this delay.
		const inDelay = delayFor(this.options.latency, 'in');
		if (inDelay > 0 && !(await this.wait(inDelay, res))) {
			if (!res.destroyed) res.destroy();
			return;
		}
		const arrival = performance.now();
		const url = new URL(req.url || '/', 'http://127.0.0.1');
		const entry = {
			method: req.method,
			path: url.pathname,
			query: queryObject(url.searchParams),
			body: undefined,
			status: null,
			startedAt: epochNow(),
			endedAt: null,
			auth: checkAuth(req.headers, this.options),
			deleteEmpty:
				String(req.headers['x-delete-empty-metafields'] || '')
					.trim()
					.toLowerCase() === 'true',
		};
		this.requests.push(entry);

		// Auth, rate and fault are decided on arrival, in that order; the body is read afterwards.
		let early;
		let fault;
		let processing = false;
		if (entry.auth !== 'ok') early = error(403, 'invalid request');
		else if (!this.rate.allows(arrival, this.options))
			early = withRetryAfter(error(429, 'too many requests'), this.options.retryAfterOn429);
		else {
			fault = this.faults.take(req.method, url.pathname);
			const rejected = fault && fault.kind === '429' && !fault.afterWrite;
			if (!rejected) {
				this.rate.record(arrival, this.options.windowMs);
				processing = true;
			}
			if (fault) entry.fault = fault.kind;
		}

		let reply = early;
		try {
			const rawBody = await readBody(req);
			entry.body = bodyForLog(req.method, rawBody);
			const route = matchRoute(req.method, url.pathname);
			const run = () =>
				handleRoute(
					{ store: this.store, options: this.options },
					{ route, query: url.searchParams, rawBody, deleteEmpty: entry.deleteEmpty },
				);
			// The server's own time (e.g. relaying a write to Shopify); writes take effect at its end.
			const serverDelay = processing ? delayFor(this.options.latency, 'server') : 0;
			if (!reply && serverDelay > 0 && !(await this.wait(serverDelay, res))) reply = null;
			else if (!reply)
				reply = fault ? await this.faultReply(fault, route, run, res, req.headers) : run();
		} finally {
			if (processing) this.rate.finish();
		}
		await this.deliver(req, res, entry, reply);
	}

	async faultReply(fault, route, run, res, headers) {
		const reply = await this.plainFaultReply(fault, route, run, res);
		return fault.echoKey && reply && reply.status ? echoKey(reply, headers['x-api-key']) : reply;
	}

	async plainFaultReply(fault, route, run, res) {
		if (fault.kind === 'slow') {
			const done = fault.afterWrite ? run() : undefined;
			const waited = await this.wait(
				fault.delayMs === undefined ? DEFAULT_SLOW_MS : fault.delayMs,
				res,
			);
			if (!waited) return null;
			return done || run();
		}
		// afterWrite: the server acts, then the client sees the failure. A malformed read still shows a real page.
		const done =
			fault.afterWrite || (fault.kind === 'malformed' && route && !route.write) ? run() : undefined;
		switch (fault.kind) {
			case 'reset':
				return { reset: true };
			case 'malformed': {
				const text = JSON.stringify(done ? done.body : { status: 'okay' });
				return { status: 200, raw: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
			}
			case 'redirect':
				return {
					status: fault.status || 302,
					body: { status: 'error', message: 'moved' },
					headers: { location: fault.location },
				};
			case 'empty-page': {
				// The real page's cursor (so the next request is valid and moves on), without its customers.
				const page = run();
				return page.status === 200 ? { status: 200, body: { ...page.body, customers: [] } } : page;
			}
			case 'status-error':
				return withRetryAfter(
					{ status: 200, body: { status: 'error', message: faultMessage(fault) } },
					fault.retryAfter,
				);
			case '429':
				return withRetryAfter(
					error(429, faultMessage(fault)),
					fault.retryAfter ?? this.options.retryAfterOn429,
				);
			default:
				return withRetryAfter(error(Number(fault.kind), faultMessage(fault)), fault.retryAfter);
		}
	}

	async deliver(req, res, entry, reply) {
		const latency = this.options.latencyMs + delayFor(this.options.latency, 'out');
		if (reply && latency > 0 && !(await this.wait(latency, res))) reply = null;
		entry.endedAt = epochNow();
		if (!reply || this.stopping || res.clientGone) {
			entry.status = 0;
			entry.aborted = true;
			if (!res.destroyed) res.destroy();
		} else if (reply.reset) {
			entry.status = 0;
			// A TCP RST where the platform supports it, so the client sees ECONNRESET.
			if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
			else req.socket.destroy();
		} else {
			const payload = reply.raw !== undefined ? reply.raw : JSON.stringify(reply.body);
			res.writeHead(reply.status, {
				'content-type': 'application/json; charset=utf-8',
				'content-length': Buffer.byteLength(payload),
				...reply.headers,
			});
			res.end(payload);
			entry.status = reply.status;
		}
		if (typeof this.options.onRequest === 'function') this.options.onRequest(entry);
	}

	/** Resolves true after `ms`, or false as soon as the client goes away or the emulator stops. */
	wait(ms, res) {
		return new Promise((resolve) => {
			if (this.stopping || res.clientGone) return resolve(false);
			let settled = false;
			const finish = (completed) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				res.off('close', cancel);
				this.waits.delete(cancel);
				resolve(completed);
			};
			const cancel = () => finish(false);
			const timer = setTimeout(() => finish(true), ms);
			res.on('close', cancel);
			this.waits.add(cancel);
		});
	}
}

function checkTunables(o) {
	const positive = (key) => {
		if (typeof o[key] !== 'number' || !(o[key] > 0))
			throw new Error(`emulator option ${key} must be a number > 0`);
	};
	['windowMs', 'rateLimit', 'pageSize', 'maxBatch'].forEach(positive);
	if (typeof o.latencyMs !== 'number' || o.latencyMs < 0)
		throw new Error('emulator option latencyMs must be a number >= 0');
	if (typeof o.indexDelayMs !== 'number' || o.indexDelayMs < 0)
		throw new Error('emulator option indexDelayMs must be a number >= 0');
	if (o.nowMs !== undefined && !Number.isFinite(o.nowMs))
		throw new Error('emulator option nowMs must be epoch milliseconds or undefined');
	if (!['any', 'dateOnly', 'byDay'].includes(o.dateFilters))
		throw new Error("emulator option dateFilters must be 'any', 'dateOnly' or 'byDay'");
	if (!RESULT_ORDERS.includes(o.resultOrder))
		throw new Error(`emulator option resultOrder must be one of ${RESULT_ORDERS.join(', ')}`);
	if (o.searchNowMs !== undefined && !Number.isFinite(o.searchNowMs))
		throw new Error('emulator option searchNowMs must be epoch milliseconds or undefined');
	checkLatency(o.latency);
	if (!RATE_READINGS.includes(o.rateReading))
		throw new Error(`emulator option rateReading must be one of ${RATE_READINGS.join(', ')}`);
	if (o.retryAfterOn429 !== undefined && typeof o.retryAfterOn429 !== 'string') {
		throw new Error('emulator option retryAfterOn429 must be a string such as "1" or "2.0"');
	}
}

function seedList(customers, options) {
	if (typeof customers === 'number') {
		return generateCustomers(customers, {
			seed: options.seed,
			customFieldDefinitions: options.customFieldDefinitions,
		});
	}
	return customers || [];
}

// The API key is compared here and never stored: the log keeps only the verdict.
function checkAuth(headers, options) {
	const shop = headers['x-shop-domain'];
	const key = headers['x-api-key'];
	if (!shop || !key) return 'missing';
	const shopMatches = String(shop).trim().toLowerCase() === options.shopDomain.toLowerCase();
	return shopMatches && key === options.apiKey ? 'ok' : 'bad';
}

function withRetryAfter(reply, retryAfter) {
	return retryAfter === undefined
		? reply
		: { ...reply, headers: { ...reply.headers, 'retry-after': String(retryAfter) } };
}

// A hostile server: the key it received comes back in the message, extra body fields and headers.
function echoKey(reply, key) {
	const said = `key ${key} was used`;
	const body = {
		...reply.body,
		message: `${(reply.body && reply.body.message) || 'error'} (${said})`,
		description: said,
		error: { key, detail: said },
	};
	return {
		...reply,
		body,
		headers: {
			...reply.headers,
			'x-echo-api-key': String(key),
			'www-authenticate': `ApiKey ${key}`,
		},
	};
}

function queryObject(params) {
	const query = {};
	for (const [key, value] of params) {
		if (!(key in query)) query[key] = value;
		else query[key] = [].concat(query[key], value);
	}
	return query;
}

function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}

function bodyForLog(method, raw) {
	if (raw === '') return undefined;
	if (method !== 'PUT' && method !== 'POST') return raw;
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

async function startEmulator(options = {}) {
	return new Emulator(options).listen();
}

module.exports = { startEmulator, Emulator, DEFAULTS };

'use strict';
// The API's routes, as pure functions of (state, request) → { status, body }. No HTTP here.
const { decodeCursor } = require('./cursor');
const { parseFilters, compileFilters, FilterError } = require('./filters');
const { planWrite, WriteError } = require('./validate');

const OKAY = Object.freeze({ status: 'okay' });

function error(status, message) {
	return { status, body: { status: 'error', message } };
}

/** Which route a method and path reach, or null (404). Writes are the routes that change state. */
function matchRoute(method, pathname) {
	const collection = /^\/v2\/customers\/?$/.exec(pathname);
	if (collection) {
		const name = { GET: 'list', PUT: 'update', POST: 'create' }[method];
		return name ? { name, write: name !== 'list' } : null;
	}
	const single = /^\/v2\/customers\/([^/]+)\/?$/.exec(pathname);
	if (single) {
		const name = { GET: 'get', DELETE: 'delete' }[method];
		return name ? { name, write: name === 'delete', id: safeDecode(single[1]) } : null;
	}
	return null;
}

function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/**
 * @param {{ store: import('./store').CustomerStore, options: object }} state
 * @param {{ route: object|null, query: URLSearchParams, rawBody: string, deleteEmpty: boolean }} request
 */
function handleRoute(state, request) {
	const { route } = request;
	if (!route) return error(404, 'not found');
	switch (route.name) {
		case 'list':
			return list(state, request.query);
		case 'get':
			return withCustomer(state, route.id, (customer) => ({
				status: 200,
				body: { ...OKAY, customers: [customer] },
			}));
		case 'delete':
			return withCustomer(state, route.id, (customer) => {
				state.store.remove(customer.id);
				return { status: 200, body: OKAY };
			});
		default:
			return write(state, route.name, request);
	}
}

function list(state, query) {
	const { store, options } = state;
	let predicate;
	let cacheKey;
	try {
		const conditions = parseFilters(query.getAll('filters').join(','), {
			rejectUnquotedSpaces: options.rejectUnquotedSpaces,
		});
		const matches = compileFilters(conditions, {
			definitions: options.customFieldDefinitions,
			shopId: options.shopId,
			dateFilters: options.dateFilters,
		});
		// A filtered list is a search: it shows a write only once the search index has caught up.
		const searchNow = options.searchNowMs ?? Date.now();
		// With the wall clock a search's matches change as time passes: only a fixed search clock may reuse them.
		cacheKey =
			options.searchNowMs === undefined
				? undefined
				: `${options.dateFilters}|${query.getAll('filters').join(',')}|${searchNow}`;
		predicate =
			conditions.length === 0
				? matches
				: (customer) => store.isIndexed(customer.id, searchNow) && matches(customer);
	} catch (err) {
		if (err instanceof FilterError) return error(400, err.message);
		throw err;
	}
	const token = query.get('next_page');
	let cursor = null;
	if (token !== null && token !== '') {
		cursor = decodeCursor(token);
		if (!cursor) return error(400, 'invalid next_page');
	}
	const page = store.page({
		predicate,
		cursor,
		pageSize: options.pageSize,
		order: options.resultOrder,
		cacheKey,
	});
	// Key order follows the seed's example: status, next_page, (prev_page), customers.
	const body = { ...OKAY };
	if (page.next_page) body.next_page = page.next_page;
	if (page.prev_page) body.prev_page = page.prev_page;
	body.customers = page.customers;
	return { status: 200, body };
}

function withCustomer(state, rawId, action) {
	if (!/^\d+$/.test(rawId) || !Number.isSafeInteger(Number(rawId)))
		return error(400, 'invalid customer id');
	const customer = state.store.find(Number(rawId));
	if (!customer) return error(404, 'customer not found');
	return action(customer);
}

function write(state, kind, request) {
	let body;
	try {
		body = JSON.parse(request.rawBody);
	} catch {
		return error(400, 'invalid json');
	}
	const { store, options } = state;
	try {
		const plan = planWrite(kind, store, body, {
			maxBatch: options.maxBatch,
			deleteEmpty: request.deleteEmpty,
			definitions: options.customFieldDefinitions,
		});
		store.commit(
			kind,
			plan,
			options.nowMs ?? Date.now(),
			(options.searchNowMs ?? Date.now()) + options.indexDelayMs,
		);
	} catch (err) {
		if (err instanceof WriteError) return error(err.status, err.message);
		throw err;
	}
	return { status: 200, body: OKAY };
}

module.exports = { matchRoute, handleRoute, error };

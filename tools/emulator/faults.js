'use strict';
// Queued faults: each matches by method and path, skips its first nth-1 matching requests, then fires `times` times.

const KINDS = [
	'429',
	'500',
	'502',
	'503',
	'504',
	'reset',
	'slow',
	'malformed',
	'status-error',
	'400',
	'403',
	'redirect',
	'empty-page',
];
const METHODS = ['GET', 'PUT', 'POST', 'DELETE'];

const DEFAULT_MESSAGES = {
	429: 'too many requests',
	500: 'internal server error',
	502: 'bad gateway',
	503: 'service unavailable',
	504: 'gateway timeout',
	400: 'bad request',
	403: 'invalid request',
	'status-error': 'internal error',
};

class FaultQueue {
	constructor() {
		this.faults = [];
	}

	add(spec) {
		if (!spec || !KINDS.includes(String(spec.kind))) {
			throw new Error(`queueFault: kind must be one of ${KINDS.join(', ')}`);
		}
		const method = spec.method === undefined ? undefined : String(spec.method).toUpperCase();
		if (method !== undefined && !METHODS.includes(method))
			throw new Error(`queueFault: unknown method ${spec.method}`);
		const nth = spec.nth === undefined ? 1 : spec.nth;
		const times = spec.times === undefined ? 1 : spec.times;
		if (!Number.isInteger(nth) || nth < 1)
			throw new Error('queueFault: nth must be an integer >= 1');
		if (!Number.isInteger(times) || times < 1)
			throw new Error('queueFault: times must be an integer >= 1');
		this.faults.push({ ...spec, kind: String(spec.kind), method, skip: nth - 1, remaining: times });
	}

	clear() {
		this.faults = [];
	}

	get pending() {
		return this.faults.length;
	}

	/**
	 * Every matching fault sees the request (its skip count goes down); the first matching fault with
	 * nothing left to skip fires. Returns that fault's spec, or undefined.
	 */
	take(method, pathname) {
		let fired;
		for (const fault of this.faults) {
			if (!matches(fault, method, pathname)) continue;
			if (fault.skip > 0) fault.skip -= 1;
			else if (!fired) {
				fired = fault;
				fault.remaining -= 1;
			}
		}
		if (fired && fired.remaining === 0) this.faults.splice(this.faults.indexOf(fired), 1);
		return fired;
	}
}

// A string path matches the full path (/v2/customers/1) or the path below the API root (/customers/1).
function matches(fault, method, pathname) {
	if (fault.method && fault.method !== method) return false;
	if (fault.path === undefined) return true;
	if (fault.path instanceof RegExp) return fault.path.test(pathname);
	const below = pathname.replace(/^\/v2(?=\/|$)/, '');
	return fault.path === pathname || fault.path === below;
}

function faultMessage(fault) {
	return fault.message || DEFAULT_MESSAGES[fault.kind] || 'error';
}

module.exports = { FaultQueue, faultMessage, FAULT_KINDS: KINDS };

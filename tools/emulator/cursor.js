'use strict';
// Opaque page cursors, shaped like the seed's example: base64url of
// {"last_id":…,"last_value":…,"direction":"next"}. Never a plain page number.

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function encodeCursor({ lastId, lastValue, direction }) {
	const json = JSON.stringify({ last_id: lastId, last_value: lastValue ?? null, direction });
	return Buffer.from(json, 'utf8').toString('base64url');
}

/** Returns { lastId, lastValue, direction } or null when the text is not a cursor this server issued. */
function decodeCursor(text) {
	if (typeof text !== 'string' || !BASE64URL.test(text)) return null;
	let parsed;
	try {
		parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
	} catch {
		return null;
	}
	if (!parsed || typeof parsed !== 'object') return null;
	const { last_id: lastId, last_value: lastValue, direction } = parsed;
	if (!Number.isSafeInteger(lastId) || (direction !== 'next' && direction !== 'prev')) return null;
	return { lastId, lastValue: typeof lastValue === 'number' ? lastValue : null, direction };
}

module.exports = { encodeCursor, decodeCursor };

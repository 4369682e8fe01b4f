'use strict';
// Shopify REST returns timestamps in the shop's time zone with an offset, not "Z";
// the emulated shop sits at a fixed -04:00 so clients that assume UTC are caught.
const SHOP_UTC_OFFSET_MINUTES = -240;

function pad(n) {
	return String(n).padStart(2, '0');
}

/** Formats epoch milliseconds as ISO 8601 in the shop's time zone, e.g. 2024-03-05T10:20:30-04:00. */
function shopTime(ms, offsetMinutes = SHOP_UTC_OFFSET_MINUTES) {
	const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Unix seconds, as the API uses for customer_fields[].created_at / updated_at. */
function unixSeconds(ms) {
	return Math.floor(ms / 1000);
}

/** Wall-clock milliseconds with sub-millisecond precision (for the request log). */
function epochNow() {
	return performance.timeOrigin + performance.now();
}

module.exports = { SHOP_UTC_OFFSET_MINUTES, shopTime, unixSeconds, epochNow };

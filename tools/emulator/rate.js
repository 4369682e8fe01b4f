'use strict';
// The three plausible readings of "1 request per second"; only accepted requests count.
//   spacing:       sliding window on arrival time (at most rateLimit per windowMs, any windowMs-long span)
//   calendar:      at most rateLimit per calendar window (floor(epoch ms / windowMs))
//   one-at-a-time: at most rateLimit requests being processed at once; a request arriving meanwhile is turned away

const RATE_READINGS = ['spacing', 'calendar', 'one-at-a-time'];

class RateWindow {
	constructor() {
		this.accepted = []; // arrival times (performance.now() ms) of accepted requests in the current window
		this.maxAcceptedInWindow = 0;
	}

	prune(now, windowMs) {
		while (this.accepted.length > 0 && this.accepted[0] <= now - windowMs) this.accepted.shift();
	}

	/** Whether a request arriving at `now` may be accepted. */
	allows(now, { windowMs, rateLimit, throttle }) {
		this.prune(now, windowMs);
		return !throttle || this.accepted.length < rateLimit;
	}

	record(now, windowMs) {
		this.prune(now, windowMs);
		this.accepted.push(now);
		if (this.accepted.length > this.maxAcceptedInWindow)
			this.maxAcceptedInWindow = this.accepted.length;
	}

	/** A request accepted earlier has been processed. */
	finish() {}

	reset() {
		this.accepted = [];
		this.maxAcceptedInWindow = 0;
	}
}

class CalendarWindow {
	constructor() {
		this.reset();
	}

	windowOf(now, windowMs) {
		return Math.floor((performance.timeOrigin + now) / windowMs);
	}

	allows(now, { windowMs, rateLimit, throttle }) {
		return !throttle || this.windowOf(now, windowMs) !== this.current || this.count < rateLimit;
	}

	record(now, windowMs) {
		const window = this.windowOf(now, windowMs);
		if (window !== this.current) {
			this.current = window;
			this.count = 0;
		}
		this.count += 1;
		if (this.count > this.maxAcceptedInWindow) this.maxAcceptedInWindow = this.count;
	}

	finish() {}

	reset() {
		this.current = undefined;
		this.count = 0;
		this.maxAcceptedInWindow = 0;
	}
}

class OneAtATime {
	constructor() {
		this.reset();
	}

	allows(_now, { rateLimit, throttle }) {
		return !throttle || this.busy < rateLimit;
	}

	record() {
		this.busy += 1;
		if (this.busy > this.maxAcceptedInWindow) this.maxAcceptedInWindow = this.busy;
	}

	finish() {
		this.busy = Math.max(0, this.busy - 1);
	}

	reset() {
		this.busy = 0;
		this.maxAcceptedInWindow = 0;
	}
}

function createRateLimit(reading) {
	if (reading === 'calendar') return new CalendarWindow();
	if (reading === 'one-at-a-time') return new OneAtATime();
	return new RateWindow();
}

/** The reading for emulators started without one: CAF_EMULATOR_RATE_READING, so a whole test run can switch. */
function defaultRateReading() {
	const fromEnv = process.env.CAF_EMULATOR_RATE_READING;
	if (fromEnv && !RATE_READINGS.includes(fromEnv))
		throw new Error(`CAF_EMULATOR_RATE_READING must be one of ${RATE_READINGS.join(', ')}`);
	return fromEnv || 'spacing';
}

module.exports = {
	RateWindow,
	CalendarWindow,
	OneAtATime,
	createRateLimit,
	defaultRateReading,
	RATE_READINGS,
};

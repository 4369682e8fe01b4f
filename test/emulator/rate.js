'use strict';
// Sliding-window rate limit on arrival time; only accepted requests occupy the window.

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
		if (this.accepted.length > this.maxAcceptedInWindow) this.maxAcceptedInWindow = this.accepted.length;
	}

	reset() {
		this.accepted = [];
		this.maxAcceptedInWindow = 0;
	}
}

module.exports = { RateWindow };

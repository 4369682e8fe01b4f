// The trigger's policy at the volumes, on a simulated shop and clock (see pollSim.ts).
import { FakeShop, ORDERS, SimTrigger, type PollOutcome } from './pollSim';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
const SHOP = 20_000;
const FIRST_ID = 1000;

/** 20,000 customers (or `size`), 6,000 of them changed in the day before activation, the rest a year ago. */
function busyShop(order: (typeof ORDERS)[number], size = SHOP): FakeShop {
	const shop = new FakeShop(order);
	shop.seed(
		size,
		(i) => (i < 6000 ? T0 - 86_400_000 + i * 14_000 : T0 - 365 * 86_400_000 + i * 1000),
		FIRST_ID,
	);
	return shop;
}

/**
 * A bulk sync at `perMinute` changes a minute from `fromMs` to `toMs`, each to the next customer in turn
 * (no customer changes twice, so every change stays visible until a poll reads it).
 */
function bulkSync(
	shop: FakeShop,
	fromMs: number,
	toMs: number,
	perMinute: number,
	lateMs: (n: number) => number = () => 0,
): Map<string, number> {
	const changes = new Map<string, number>();
	const step = MINUTE / perMinute;
	let n = 0;
	for (let at = fromMs; at < toMs; at += step, n++) {
		const id = FIRST_ID + n;
		const time = Math.floor(at / 1000) * 1000;
		shop.change(id, at, at + lateMs(n));
		changes.set(`${id}@${time}`, time);
	}
	return changes;
}

/** Every expected change emitted, none twice, nothing else (counted, not compared as sets: jest's set equality is slow at this size). */
function expectOnce(polls: PollOutcome[], expected: Iterable<string>) {
	const emitted = polls.flatMap((p) => p.emitted);
	const once = new Set(emitted);
	const wanted = new Set(expected);
	expect({
		twice: emitted.length - once.size,
		missing: [...wanted].filter((key) => !once.has(key)).slice(0, 5),
		extra: [...once].filter((key) => !wanted.has(key)).slice(0, 5),
	}).toEqual({ twice: 0, missing: [], extra: [] });
}

describe.each(ORDERS)('trigger policy at 600 changes a minute, API order %s', (order) => {
	it('activates with 1 request, polls within 2 × ⌈changes ÷ 50⌉ + 3 requests, emits each change once (late ones within Overlap + 2 polls), keeps little state', () => {
		const shop = busyShop(order);
		const trigger = new SimTrigger(shop);
		const activation = trigger.poll(T0);
		expect(activation.requests).toBeLessThanOrEqual(3);
		expect(activation.emitted).toHaveLength(0);

		// One change in ten is shown by the search up to 4 minutes late (Overlap is 5).
		const late = (n: number) => (n % 10 === 0 ? ((n * 7919) % 240) * 1000 : 0);
		const changes = bulkSync(shop, T0 + 1000, T0 + 15 * MINUTE, 600, late);
		const polls: PollOutcome[] = [];
		let largest = 0;
		for (let minute = 1; minute <= 22; minute++) {
			const poll = trigger.poll(T0 + minute * MINUTE);
			polls.push(poll);
			if (minute <= 15) expect(poll.requests).toBeLessThanOrEqual(2 * Math.ceil(600 / 50) + 3);
			const oldest = poll.emittedTimes.reduce((min, time) => Math.min(min, time), Infinity);
			if (oldest !== Infinity)
				expect(T0 + minute * MINUTE - oldest).toBeLessThanOrEqual(300_000 + 2 * MINUTE);
			largest = Math.max(largest, JSON.stringify(trigger.saved).length);
		}
		expectOnce(polls, changes.keys());
		// Each change read about twice: fresh, and once more in its re-check.
		const total = polls.reduce((sum, p) => sum + p.requests, 0);
		expect(total).toBeLessThanOrEqual(2 * Math.ceil(changes.size / 50) + 3 * polls.length);
		// Static data: the keys of the changes inside Overlap + one poll (3,600 here), 4-digit ids: about 7 bytes each.
		expect(largest).toBeLessThan(30_000);
		expect(JSON.stringify(trigger.saved).length).toBeLessThan(1000);
	});
});

describe('trigger policy: backlogs drain over the following polls, oldest first, within Max Changes per Poll', () => {
	it.each(ORDERS)('after an hour of downtime at 600 a minute (order %s)', (order) => {
		const shop = busyShop(order, 40_000);
		const trigger = new SimTrigger(shop);
		trigger.poll(T0);
		const changes = bulkSync(shop, T0 + 1000, T0 + 65 * MINUTE, 600);
		const polls: PollOutcome[] = [];
		for (let minute = 61; minute <= 80; minute++) polls.push(trigger.poll(T0 + minute * MINUTE));
		const draining = polls.filter((poll) => poll.emitted.length >= 4000);
		expect(draining.length).toBeGreaterThanOrEqual(6);
		for (const poll of polls) {
			expect(poll.emitted.length).toBeLessThanOrEqual(5000 + 49);
			expect(poll.requests).toBeLessThanOrEqual(2 * 100 + 2);
		}
		// While draining, each poll costs at most 2 × its pages + 2 (here about its pages: the windows are read once, final).
		for (const poll of draining)
			expect(poll.requests).toBeLessThanOrEqual(2 * Math.ceil(poll.emitted.length / 50) + 2);
		// Oldest first: each poll's changes are no older than the previous poll's newest (no late indexing here).
		for (let i = 1; i < polls.length; i++) {
			if (polls[i].emittedTimes.length && polls[i - 1].emittedTimes.length) {
				const oldest = polls[i].emittedTimes.reduce((min, time) => Math.min(min, time), Infinity);
				const newest = polls[i - 1].emittedTimes.reduce(
					(max, time) => Math.max(max, time),
					-Infinity,
				);
				expect(oldest).toBeGreaterThanOrEqual(newest - 3000);
			}
		}
		expectOnce(polls, changes.keys());
	});

	// 20,000 customers under one order (the simulation is the slow part); 12,000 with a 1,000 maximum under the others.
	it.each([
		['id', 20_000, 5000],
		...ORDERS.filter((order) => order !== 'id').map((order) => [order, 12_000, 1000] as const),
	] as const)(
		'Include Existing, order %s, %d customers, Max Changes per Poll %d',
		(order, size, max) => {
			const shop = new FakeShop(order);
			// Customers changed over three years, denser recently.
			shop.seed(size, (i) => T0 - Math.floor(((size - i) / size) ** 2 * 3 * 365 * 86_400_000));
			const trigger = new SimTrigger(shop, { maxChanges: max }, true);
			const polls: PollOutcome[] = [];
			for (
				let minute = 0;
				minute < 200 && (minute === 0 || trigger.saved.existingUntil !== undefined);
				minute++
			) {
				polls.push(trigger.poll(T0 + minute * MINUTE));
			}
			const pages = Math.ceil(max / 50);
			for (const poll of polls) {
				expect(poll.emitted.length).toBeLessThanOrEqual(max + 49);
				expect(poll.requests).toBeLessThanOrEqual(2 * pages + 2);
			}
			expectOnce(
				polls,
				[...shop.rows.values()].map((row) => `${row.id}@${row.updatedMs}`),
			);
			// The first polls learn where the customers are (cheap probes); then each poll emits about the maximum.
			expect(polls.length).toBeLessThanOrEqual(Math.ceil(size / (0.9 * max)) + 4);
			expect(JSON.stringify(trigger.saved).length).toBeLessThan(1000);
		},
	);
});

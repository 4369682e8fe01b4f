import { simulate, type SimOptions } from './pacingSim';

const SEEDS = [1, 2, 3];
const FAST: [number, number] = [50, 250];
const SLOW: [number, number] = [800, 2000];

function runs(options: Omit<SimOptions, 'seed'>) {
	return SEEDS.map((seed) => simulate({ ...options, seed }));
}

describe('pacing policy, simulated (fake clock, seeded; several processes share one shop)', () => {
	it.each([
		['server 50–250 ms, a sliding window', FAST, 'spacing'],
		['server 800–2,000 ms, a sliding window', SLOW, 'spacing'],
		['server 50–250 ms, calendar seconds', FAST, 'calendar'],
	] as Array<[string, [number, number], SimOptions['reading']]>)(
		'one process reaches ≥ 95 %% of the limit with ≤ 1 %% 429s, %s',
		(_name, serverMs, reading) => {
			for (const run of [
				...runs({ requests: [1000], serverMs, reading }),
				...runs({ requests: [300], serverMs, reading, lateMs: 10 }),
			]) {
				expect(run.ofLimit).toBeGreaterThanOrEqual(0.95);
				expect(run.share429).toBeLessThanOrEqual(0.01);
				expect(run.processes[0].mode).toBe('starts');
			}
		},
	);

	it('falls back to reply-based spacing one at a time, and does at least as well as it', () => {
		for (const run of runs({ requests: [40], serverMs: SLOW, reading: 'one-at-a-time' })) {
			expect(run.processes[0].mode).toBe('replies');
			expect(run.replyBased / run.span).toBeGreaterThanOrEqual(0.95);
		}
	});

	it.each([
		[2, 0.9],
		[4, 0.85],
	])(
		'%i processes at the full rate use ≥ the target of the limit together, and none waits long for a slot',
		(processes, target) => {
			for (const reading of ['spacing', 'calendar'] as const) {
				for (const run of runs({
					requests: Array<number>(processes).fill(800 / processes),
					serverMs: FAST,
					reading,
					lateMs: 5,
				})) {
					expect(run.ofLimit).toBeGreaterThanOrEqual(target);
					for (const p of run.processes) {
						expect(p.accepted).toBeGreaterThanOrEqual(800 / processes - 1);
						// Far below the 300 intervals without an accepted request after which a request gives up.
						expect(p.longestStarvedMs).toBeLessThan(90_000);
					}
				}
			}
		},
	);

	it.each([2, 4])(
		'%i processes, each at 1 ÷ that many of the rate, fall into turns: ≥ 90 %% of the limit with few 429s',
		(processes) => {
			for (const run of runs({
				requests: Array<number>(processes).fill(400 / processes),
				serverMs: FAST,
				reading: 'spacing',
				lateMs: 5,
				credentialIntervalMs: Array<number>(processes).fill(1000 * processes),
			})) {
				expect(run.ofLimit).toBeGreaterThanOrEqual(0.9);
				// Only while they find their turns: about one 429 per process and turn taken.
				expect(run.share429).toBeLessThanOrEqual(0.05);
			}
		},
	);
});

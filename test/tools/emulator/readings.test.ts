import { parseLatency, startEmulator, type Emulator } from '../../../tools/emulator';
import { call, sleep } from '../../../tools/emulator/client';

describe('emulator: readings of the rate limit and the latency model', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({
			customers: 3,
			windowMs: 200,
			rateLimit: 1,
			rateReading: 'spacing',
		});
	});
	afterAll(() => emu.stop());

	const statuses = async (count: number, gapMs: number) => {
		const replies: number[] = [];
		for (let i = 0; i < count; i++) {
			if (i > 0) await sleep(gapMs);
			replies.push((await call(emu, 'GET', '/customers')).status);
		}
		return replies;
	};

	it('spacing: a sliding window on arrival time', async () => {
		emu.reset({ rateReading: 'spacing', windowMs: 200, latency: undefined });
		expect(await statuses(2, 20)).toEqual([200, 429]);
		await sleep(210);
		expect(await statuses(1, 0)).toEqual([200]);
	});

	it('calendar: at most one per calendar window, however close across its edge', async () => {
		emu.reset({ rateReading: 'calendar', windowMs: 1000, latency: undefined });
		const toEdge = () => 1000 - ((performance.timeOrigin + performance.now()) % 1000);
		// 300 ms before a calendar edge (room for a busy machine), two requests in the window…
		await sleep(toEdge() < 350 ? toEdge() + 700 : toEdge() - 300);
		const before = await statuses(2, 5);
		// …and one just after the edge: well within 1000 ms of the first, yet accepted.
		await sleep(toEdge() + 20);
		const after = await statuses(1, 0);
		expect(before).toEqual([200, 429]);
		expect(after).toEqual([200]);
		expect(emu.stats().maxAcceptedInWindow).toBe(1);
		expect(emu.requests[2].startedAt - emu.requests[0].startedAt).toBeLessThan(1000);
	});

	it('one-at-a-time: a request arriving while another is processed gets 429; right after the reply it is accepted', async () => {
		emu.reset({ rateReading: 'one-at-a-time', windowMs: 200, latency: { server: [400, 400] } });
		const first = call(emu, 'GET', '/customers');
		await sleep(50);
		const second = await call(emu, 'GET', '/customers');
		expect((await first).status).toBe(200);
		expect(second.status).toBe(429);
		expect((await call(emu, 'GET', '/customers')).status).toBe(200);
		expect(emu.stats().maxAcceptedInWindow).toBe(1);
	});

	it('delays each request on the way in, in the server and on the way out', async () => {
		emu.reset({
			rateReading: 'spacing',
			latency: { in: [60, 60], server: [80, 80], out: [40, 40] },
		});
		const started = performance.now();
		const sentAt = Date.now();
		expect((await call(emu, 'GET', '/customers')).status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(175);
		// The log records arrival, after the way in.
		expect(emu.requests[0].startedAt - sentAt).toBeGreaterThanOrEqual(55);
		expect(emu.requests[0].endedAt! - emu.requests[0].startedAt).toBeGreaterThanOrEqual(115);
	});

	it('turns 429s away without the server delay', async () => {
		emu.reset({ rateReading: 'spacing', windowMs: 1000, latency: { server: [300, 300] } });
		const first = call(emu, 'GET', '/customers');
		await sleep(20);
		const started = performance.now();
		expect((await call(emu, 'GET', '/customers')).status).toBe(429);
		expect(performance.now() - started).toBeLessThan(250);
		await first;
	});

	it('reads the CLI latency form and refuses bad options', () => {
		expect(parseLatency('in=40-80,server=50-250,out=40')).toEqual({
			in: [40, 80],
			server: [50, 250],
			out: [40, 40],
		});
		expect(() => parseLatency('up=1-2')).toThrow('unknown leg');
		expect(() => emu.setOptions({ rateReading: 'bogus' as never })).toThrow(
			'rateReading must be one of',
		);
	});
});

/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// The trigger on a busy shop, through n8n-core's poll machinery against the emulator, on a simulated clock:
// the 20,000 customers, 6,000 changed the day before activation, then a bulk sync at 600 changes a
// minute. The emulator answers at once (no throttle) and the credential's rate is raised, so a simulated
// minute takes a fraction of a second; the requests of each poll are counted from the emulator's log.
import type { IDataObject } from 'n8n-workflow';

import { CustomerAccountFieldsTrigger } from '../../nodes/CustomerAccountFieldsTrigger/CustomerAccountFieldsTrigger.node';
import { pollClock } from '../../nodes/CustomerAccountFieldsTrigger/pollChanges';
import type { Emulator } from '../../tools/emulator';
import { runPoll } from '../../tools/harness';
import { emulatorCredential, sent, useEmulator } from './setup';

const TRIGGER_TYPE = 'n8n-nodes-customer-account-fields.customerAccountFieldsTrigger';
const NODE_KEY = 'node:Trigger';
const MINUTE = 60_000;
const SHOP = 20_000;
const FIRST_ID = 1000;
const T0 = Math.floor(Date.now() / 1000) * 1000;
const ORDERS = ['id', 'updatedAsc', 'updatedDesc', 'random'] as const;

/** 20,000 customers: 6,000 changed in the day before T0, the others a year before. */
const CUSTOMERS: IDataObject[] = Array.from({ length: SHOP }, (_, i) => {
	const updated = new Date(
		i < 6000 ? T0 - 86_400_000 + i * 14_000 : T0 - 365 * 86_400_000 + i * 1000,
	).toISOString();
	return {
		id: FIRST_ID + i,
		email: `c${i}@example.com`,
		created_at: '2024-01-01T00:00:00Z',
		updated_at: updated,
		customer_fields: [],
	};
});

let emu: Emulator;
let clock = T0;
const BASE = {
	customers: CUSTOMERS,
	throttle: false,
	indexDelayMs: 0,
	nowMs: undefined,
	searchNowMs: T0,
	dateFilters: 'any' as const,
	resultOrder: 'id' as const,
};

interface Poll {
	ids: string[];
	requests: number;
	staticData: IDataObject;
	error?: Error;
}

/** One poll at `clock`, from the static data of the previous one; counts its requests. */
async function poll(
	staticData: IDataObject,
	options: Record<string, number | boolean> = {},
): Promise<Poll> {
	emu.setOptions({ searchNowMs: clock });
	const before = sent(emu, 'GET').length;
	const result = await runPoll({
		nodes: { [TRIGGER_TYPE]: new CustomerAccountFieldsTrigger() },
		...emulatorCredential(emu, 2000),
		node: {
			name: 'Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			parameters: { event: 'customerUpdated', output: 'raw', options },
			credentials: { customerAccountFieldsApi: { id: '1', name: 'test' } },
		},
		staticData,
	});
	const ids = (result.items ?? []).map(
		(item) => `${String(item.json.id)}@${Date.parse(String(item.json.updated_at))}`,
	);
	return {
		ids,
		requests: sent(emu, 'GET').length - before,
		staticData: result.staticData,
		error: result.error,
	};
}

/** Changes `count` customers (from `firstIndex` on, one each) evenly over [fromMs, toMs); every `lateEvery`-th shows up to `lateMaxS` seconds late. */
function sync(
	firstIndex: number,
	count: number,
	fromMs: number,
	toMs: number,
	lateEvery = 0,
	lateMaxS = 240,
): string[] {
	const keys: string[] = [];
	for (let n = 0; n < count; n++) {
		const at = Math.floor((fromMs + ((toMs - fromMs) * n) / count) / 1000) * 1000;
		const id = FIRST_ID + ((firstIndex + n) % SHOP);
		const late = lateEvery > 0 && n % lateEvery === 0 ? ((n * 7919) % lateMaxS) * 1000 : 0;
		emu.touch([id], { atMs: at, visibleAtMs: at + late });
		keys.push(`${id}@${at}`);
	}
	return keys;
}

function expectOnce(polls: Poll[], expected: string[]) {
	const emitted = polls.flatMap((p) => p.ids);
	const once = new Set(emitted);
	const wanted = new Set(expected);
	expect({
		twice: emitted.length - once.size,
		missing: expected.filter((key) => !once.has(key)).slice(0, 5),
		extra: [...once].filter((key) => !wanted.has(key)).slice(0, 5),
	}).toEqual({ twice: 0, missing: [], extra: [] });
}

// The cost bounds do not depend on how the API counts its rate, so this runs under the default reading only.
const onDefaultReading =
	(process.env.CAF_EMULATOR_RATE_READING ?? 'spacing') === 'spacing' ? describe : describe.skip;

onDefaultReading('Customer Account Fields Trigger at scale (engine, simulated clock)', () => {
	jest.setTimeout(60_000);
	useEmulator(BASE, (started) => (emu = started));
	beforeAll(() => (pollClock.now = () => clock));
	afterAll(() => (pollClock.now = () => Date.now()));
	beforeEach(() => (clock = T0));

	it('activation ≤ 3 requests; a bulk sync at 600 a minute costs ≤ 2 × ⌈600 ÷ 50⌉ + 3 a poll; late ones emitted once', async () => {
		const activation = await poll({});
		expect(activation.requests).toBeLessThanOrEqual(3);
		expect(activation.ids).toEqual([]);
		// 7 minutes of sync, one change in ten shown up to 4 minutes late; polls every minute for 12 minutes.
		const changes = sync(0, 7 * 600, T0 + 1000, T0 + 7 * MINUTE + 1000, 10);
		const polls: Poll[] = [];
		let staticData = activation.staticData;
		for (let minute = 1; minute <= 12; minute++) {
			clock = T0 + minute * MINUTE;
			const p = await poll(staticData);
			expect(p.error).toBeUndefined();
			expect(p.requests).toBeLessThanOrEqual(2 * Math.ceil(600 / 50) + 3);
			polls.push(p);
			staticData = p.staticData;
		}
		expectOnce(polls, changes);
		// Once the sync is over and re-checked, the static data is a few hundred bytes.
		expect(JSON.stringify(staticData[NODE_KEY]).length).toBeLessThan(500);
	});

	// The other orders on a smaller shop with a 2-minute Overlap: the emulator's cost grows with the shop, the trigger's does not.
	it.each(ORDERS.filter((order) => order !== 'id'))(
		'API order %s: each change once, late ones too, within the same bounds',
		async (resultOrder) => {
			emu.reset({ ...BASE, customers: CUSTOMERS.slice(0, 3000), resultOrder });
			const options = { overlapSeconds: 120 };
			const activation = await poll({}, options);
			expect(activation.requests).toBeLessThanOrEqual(3);
			const changes = sync(0, 3 * 600, T0 + 1000, T0 + 3 * MINUTE + 1000, 10, 100);
			const polls: Poll[] = [];
			let staticData = activation.staticData;
			for (let minute = 1; minute <= 7; minute++) {
				clock = T0 + minute * MINUTE;
				const p = await poll(staticData, options);
				expect(p.requests).toBeLessThanOrEqual(2 * Math.ceil(600 / 50) + 3);
				polls.push(p);
				staticData = p.staticData;
			}
			expectOnce(polls, changes);
		},
	);

	it('drains a backlog after downtime over the following polls, oldest first, within Max Changes per Poll', async () => {
		emu.reset({ ...BASE, customers: CUSTOMERS.slice(0, 4000), resultOrder: 'updatedDesc' });
		const activation = await poll({}, { maxChangesPerPoll: 1000 });
		const changes = sync(0, 3600, T0 + 1000, T0 + 6 * MINUTE);
		let staticData = activation.staticData;
		const polls: Poll[] = [];
		for (let minute = 30; minute <= 36; minute++) {
			clock = T0 + minute * MINUTE;
			const p = await poll(staticData, { maxChangesPerPoll: 1000 });
			expect(p.ids.length).toBeLessThanOrEqual(1000 + 49);
			expect(p.requests).toBeLessThanOrEqual(2 * Math.ceil(Math.max(p.ids.length, 1) / 50) + 2);
			polls.push(p);
			staticData = p.staticData;
		}
		expect(polls.filter((p) => p.ids.length >= 900).length).toBeGreaterThanOrEqual(3);
		const timeOf = (key: string) => Number(key.split('@')[1]);
		for (let i = 1; i < polls.length; i++) {
			const newestBefore = Math.max(...polls[i - 1].ids.map(timeOf), -Infinity);
			for (const key of polls[i].ids) expect(timeOf(key)).toBeGreaterThanOrEqual(newestBefore);
		}
		expectOnce(polls, changes);
	});

	it('Include Existing: at most Max Changes per Poll each poll, oldest first, every customer once', async () => {
		// 6,000 customers with a maximum of 1,500: the same number of polls as 20,000 with 5,000, at a third of the requests.
		const shop = CUSTOMERS.slice(0, 6000);
		emu.reset({ ...BASE, customers: shop, resultOrder: 'random' });
		const options = { includeExisting: true, maxChangesPerPoll: 1500 };
		const polls: Poll[] = [];
		let staticData: IDataObject = {};
		for (let minute = 0; minute < 12; minute++) {
			clock = T0 + minute * MINUTE;
			const p = await poll(staticData, options);
			expect(p.error).toBeUndefined();
			expect(p.ids.length).toBeLessThanOrEqual(1500 + 49);
			expect(p.requests).toBeLessThanOrEqual(2 * 30 + 2);
			polls.push(p);
			staticData = p.staticData;
			if ((p.staticData[NODE_KEY] as IDataObject).existingUntil === undefined) break;
		}
		expectOnce(
			polls,
			shop.map((c) => `${String(c.id)}@${Date.parse(String(c.updated_at))}`),
		);
		expect(polls.length).toBeLessThanOrEqual(8);
	});

	it('restarts a window whose stored cursor the API refuses: nothing lost, nothing doubled', async () => {
		const activation = await poll({});
		const changes = sync(0, 120, T0 + 1000, T0 + 30_000);
		clock = T0 + MINUTE;
		const first = await poll(activation.staticData);
		expect(first.ids).toHaveLength(120);
		// As if the re-check had stopped at its page limit one poll earlier: it resumes from a cursor the API no longer knows.
		const saved = first.staticData[NODE_KEY] as IDataObject;
		const recheck = { kind: 'recheck', after: saved.checked, until: T0 + 30_000, maxPages: 1 };
		const stale = {
			...first.staticData,
			[NODE_KEY]: {
				...saved,
				resume: { read: recheck, cursor: 'eyJleHBpcmVkIjp0cnVlfQ', count: 50 },
			},
		};
		const late = sync(200, 5, T0 + 10_000, T0 + 11_000);
		clock = T0 + 6 * MINUTE;
		const resumed = await poll(stale);
		expect(resumed.error).toBeUndefined();
		expect(
			sent(emu, 'GET').some(
				(entry) => entry.status === 400 && entry.query.next_page === 'eyJleHBpcmVkIjp0cnVlfQ',
			),
		).toBe(true);
		expectOnce([first, resumed], [...changes, ...late]);
	});
});

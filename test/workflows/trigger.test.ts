import { sleep, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { CustomerAccountFieldsTrigger } from '../../nodes/CustomerAccountFieldsTrigger/CustomerAccountFieldsTrigger.node';
import { pollClock } from '../../nodes/CustomerAccountFieldsTrigger/pollChanges';
import { call } from '../../tools/emulator/client';
import type { Emulator } from '../../tools/emulator';
import { runPoll, type PollResult } from '../../tools/harness';
import { emulatorCredential, jsonOf, runNode, sent, useEmulator } from './setup';

const TRIGGER_TYPE = 'n8n-nodes-customer-account-fields.customerAccountFieldsTrigger';
const NODE_KEY = 'node:Trigger';
const SECOND = 1000;
/** "Now" for the test shop, whole seconds: the seeded customers changed shortly before it. */
const NOW = Math.floor(Date.now() / SECOND) * SECOND;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function seedCustomers(count: number, lastChangeMs = NOW - 60 * SECOND): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		id: 1000 + i,
		email: `c${i}@example.com`,
		first_name: `C${i}`,
		created_at: iso(lastChangeMs - (count - i) * 2 * SECOND),
		updated_at: iso(lastChangeMs - (count - i) * SECOND),
		customer_fields: [
			{
				machine_name: 'loyalty_tier',
				label: 'Loyalty Tier',
				value: 'gold',
				created_at: 1_700_000_000,
				updated_at: 1_700_000_000,
			},
		],
	}));
}

let emu: Emulator;
const BASE_STATE = {
	customers: seedCustomers(3),
	throttle: false,
	indexDelayMs: 0,
	nowMs: undefined,
	searchNowMs: undefined,
	dateFilters: 'any' as const,
	resultOrder: 'id' as const,
};
/** The trigger's "now" (simulated): a few seconds after the test's NOW unless a test moves it. */
let clock = NOW + 10 * SECOND;
beforeAll(() => (pollClock.now = () => clock));
afterAll(() => (pollClock.now = () => Date.now()));
beforeEach(() => (clock = NOW + 10 * SECOND));

async function poll(
	parameters: INodeParameters,
	staticData?: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
): Promise<PollResult> {
	return await runPoll({
		nodes: { [TRIGGER_TYPE]: new CustomerAccountFieldsTrigger() },
		...emulatorCredential(emu),
		node: {
			name: 'Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			parameters,
			credentials: { customerAccountFieldsApi: { id: '1', name: 'test' } },
		},
		staticData,
		mode,
	});
}

/** Writes customers through the API, stamped with `atMs` (and visible to searches `indexDelayMs` later on the wall clock). */
async function write(
	method: 'PUT' | 'POST',
	customers: IDataObject[],
	atMs: number,
	indexDelayMs = 0,
) {
	emu.setOptions({ nowMs: atMs, indexDelayMs });
	for (let i = 0; i < customers.length; i += 10) {
		const reply = await call(emu, method, '/customers', {
			body: { customers: customers.slice(i, i + 10) },
		});
		expect(reply.status).toBe(200);
	}
	emu.setOptions({ nowMs: undefined, indexDelayMs: 0 });
}

const ids = (result: PollResult) => (result.items ?? []).map((item) => item.json.id);
const stateOf = (result: PollResult) => result.staticData[NODE_KEY] as IDataObject;
const lastFilter = () => sent(emu, 'GET').at(-1)?.query.filters;

describe('Customer Account Fields Trigger (polls through the engine)', () => {
	useEmulator(BASE_STATE, (started) => (emu = started));

	it('emits nothing on first activation, with one request from now on', async () => {
		const first = await poll({ event: 'customerUpdated' });
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		expect(sent(emu, 'GET')).toHaveLength(1);
		// Times have whole seconds: the activation second is read again at the next poll (what the
		// activation read saw is recorded as seen), so a change made just after activation is not lost.
		expect(stateOf(first)).toMatchObject({
			version: 2,
			event: 'customerUpdated',
			checked: clock - SECOND,
			newest: clock,
			dateFilter: 'instant',
		});
		expect(lastFilter()).toBe(`updated_at|gt|${iso(clock - SECOND)}`);

		clock += 60 * SECOND;
		const again = await poll({ event: 'customerUpdated' }, first.staticData);
		expect(again.items).toBeNull();
		// Fresh reads start a few seconds before the newest change read (the leeway), and not before `checked`.
		expect(lastFilter()).toBe(`updated_at|gt|${iso(NOW + 9 * SECOND)}`);
		expect(sent(emu, 'GET')).toHaveLength(2);
	});

	it('emits every existing customer on first activation with Include Existing, oldest change first', async () => {
		const first = await poll({ event: 'customerUpdated', options: { includeExisting: true } });
		expect(ids(first)).toEqual([1000, 1001, 1002]);
		// Windows of time from 2006 on, growing while they are empty: a handful of requests, the last one open-ended.
		expect(sent(emu, 'GET')[0].query.filters).toBe('updated_at|lt|2006-01-31T00:00:01Z');
		expect(sent(emu, 'GET').length).toBeLessThanOrEqual(6);
		expect(
			sent(emu, 'GET').some((entry) => /^updated_at\|gt\|[^,]+$/.test(String(entry.query.filters))),
		).toBe(true);
		expect(first.items?.[0].json).toEqual(
			expect.objectContaining({ email: 'c0@example.com', custom_fields: { loyalty_tier: 'gold' } }),
		);
		expect(first.items?.[0].json).not.toHaveProperty('customer_fields');
	});

	it('emits one change once, in the chosen output, and survives a restart from saved static data', async () => {
		clock = NOW;
		const activated = await poll({ event: 'customerUpdated' });
		await write('PUT', [{ id: 1001, first_name: 'Changed' }], NOW + 5 * SECOND);
		clock = NOW + 60 * SECOND;
		const saved = JSON.parse(JSON.stringify(activated.staticData)) as IDataObject; // as n8n stores it
		const changed = await poll({ event: 'customerUpdated', output: 'raw' }, saved);
		expect(ids(changed)).toEqual([1001]);
		expect(changed.items?.[0].json).toHaveProperty('customer_fields');
		expect(stateOf(changed).newest).toBe(NOW + 5 * SECOND);
		const after = await poll({ event: 'customerUpdated' }, changed.staticData);
		expect(after.items).toBeNull();
	});

	it('reads many changes across pages and emits each exactly once', async () => {
		emu.reset({ ...BASE_STATE, customers: seedCustomers(130) });
		clock = NOW;
		const activated = await poll({ event: 'customerUpdated' });
		clock = NOW + 60 * SECOND;
		const changes = Array.from({ length: 120 }, (_, i) => ({ id: 1000 + i, note: `n${i}` }));
		await write('PUT', changes, NOW + 3 * SECOND);
		const before = sent(emu, 'GET').length;
		const result = await poll({ event: 'customerUpdated' }, activated.staticData);
		expect(sent(emu, 'GET').length - before).toBe(3); // 50 + 50 + 20
		expect(new Set(ids(result)).size).toBe(120);
		expect(ids(result)).toHaveLength(120);
		expect((await poll({ event: 'customerUpdated' }, result.staticData)).items).toBeNull();
	});

	it('emits a second change made in the same second as one already emitted', async () => {
		clock = NOW;
		const activated = await poll({ event: 'customerUpdated' });
		clock = NOW + 60 * SECOND;
		await write('PUT', [{ id: 1000, note: 'a' }], NOW + 7 * SECOND);
		const first = await poll({ event: 'customerUpdated' }, activated.staticData);
		expect(ids(first)).toEqual([1000]);
		await write('PUT', [{ id: 1002, note: 'b' }], NOW + 7 * SECOND);
		clock += 60 * SECOND;
		const second = await poll({ event: 'customerUpdated' }, first.staticData);
		expect(ids(second)).toEqual([1002]);
	});

	it('emits a change the search shows late once, when its slice of time is re-checked (Overlap later)', async () => {
		clock = NOW;
		const activated = await poll({ event: 'customerUpdated' });
		await write('PUT', [{ id: 1000, note: 'late' }], NOW + 5 * SECOND, 400);
		await write('PUT', [{ id: 1002, note: 'prompt' }], NOW + 20 * SECOND);
		clock = NOW + 60 * SECOND;
		const first = await poll({ event: 'customerUpdated' }, activated.staticData);
		expect(ids(first)).toEqual([1002]);
		await sleep(450);
		clock += 60 * SECOND;
		const second = await poll({ event: 'customerUpdated' }, first.staticData);
		expect(second.items).toBeNull(); // not yet re-checked, and before the fresh read's start
		clock = NOW + 20 * SECOND + 300 * SECOND;
		const rechecked = await poll({ event: 'customerUpdated' }, second.staticData);
		expect(ids(rechecked)).toEqual([1000]);
		expect(sent(emu, 'GET').at(-2)?.query.filters).toBe(
			`updated_at|gt|${iso(NOW - SECOND)},updated_at|lt|${iso(NOW + 21 * SECOND)}`,
		);
		clock += 60 * SECOND;
		expect((await poll({ event: 'customerUpdated' }, rechecked.staticData)).items).toBeNull();
	});

	it('goes on from the static data saved before time slices (watermark, queryFrom, seen), without a re-fire or a gap', async () => {
		emu.reset({ ...BASE_STATE, customers: seedCustomers(4) });
		// Exactly what the trigger wrote before version 2: its last poll emitted 1000 and 1001 (watermark NOW + 5 s).
		await write('PUT', [{ id: 1001, note: 'old' }], NOW - 10 * SECOND);
		await write('PUT', [{ id: 1000, note: 'old' }], NOW + 5 * SECOND);
		const before = {
			[NODE_KEY]: {
				event: 'customerUpdated',
				watermark: NOW + 5 * SECOND,
				queryFrom: NOW + 5 * SECOND,
				seen: [`1001@${NOW - 10 * SECOND}`, `1000@${NOW + 5 * SECOND}`],
				dateFilter: 'instant',
			},
		};
		// After the upgrade: 1002 changes, and 1003 was changed before the watermark but the search shows it only now.
		await write('PUT', [{ id: 1002, note: 'new' }], NOW + 20 * SECOND);
		await write('PUT', [{ id: 1003, note: 'late' }], NOW - 30 * SECOND);
		clock = NOW + 60 * SECOND;
		const first = await poll(
			{ event: 'customerUpdated' },
			JSON.parse(JSON.stringify(before)) as IDataObject,
		);
		expect(first.error).toBeUndefined();
		expect(ids(first)).toEqual([1002]);
		// Its overlap window is re-checked up to Overlap ago; the rest when it is that old.
		expect(stateOf(first)).toMatchObject({ version: 2, checked: NOW + 60 * SECOND - 300 * SECOND });
		clock = NOW + 5 * SECOND + 300 * SECOND;
		const rechecked = await poll({ event: 'customerUpdated' }, first.staticData);
		expect(ids(rechecked)).toEqual([1003]);
		clock += 60 * SECOND;
		expect((await poll({ event: 'customerUpdated' }, rechecked.staticData)).items).toBeNull();
	});

	it('keeps the saved state when the API fails during a poll, and the next poll catches up', async () => {
		clock = NOW;
		const activated = await poll({ event: 'customerUpdated' });
		clock = NOW + 60 * SECOND;
		await write('PUT', [{ id: 1001, note: 'x' }], NOW + 4 * SECOND);
		emu.queueFault({ method: 'GET', kind: '500', times: 3 });
		const failed = await poll({ event: 'customerUpdated' }, activated.staticData);
		expect(failed.error?.message).toMatch(/500|error/i);
		expect(failed.staticData).toEqual(activated.staticData);
		const recovered = await poll({ event: 'customerUpdated' }, failed.staticData);
		expect(ids(recovered)).toEqual([1001]);
	});

	it('Custom Field Changed fires on the watched fields only, by their own updated_at', async () => {
		const params = { event: 'customFieldChanged', customFields: ['loyalty_tier'] };
		clock = NOW;
		const activated = await poll(params);
		clock = NOW + 60 * SECOND;
		await write('PUT', [{ id: 1000, first_name: 'Other attribute' }], NOW + 2 * SECOND);
		await write(
			'PUT',
			[{ id: 1001, customer_fields: { birthday: '1990-01-01' } }],
			NOW + 3 * SECOND,
		);
		await write(
			'PUT',
			[{ id: 1002, customer_fields: { loyalty_tier: 'silver' } }],
			NOW + 4 * SECOND,
		);
		const result = await poll(params, activated.staticData);
		expect(ids(result)).toEqual([1002]);
		expect(result.items?.[0].json.custom_fields).toEqual(
			expect.objectContaining({ loyalty_tier: 'silver' }),
		);
		// Another attribute of 1002 changes later: its field's time is not new, so nothing fires.
		await write('PUT', [{ id: 1002, first_name: 'Renamed' }], NOW + 30 * SECOND);
		clock += 60 * SECOND;
		expect((await poll(params, result.staticData)).items).toBeNull();
	});

	it('Customer Created fires for new customers only, filtered by customer_date', async () => {
		clock = NOW;
		const activated = await poll({ event: 'customerCreated' });
		expect(lastFilter()).toMatch(/^customer_date\|gt\|/);
		clock = NOW + 60 * SECOND;
		await write('PUT', [{ id: 1000, note: 'update' }], NOW + 2 * SECOND);
		await write('POST', [{ email: 'new@example.com' }], NOW + 3 * SECOND);
		const result = await poll({ event: 'customerCreated' }, activated.staticData);
		expect((result.items ?? []).map((item) => item.json.email)).toEqual(['new@example.com']);
	});

	it('applies the filter builder conditions with the date condition', async () => {
		const params = {
			event: 'customerUpdated',
			filters: { conditions: [{ field: 'email', operator: 'contains', value: 'c2@' }] },
		};
		clock = NOW;
		const activated = await poll(params);
		clock = NOW + 60 * SECOND;
		await write(
			'PUT',
			[
				{ id: 1001, note: 'x' },
				{ id: 1002, note: 'y' },
			],
			NOW + 2 * SECOND,
		);
		const result = await poll(params, activated.staticData);
		expect(ids(result)).toEqual([1002]);
		expect(lastFilter()).toMatch(/^email\|contains\|c2@,updated_at\|gt\|[^,]+$/);
	});

	it('falls back to a date-only filter when the API refuses a date-time, and remembers it', async () => {
		emu.setOptions({ dateFilters: 'dateOnly' });
		clock = NOW;
		const activated = await poll({ event: 'customerUpdated' });
		expect(activated.error).toBeUndefined();
		expect(stateOf(activated).dateFilter).toBe('day');
		expect(sent(emu, 'GET').map((entry) => entry.status)).toEqual([400, 200]); // activation: at most 3 requests
		await write('PUT', [{ id: 1001, note: 'x' }], NOW + 12 * SECOND);
		clock += 60 * SECOND;
		const result = await poll({ event: 'customerUpdated' }, activated.staticData);
		expect(ids(result)).toEqual([1001]);
		expect(lastFilter()).toMatch(/^updated_at\|gt\|\d{4}-\d\d-\d\d$/);
		// Every poll reads from two days before the last settled change (the API allows no finer window); the seen keys keep each change once.
		clock += 60 * SECOND;
		const again = await poll({ event: 'customerUpdated' }, result.staticData);
		expect(again.items).toBeNull();
		expect(sent(emu, 'GET')).toHaveLength(4);
	});

	it("shares the shop's pacer with the action node: a poll and a Get Many at once stay within the limit", async () => {
		emu.reset({ ...BASE_STATE, customers: seedCustomers(130), throttle: true });
		const [polled, listed] = await Promise.all([
			poll({ event: 'customerUpdated', options: { includeExisting: true } }),
			runNode(emu, { resource: 'customer', operation: 'getAll', returnAll: true }),
		]);
		expect(ids(polled)).toHaveLength(130);
		expect(jsonOf(listed)).toHaveLength(130);
		// Get Many: 3 pages; the trigger: 3 empty windows of time from 2006 on, 3 pages up to activation, and a fresh read.
		// One pacer for both: at most a rare 429 (DECISIONS D7), never two accepted in one window.
		expect(emu.stats().byStatus[429] ?? 0).toBeLessThanOrEqual(2);
		expect(emu.stats().maxAcceptedInWindow).toBe(1);
		expect(sent(emu, 'GET').filter((entry) => entry.status !== 429)).toHaveLength(10);
	});

	it('Fetch Test Event (manual) shows the most recently changed customer and leaves the watermark alone', async () => {
		const activated = await poll({ event: 'customerUpdated' });
		const manual = await poll({ event: 'customerUpdated' }, activated.staticData, 'manual');
		expect(ids(manual)).toEqual([1002]);
		expect(manual.staticData).toEqual(activated.staticData);
		const fresh = await poll({ event: 'customerUpdated' }, undefined, 'manual');
		expect(fresh.staticData).toEqual({});
	});
});

import { sleep, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { CustomerAccountFieldsApi } from '../../credentials/CustomerAccountFieldsApi.credentials';
import { CustomerAccountFieldsTrigger } from '../../nodes/CustomerAccountFieldsTrigger/CustomerAccountFieldsTrigger.node';
import { call } from '../../tools/emulator/client';
import type { Emulator } from '../../tools/emulator';
import { runPoll, type PollResult } from '../../tools/harness';
import { FAST_CREDENTIAL_RATE, jsonOf, runNode, sent, useEmulator } from './setup';

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
			{ machine_name: 'loyalty_tier', label: 'Loyalty Tier', value: 'gold', created_at: 1_700_000_000, updated_at: 1_700_000_000 },
		],
	}));
}

let emu: Emulator;
const BASE_STATE = { customers: seedCustomers(3), throttle: false, indexDelayMs: 0, nowMs: undefined, dateFilters: 'any' as const };

async function poll(parameters: INodeParameters, staticData?: IDataObject, mode: 'trigger' | 'manual' = 'trigger'): Promise<PollResult> {
	return await runPoll({
		nodes: { [TRIGGER_TYPE]: new CustomerAccountFieldsTrigger() },
		credentialTypes: { customerAccountFieldsApi: new CustomerAccountFieldsApi() },
		credentials: {
			customerAccountFieldsApi: { shopDomain: emu.shopDomain, apiKey: emu.apiKey, baseUrl: emu.baseUrl, rateLimit: FAST_CREDENTIAL_RATE },
		},
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

/** Writes customers through the API, stamped with `atMs` (and visible to searches after `indexDelayMs`). */
async function write(method: 'PUT' | 'POST', customers: IDataObject[], atMs: number, indexDelayMs = 0) {
	emu.setOptions({ nowMs: atMs, indexDelayMs });
	for (let i = 0; i < customers.length; i += 10) {
		const reply = await call(emu, method, '/customers', { body: { customers: customers.slice(i, i + 10) } });
		expect(reply.status).toBe(200);
	}
	emu.setOptions({ nowMs: undefined, indexDelayMs: 0 });
}

const ids = (result: PollResult) => (result.items ?? []).map((item) => item.json.id);
const stateOf = (result: PollResult) => result.staticData[NODE_KEY] as IDataObject;
const lastFilter = () => sent(emu, 'GET').at(-1)?.query.filters;

describe('Customer Account Fields Trigger (polls through the engine)', () => {
	useEmulator(BASE_STATE, (started) => (emu = started));

	it('emits nothing on first activation and takes the watermark from the API data', async () => {
		const first = await poll({ event: 'customerUpdated' });
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		expect(stateOf(first)).toMatchObject({ event: 'customerUpdated', watermark: NOW - 61 * SECOND, dateFilter: 'instant' });
		expect(lastFilter()).toMatch(/^updated_at\|gt\|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

		const again = await poll({ event: 'customerUpdated' }, first.staticData);
		expect(again.items).toBeNull();
		expect(lastFilter()).toBe(`updated_at|gt|${iso(NOW - 61 * SECOND - 300 * SECOND - SECOND)}`);
		expect(stateOf(again).watermark).toBe(NOW - 61 * SECOND);
	});

	it('emits every existing customer on first activation with Include Existing, oldest change first', async () => {
		const first = await poll({ event: 'customerUpdated', options: { includeExisting: true } });
		expect(ids(first)).toEqual([1000, 1001, 1002]);
		expect(sent(emu, 'GET')[0].query.filters).toBeUndefined();
		expect(first.items?.[0].json).toEqual(expect.objectContaining({ email: 'c0@example.com', custom_fields: { loyalty_tier: 'gold' } }));
		expect(first.items?.[0].json).not.toHaveProperty('customer_fields');
	});

	it('emits one change once, in the chosen output, and survives a restart from saved static data', async () => {
		const activated = await poll({ event: 'customerUpdated' });
		await write('PUT', [{ id: 1001, first_name: 'Changed' }], NOW + 5 * SECOND);
		const saved = JSON.parse(JSON.stringify(activated.staticData)) as IDataObject; // as n8n stores it
		const changed = await poll({ event: 'customerUpdated', output: 'raw' }, saved);
		expect(ids(changed)).toEqual([1001]);
		expect(changed.items?.[0].json).toHaveProperty('customer_fields');
		expect(stateOf(changed).watermark).toBe(NOW + 5 * SECOND);
		const after = await poll({ event: 'customerUpdated' }, changed.staticData);
		expect(after.items).toBeNull();
	});

	it('reads many changes across pages and emits each exactly once', async () => {
		emu.reset({ ...BASE_STATE, customers: seedCustomers(130) });
		const activated = await poll({ event: 'customerUpdated' });
		const changes = Array.from({ length: 120 }, (_, i) => ({ id: 1000 + i, note: `n${i}` }));
		await write('PUT', changes, NOW + 3 * SECOND);
		const before = sent(emu, 'GET').length;
		const result = await poll({ event: 'customerUpdated' }, activated.staticData);
		expect(sent(emu, 'GET').length - before).toBeGreaterThanOrEqual(3); // 50 + 50 + the rest of the overlap window
		expect(new Set(ids(result)).size).toBe(120);
		expect(ids(result)).toHaveLength(120);
		expect((await poll({ event: 'customerUpdated' }, result.staticData)).items).toBeNull();
	});

	it('emits a second change made in the same second as one already emitted', async () => {
		const activated = await poll({ event: 'customerUpdated' });
		await write('PUT', [{ id: 1000, note: 'a' }], NOW + 7 * SECOND);
		const first = await poll({ event: 'customerUpdated' }, activated.staticData);
		expect(ids(first)).toEqual([1000]);
		await write('PUT', [{ id: 1002, note: 'b' }], NOW + 7 * SECOND);
		const second = await poll({ event: 'customerUpdated' }, first.staticData);
		expect(ids(second)).toEqual([1002]);
	});

	it('emits a change the search index shows late, after a later change moved the watermark', async () => {
		const activated = await poll({ event: 'customerUpdated' });
		await write('PUT', [{ id: 1000, note: 'late' }], NOW + 5 * SECOND, 400);
		await write('PUT', [{ id: 1002, note: 'prompt' }], NOW + 9 * SECOND);
		const first = await poll({ event: 'customerUpdated' }, activated.staticData);
		expect(ids(first)).toEqual([1002]);
		await sleep(450);
		const second = await poll({ event: 'customerUpdated' }, first.staticData);
		expect(ids(second)).toEqual([1000]);
		expect(stateOf(second).watermark).toBe(NOW + 9 * SECOND);
		expect((await poll({ event: 'customerUpdated' }, second.staticData)).items).toBeNull();
	});

	it('keeps the watermark when the API fails during a poll, and the next poll catches up', async () => {
		const activated = await poll({ event: 'customerUpdated' });
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
		const activated = await poll(params);
		await write('PUT', [{ id: 1000, first_name: 'Other attribute' }], NOW + 2 * SECOND);
		await write('PUT', [{ id: 1001, customer_fields: { birthday: '1990-01-01' } }], NOW + 3 * SECOND);
		await write('PUT', [{ id: 1002, customer_fields: { loyalty_tier: 'silver' } }], NOW + 4 * SECOND);
		const result = await poll(params, activated.staticData);
		expect(ids(result)).toEqual([1002]);
		expect(result.items?.[0].json.custom_fields).toEqual(expect.objectContaining({ loyalty_tier: 'silver' }));
		expect(stateOf(result).watermark).toBe(NOW + 4 * SECOND);
	});

	it('Customer Created fires for new customers only, filtered by customer_date', async () => {
		const activated = await poll({ event: 'customerCreated' });
		expect(lastFilter()).toMatch(/^customer_date\|gt\|/);
		await write('PUT', [{ id: 1000, note: 'update' }], NOW + 2 * SECOND);
		await write('POST', [{ email: 'new@example.com' }], NOW + 3 * SECOND);
		const result = await poll({ event: 'customerCreated' }, activated.staticData);
		expect((result.items ?? []).map((item) => item.json.email)).toEqual(['new@example.com']);
	});

	it('applies the filter builder conditions with the date condition', async () => {
		const params = { event: 'customerUpdated', filters: { conditions: [{ field: 'email', operator: 'contains', value: 'c2@' }] } };
		const activated = await poll(params);
		await write('PUT', [{ id: 1001, note: 'x' }, { id: 1002, note: 'y' }], NOW + 2 * SECOND);
		const result = await poll(params, activated.staticData);
		expect(ids(result)).toEqual([1002]);
		expect(lastFilter()).toMatch(/^email\|contains\|c2@,updated_at\|gt\|/);
	});

	it('falls back to a date-only filter when the API refuses a date-time, and remembers it', async () => {
		emu.setOptions({ dateFilters: 'dateOnly' });
		const activated = await poll({ event: 'customerUpdated' });
		expect(activated.error).toBeUndefined();
		expect(stateOf(activated).dateFilter).toBe('day');
		await write('PUT', [{ id: 1001, note: 'x' }], NOW + 2 * SECOND);
		const result = await poll({ event: 'customerUpdated' }, activated.staticData);
		expect(ids(result)).toEqual([1001]);
		expect(lastFilter()).toMatch(/^updated_at\|gt\|\d{4}-\d\d-\d\d$/);
	});

	it("shares the shop's pacer with the action node: a poll and a Get Many at once stay within the limit", async () => {
		emu.reset({ ...BASE_STATE, customers: seedCustomers(130), throttle: true });
		const [polled, listed] = await Promise.all([
			poll({ event: 'customerUpdated', options: { includeExisting: true } }),
			runNode(emu, { resource: 'customer', operation: 'getAll', returnAll: true }),
		]);
		expect(ids(polled)).toHaveLength(130);
		expect(jsonOf(listed)).toHaveLength(130);
		// One pacer for both: at most a rare 429 (DECISIONS D7), never two accepted in one window.
		expect(emu.stats().byStatus[429] ?? 0).toBeLessThanOrEqual(1);
		expect(emu.stats().maxAcceptedInWindow).toBe(1);
		expect(sent(emu, 'GET').filter((entry) => entry.status !== 429)).toHaveLength(6);
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

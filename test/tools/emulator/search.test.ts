import { startEmulator, type Emulator } from '../../../tools/emulator';
import { call, sleep } from '../../../tools/emulator/client';

// The trigger's needs: a search index that lags, writes stamped at a chosen time, and an API that takes dates only.
describe('emulator: search-index delay, fixed write time, date-only filters', () => {
	let emu: Emulator;
	const state = { customers: 3, throttle: false, indexDelayMs: 0, nowMs: undefined, dateFilters: 'any' as const };

	beforeAll(async () => {
		emu = await startEmulator(state);
	});
	afterAll(() => emu.stop());
	beforeEach(() => emu.reset(state));

	it('stamps writes with nowMs', async () => {
		const id = emu.customers[0].id;
		emu.setOptions({ nowMs: Date.parse('2026-03-01T12:00:05Z') });
		await call(emu, 'PUT', '/customers', { body: { customers: [{ id, note: 'x', customer_fields: { loyalty_tier: 'gold' } }] } });
		expect(emu.customers[0].updated_at).toBe('2026-03-01T08:00:05-04:00');
		expect(emu.customers[0].customer_fields.find((f) => f.machine_name === 'loyalty_tier')?.updated_at).toBe(1772366405);
	});

	it('shows a write to filtered lists only after indexDelayMs; unfiltered lists and GET by id at once', async () => {
		const id = emu.customers[1].id;
		emu.setOptions({ indexDelayMs: 200 });
		await call(emu, 'PUT', '/customers', { body: { customers: [{ id, note: 'late' }] } });
		const search = async () => (await call(emu, 'GET', '/customers', { query: { filters: `customer_id|equals|${id}` } })).json.customers;
		expect(await search()).toEqual([]);
		expect((await call(emu, 'GET', '/customers')).json.customers.map((c: { id: number }) => c.id)).toContain(id);
		expect((await call(emu, 'GET', `/customers/${id}`)).json.customers[0].note).toBe('late');
		await sleep(230);
		expect((await search()).map((c: { id: number }) => c.id)).toEqual([id]);
	});

	it("with dateFilters 'dateOnly' refuses a date-time value for a date field and accepts a date", async () => {
		emu.setOptions({ dateFilters: 'dateOnly' });
		const refused = await call(emu, 'GET', '/customers', { query: { filters: 'updated_at|gt|2026-01-01T00:00:00Z' } });
		expect(refused.status).toBe(400);
		expect(refused.json.message).toMatch(/^invalid filter value/);
		expect((await call(emu, 'GET', '/customers', { query: { filters: 'updated_at|gt|2000-01-01' } })).status).toBe(200);
		expect((await call(emu, 'GET', '/customers', { query: { filters: 'email|contains|T00:00' } })).status).toBe(200);
	});
});

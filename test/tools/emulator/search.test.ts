import { startEmulator, type Emulator } from '../../../tools/emulator';
import { call, sleep } from '../../../tools/emulator/client';

// The trigger's needs: a search index that lags, writes stamped at a chosen time, and an API that takes dates only.
describe('emulator: search-index delay, fixed write time, date-only filters', () => {
	let emu: Emulator;
	const state = {
		customers: 3,
		throttle: false,
		indexDelayMs: 0,
		nowMs: undefined,
		searchNowMs: undefined,
		dateFilters: 'any' as const,
		resultOrder: 'id' as const,
	};

	beforeAll(async () => {
		emu = await startEmulator(state);
	});
	afterAll(() => emu.stop());
	beforeEach(() => emu.reset(state));

	it('stamps writes with nowMs', async () => {
		const id = emu.customers[0].id;
		emu.setOptions({ nowMs: Date.parse('2026-03-01T12:00:05Z') });
		await call(emu, 'PUT', '/customers', {
			body: { customers: [{ id, note: 'x', customer_fields: { loyalty_tier: 'gold' } }] },
		});
		expect(emu.customers[0].updated_at).toBe('2026-03-01T08:00:05-04:00');
		expect(
			emu.customers[0].customer_fields.find((f) => f.machine_name === 'loyalty_tier')?.updated_at,
		).toBe(1772366405);
	});

	it('shows a write to filtered lists only after indexDelayMs; unfiltered lists and GET by id at once', async () => {
		const id = emu.customers[1].id;
		emu.setOptions({ indexDelayMs: 200 });
		await call(emu, 'PUT', '/customers', { body: { customers: [{ id, note: 'late' }] } });
		const search = async () =>
			(await call(emu, 'GET', '/customers', { query: { filters: `customer_id|equals|${id}` } }))
				.json.customers;
		expect(await search()).toEqual([]);
		expect(
			(await call(emu, 'GET', '/customers')).json.customers.map((c: { id: number }) => c.id),
		).toContain(id);
		expect((await call(emu, 'GET', `/customers/${id}`)).json.customers[0].note).toBe('late');
		await sleep(230);
		expect((await search()).map((c: { id: number }) => c.id)).toEqual([id]);
	});

	it("with dateFilters 'dateOnly' refuses a date-time value for a date field and accepts a date", async () => {
		emu.setOptions({ dateFilters: 'dateOnly' });
		const refused = await call(emu, 'GET', '/customers', {
			query: { filters: 'updated_at|gt|2026-01-01T00:00:00Z' },
		});
		expect(refused.status).toBe(400);
		expect(refused.json.message).toMatch(/^invalid filter value/);
		expect(
			(await call(emu, 'GET', '/customers', { query: { filters: 'updated_at|gt|2000-01-01' } }))
				.status,
		).toBe(200);
		expect(
			(await call(emu, 'GET', '/customers', { query: { filters: 'email|contains|T00:00' } }))
				.status,
		).toBe(200);
	});

	it('touch changes customers without a request; a search shows them from visibleAtMs on the search clock', async () => {
		const [a, b] = emu.customers.map((c) => c.id);
		const at = Date.parse('2026-03-01T12:00:05Z');
		emu.setOptions({ searchNowMs: at });
		emu.touch([a, b], { atMs: at, customFields: { loyalty_tier: 'gold' } });
		emu.touch([b], { atMs: at, visibleAtMs: at + 60_000 });
		expect(emu.requests).toHaveLength(0);
		expect(emu.customers[0].updated_at).toBe('2026-03-01T08:00:05-04:00');
		expect(
			emu.customers[0].customer_fields.find((f) => f.machine_name === 'loyalty_tier')?.updated_at,
		).toBe(1772366405);
		const search = async () =>
			(
				await call(emu, 'GET', '/customers', {
					query: { filters: 'updated_at|gt|2026-03-01T12:00:00Z' },
				})
			).json.customers.map((c: { id: number }) => c.id);
		expect(await search()).toEqual([a]);
		emu.setOptions({ searchNowMs: at + 60_000 });
		expect(await search()).toEqual([a, b]);
	});

	it.each(['updatedAsc', 'updatedDesc', 'random'] as const)(
		'resultOrder %s: pages follow that order and the cursor goes through every customer once',
		async (resultOrder) => {
			emu.reset({ ...state, customers: 120, resultOrder, pageSize: 50 });
			const ids: number[] = [];
			const times: number[] = [];
			let cursor: string | undefined;
			do {
				const reply = await call(emu, 'GET', '/customers', {
					query: {
						filters: 'updated_at|gt|2000-01-01T00:00:00Z',
						...(cursor ? { next_page: cursor } : {}),
					},
				});
				for (const c of reply.json.customers as Array<{ id: number; updated_at: string }>) {
					ids.push(c.id);
					times.push(Date.parse(c.updated_at));
				}
				cursor = reply.json.next_page;
			} while (cursor);
			expect(new Set(ids).size).toBe(120);
			expect(ids).toHaveLength(120);
			const sorted = [...times].sort((x, y) => x - y);
			if (resultOrder === 'updatedAsc') expect(times).toEqual(sorted);
			if (resultOrder === 'updatedDesc') expect(times).toEqual(sorted.reverse());
			if (resultOrder === 'random') expect(ids).not.toEqual([...ids].sort((x, y) => x - y));
		},
	);
});

import {
	keyOf,
	loadState,
	savedForm,
	type PlanState,
} from '../../../nodes/CustomerAccountFieldsTrigger/pollState';

const T = Date.parse('2026-11-25T10:00:00Z');

describe('savedForm and loadState', () => {
	it('keeps the seen keys as one compact string and reads them back exactly', () => {
		const state: PlanState = {
			event: 'customerUpdated',
			dateFilter: 'instant',
			checked: T,
			newest: T + 90_000,
			seen: new Set([
				keyOf(7123456789012, T + 1000),
				keyOf(42, T + 90_000),
				keyOf('gid://x y', T + 5000),
			]),
			density: { count: 600, ms: 60_000 },
			planned: { after: T + 87_000, until: T + 88_000, expected: 50 },
			resume: {
				read: { kind: 'recheck', after: T, until: T + 60_000, maxPages: 100 },
				cursor: 'abc',
				count: 50,
			},
		};
		const saved = savedForm(state);
		expect(saved.seen).toBe('2iwgy8zys.1 16.2i ~gid%3A%2F%2Fx%20y.5');
		const back = loadState(JSON.parse(JSON.stringify(saved)), 'customerUpdated', 300_000);
		expect(back).toEqual(state);
		// About 13 bytes a change with Shopify's 13-digit ids.
		expect((saved.seen as string).split(' ')[0].length + 1).toBeLessThanOrEqual(13);
	});

	it('starts afresh for another event or an unknown shape', () => {
		const saved = savedForm({
			event: 'customerUpdated',
			dateFilter: 'day',
			checked: T,
			newest: T,
			seen: new Set(),
		});
		expect(loadState(saved, 'customerCreated', 300_000)).toBeUndefined();
		expect(loadState({ event: 'customerUpdated' }, 'customerUpdated', 300_000)).toBeUndefined();
		expect(loadState(saved, 'customerUpdated', 300_000)?.dateFilter).toBe('day');
	});

	it('goes on from the shape saved before version 2: what it would have emitted next, and its keys', () => {
		const before = {
			event: 'customFieldChanged',
			watermark: T,
			queryFrom: T + 20_000,
			seen: [`1@${T}`, `2@${T - 400_000}`],
			dateFilter: 'instant',
		};
		expect(loadState(before, 'customFieldChanged', 300_000)).toEqual({
			event: 'customFieldChanged',
			dateFilter: 'instant',
			// It emitted changes no older than watermark − overlap that were not in `seen`.
			checked: T - 300_000 - 1000,
			newest: T + 20_000,
			seen: new Set([`1@${T}`]),
		});
	});
});
